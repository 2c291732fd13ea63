"""Ingest: every format, metadata lines, bad input, stable ids, mojibake repair with offsets."""

import io
import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crisisdesk.ingest import count_inputs, read_sources
from crisisdesk.ingest.text import article_id, detect_language, find_repairs, parse_date, split_metadata
from crisisdesk.model import Article, IngestError
from crisisdesk.offsets import OffsetMap

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
IDETECT = Path(__file__).resolve().parents[2] / "shared" / "eval" / "idetect" / "dev.csv"
STORY = "About 2,000 people were displaced by floods in Beira, Mozambique, the authorities said on Monday."


def read(*paths, **kwargs):
    return list(read_sources([str(p) for p in paths], **kwargs))


def articles_of(items):
    return [i for i in items if isinstance(i, Article)]


def errors_of(items):
    return [i for i in items if isinstance(i, IngestError)]


# --- plain text and metadata lines -----------------------------------------------------------


def test_the_seed_dated_on_the_first_line_keeps_its_date_and_its_text_on_that_line():
    (article,) = read(SEEDS / "001_6c35d05630cd5f50.txt")
    assert article.published == date(2023, 11, 8)
    assert article.text.startswith("Amidst the ongoing conflict")
    assert article.language == "en" and article.source == "001_6c35d05630cd5f50.txt"


def test_a_text_without_a_date_has_no_date_not_today():
    (article,) = read(SEEDS / "000_f6cbcd3bd02963de.txt")
    assert article.published is None
    assert article.text.startswith("The deployment of a UN humanitarian mission")


def test_metadata_lines_are_metadata_and_the_body_is_verbatim(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(
        f"title: Floods in Beira\nDate: 2 March 2024\nurl: https://example.org/x\nsource: Example News\n\n{STORY}\n  second line\n", "utf-8"
    )
    (article,) = read(path)
    assert (article.title, article.published, article.url, article.source) == (
        "Floods in Beira",
        date(2024, 3, 2),
        "https://example.org/x",
        "Example News",
    )
    assert article.text == f"{STORY}\n  second line\n"


def test_a_sentence_that_starts_with_date_is_not_metadata():
    meta, start = split_metadata("Date palms were burnt in 2020 near Basra.")
    assert meta.published is None and start == 0


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_publication_dates_read_back_in_iso_and_written_forms(day):
    assert parse_date(day.isoformat()) == day
    assert parse_date(f"{day.isoformat()}T10:30:00Z") == day
    assert parse_date(f"{day.day} {day.strftime('%B')} {day.year}") == day


@pytest.mark.parametrize("value", ["", "Monday", "23 March", "yesterday", "soon", None, "n/a"])
def test_a_date_without_a_year_is_no_date(value):
    assert parse_date(value) is None


# --- JSONL, CSV, HTML, stdin -------------------------------------------------------------------


def test_jsonl_reads_fields_and_reports_a_malformed_line_by_number(tmp_path):
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "a1", "text": STORY, "published": "2024-03-02T08:00:00Z", "title": "T", "url": "u", "source": "S"}),
        "{not json",
        json.dumps({"id": "a2", "title": "no text"}),
        "",
        json.dumps({"text": "Some 300 families fled the fighting in Goma."}),
    ]
    path.write_text("\n".join(lines), "utf-8")
    items = read(path)
    first, last = articles_of(items)
    assert (first.id, first.published, first.title, first.url, first.source) == ("a1", date(2024, 3, 2), "T", "u", "S")
    assert last.id == article_id(last.text) and last.source == "batch.jsonl"
    assert [(e.origin, e.reason.split(" (")[0]) for e in errors_of(items)] == [
        (f"{path}:2", "malformed JSON line"),
        (f"{path}:3", "no text field"),
    ]


def test_csv_reads_the_text_column_of_the_public_gold_set():
    items = read(IDETECT)
    assert len(articles_of(items)) == 156 and not errors_of(items)
    assert articles_of(items)[1].id == "2"  # the excerpt_id column


def test_csv_without_a_text_column_is_an_error(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("a,b\n1,2\n", "utf-8")
    (error,) = read(path)
    assert isinstance(error, IngestError) and "no text column" in error.reason


def test_html_keeps_the_main_text_and_drops_menus_and_footers(tmp_path):
    page = f"""<html><head><title>Floods in Beira</title></head><body>
    <nav><ul><li><a href="/">Home</a></li><li><a href="/sport">Sport section</a></li></ul></nav>
    <article><h1>Floods in Beira</h1><p>{STORY}</p>
    <p>Aid agencies said roads to the city were cut and that shelters were full, with more rain expected this week across the province.</p></article>
    <footer><p>Copyright Example Media Group. All rights reserved. Privacy policy.</p></footer></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(page, "utf-8")
    (article,) = read(path)
    assert STORY in article.text
    assert "Copyright" not in article.text and "Sport section" not in article.text
    assert article.title == "Floods in Beira"
    assert article.published is None  # the page states no date: never today


def test_stdin_takes_jsonl_or_one_text():
    jsonl = read_sources(["-"], stdin=io.StringIO(json.dumps({"text": STORY}) + "\n" + json.dumps({"text": "Another report."})))
    assert [a.origin for a in jsonl] == ["-:1", "-:2"]
    (text,) = read_sources(["-"], stdin=io.StringIO(STORY))
    assert text.text == STORY and text.origin == "-"


# --- folders and bad input -----------------------------------------------------------------------


def test_a_folder_is_read_recursively_in_order_skipping_hidden_and_foreign_files(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Second report about Goma.", "utf-8")
    (tmp_path / "a.txt").write_text("First report about Beira.", "utf-8")
    (tmp_path / ".git" / "x.txt").write_text("hidden", "utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    assert [Path(a.origin).name for a in read(tmp_path)] == ["a.txt", "two.txt"]
    assert count_inputs([str(tmp_path)]) == 2


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"  \n\t\n", "empty text"),
        ("binary.txt", b"\x00\x01\x02\xff\xfe", "undecodable bytes"),
        ("utf16.txt", "ab".encode("utf-16-le"), "undecodable bytes"),
        ("image.png", b"\x89PNG", "unknown format"),
    ],
)
def test_a_bad_file_is_an_error_naming_it_and_the_rest_still_read(tmp_path, name, content, reason):
    (tmp_path / name).write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text(STORY, "utf-8")
    items = read(tmp_path / name, tmp_path / "missing.txt", good)
    bad, missing = errors_of(items)
    assert bad.origin == str(tmp_path / name) and reason in bad.reason
    assert missing.origin.endswith("missing.txt") and "unreadable" in missing.reason
    assert [a.text for a in articles_of(items)] == [STORY]


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text(STORY * 100, "utf-8")
    (error,) = read(path, max_bytes=1000)
    assert "too large" in error.reason and "1,000" in error.reason


def test_a_50_mb_file_is_refused_by_default_without_being_read(tmp_path):
    path = tmp_path / "dump.txt"
    with path.open("wb") as handle:
        handle.truncate(50_000_000)  # sparse: no 50 MB written to disk
    (error,) = read(path)
    assert error.origin == str(path) and "50,000,000 bytes" in error.reason


def test_a_legacy_encoded_file_is_read(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Réfugiés arrived in Goma: about 300 families.".encode("cp1252"))
    (article,) = read(path)
    assert article.text.startswith("Réfugiés")


# --- identity and language -----------------------------------------------------------------------


def test_the_same_text_has_the_same_id_in_any_format(tmp_path):
    (tmp_path / "a.txt").write_text("date 2024-03-02\n" + STORY, "utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps({"text": "  " + STORY.replace(" ", "  ") + "\n"}), "utf-8")
    first, second = read(tmp_path / "a.txt", tmp_path / "b.jsonl")
    assert first.id == second.id
    assert article_id("Another text.") != first.id


def test_language_is_detected_offline():
    assert detect_language(STORY) == "en"
    assert detect_language("Environ 2 000 personnes ont été déplacées par les inondations à Beira, selon les autorités.") == "fr"
    assert detect_language("   ") is None


# --- mojibake ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("in 31 of the countryŠ—Ès 34 provinces", "in 31 of the country’s 34 provinces"),
        ("displaced Š—“in mass displacementŠ—� events", "displaced “in mass displacement” events"),
        ("Cauca, Nari’±o and Valle", "Cauca, Nariño and Valle"),
        ("G’©d’©on.", "Gédéon."),
        ("forced to ï¬‚ee their homes", "forced to flee their homes"),
        ("Azerbaijan’s lightning offensive", "Azerbaijan’s lightning offensive"),
        # The accented letter's second byte is lost: the letter is unknown, marked as such.
        ("Choc’_, Cauca", "Choc\ufffd, Cauca"),
        ("Santa Rosa de Guayac’�n", "Santa Rosa de Guayac\ufffdn"),
        ("Timbiqu’_.", "Timbiqu\ufffd."),
    ],
)
def test_mojibake_is_repaired_for_analysis(raw, clean):
    assert OffsetMap(raw, find_repairs(raw)).text == clean


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("have been forced to  ee their homes as a result of con ict", "have been forced to flee their homes as a result of conflict"),
        ("The of cials said it was dif cult to reach the  ooded areas.", "The officials said it was difficult to reach the flooded areas."),
        ("people a ected by the  ghting", "people affected by the fighting"),
        # Words that are words, and a single space before a word, are left alone.
        ("He sat at the table in the office and went in to eat.", "He sat at the table in the office and went in to eat."),
        ("a plan to  at least", "a plan to at least"),  # no ligature here: only the run of spaces is folded
    ],
)
def test_words_a_dropped_ligature_broke_are_joined(raw, clean):
    assert OffsetMap(raw, find_repairs(raw)).text == clean


def test_the_seeds_need_no_repair_and_curly_quotes_stay():
    for path in SEEDS.iterdir():
        assert find_repairs(path.read_text("utf-8")) == ()


MOJIBAKE = {"’": "Š—È", "“": "Š—“", "ñ": "’±", "é": "’©", "fl": "ï¬‚"}


@given(st.lists(st.sampled_from(["Nari", "o", "country", "s", "people", "fled", "G", "d", "on", "ee"]), min_size=1, max_size=12), st.data())
def test_every_repaired_word_maps_back_to_the_verbatim_word(words, data):
    """Build text word by word, some words spoiled with mojibake; each clean word must map back
    onto exactly its verbatim counterpart."""
    raw_words, clean_words = [], []
    for word in words:
        clean_piece = data.draw(st.sampled_from(["", *MOJIBAKE]))
        clean_words.append(word + clean_piece + "x")
        raw_words.append(word + MOJIBAKE.get(clean_piece, "") + "x")
    raw = " ".join(raw_words)
    offsets = OffsetMap(raw, find_repairs(raw))
    assert offsets.text == " ".join(clean_words)
    clean_pos = raw_pos = 0
    for clean_word, raw_word in zip(clean_words, raw_words, strict=True):
        assert offsets.to_raw(clean_pos, clean_pos + len(clean_word)) == (raw_pos, raw_pos + len(raw_word))
        clean_pos += len(clean_word) + 1
        raw_pos += len(raw_word) + 1


# URLs of GeoWebNews articles (../shared/eval/geowebnews), news sites' own ways of filing them.
@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("http://bangordailynews.com/2018/03/31/news/nation/laura-ingraham-takes-an-easter-break", date(2018, 3, 31)),
        ("http://www.thisdaylive.com/index.php/2018/03/31/perm-secretary-launches-book/", date(2018, 3, 31)),
        ("http://www.dailyjournal.net/2018/03/31/eu-britain-russia-spy-the-latest-2/", date(2018, 3, 31)),
        ("https://www.usatoday.com/story/sports/ncaab/2018/03/30/charles-barkley-lashes-out/474183002/", date(2018, 3, 30)),
        ("https://example.org/news/2018-03-05/floods-in-aceh", date(2018, 3, 5)),
        ("https://example.org/news/2018-03-05-floods-in-aceh.html", date(2018, 3, 5)),
    ],
)
def test_a_date_in_the_urls_path_is_the_publication_date_marked_as_from_the_url(url, day):
    (article,) = articles_of(read("-", stdin=io.StringIO(json.dumps({"id": "a", "text": "Floods hit Aceh.", "url": url}) + "\n")))
    assert (article.published, article.published_from) == (day, "url")


@pytest.mark.parametrize(
    "url",
    [
        "http://www.nola.com/mardi_gras_nola/2018/01/take_a_virtual_tour_of_the_kre.html",  # a month, no day
        "https://chinapost.nownews.com/20180401-270851",  # digits of an id, not path segments
        "http://www.star-telegram.com/news/nation-world/world/article207576854.html",
        "https://example.org/2018/13/45/not-a-day",
        "https://example.org/tags/2018/",
    ],
)
def test_a_url_without_a_whole_date_gives_no_date_not_today(url):
    (article,) = articles_of(read("-", stdin=io.StringIO(json.dumps({"id": "a", "text": "Floods hit Aceh.", "url": url}) + "\n")))
    assert (article.published, article.published_from) == (None, None)


def test_a_given_date_wins_over_the_urls():
    line = {"id": "a", "text": "Floods hit Aceh.", "url": "https://example.org/2018/03/05/x", "published": "2018-03-07"}
    (article,) = articles_of(read("-", stdin=io.StringIO(json.dumps(line) + "\n")))
    assert (article.published, article.published_from) == (date(2018, 3, 7), None)
