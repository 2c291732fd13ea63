"""The places and times inside a stretch of text (crisisdesk.nlp.within): by bisection over an
OffsetList, the very items, in the very order, a scan of every item gives."""

from __future__ import annotations

import random

from crisisdesk.model import Place, PlaceMention, TimeExpression
from crisisdesk.nlp.within import OffsetList, in_sentence, within

TEXT = (
    "Fighting broke out in Faskari LGA on Monday. Some 3,000 people fled to Katsina. "
    "On 12 March, floods displaced 2,000 people in Beira, in Sofala province."
)


def mention(name: str, nth: int = 0) -> PlaceMention:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(name, start + 1)
    return PlaceMention(name, start, start + len(name), Place(name, None, "NGA", None, None, "city"), 1.0)


def time(words: str) -> TimeExpression:
    start = TEXT.index(words)
    return TimeExpression(words, start, start + len(words), "DATE", "XXXX")


PLACES = [mention("Faskari LGA"), mention("Katsina"), mention("Beira"), mention("Sofala")]
SENTENCES = [(0, 44), (45, 79), (80, len(TEXT))]


def scanned(items, start, end):
    return [m for m in items if start <= m.start and m.end <= end]


def test_the_places_of_each_sentence_are_those_a_scan_finds():
    indexed = OffsetList(PLACES)
    assert [m.text for m in within(indexed, *SENTENCES[0])] == ["Faskari LGA"]
    assert [m.text for m in within(indexed, *SENTENCES[1])] == ["Katsina"]
    assert [m.text for m in within(indexed, *SENTENCES[2])] == ["Beira", "Sofala"]
    assert within(indexed, 0, 10) == []  # "Fighting b": no place inside
    for start, end in SENTENCES:
        assert within(indexed, start, end) == scanned(PLACES, start, end) == within(PLACES, start, end)


def test_a_mention_running_past_the_end_is_not_inside():
    beira = mention("Beira")
    assert within(OffsetList(PLACES), 0, beira.end - 1) == scanned(PLACES, 0, beira.end - 1)
    assert beira not in within(OffsetList(PLACES), 0, beira.end - 1)


def test_an_empty_item_at_the_end_is_inside_as_a_scan_has_it():
    empty = TimeExpression("", 44, 44, "DATE", None)
    items = [time("Monday"), empty]
    assert within(OffsetList(items), 0, 44) == scanned(items, 0, 44) == [time("Monday"), empty]


def test_items_out_of_order_are_read_as_a_plain_list_does():
    shuffled = [PLACES[2], PLACES[0], PLACES[3], PLACES[1]]
    for start, end in [*SENTENCES, (0, len(TEXT))]:
        assert within(OffsetList(shuffled), start, end) == scanned(shuffled, start, end)


def test_random_spans_agree_with_a_scan():
    rng = random.Random(7)
    items = sorted(
        (TimeExpression("x", s, s + rng.randrange(0, 30), "DATE", None) for s in (rng.randrange(0, 500) for _ in range(300))),
        key=lambda t: t.start,
    )
    indexed = OffsetList(items)
    for _ in range(500):
        start = rng.randrange(0, 520)
        end = start + rng.randrange(0, 80)
        assert within(indexed, start, end) == scanned(items, start, end)


def test_a_sentence_is_read_by_its_characters():
    class Sentence:  # what in_sentence reads of a spaCy Span
        start_char, end_char = SENTENCES[2]

    assert in_sentence(OffsetList(PLACES), Sentence) == [PLACES[2], PLACES[3]]


def test_an_offset_list_is_a_list():
    indexed = OffsetList(PLACES)
    assert indexed == PLACES and list(indexed) == PLACES and indexed[1:] == PLACES[1:]
    indexed.append(mention("Katsina"))  # grown after a look-up: the index follows
    within(indexed, 0, 10)
    assert within(indexed, *SENTENCES[1]) == scanned(indexed, *SENTENCES[1])
