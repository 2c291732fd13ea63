"""The picture of a store: the store is read once per report, and what several parts of the report
read is derived once (hand-made extractions, fixed vectors, no model)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import numpy as np

from crisisdesk.analysis import picture, timeline
from crisisdesk.analysis.picture import build_picture
from crisisdesk.model import Article, Event, Extraction, Place, PlaceMention, TimeSpan

KARABAKH = Place("Nagorno-Karabakh", None, "AZE", 39.83, 46.75, "region", source="curated")
NOW = datetime(2023, 11, 9, tzinfo=UTC)


def _extraction(id_: str, published: date, kind: str) -> Extraction:
    text = f"The {kind} in Nagorno-Karabakh went on."
    article = Article(id=id_, text=text, published=published, language="en", title=f"Report {id_}", origin=f"{id_}.txt")
    where = PlaceMention("Nagorno-Karabakh", 14, 30, KARABAKH, 1.0)
    told = Event(
        type=kind,
        text=kind,
        start=4,
        end=4 + len(kind),
        status="under_way",
        sentence=text,
        sentence_start=0,
        sentence_end=len(text),
        place=where,
        when=TimeSpan(None, published, "unknown"),
        dated_by="publication",
    )
    return Extraction(article, places=[where], events=[told])


class CountingStore:
    """A store that counts how often its articles are read; every article has a vector."""

    def __init__(self, extractions: list[Extraction]) -> None:
        from crisisdesk.store import Store

        self._extractions = extractions
        self.reads = 0
        self.engine = Store("sqlite://").engine  # where the analysts' corrections are kept (none here)

    def extractions(self):
        self.reads += 1
        yield from self._extractions

    def article_vectors(self, model: str) -> dict[str, np.ndarray]:
        return {x.article.id: np.array([1.0, 0.0], dtype=np.float32) for x in self._extractions}

    def save_article_vectors(self, model, vectors) -> None:
        raise AssertionError("every article has its vector")


def test_a_report_reads_the_store_once_and_derives_the_accounts_of_events_once(monkeypatch):
    store = CountingStore([_extraction("a", date(2023, 9, 20), "offensive"), _extraction("b", date(2023, 9, 26), "displacement")])
    derived = []
    original = timeline.tellings_of

    def counted(*args, **kwargs):
        derived.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(picture, "tellings_of", counted)
    built = build_picture(store, now=NOW)
    assert store.reads == 1
    assert len(derived) == 1
    assert [e.type for e in built.timeline] == ["offensive", "displacement"]
    assert [s.id for s in built.sources] == ["a", "b"] and len(built.stories) == 1


def test_one_story_of_the_store_is_read_from_the_same_single_pass():
    store = CountingStore([_extraction("a", date(2023, 9, 20), "offensive")])
    built = build_picture(store, now=NOW, story="Nagorno-Karabakh")
    assert store.reads == 1 and [s.id for s in built.sources] == ["a"]
