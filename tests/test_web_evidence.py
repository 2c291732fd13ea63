"""The evidence view's pieces of an article: the fact's words marked, each repair shown once with
what it was read as, and nothing of the text lost or doubled."""

from __future__ import annotations

from crisisdesk.ingest.text import find_repairs
from crisisdesk.web.evidence import article_segments

TEXT = "The cityâ€™s 5,000 residents fled to the ï¬\u0081elds."


def test_the_pieces_rebuild_the_text_and_mark_the_fact_and_the_repairs():
    repairs = find_repairs(TEXT)
    assert [TEXT[r.start : r.end] for r in repairs][0] == "cityâ€™s" and len(repairs) == 2
    start = TEXT.index("5,000 residents")
    segments = article_segments(TEXT, (start, start + len("5,000 residents")), repairs)
    assert "".join(s.text for s in segments) == TEXT
    assert [s.text for s in segments if s.in_fact] == ["5,000 residents"]
    shown = [(s.text, s.repaired_as) for s in segments if s.repaired_as is not None]
    assert shown == [(TEXT[r.start : r.end], r.replacement) for r in repairs] and shown[0] == ("cityâ€™s", "city’s")


def test_a_fact_across_a_repair_is_marked_in_pieces_and_the_replacement_shown_once():
    repairs = find_repairs(TEXT)
    start, end = TEXT.index("The"), TEXT.index(" 5,000")
    segments = article_segments(TEXT, (start, end), repairs)
    marked = [s for s in segments if s.in_fact]
    assert "".join(s.text for s in marked) == "The cityâ€™s"
    assert [s.repaired_as for s in marked] == [None, "city’s"]
    assert "".join(s.text for s in segments) == TEXT


def test_offsets_outside_the_text_mark_nothing():
    segments = article_segments("Short text.", (50, 60), ())
    assert [s.text for s in segments] == ["Short text."] and not any(s.in_fact for s in segments)
