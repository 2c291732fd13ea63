"""Store: idempotent saves, facts linked to their article with offsets, database URL choice."""

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from crisisdesk.model import Article, Claim, Condition, Event, Extraction, Figure, Place, PlaceMention, Quantity, TimeExpression, TimeSpan
from crisisdesk.store import DEFAULT_DB_URL, Store, resolve_db_url
from crisisdesk.store.schema import articles, claims, conditions, events, figures, metadata, place_mentions, places, quantities, times

TEXT = "About 2,000 people were displaced in Beira. Beira is in Mozambique."
BEIRA = Place("Beira", 1052373, "MOZ", -19.84, 34.84, "city", admin1="Sofala", population=530604)
MOZAMBIQUE = Place("Mozambique", 1036973, "MOZ", -18.25, 35.0, "country")


def extraction(article_id: str = "a1", text: str = TEXT) -> Extraction:
    beira = PlaceMention("Beira", 37, 42, BEIRA, 0.9)
    mentions = [
        beira,
        PlaceMention("Beira", 44, 49, BEIRA, 0.9, embedded=True),
        PlaceMention("Mozambique", 56, 66, MOZAMBIQUE, 1.0, adjectival=True),
    ]
    quantity = Quantity("About 2,000", 0, 11, 2000, None, "about", "people", 12, 18)
    figure = Figure(
        text="About 2,000 people",
        start=0,
        end=18,
        quantity=2000,
        quantity_max=None,
        qualifier="about",
        unit="people",
        term="displaced",
        group=None,
        place=beira,
        date=TimeSpan(date(2024, 3, 1), date(2024, 3, 2), "day"),
        sentence=text[:43],
        attribution="OCHA",
        sentence_start=0,
        sentence_end=43,
        tense="past",
        part_of=None,
        country="MOZ",
    )
    article = Article(article_id, text, date(2024, 3, 2), "Floods", None, "Example", "en", "a.txt")
    return Extraction(article, mentions, [quantity], [figure])


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path: Path) -> Store:
    """The same tests on the default SQLite file and on a PostgreSQL server."""
    if request.param == "sqlite":
        return Store(f"sqlite:///{tmp_path / 'test.sqlite'}")
    store = Store(request.getfixturevalue("postgres_url"))
    with store.engine.begin() as connection:  # one cluster for the session: start each test empty
        for table in reversed(metadata.sorted_tables):
            connection.execute(table.delete())
    return store


def count(store: Store, table) -> int:
    with store.engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(table)).scalar_one()


def test_a_database_from_before_a_new_column_gets_it(tmp_path: Path):
    import sqlite3

    path = tmp_path / "old.sqlite"
    Store(f"sqlite:///{path}")
    con = sqlite3.connect(path)
    con.execute("ALTER TABLE place_mentions DROP COLUMN adjectival")  # as made before the columns existed
    con.execute("ALTER TABLE place_mentions DROP COLUMN embedded")
    con.commit()
    con.close()
    store = Store(f"sqlite:///{path}")
    store.save(extraction())
    assert [(m.adjectival, m.embedded) for m in next(store.extractions()).places] == [(False, False), (False, True), (True, False)]


def test_the_same_article_is_stored_once(store: Store):
    assert store.save(extraction()) is True
    assert store.save(extraction()) is False
    assert [count(store, t) for t in (articles, place_mentions, quantities, figures, places)] == [1, 3, 1, 1, 2]


def test_what_is_read_back_equals_what_was_saved(store: Store):
    saved = [extraction("a1"), extraction("a2", TEXT + " More.")]
    for item in saved:
        store.save(item)
    assert sorted(store.extractions(), key=lambda e: e.article.id) == saved


def test_a_date_read_from_the_url_is_read_back_marked_so(store: Store):
    from dataclasses import replace

    from crisisdesk.analysis.sources import source_of

    item = extraction()
    dated = replace(item, article=replace(item.article, published=date(2018, 3, 5), published_from="url"))
    store.save(dated)
    (back,) = store.extractions()
    assert back.article.published_from == "url" and back == dated
    assert source_of(back.article).date_label == "2018-03-05, dated by its URL"


def test_saving_again_replaces_the_facts_of_the_article(store: Store):
    store.save(extraction())
    first = extraction()
    store.save(Extraction(first.article, first.places[:1], [], []))
    (again,) = store.extractions()
    assert len(again.places) == 1 and again.quantities == [] and again.figures == []


def test_facts_keep_their_evidence_offsets(store: Store):
    store.save(extraction())
    with store.engine.connect() as connection:
        row = connection.execute(select(figures.c.start, figures.c.end, figures.c.text, figures.c.article_id)).one()
    assert TEXT[row.start : row.end] == row.text and row.article_id == "a1"


def test_events_and_times_are_read_back_as_saved_and_replaced_on_a_new_save(store: Store):
    text = "Troops shelled Beira on Friday. Aid arrives next week."
    friday = TimeExpression("Friday", 22, 28, "DATE", "2024-03-01", date(2024, 3, 1), date(2024, 3, 1), "2024-03-02")
    next_week = TimeExpression("next week", 44, 53, "DATE", "2024-W10", date(2024, 3, 4), date(2024, 3, 10), "2024-03-02")
    beira = PlaceMention("Beira", 15, 20, BEIRA, 0.9)
    shelling = Event(
        type="offensive",
        text="shelled",
        start=7,
        end=14,
        status="happened",
        sentence=text[:31],
        sentence_start=0,
        sentence_end=31,
        actor="Troops",
        target="Beira",
        place=beira,
        time=friday,
        when=TimeSpan(date(2024, 3, 1), date(2024, 3, 1), "day"),
        dated_by="text",
    )
    undated = Event(
        type="aid_delivery",
        text="arrives",
        start=36,
        end=43,
        status="planned",
        sentence=text[32:],
        sentence_start=32,
        sentence_end=54,
        when=TimeSpan(date(2024, 3, 2), None, "unknown"),
        dated_by="publication",
    )
    saved = Extraction(Article("e1", text, date(2024, 3, 2)), [beira], [], [], [friday, next_week], [shelling, undated])
    store.save(saved)
    store.save(saved)
    assert list(store.extractions()) == [saved]
    assert (count(store, events), count(store, times)) == (2, 2)
    store.save(Extraction(saved.article, [beira], [], [], [friday], []))
    assert (count(store, events), count(store, times)) == (0, 1)


def test_conditions_are_read_back_with_their_place_time_and_sectors(store: Store):
    text = "Troops shelled Beira on Friday. People hide in basements without electricity."
    friday = TimeExpression("Friday", 22, 28, "DATE", "2024-03-01", date(2024, 3, 1), date(2024, 3, 1), "2024-03-02")
    beira = PlaceMention("Beira", 15, 20, BEIRA, 0.9)
    shelter = Condition(
        kind="shelter",
        text="hide in basements",
        start=39,
        end=56,
        sectors=("Shelter",),
        pillar="Humanitarian Conditions",
        sentence=text[32:],
        sentence_start=32,
        sentence_end=77,
        place=beira,
        time=friday,
    )
    lack = Condition(
        kind="services_cut",
        text="without electricity",
        start=57,
        end=76,
        sectors=("Shelter",),
        pillar="Humanitarian Conditions",
        sentence=text[32:],
        sentence_start=32,
        sentence_end=77,
        attribution="OCHA",
    )
    saved = Extraction(Article("c1", text, date(2024, 3, 2)), [beira], [], [], [friday], [], [shelter, lack])
    store.save(saved)
    store.save(saved)
    assert list(store.extractions()) == [saved]
    assert count(store, conditions) == 2
    store.save(Extraction(saved.article, [beira], [], [], [friday], [], []))
    assert count(store, conditions) == 0


def test_claims_are_read_back_as_saved_and_replaced_on_a_new_save(store: Store):
    text = "Beira rejects allegations of looting on Friday. The UN said it would send a mission."
    friday = TimeExpression("Friday", 39, 45, "DATE", "2024-03-01", date(2024, 3, 1), date(2024, 3, 1), "2024-03-02")
    beira = PlaceMention("Beira", 0, 5, BEIRA, 0.9)
    denial = Claim(
        stance="denial", text="rejects", start=6, end=13, sentence=text[:46], sentence_start=0, sentence_end=46, speaker="Beira", speaker_country="MOZ", content="looting", content_start=29,
        content_end=36, topic="looting", polarity="negative", time=friday,
    )  # fmt: skip
    promise = Claim(
        stance="promise",
        text="said",
        start=54,
        end=58,
        sentence=text[47:],
        sentence_start=47,
        sentence_end=84,
        speaker="The UN",
        content="it would send a mission",
        content_start=59,
        content_end=82,
        topic="mission deployed",
        place=beira,
    )
    saved = Extraction(Article("c1", text, date(2024, 3, 2)), [beira], [], [], [friday], [], claims=[denial, promise])
    store.save(saved)
    store.save(saved)
    assert list(store.extractions()) == [saved]
    assert count(store, claims) == 2
    store.save(Extraction(saved.article, [beira], [], [], [friday], []))
    assert count(store, claims) == 0


def test_the_database_is_the_flag_else_the_environment_else_the_default(monkeypatch, tmp_path: Path):
    monkeypatch.delenv("CRISISDESK_DB", raising=False)
    assert resolve_db_url(None) == DEFAULT_DB_URL
    monkeypatch.setenv("CRISISDESK_DB", "postgresql+psycopg://u@localhost/crisis")
    assert resolve_db_url(None) == "postgresql+psycopg://u@localhost/crisis"
    assert resolve_db_url(str(tmp_path / "x.sqlite")) == f"sqlite:///{tmp_path / 'x.sqlite'}"
    assert resolve_db_url("sqlite:///y.sqlite") == "sqlite:///y.sqlite"


#: Every kind of fact, with places and times, in a text whose mojibake is repaired for analysis.
SPOILT = (
    "Š—“More than 2,000 people fled to Tumaco in Nari’±o on Friday,Š—� the countryŠ—Ès ombudsman said. "
    "Azerbaijani forces shelled Stepanakert on 19 September, the UN said. "
    "Residents hide in basements without electricity in Stepanakert. "
    "Armenia accused Azerbaijan of ethnic cleansing last week."
)


@pytest.fixture(scope="module")
def extracted() -> Extraction:
    from crisisdesk.ingest import make_article
    from crisisdesk.ingest.readers import RawArticle
    from crisisdesk.nlp.pipeline import extract

    article = make_article(RawArticle(SPOILT, "spoilt.txt", published=date(2023, 9, 25)))
    (found,) = extract([article])
    return found


def _references(x: Extraction) -> list[tuple[str, int, str, int | None]]:
    """(list, position, field, position in the article's list by identity) of every fact's place and time."""

    def position(entry, entries) -> int | None:
        return next((i for i, e in enumerate(entries) if e is entry), None)

    return [
        (name, i, f, position(getattr(fact, f), x.places if f == "place" else x.times))
        for name in ("figures", "events", "conditions", "claims")
        for i, fact in enumerate(getattr(x, name))
        for f in ("place", "time")
        if getattr(fact, f, None) is not None
    ]


@pytest.mark.slow
def test_an_extraction_is_read_back_equal_with_its_facts_places_and_times_the_articles_own(store: Store, extracted: Extraction):
    assert extracted.article.repairs and extracted.events and extracted.conditions and extracted.claims and extracted.country == "AZE"
    references = _references(extracted)
    assert {f for _, _, f, _ in references} == {"place", "time"} and None not in {p for *_, p in references}
    store.save(extracted)
    (back,) = store.extractions()
    assert back == extracted
    assert _references(back) == references  # by position: the same objects as in the lists


def test_a_database_from_before_positions_and_countries_gets_them_from_what_it_holds(store: Store):
    from sqlalchemy import text as sql

    text = "Troops shelled Beira on Friday. Beira is in Mozambique."
    friday = TimeExpression("Friday", 24, 30, "DATE", "2024-03-01", date(2024, 3, 1), date(2024, 3, 1), "2024-03-02")
    mentions = [
        PlaceMention("Beira", 15, 20, BEIRA, 0.9),
        PlaceMention("Beira", 32, 37, BEIRA, 0.9),
        PlaceMention("Mozambique", 44, 54, MOZAMBIQUE, 1.0),
    ]
    shelling = Event(
        type="offensive", text="shelled", start=7, end=14, status="happened", sentence=text[:31], sentence_start=0, sentence_end=31,
        place=mentions[1], time=friday,
    )  # fmt: skip
    saved = Extraction(Article("old", text, date(2024, 3, 2)), mentions, [], [], [friday], [shelling])
    store.save(saved)
    # As an older crisisdesk kept it: facts point at the rows of their place and time, rows have
    # no position (read back in text order), the article no country.
    from sqlalchemy import inspect

    had = {c["name"] for c in inspect(store.engine).get_columns("events")}  # the PostgreSQL cluster is shared by the session
    with store.engine.begin() as connection:
        for column in ("place_mention_id", "time_id"):
            if column not in had:
                connection.execute(sql(f"ALTER TABLE events ADD COLUMN {column} INTEGER"))
        connection.execute(
            sql("UPDATE events SET place_mention_id = (SELECT id FROM place_mentions WHERE start = 32), time_id = (SELECT id FROM times)")
        )
        for table, column in (
            ("events", "place_index"),
            ("events", "time_index"),
            ("place_mentions", "position"),
            ("times", "position"),
            ("articles", "country"),
        ):
            connection.execute(sql(f"ALTER TABLE {table} DROP COLUMN {column}"))
    (back,) = Store(store.url).extractions()
    assert back == saved and back.country == "MOZ"
    assert back.events[0].place is back.places[1] and back.events[0].time is back.times[0]


def test_a_place_a_fact_refers_to_that_the_list_lacks_is_stored_with_the_places_in_text_order(store: Store):
    first = extraction()
    beira, mozambique = first.places[0], first.places[2]
    troops = PlaceMention("About", 0, 5, None, 0.2)  # not in the article's list, before every place in it
    event = Event(
        type="displacement",
        text="displaced",
        start=24,
        end=33,
        status="happened",
        sentence=TEXT[:43],
        sentence_start=0,
        sentence_end=43,
        place=troops,
    )
    store.save(Extraction(first.article, [beira, mozambique], [], first.figures, [], [event]))
    (back,) = store.extractions()
    assert back.places == [troops, beira, mozambique]
    assert back.events[0].place is back.places[0] and back.figures[0].place is back.places[1]


def test_a_save_is_one_insert_per_table_and_a_known_place_is_not_looked_up_again(store: Store):
    import re

    from sqlalchemy import event

    statements: list[str] = []
    event.listen(store.engine, "before_cursor_execute", lambda *args: statements.append(" ".join(args[2].split()).lower()))
    store.save(extraction("a1"))
    first = list(statements)
    statements.clear()
    store.save(extraction("a2"))

    def counted(pattern: str, among: list[str]) -> int:
        return sum(bool(re.match(pattern, s)) for s in among)

    # Three mentions of two places: one batched insert of the mentions, each place looked up once.
    assert counted(r"insert into place_mentions\b", first) == 1
    assert counted(r"select places\.id from places\b", first) == 2 and counted(r"insert into places\b", first) == 2
    # The next article's mentions of the same places need no look-up at all.
    assert counted(r"select places\.id from places\b", statements) == 0 and counted(r"insert into places\b", statements) == 0
    assert counted(r"insert into place_mentions\b", statements) == 1
    assert count(store, places) == 2 and count(store, place_mentions) == 6


def test_a_batch_is_stored_in_one_transaction_and_an_article_the_database_refuses_is_rolled_back_alone(store: Store):
    refused = extraction("refused")
    # A mention without a confidence breaks a NOT NULL constraint, after its article row and its
    # place row were written: the savepoint takes both back, and the place id it got is not reused.
    refused = Extraction(refused.article, [PlaceMention("Beira", 37, 42, BEIRA, None)], [], [])
    results = store.save_many([refused, extraction("a1"), extraction("a2")])
    assert isinstance(results[0], Exception) and results[1:] == [True, True]
    assert [x.article.id for x in store.extractions()] == ["a1", "a2"]
    assert count(store, places) == 2  # Beira and Mozambique once, from a1
    assert [m.place for m in next(store.extractions()).places] == [BEIRA, BEIRA, MOZAMBIQUE]
    assert store.save_many([extraction("a1"), extraction("a3")]) == [False, True]  # replaced, new
    assert store.integrity_problems() == []
