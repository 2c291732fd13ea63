"""The nlp stage end to end: offsets found in repaired text point into the verbatim text."""

import pytest

from crisisdesk.ingest import make_article
from crisisdesk.ingest.readers import RawArticle
from crisisdesk.model import Extraction, IngestError, without_places
from crisisdesk.nlp.pipeline import MAX_CHARS, extract

pytestmark = pytest.mark.slow

SPOILT = (
    "Š—“More than 2,000 people fled to Tumaco in Nari’±o,Š—� the countryŠ—Ès ombudsman said. About 300 families were evacuated from Pasto."
)


def test_facts_found_in_repaired_text_point_at_the_verbatim_text():
    article = make_article(RawArticle(SPOILT, "spoilt.txt"))
    assert article.repairs
    (extraction,) = extract([article])
    assert {f.quantity for f in extraction.figures} >= {2000, 300}
    for fact in [*extraction.places, *extraction.quantities, *extraction.figures]:
        assert SPOILT[fact.start : fact.end] == fact.text
    for figure in extraction.figures:
        assert SPOILT[figure.sentence_start : figure.sentence_end] == figure.sentence
    assert any("Nari’±o" == m.text and m.place and m.place.country == "COL" for m in extraction.places), extraction.places


def test_a_place_whose_accented_letter_was_lost_is_still_found():
    text = "More than 500 people were displaced within Choc’_ department between 28 February and 8 March."
    (extraction,) = extract([make_article(RawArticle(text, "choco.txt"))])
    (figure,) = extraction.figures
    assert (figure.place.text, figure.place.place.name, figure.country) == ("Choc’_ department", "Chocó", "COL")
    assert text[figure.place.start : figure.place.end] == "Choc’_ department"


def test_an_article_too_long_to_parse_is_an_error_and_the_rest_go_on():
    short = make_article(RawArticle("About 300 families were evacuated from Pasto.", "short.txt"))
    huge = make_article(RawArticle("word " * (MAX_CHARS // 5 + 10), "huge.txt"))
    results = list(extract([huge, short]))
    errors = [r for r in results if isinstance(r, IngestError)]
    done = [r for r in results if isinstance(r, Extraction)]
    assert [e.origin for e in errors] == ["huge.txt"] and "too long" in errors[0].reason
    assert [d.article.origin for d in done] == ["short.txt"]


def test_a_figure_takes_its_places_country_else_the_articles_main_country():
    text = "Heavy fighting spread across central Mali and Mopti this week. About 3,000 people were displaced, officials said. Some 500 people fled to Niamey."
    (extraction,) = extract([make_article(RawArticle(text, "mali.txt"))])
    countries = {f.quantity: (f.place.text if f.place else None, f.country) for f in extraction.figures}
    # "Mopti", named in the sentence before, is where the 3,000 were displaced (issue 16).
    assert countries == {3000: ("Mopti", "MLI"), 500: ("Niamey", "NER")}


def test_an_unresolved_place_leaves_the_country_its_sentence_names():
    text = (
        "Somalia is facing drought. Puntland and Somaliland in Somalia were worst affected. "
        "About 3,800 people were pushed by drought over the Ethiopian border into Melkadida refugee camp."
    )
    (extraction,) = extract([make_article(RawArticle(text, "somalia.txt"))])
    (figure,) = extraction.figures
    assert (figure.quantity, figure.term, figure.country) == (3800, "displaced", "ETH")


@pytest.mark.parametrize("thorough", [False, True])
def test_a_figure_keeps_to_its_own_sentence_whatever_the_models_ran_on(thorough):
    # The second sentence holds no amount, so the fast path only tokenizes it: it must still be a
    # sentence of its own, or its place would be taken for the figure's.
    text = "More than 7,800 people remained displaced as of 2 March. Most damage occurred in Surigao and San Francisco."
    (extraction,) = extract([make_article(RawArticle(text, "quake.txt"))], thorough=thorough)
    (figure,) = extraction.figures
    assert figure.sentence == "More than 7,800 people remained displaced as of 2 March."
    assert figure.place is None


def test_a_figure_takes_the_most_specific_place_the_text_writes():
    text = "More than 104,000 people in Bima city in West Nusa Tenggara were displaced by flooding."
    (extraction,) = extract([make_article(RawArticle(text, "bima.txt"))])
    (figure,) = extraction.figures
    assert (figure.place.text, figure.country) == ("Bima", "IDN")


def test_returns_are_coded_where_people_returned_not_where_from():
    text = "About 9,000 undocumented Afghans returned from Iran and Pakistan between 15 and 21 January."
    (extraction,) = extract([make_article(RawArticle(text, "returns.txt"))])
    (figure,) = extraction.figures
    assert (figure.term, figure.place, figure.country) == ("returned", None, "AFG")


def test_a_return_takes_the_place_people_returned_to():
    text = "About 4,800 people returned from Khazer camp to their homes in Mosul in January."
    (extraction,) = extract([make_article(RawArticle(text, "mosul.txt"))])
    (figure,) = extraction.figures
    assert (figure.term, figure.place.text, figure.country) == ("returned", "Mosul", "IRQ")


def test_an_article_whose_sentences_tokenize_differently_apart_is_parsed_whole(monkeypatch):
    from crisisdesk.nlp import pipeline
    from crisisdesk.nlp.syntax import is_parsed

    monkeypatch.setattr(pipeline, "_same_starts", lambda *args: False)
    text = "More than 7,800 people remained displaced as of 2 March. Surigao lies on the coast."
    (doc,) = pipeline._parsed_by_tier(pipeline.build_nlp(), [text])
    assert all(is_parsed(sentence) for sentence in doc.sents)
    (extraction,) = extract([make_article(RawArticle(text, "quake.txt"))])
    assert [(f.quantity, f.sentence) for f in extraction.figures] == [(7800, "More than 7,800 people remained displaced as of 2 March.")]


def test_a_long_article_is_never_parsed_whole_its_sentences_are_parsed_as_its_own_tokens(monkeypatch):
    from crisisdesk.nlp import pipeline
    from crisisdesk.nlp.syntax import is_parsed

    monkeypatch.setattr(pipeline, "_same_starts", lambda *args: False)
    monkeypatch.setattr(pipeline, "WHOLE_PARSE_MAX_CHARS", 20)
    nlp = pipeline.build_nlp()
    text = "More than 7,800 people remained displaced as of 2 March. Surigao lies on the coast."
    (doc,) = pipeline._parsed_by_tier(nlp, [text])
    assert [t.text for t in doc] == [t.text for t in nlp.make_doc(text)]
    first, second = doc.sents
    assert is_parsed(first) and not is_parsed(second)
    assert doc[2].text == "7,800" and doc[2].head.text == "people" and doc[2].ent_type_ == "CARDINAL"
    (extraction,) = extract([make_article(RawArticle(text, "quake.txt"))])
    assert [(f.quantity, f.sentence) for f in extraction.figures] == [(7800, "More than 7,800 people remained displaced as of 2 March.")]


def test_times_point_at_the_verbatim_text_and_resolve_against_the_publication_date():
    from datetime import date

    text = "Š—“More than 2,000 people fled to Tumaco last week,Š—� the countryŠ—Ès ombudsman said on Friday. The town has been empty since 23 March 2017."
    article = make_article(RawArticle(text, "spoilt.txt", published=date(2023, 11, 8)))
    assert article.repairs
    (extraction,) = extract([article])
    assert [(t.text, t.type, t.value) for t in extraction.times] == [
        ("last week", "DATE", "2023-W44"),
        ("Friday", "DATE", "2023-11-03"),
        ("23 March 2017", "DATE", "2017-03-23"),
    ]
    for time in extraction.times:
        assert text[time.start : time.end] == time.text
    assert extraction.times[0].anchor == "2023-11-08" and extraction.times[2].anchor is None


def test_the_fast_path_finds_the_figures_claims_and_events_of_the_naive_one():
    # Issue 21: the same figures as the naive pipeline, on real news (GeoWebNews, TimeBank/AQUAINT
    # with a time "4 in the morning" in a sentence without a figure word, the seeds).
    from pathlib import Path

    from crisisdesk.eval.places import load_geowebnews
    from crisisdesk.eval.times import load_timeml
    from crisisdesk.ingest import read_sources

    shared = Path(__file__).resolve().parents[2] / "shared"
    articles = [
        make_article(RawArticle(g.text, f"GWN:{g.id}", id=f"gwn-{g.id}"))
        for g in list(load_geowebnews(shared / "eval" / "geowebnews" / "GWN.xml"))[:20]
    ]
    articles += [
        make_article(RawArticle(d.text, f"tml:{d.id}", id=d.id, published=d.published))
        for d in list(load_timeml(shared / "eval" / "timebank"))[:40]
    ]
    articles += [a for a in read_sources([str(shared / "seeds")]) if hasattr(a, "text")]
    naive = list(extract(articles, thorough=True, workers=1))
    fast = list(extract(articles, workers=1))
    assert all(isinstance(e, Extraction) for e in naive + fast)
    # Quantities are not compared: in a sentence with an amount but no figure word the fast path
    # reads only the recogniser's clock times (its names and other amounts there cost HumSet
    # quantity F1 and GeoWebNews place F1), so an address number can be a quantity on one path only.
    # Claims and events are: every sentence with a word of saying is parsed, and the components
    # after the places read every entity of every sentence a model read (issue 21).
    for kind in ("figures", "claims", "events"):
        for n, f in zip(naive, fast):
            assert [without_places(x) for x in getattr(f, kind)] == [without_places(x) for x in getattr(n, kind)], (kind, n.article.id)
    assert sum(len(e.figures) for e in fast) >= 40
    assert sum(len(e.claims) for e in fast) >= 100
