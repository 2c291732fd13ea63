"""The records: one evidence base for every fact, the mapping code generated from its fields, and
the one definition of an article's main country."""

import dataclasses
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Column, Integer, MetaData, Table, create_engine, insert, select

from crisisdesk.model import (
    FACT_TYPES,
    Article,
    Claim,
    Evidence,
    Extraction,
    Figure,
    Place,
    PlaceMention,
    Repair,
    TimeSpan,
    json_keys,
    main_country,
    span_of,
    to_dict,
)
from crisisdesk.nlp.pipeline import _Remapper
from crisisdesk.offsets import OffsetMap
from crisisdesk.store import _StoredList, record_from, record_row
from crisisdesk.store.schema import record_columns

BEIRA = Place("Beira", 1052373, "MOZ", -19.84, 34.84, "city")
MAPUTO = Place("Maputo", 1040652, "MOZ", -25.97, 32.58, "city")
HARARE = Place("Harare", 890299, "ZWE", -17.83, 31.05, "city")


def test_every_fact_is_evidence_and_its_json_lists_each_field_once():
    evidence = [f.name for f in dataclasses.fields(Evidence)]
    for cls in FACT_TYPES:
        assert issubclass(cls, Evidence)
        names = [f.name for f in dataclasses.fields(cls)]
        assert names[: len(evidence)] == evidence
        assert sorted(json_keys(cls)) == sorted(names), cls


def test_the_json_of_a_fact_keeps_the_key_order_of_the_contract():
    claim = Claim(stance="denial", text="rejects", start=6, end=13, sentence="Beira rejects it.", sentence_start=0, sentence_end=17)
    assert list(to_dict(claim))[:5] == ["stance", "text", "start", "end", "sentence"]


# Fields as they would be added to the evidence record (a plain value, words with offsets and a
# nested record), on a fact type: the mapping code reads fields the same way wherever they are declared.
@dataclass(frozen=True, slots=True, kw_only=True)
class _WiderFigure(Figure):
    source_kind: str | None = None
    quote: str | None = field(default=None, metadata=span_of("quote_start", "quote_end"))
    quote_start: int | None = None
    quote_end: int | None = None
    checked: TimeSpan | None = None


def _wider(raw: str, place: PlaceMention | None) -> _WiderFigure:
    return _WiderFigure(
        text="2,000 people", start=6, end=18, quantity=2000, quantity_max=None, qualifier="about", unit="people", term="displaced", group=None,
        sentence=raw[:40], sentence_start=0, sentence_end=40, place=place, source_kind="agency", quote="displaced", quote_start=24,
        quote_end=33, checked=TimeSpan(date(2024, 3, 1), None, "day"),
    )  # fmt: skip


def test_a_field_added_to_the_evidence_record_is_a_column_and_is_stored_and_read_back():
    columns = [c.name for c in record_columns(_WiderFigure)]
    assert {"source_kind", "quote", "quote_start", "quote_end", "checked_start", "checked_end", "checked_precision"} <= set(columns)
    assert "place_index" in columns and "place" not in columns
    raw = "About 2,000 people were displaced in Beira."
    beira = PlaceMention("Beira", 37, 42, BEIRA, 0.9)
    figure = _wider(raw, beira)
    table = Table("wider", MetaData(), Column("id", Integer, primary_key=True), *record_columns(_WiderFigure))
    engine = create_engine("sqlite://")
    table.metadata.create_all(engine)
    with engine.begin() as connection:
        connection.execute(insert(table), [record_row(figure, {"places": _StoredList([beira])})])
        row = connection.execute(select(table)).one()
    back = record_from(_WiderFigure, row, {"places": [beira]})
    assert back == figure and back.place is beira
    assert to_dict(back)["quote"] == "displaced" and to_dict(back)["checked"] == {"start": "2024-03-01", "end": None, "precision": "day"}


def test_a_field_added_to_the_evidence_record_is_remapped_to_the_verbatim_text():
    raw = "About ﬁ2,000 people were displaced in Beira."  # the ligature is repaired to "fi": one letter more
    offsets = OffsetMap(raw, (Repair(6, 7, "fi"),))
    assert offsets.text == "About fi2,000 people were displaced in Beira."
    repaired = dataclasses.replace(_wider(offsets.text, None), start=8, end=20, quote_start=26, quote_end=35)
    remapped = _Remapper(raw, offsets).record(repaired)
    assert (remapped.text, remapped.quote) == ("2,000 people", "displaced")
    assert raw[remapped.quote_start : remapped.quote_end] == "displaced"


def test_the_main_country_is_the_one_named_most_the_first_named_on_a_tie():
    assert main_country(["ZWE", "MOZ", None, "MOZ", ""]) == "MOZ"
    assert main_country(["ZWE", "MOZ"]) == "ZWE"
    assert main_country([None]) is None


def test_an_extraction_works_out_its_country_from_its_places_in_text_order_unless_given():
    # Listed out of text order: Harare comes first in the text, so it wins the tie.
    places = [PlaceMention("Maputo", 30, 36, MAPUTO), PlaceMention("Harare", 0, 6, HARARE), PlaceMention("the", 10, 13, None)]
    article = Article("a", "x" * 40)
    assert Extraction(article, places).country == "ZWE"
    assert Extraction(article, places, country=None).country is None  # as the store gives it
    assert Extraction(article, places + [PlaceMention("Maputo", 38, 40, MAPUTO, adjectival=True)]).country == "MOZ"


def test_the_extract_schema_describes_the_evidence_once_and_every_field_of_each_fact():
    from crisisdesk.export.extract_json import extract_schema

    defs = extract_schema()["$defs"]

    def documented(name: str) -> set[str]:
        found = set(defs[name].get("properties", {}))
        for ref in defs[name].get("allOf", []):
            found |= documented(ref["$ref"].rsplit("/", 1)[1])
        return found

    assert documented("evidence") == {f.name for f in dataclasses.fields(Evidence)}
    for cls in FACT_TYPES:
        assert documented(cls.__name__.lower()) == {f.name for f in dataclasses.fields(cls)}, cls
        assert not {f.name for f in dataclasses.fields(Evidence)} & set(defs[cls.__name__.lower()]["properties"]), cls
