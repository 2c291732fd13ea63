"""What the web app shows, read from the store once and kept until the store changes.

A :class:`Snapshot` holds every extraction as extracted and as corrected, the stories, and one row
per fact with its correction and story; the app filters, sorts and pages these rows in memory (a
store of a thousand articles holds some ten thousand facts). Ingesting articles makes the next
request read the store again; a correction only applies the corrections again to the extractions
already read. The snapshot is built in the background when the server starts, so that starting
does not wait for it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from crisisdesk.analysis.picture import SituationPicture, format_amount, picture_of
from crisisdesk.analysis.sources import Source, place_label, source_of
from crisisdesk.analysis.stories import Story
from crisisdesk.model import TERM_LABELS, Extraction
from crisisdesk.store.corrections import FACT_KINDS, Correction, CorrectionLog, applied, corrected

#: How a figure stands in its story's picture, most relevant first (the figures table filters on it).
RELEVANCE: dict[str, str] = {
    "headline": "the best answer to a question the reports answer",
    "reconciled": "one of the figures a reconciled answer weighs",
    "other": "a figure no reconciled answer counts (a part of another count, an unasked question)",
    "baseline": "a population figure: context, not a count of people affected",
}
#: What the analysts made of a fact.
STATUSES: tuple[str, ...] = ("extracted", "edited", "wrong")


@dataclass(frozen=True)
class FactRow:
    """One fact of an article as extracted, as corrected (None when marked wrong), its correction,
    its story and its relevance."""

    kind: str  # one of FACT_KINDS
    extraction: Extraction  # the article's, as extracted
    original: Any
    fact: Any | None
    correction: Correction | None
    story: Story | None
    relevance: str = "other"

    @property
    def article_id(self) -> str:
        return self.extraction.article.id

    @property
    def key(self) -> tuple[str, str, int, int]:
        return (self.article_id, self.kind, self.original.start, self.original.end)

    @property
    def path(self) -> str:
        """The evidence view of this fact."""
        return f"/facts/{self.kind}/{self.article_id}/{self.original.start}/{self.original.end}"

    @property
    def status(self) -> str:
        if self.correction is None:
            return "extracted"
        return "wrong" if self.correction.action == "wrong" else "edited"

    @property
    def shown(self):
        """The fact as it is now: corrected, or as extracted when marked wrong (shown struck out)."""
        return self.fact if self.fact is not None else self.original

    @cached_property
    def source(self) -> Source:
        return source_of(self.extraction.article)

    @property
    def country(self) -> str | None:
        fact = self.shown
        if getattr(fact, "country", None):
            return fact.country
        place = fact.place.place if getattr(fact, "place", None) is not None else None
        return place.country if place else None

    @property
    def place(self) -> str:
        fact = self.shown
        return place_label(fact.place) if getattr(fact, "place", None) is not None else ""

    @property
    def span(self) -> tuple[date | None, date | None]:
        """The days the fact covers (its own date, else its article's publication)."""
        fact = self.shown
        when = getattr(fact, "date", None) if self.kind == "figures" else getattr(fact, "when", None)
        if when is not None and (when.start or when.end):
            return when.start or when.end, when.end or when.start
        published = self.extraction.article.published
        return published, published

    @property
    def date_label(self) -> str:
        start, end = self.span
        if start is None:
            return "date unknown"
        return start.isoformat() if end in (None, start) else f"{start.isoformat()}–{end.isoformat()}"

    @property
    def label(self) -> str:
        """The fact in a few words: "about 100,000 refugees", "military offensive (happened)"."""
        fact = self.shown
        if self.kind == "figures":
            return f"{format_amount(fact)} {fact.unit if fact.unit != 'people' else ''} {TERM_LABELS.get(fact.term, fact.term)}".replace(
                "  ", " "
            )
        if self.kind == "events":
            return f"{fact.type.replace('_', ' ')} ({fact.status.replace('_', ' ')})"
        if self.kind == "conditions":
            return f"{fact.kind.replace('_', ' ')}: {fact.text}"
        return f"{fact.speaker or 'someone'} {fact.stance}: {fact.content or fact.text}"

    def as_json(self) -> dict[str, Any]:
        from crisisdesk.export.extract_json import fact_json as contract_json
        from crisisdesk.export.records import correction_records

        def fact_json(fact) -> dict | None:
            return None if fact is None else contract_json(fact)

        return {
            "id": "/".join((self.kind, self.article_id, str(self.original.start), str(self.original.end))),
            "kind": self.kind,
            "article_id": self.article_id,
            "source": self.source.label,
            "published": self.source.published.isoformat() if self.source.published else None,
            "story": self.story.id if self.story else None,
            "relevance": self.relevance if self.kind == "figures" else None,
            "status": self.status,
            "label": self.label,
            "fact": fact_json(self.fact),
            "extracted": fact_json(self.original) if self.correction else None,
            "correction": correction_records([self.correction])[0] if self.correction else None,
            "evidence_url": self.path,
        }


@dataclass
class Snapshot:
    raw: list[Extraction]
    in_force: dict[tuple[str, str, int, int], Correction]
    stories: list[Story]
    rows: dict[str, list[FactRow]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.corrected = corrected(self.raw, self.in_force)
        self.raw_by_id = {x.article.id: x for x in self.raw}
        self.by_id = {x.article.id: x for x in self.corrected}
        self.story_of = {a: s for s in self.stories for a in s.articles}
        self._pictures: dict[str | None, SituationPicture] = {}
        self._lock = threading.Lock()
        relevance = self._relevance()
        for kind in FACT_KINDS:
            self.rows[kind] = [
                FactRow(kind, x, fact, applied(fact, c := self.in_force.get((x.article.id, kind, fact.start, fact.end))), c,
                        self.story_of.get(x.article.id), relevance.get((x.article.id, fact.start, fact.end), "other"))
                for x in self.raw for fact in getattr(x, kind)
            ]  # fmt: skip
        self.row_by_key = {row.key: row for rows in self.rows.values() for row in rows}

    def story(self, story_id: str) -> Story | None:
        return next((s for s in self.stories if s.id == story_id), None)

    def extractions_of(self, story: Story | None) -> list[Extraction]:
        if story is None:
            return self.corrected
        return [self.by_id[a] for a in story.articles if a in self.by_id]

    def picture(self, story: Story | None) -> SituationPicture:
        """The situation picture of a story (or of the whole store), as the report draws it."""
        key = story.id if story else None
        with self._lock:
            if key not in self._pictures:
                stories = [story] if story else self.stories
                self._pictures[key] = picture_of(self.extractions_of(story), stories=stories)
            return self._pictures[key]

    def _relevance(self) -> dict[tuple[str, int, int], str]:
        """(article id, start, end) of each corrected figure → its relevance in its story's picture."""
        found: dict[tuple[str, int, int], str] = {}
        for story in self.stories:
            picture = self.picture(story)
            for key in picture.baselines:
                found[(key.source.id, key.figure.start, key.figure.end)] = "baseline"
            for answer in picture.reconciled:
                for key in answer.figures:
                    found.setdefault((key.source.id, key.figure.start, key.figure.end), "reconciled")
                found[(answer.best.source.id, answer.best.figure.start, answer.best.figure.end)] = "headline"
        return found


@dataclass(frozen=True)
class Filters:
    """The figures table's (and the API's) filters; None or "" means any."""

    story: str | None = None
    country: str | None = None
    term: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    source: str | None = None
    relevance: str | None = None
    status: str | None = None
    article: str | None = None

    def keep(self, row: FactRow) -> bool:
        if self.story and (row.story is None or row.story.id != self.story):
            return False
        if self.article and row.article_id != self.article:
            return False
        if self.country and (row.country or "").upper() != self.country.upper():
            return False
        if self.term and (row.kind != "figures" or row.shown.term != self.term):
            return False
        if self.source:
            wanted = self.source.casefold()
            names = (row.source.label, row.source.publisher or "", row.source.url or "", row.source.origin)
            if not any(wanted in name.casefold() for name in names):
                return False
        if self.relevance and (row.kind != "figures" or row.relevance != self.relevance):
            return False
        if self.status and row.status != self.status:
            return False
        if self.date_from or self.date_to:
            start, end = row.span
            if start is None:
                return False
            if self.date_from and (end or start) < self.date_from:
                return False
            if self.date_to and start > self.date_to:
                return False
        return True


#: Sort keys of the facts table (None sorts last whichever the order).
SORTS = {
    "amount": lambda r: r.shown.quantity if r.kind == "figures" else None,
    "term": lambda r: r.shown.term if r.kind == "figures" else None,
    "date": lambda r: r.span[0],
    "source": lambda r: r.source.label.casefold(),
    "country": lambda r: r.country,
    "place": lambda r: r.place.casefold() or None,
    "relevance": lambda r: list(RELEVANCE).index(r.relevance),
    "status": lambda r: STATUSES.index(r.status),
}


def sorted_rows(rows: Iterable[FactRow], sort: str | None, descending: bool) -> list[FactRow]:
    rows = list(rows)
    if not sort or sort not in SORTS:
        return rows
    key = SORTS[sort]
    present = [r for r in rows if key(r) is not None]
    absent = [r for r in rows if key(r) is None]
    return sorted(present, key=key, reverse=descending) + absent


def page(rows: Sequence, limit: int, offset: int) -> dict[str, Any]:
    return {"total": len(rows), "limit": limit, "offset": offset, "items": list(rows[offset : offset + limit])}


class Workspace:
    """The store behind the app, with its snapshot and its corrections log."""

    def __init__(self, store) -> None:
        self.store = store
        self.log = CorrectionLog(store)
        self._snapshot: Snapshot | None = None
        self._version = 0
        self._lock = threading.Lock()

    def snapshot(self) -> Snapshot:
        """The current snapshot (built now if the store changed since the last one)."""
        with self._lock:
            if self._snapshot is None:
                from crisisdesk.analysis.stories import stories_of_store

                raw = list(self.store.extractions())
                self._snapshot = Snapshot(raw, self.log.in_force(), stories_of_store(self.store))
            return self._snapshot

    @property
    def ready(self) -> bool:
        return self._snapshot is not None

    def changed(self) -> None:
        """The store changed (a correction, new articles): the next request reads it again."""
        with self._lock:
            self._snapshot = None
            self._version += 1

    def warm(self) -> threading.Thread:
        """Build the snapshot in the background."""
        thread = threading.Thread(target=self.snapshot, name="crisisdesk-warm", daemon=True)
        thread.start()
        return thread

    def correct(self, correction: Correction) -> Correction:
        """Store a correction. The snapshot keeps the extractions and stories it read (a
        correction changes neither) and only applies the corrections again: a second, not the
        time it takes to read a large store."""
        saved = self.log.add(correction)
        with self._lock:
            old = self._snapshot
            self._snapshot = Snapshot(old.raw, self.log.in_force(), old.stories) if old is not None else None
            self._version += 1
        return saved
