"""What every export writes: the stored facts as the analysts corrected them, one flat record per
fact, with who corrected it and when. A fact's evidence sentence is quoted as the reports quote it
(:func:`crisisdesk.export.evidence.evidence_text`: cut around the fact when very long).

The formats (:mod:`.hxl`, :mod:`.csv_table`, :mod:`.xlsx`, :mod:`.geojson`, :mod:`.jsonl`) only lay
these records out; :func:`crisisdesk.export.formats.export_bytes` is the one entry point of the CLI and
the web app.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from crisisdesk.export.evidence import evidence_text
from crisisdesk.model import Extraction, Figure, Place, PlaceMention
from crisisdesk.store.corrections import Correction


@dataclass(frozen=True)
class ExportData:
    """Corrected extractions (of one story when asked) and the corrections behind them."""

    extractions: list[Extraction]
    in_force: dict[tuple[str, str, int, int], Correction] = field(default_factory=dict)
    history: list[Correction] = field(default_factory=list)
    story: str | None = None  # the story's label when the export is of one story

    def correction_of(self, article_id: str, kind: str, fact) -> Correction | None:
        return self.in_force.get((article_id, kind, fact.start, fact.end))


def export_data(store, story: str | None = None) -> ExportData:
    """The store's extractions as corrected; ``story``: only that story's (its id or part of its label)."""
    from crisisdesk.store.corrections import CorrectionLog, corrected

    log = CorrectionLog(store)
    extractions, label = list(store.extractions()), None
    if story is not None:
        from crisisdesk.analysis.picture import pick_story
        from crisisdesk.analysis.stories import stories_of_store

        chosen = pick_story(stories_of_store(store), story)
        extractions = [x for x in extractions if x.article.id in chosen.articles]
        label = chosen.label
    wanted = {x.article.id for x in extractions}
    in_force = log.in_force()
    history = [c for c in log.history() if c.article_id in wanted]
    return ExportData(corrected(extractions, in_force), in_force, history, label)


@lru_cache(maxsize=512)
def country_name(code: str | None) -> str | None:
    """The English short name of an ISO 3166 alpha-3 code (None when unknown)."""
    if not code:
        return None
    import pycountry

    found = pycountry.countries.get(alpha_3=code.upper())
    return getattr(found, "common_name", None) or (found.name if found else None)


def correction_columns(correction: Correction | None) -> dict[str, Any]:
    """Who corrected a fact, when and how (empty for facts as extracted)."""
    if correction is None:
        return {"corrected": "", "corrected_by": "", "corrected_at": "", "correction_note": ""}
    return {
        "corrected": correction.summary,
        "corrected_by": correction.author,
        "corrected_at": correction.created_at.isoformat(timespec="seconds") if correction.created_at else "",
        "correction_note": correction.note or "",
    }


def place_columns(mention: PlaceMention | None, country: str | None = None) -> dict[str, Any]:
    place: Place | None = mention.place if mention is not None else None
    code = (place.country if place else None) or country
    return {
        "place": place.name if place else (mention.text if mention else ""),
        "place_as_written": mention.text if mention else "",
        "admin1": (place.admin1 or (place.name if place.kind == "admin1" else "")) if place else "",
        "country_code": code or "",
        "country": country_name(code) or "",
        "lat": place.lat if place and place.lat is not None else "",
        "lon": place.lon if place and place.lon is not None else "",
        "geonames_id": place.geonames_id if place and place.geonames_id is not None else "",
    }


def article_columns(extraction: Extraction) -> dict[str, Any]:
    article = extraction.article
    return {
        "article_id": article.id,
        "source": article.source or "",
        "title": article.title or "",
        "url": article.url or "",
        "published": article.published.isoformat() if article.published else "",
    }


def figure_record(extraction: Extraction, figure: Figure, correction: Correction | None) -> dict[str, Any]:
    """One figure as a flat row: article, number, term, place, date, evidence, correction."""
    date = figure.date
    return (
        article_columns(extraction)
        | {
            "term": figure.term,
            "quantity": figure.quantity,
            "quantity_max": figure.quantity_max if figure.quantity_max is not None else "",
            "qualifier": figure.qualifier,
            "unit": figure.unit,
            "group": figure.group or "",
        }
        | place_columns(figure.place, figure.country)
        | {
            "date_start": date.start.isoformat() if date and date.start else "",
            "date_end": date.end.isoformat() if date and date.end else "",
            "figure_text": figure.text,
            "evidence": evidence_text(figure),
            "start": figure.start,
            "end": figure.end,
            "attribution": figure.attribution or "",
        }
        | correction_columns(correction)
    )


def figure_records(data: ExportData) -> list[dict[str, Any]]:
    return [figure_record(x, f, data.correction_of(x.article.id, "figures", f)) for x in data.extractions for f in x.figures]


def fact_records(data: ExportData, kind: str) -> list[dict[str, Any]]:
    """Events, conditions or claims as flat rows (figures: :func:`figure_records`)."""
    own_columns = {"events": _event_columns, "conditions": _condition_columns, "claims": _claim_columns}[kind]
    rows = []
    for extraction in data.extractions:
        for fact in getattr(extraction, kind):
            evidence = {
                "evidence": evidence_text(fact),
                "start": fact.start,
                "end": fact.end,
                "attribution": getattr(fact, "attribution", None) or "",
            }
            correction = correction_columns(data.correction_of(extraction.article.id, kind, fact))
            rows.append(article_columns(extraction) | own_columns(fact) | place_columns(fact.place) | evidence | correction)
    return rows


def _event_columns(event) -> dict[str, Any]:
    when = event.when
    return {
        "type": event.type, "status": event.status, "text": event.text, "actor": event.actor or "", "target": event.target or "",
        "date_start": when.start.isoformat() if when and when.start else "", "date_end": when.end.isoformat() if when and when.end else "",
    }  # fmt: skip


def _condition_columns(condition) -> dict[str, Any]:
    return {"kind": condition.kind, "pillar": condition.pillar, "sectors": "; ".join(condition.sectors), "text": condition.text}


def _claim_columns(claim) -> dict[str, Any]:
    return {
        "stance": claim.stance, "speaker": claim.speaker or "", "content": claim.content or "", "topic": claim.topic or "",
        "polarity": claim.polarity, "target": claim.target or "",
    }  # fmt: skip


def place_summaries(extractions: Sequence[Extraction]) -> list[dict[str, Any]]:
    """Each resolved place where something is said to be, with its mentions, articles and figures."""
    mentions: dict[Place, int] = defaultdict(int)
    articles: dict[Place, set[str]] = defaultdict(set)
    figures: dict[Place, list[tuple[Extraction, Figure]]] = defaultdict(list)
    for extraction in extractions:
        for mention in extraction.places:
            if mention.place is not None and mention.locates:
                mentions[mention.place] += 1
                articles[mention.place].add(extraction.article.id)
        for figure in extraction.figures:
            if figure.place is not None and figure.place.place is not None:
                figures[figure.place.place].append((extraction, figure))
                articles[figure.place.place].add(extraction.article.id)
    ordered = sorted(set(mentions) | set(figures), key=lambda p: (-mentions[p], p.name))
    return [{"place": p, "mentions": mentions[p], "articles": sorted(articles[p]), "figures": figures[p]} for p in ordered]


def correction_records(history: Sequence[Correction]) -> list[dict[str, Any]]:
    return [
        {
            "id": c.id, "article_id": c.article_id, "kind": c.kind, "start": c.start, "end": c.end, "action": c.action,
            "term": c.term or "", "place": c.place or "", "country": c.country or "",
            "date_start": c.date_start.isoformat() if c.date_start else "", "date_end": c.date_end.isoformat() if c.date_end else "",
            "note": c.note or "", "author": c.author, "created_at": c.created_at.isoformat(timespec="seconds") if c.created_at else "",
            "summary": c.summary,
        }
        for c in history
    ]  # fmt: skip
