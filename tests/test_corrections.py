"""Corrections are stored apart from what was extracted, survive a re-ingest, and are applied to
loaded extractions (wrong facts left out, edits applied, parts renumbered), latest first."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from crisisdesk.store.corrections import Correction, CorrectionError, CorrectionLog, corrected, corrected_store_extractions
from crisisdesk.store.schema import figures
from workspace_data import TEXT, karabakh_extraction, make_store, span


def refugees_key() -> tuple[int, int]:
    return span(TEXT, "100,000 refugees")


def test_a_correction_changes_the_loaded_figure_not_the_stored_one(tmp_path: Path):
    store = make_store(tmp_path)
    start, end = refugees_key()
    log = CorrectionLog(store)
    saved = log.add(
        Correction(
            "karabakh1", "figures", start, end, "edit", "Ana", term="displaced", date_start=date(2023, 9, 24), date_end=date(2023, 9, 26)
        )
    )
    assert saved.id is not None and saved.created_at is not None
    with store.engine.connect() as connection:
        assert connection.execute(select(figures.c.term).where(figures.c.start == start)).scalar_one() == "refugees"
    fixed = {x.article.id: x for x in corrected_store_extractions(store)}["karabakh1"]
    refugees = next(f for f in fixed.figures if f.start == start)
    assert refugees.term == "displaced"
    assert (refugees.date.start, refugees.date.end) == (date(2023, 9, 24), date(2023, 9, 26))
    assert log.history()[0].summary == "term → displaced; date → 2023-09-24–2023-09-26"


def test_marking_the_whole_wrong_unlinks_its_part_and_the_latest_correction_wins(tmp_path: Path):
    store = make_store(tmp_path)
    whole = span(TEXT, "120,000 Armenian population")
    log = CorrectionLog(store)
    log.add(Correction("karabakh1", "figures", *whole, "wrong", "Ana"))
    fixed = corrected([karabakh_extraction()], log.in_force())[0]
    assert [f.text for f in fixed.figures] == ["100,000 refugees", "51,000 inhabitants"]
    assert fixed.figures[0].part_of is None
    log.add(Correction("karabakh1", "figures", *whole, "restore", "Ben"))
    assert log.in_force() == {}
    assert len(log.history()) == 2  # nothing is overwritten
    assert corrected([karabakh_extraction()], log.in_force())[0] == karabakh_extraction()


def test_a_part_keeps_pointing_at_its_whole_when_an_earlier_figure_goes(tmp_path: Path):
    store = make_store(tmp_path)
    log = CorrectionLog(store)
    log.add(Correction("karabakh1", "figures", *refugees_key(), "wrong", "Ana"))
    fixed = corrected([karabakh_extraction()], log.in_force())[0]
    assert [f.part_of for f in fixed.figures] == [None, None]
    assert fixed.figures[0].text == "120,000 Armenian population"


def test_corrections_survive_ingesting_the_article_again(tmp_path: Path):
    store = make_store(tmp_path)
    CorrectionLog(store).add(Correction("karabakh1", "figures", *refugees_key(), "edit", "Ana", place="Goris", country="arm"))
    store.save(karabakh_extraction())  # rewrites the fact rows
    fixed = {x.article.id: x for x in corrected_store_extractions(store)}["karabakh1"]
    refugees = fixed.figures[0]
    assert (refugees.place.place.name, refugees.place.place.country, refugees.country) == ("Goris", "ARM", "ARM")
    assert refugees.place.text == "Nagorno-Karabakh"  # the words of the text stay what they were


def test_an_event_date_correction_dates_it_from_the_text(tmp_path: Path):
    store = make_store(tmp_path)
    mission = span(TEXT, "send a mission")
    CorrectionLog(store).add(Correction("karabakh1", "events", *mission, "edit", "Ana", date_start=date(2023, 10, 2)))
    event = {x.article.id: x for x in corrected_store_extractions(store)}["karabakh1"].events[0]
    assert (event.when.start, event.when.end, event.dated_by) == (date(2023, 10, 2), date(2023, 10, 2), "text")


@pytest.mark.parametrize(
    ("correction", "reason"),
    [
        (Correction("karabakh1", "figures", 0, 1, "edit", "Ana"), "must change"),
        (Correction("karabakh1", "figures", 0, 1, "edit", "Ana", term="exploded"), "unknown term"),
        (Correction("karabakh1", "events", 0, 1, "edit", "Ana", term="killed"), "only a figure"),
        (Correction("karabakh1", "rumours", 0, 1, "wrong", "Ana"), "unknown fact kind"),
        (Correction("karabakh1", "figures", 0, 1, "wrong", "  "), "author"),
        (Correction("karabakh1", "figures", 0, 1, "edit", "Ana", country="Sudan"), "alpha-3"),
        (Correction("karabakh1", "figures", 0, 1, "edit", "Ana", date_start=date(2023, 2, 1), date_end=date(2023, 1, 1)), "ends before"),
    ],
)
def test_a_correction_that_says_nothing_usable_is_refused(tmp_path: Path, correction: Correction, reason: str):
    log = CorrectionLog(make_store(tmp_path))
    with pytest.raises(CorrectionError, match=reason):
        log.add(correction)
    assert log.history() == []


def test_the_report_of_the_store_uses_the_corrections(tmp_path: Path):
    from crisisdesk.analysis.picture import build_picture

    store = make_store(tmp_path)
    CorrectionLog(store).add(Correction("karabakh1", "figures", *refugees_key(), "edit", "Ana", term="killed"))
    terms = {(k.source.id, k.figure.text): k.figure.term for k in build_picture(store).key_figures}
    assert terms[("karabakh1", "100,000 refugees")] == "killed"
