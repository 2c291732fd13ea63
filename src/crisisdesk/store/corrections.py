"""Analysts' corrections of extracted facts, kept apart from what was extracted.

A correction never overwrites a fact row: it is a row of its own in ``corrections``, saying who
marked which fact wrong (or changed its term, place or date) and when. A fact is named by its
article, its kind and the offsets of its evidence in the article's verbatim text, not by a row id,
so a correction still finds its fact after the article is ingested again (which rewrites the fact
rows). Corrections are only ever added: the latest one of a fact is in force, the earlier ones are
its history, and ``restore`` takes a fact back to what was extracted.

Reports and exports read the store through :func:`corrected`, which takes loaded extractions and
returns them as corrected.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import insert, select

from crisisdesk.model import TERMS, Extraction, Figure, Place, PlaceMention, TimeSpan
from crisisdesk.store.schema import corrections

#: What a correction does to its fact.
ACTIONS: tuple[str, ...] = ("wrong", "edit", "restore")
#: The kinds of fact that can be corrected, as the extract contract names their lists.
FACT_KINDS: tuple[str, ...] = ("figures", "events", "conditions", "claims")


@dataclass(frozen=True)
class Correction:
    article_id: str
    kind: str
    start: int
    end: int
    action: str
    author: str
    term: str | None = None
    place: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    date_start: date | None = None
    date_end: date | None = None
    note: str | None = None
    created_at: datetime | None = None
    id: int | None = None

    @property
    def key(self) -> tuple[str, str, int, int]:
        return (self.article_id, self.kind, self.start, self.end)

    @property
    def summary(self) -> str:
        """What the correction says, in a few words: "marked wrong", "term → killed; date → 2023-09-20"."""
        if self.action == "wrong":
            return "marked wrong"
        if self.action == "restore":
            return "restored as extracted"
        changes = []
        if self.term:
            changes.append(f"term → {self.term}")
        if self.place:
            changes.append(f"place → {self.place}" + (f" ({self.country})" if self.country else ""))
        elif self.country:
            changes.append(f"country → {self.country}")
        if self.date_start or self.date_end:
            span = self.date_start.isoformat() if self.date_start else "?"
            if self.date_end and self.date_end != self.date_start:
                span += f"–{self.date_end.isoformat()}"
            changes.append(f"date → {span}")
        return "; ".join(changes) or "edited"


class CorrectionError(ValueError):
    """A correction that cannot be stored (unknown kind, action or term; an edit changing nothing)."""


def checked(correction: Correction) -> Correction:
    """The correction if it is one that can be stored, else CorrectionError saying why."""
    if correction.kind not in FACT_KINDS:
        raise CorrectionError(f"unknown fact kind {correction.kind!r}; one of {', '.join(FACT_KINDS)}")
    if correction.action not in ACTIONS:
        raise CorrectionError(f"unknown action {correction.action!r}; one of {', '.join(ACTIONS)}")
    if correction.term is not None and correction.term not in TERMS:
        raise CorrectionError(f"unknown term {correction.term!r}")
    if correction.term is not None and correction.kind != "figures":
        raise CorrectionError("only a figure has a term")
    if correction.action == "edit" and not any(
        (correction.term, correction.place, correction.country, correction.date_start, correction.date_end)
    ):
        raise CorrectionError("an edit must change the term, the place or the date")
    if correction.date_start and correction.date_end and correction.date_end < correction.date_start:
        raise CorrectionError("the date range ends before it starts")
    if correction.country is not None and not (len(correction.country) == 3 and correction.country.isalpha()):
        raise CorrectionError("country must be an ISO 3166 alpha-3 code such as SDN")
    if (correction.lat is None) != (correction.lon is None) or (
        correction.lat is not None and not (-90 <= correction.lat <= 90 and -180 <= correction.lon <= 180)
    ):
        raise CorrectionError("a place's coordinates are a latitude (-90 to 90) and a longitude (-180 to 180)")
    if not correction.author.strip():
        raise CorrectionError("a correction needs its author")
    return correction


class CorrectionLog:
    """The corrections table of a store: corrections are added, never changed or deleted."""

    def __init__(self, store) -> None:
        # The table is made (or given its new columns) with the rest of the schema when the store is
        # opened, under the store's lock: two processes opening a new database cannot race here.
        self.engine = store.engine

    def add(self, correction: Correction) -> Correction:
        """Store the correction (stamped now) and return it with its id and time."""
        checked(correction)
        stamped = dataclasses.replace(
            correction, country=correction.country.upper() if correction.country else None, created_at=datetime.now(UTC), id=None
        )
        row = {f.name: getattr(stamped, f.name) for f in dataclasses.fields(stamped) if f.name != "id"}
        with self.engine.begin() as connection:
            new_id = connection.execute(insert(corrections).values(**row).returning(corrections.c.id)).scalar_one()
        return dataclasses.replace(stamped, id=new_id)

    def history(self, article_id: str | None = None) -> list[Correction]:
        """Every correction (of one article when given), oldest first."""
        query = select(corrections).order_by(corrections.c.id)
        if article_id is not None:
            query = query.where(corrections.c.article_id == article_id)
        with self.engine.connect() as connection:
            return [_correction_from(row) for row in connection.execute(query)]

    def in_force(self) -> dict[tuple[str, str, int, int], Correction]:
        """The latest correction of each corrected fact (restorations left out: the fact is as extracted)."""
        latest: dict[tuple[str, str, int, int], Correction] = {}
        for correction in self.history():
            latest[correction.key] = correction
        return {key: c for key, c in latest.items() if c.action != "restore"}


def _correction_from(row) -> Correction:
    fields = [f.name for f in dataclasses.fields(Correction)]
    values = {name: getattr(row, name) for name in fields}
    if values["created_at"] is not None and values["created_at"].tzinfo is None:
        values["created_at"] = values["created_at"].replace(tzinfo=UTC)  # SQLite drops the zone
    return Correction(**values)


def corrected(extractions: Iterable[Extraction], in_force: dict[tuple[str, str, int, int], Correction]) -> list[Extraction]:
    """``extractions`` as the analysts corrected them: facts marked wrong left out, edited ones
    with the analyst's term, place or date. Uncorrected extractions are returned as they were."""
    result = []
    for extraction in extractions:
        article_id = extraction.article.id
        if not any(key[0] == article_id for key in in_force):
            result.append(extraction)
            continue
        changes = {}
        for kind in FACT_KINDS:
            facts = getattr(extraction, kind)
            kept = [applied(fact, in_force.get((article_id, kind, fact.start, fact.end))) for fact in facts]
            changes[kind] = [fact for fact in kept if fact is not None]
        if len(changes["figures"]) != len(extraction.figures):
            changes["figures"] = _renumbered(extraction.figures, in_force, article_id)
        result.append(dataclasses.replace(extraction, **changes))
    return result


def corrected_store_extractions(store) -> list[Extraction]:
    """Every stored extraction as corrected."""
    return corrected(store.extractions(), CorrectionLog(store).in_force())


def applied(fact, correction: Correction | None):
    """The fact as the correction has it; None when it is marked wrong."""
    if correction is None:
        return fact
    if correction.action == "wrong":
        return None
    changes = {}
    if correction.term and isinstance(fact, Figure):
        changes["term"] = correction.term
    if correction.place or correction.country:
        changes["place"] = _corrected_place(fact.place, correction)
        if isinstance(fact, Figure):
            changes["country"] = correction.country or fact.country
    if correction.date_start or correction.date_end:
        span = TimeSpan(correction.date_start or correction.date_end, correction.date_end or correction.date_start, "day")
        if isinstance(fact, Figure):
            changes["date"] = span
        elif hasattr(fact, "when"):
            changes["when"] = span
            changes["dated_by"] = "text"
    return dataclasses.replace(fact, **changes)


def _corrected_place(mention: PlaceMention | None, correction: Correction) -> PlaceMention:
    """The place the analyst gave (with the coordinates stored with the correction, if any), at
    the fact's own mention when it had one."""
    old = mention.place if mention is not None else None
    name = correction.place or (old.name if old else correction.country)
    same = old is not None and old.name == name and (correction.country in (None, old.country)) and correction.lat is None
    country = correction.country or (old.country if old and not correction.place else None)
    place = old if same else Place(name, correction.geonames_id, country, correction.lat, correction.lon, "analyst", source="analyst")
    if mention is None:
        return PlaceMention(name, 0, 0, place, 1.0)
    return dataclasses.replace(mention, place=place, confidence=1.0)


def _renumbered(figures: list[Figure], in_force, article_id: str) -> list[Figure]:
    """The figures left after some are marked wrong, with ``part_of`` pointing at the new
    position of its whole (or at nothing when the whole was marked wrong)."""
    new_position: dict[int, int] = {}
    kept: list[tuple[int, Figure]] = []
    for position, figure in enumerate(figures):
        now = applied(figure, in_force.get((article_id, "figures", figure.start, figure.end)))
        if now is not None:
            new_position[position] = len(kept)
            kept.append((position, now))
    return [dataclasses.replace(f, part_of=new_position.get(f.part_of)) if f.part_of is not None else f for _, f in kept]
