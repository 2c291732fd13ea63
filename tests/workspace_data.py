"""A small store for the workspace, corrections and export tests, built by hand from the real
sentences of a seed article (no spaCy run): two figures, a baseline they are part of, an event,
and a second article whose text is hostile HTML."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from crisisdesk.model import Article, Event, Extraction, Figure, Place, PlaceMention, TimeSpan
from crisisdesk.store import Store

TEXT = (
    "The UN said it would send a mission this weekend to primarily assess humanitarian needs. "
    "100,000 refugees – out of the 120,000 Armenian population – fled the Nagorno-Karabakh enclave out of fear of the Azerbaijani authorities. "
    "In Stepanakert, 51,000 inhabitants lived before the offensive."
)
KARABAKH = Place("Nagorno-Karabakh", None, "AZE", 39.83, 46.75, "region", source="curated")
KHANKENDI = Place("Khankendi", 146970, "AZE", 39.8177, 46.7528, "city", admin1="Xankəndi", population=2100)
HOSTILE = (
    'Aid was blocked. <script>window.__xss = "script";</script> '
    "<img src=x onerror=\"window.__xss = 'onerror'\"> "
    "Officials said 3,000 people were displaced in Stepanakert."
)


def span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def sentence_of(text: str, words: str) -> tuple[str, int, int]:
    start = text.index(words)
    left = text.rfind(". ", 0, start)
    left = 0 if left < 0 else left + 2
    right = text.find(". ", start)
    right = len(text) if right < 0 else right + 1
    return text[left:right], left, right


def figure(text: str, words: str, quantity: float, term: str, place: PlaceMention | None, **extra) -> Figure:
    start, end = span(text, words)
    sentence, s_start, s_end = sentence_of(text, words)
    return Figure(
        text=words,
        start=start,
        end=end,
        quantity=quantity,
        quantity_max=None,
        qualifier="exact",
        unit="people",
        term=term,
        group=None,
        place=place,
        date=extra.pop("date", None),
        sentence=sentence,
        attribution=None,
        sentence_start=s_start,
        sentence_end=s_end,
        tense="past",
        part_of=extra.pop("part_of", None),
        country="AZE",
    )


def karabakh_extraction() -> Extraction:
    k_start, k_end = span(TEXT, "Nagorno-Karabakh")
    s_start, s_end = span(TEXT, "Stepanakert")
    karabakh = PlaceMention("Nagorno-Karabakh", k_start, k_end, KARABAKH, 0.9)
    stepanakert = PlaceMention("Stepanakert", s_start, s_end, KHANKENDI, 0.9)
    figures = [
        figure(TEXT, "100,000 refugees", 100_000, "refugees", karabakh, part_of=1),
        figure(TEXT, "120,000 Armenian population", 120_000, "population", karabakh),
        figure(TEXT, "51,000 inhabitants", 51_000, "population", stepanakert),
    ]
    e_start, e_end = span(TEXT, "send a mission")
    sentence, left, right = sentence_of(TEXT, "send a mission")
    event = Event(type="mission_deployed", text="send a mission", start=e_start, end=e_end, status="planned", sentence=sentence, sentence_start=left, sentence_end=right, actor="The UN",
                  when=TimeSpan(date(2023, 9, 30), date(2023, 10, 1), "day"), dated_by="text")  # fmt: skip
    article = Article(
        "karabakh1", TEXT, date(2023, 9, 28), "Refugees flee Nagorno-Karabakh", "https://example.org/k1", "Example News", "en", "k1.txt"
    )
    return Extraction(article, [karabakh, stepanakert], [], figures, [], [event])


def hostile_extraction() -> Extraction:
    s_start, s_end = span(HOSTILE, "Stepanakert")
    stepanakert = PlaceMention("Stepanakert", s_start, s_end, KHANKENDI, 0.9)
    figures = [figure(HOSTILE, "3,000 people", 3_000, "displaced", stepanakert)]
    article = Article(
        "hostile1", HOSTILE, date(2023, 9, 29), "<img src=x onerror=\"window.__xss = 'title'\">", None, "<b>Bad</b> source", "en", "h.txt"
    )
    return Extraction(article, [stepanakert], [], figures)


def make_store(folder: Path) -> Store:
    store = Store(f"sqlite:///{folder / 'workspace.sqlite'}")
    store.save(karabakh_extraction())
    store.save(hostile_extraction())
    return store
