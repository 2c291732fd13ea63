"""The situation report as JSON: the same content as the Markdown and HTML reports, for machines.

Every fact keeps its source id and character offsets, so a consumer can go back to the evidence.
A sentence too long to repeat for every fact it holds is quoted cut around the fact's words, with
``"sentence_cut": true`` (see :mod:`crisisdesk.export.evidence`); its offsets are the whole one's.
"""

from __future__ import annotations

from typing import Any

from crisisdesk.analysis.claims import Statement
from crisisdesk.analysis.consistency import DateFlag
from crisisdesk.analysis.picture import KeyFigure, SituationPicture, Told
from crisisdesk.analysis.reconcile import Reconciled
from crisisdesk.analysis.sources import Source
from crisisdesk.analysis.stories import stories_json
from crisisdesk.analysis.timeline import Telling, TimelineEntry
from crisisdesk.export.evidence import evidence_is_cut, evidence_text
from crisisdesk.export.extract_json import fact_json
from crisisdesk.model import TimeSpan, to_dict


def picture_json(picture: SituationPicture) -> dict[str, Any]:
    return {
        "generated_at": picture.generated_at.isoformat(),
        "headline": _key_figure(picture.headline) if picture.headline else None,
        "messages": [
            {"text": m.text, "sources": [s.id for s in m.sources], "cited": [s.citation for s in m.sources]} for m in picture.messages
        ],
        "key_figures": [_key_figure(k) for k in picture.key_figures],
        "baselines": [_key_figure(k) for k in picture.baselines],
        "reconciled": [_reconciled(r) for r in picture.reconciled],
        "timeline": [_entry(e) for e in picture.timeline],
        "conditions_by_sector": {sector: [_told(t) for t in told] for sector, told in picture.needs_by_sector},
        "access_constraints": [_told(t) for t in picture.access_constraints],
        "contested_claims": [
            {"topic": c.topic, "asserted": [_statement(st) for st in c.asserted], "denied": [_statement(st) for st in c.denied]}
            for c in picture.contested
        ],
        "claims": [_statement(st) for st in picture.claims],
        "stories": stories_json(picture.stories)["stories"] if picture.stories else [],
        "date_flags": [_flag(f) for f in picture.date_flags],
        "places": [
            {"place": to_dict(p.place), "written_as": list(p.written_as), "mentions": p.mentions, "articles": p.articles}
            for p in picture.places
        ],
        "unresolved_places": picture.unresolved_places,
        "sources": [_source(s) | {"flagged": picture.flag_of(s) is not None, "copy_of": picture.copy_of(s)} for s in picture.sources],
        # With several crises: each with its own picture (the same keys), and the answers by country.
        "crises": [
            {"story": c.story.id, "label": c.story.label, "reports": c.story.reports} | picture_json(c.picture) for c in picture.crises
        ],
        "by_country": [
            {"country": r.country, "name": r.name, "crises": [c.story.id for c in r.crises], "answers": [r_.label for r_ in r.answers]}
            for r in picture.by_country
        ],
        "other_sources": [s.id for s in picture.other_sources] if picture.several_crises else [],
    }


def quoted_fact_json(fact) -> dict[str, Any]:
    """A fact as the extract contract writes it, its sentence quoted as the reports quote it:
    cut around the fact's words when too long to repeat for every fact, with ``sentence_cut``
    (crisisdesk.export.evidence), so that one long sentence holding many facts stays one
    sentence's size, not that times the facts."""
    item = fact_json(fact)
    if evidence_is_cut(fact):
        item["sentence"] = evidence_text(fact)
        item["sentence_cut"] = True
    return item


def timeline_json(entries: list[TimelineEntry], flags: list[DateFlag]) -> dict[str, Any]:
    """``crisisdesk timeline --json``: the timeline and the date flags."""
    return {"timeline": [_entry(e) for e in entries], "date_flags": [_flag(f) for f in flags]}


def _source(source: Source) -> dict[str, Any]:
    return {
        "id": source.id, "label": source.label, "outlet": source.outlet, "title": source.title, "citation": source.citation,
        # An untitled text's headline line, its dateline's agency: read from the text, not given.
        "headline_from_text": source.headline, "agency_from_dateline": source.agency,
        "published": source.published.isoformat() if source.published else None, "origin": source.origin, "url": source.url,
        "published_from": source.published_from,  # "url": read from the URL's path, not given
    }  # fmt: skip


def _key_figure(key: KeyFigure) -> dict[str, Any]:
    return {
        "phrase": key.phrase, "amount": key.amount, "share": key.share, "source": key.source.id, "cited": key.source.citation,
        "crisis": key.crisis, "figure": quoted_fact_json(key.figure),
    }  # fmt: skip


def _statement(statement: Statement) -> dict[str, Any]:
    return {"source": statement.source.id, "cited": statement.source.citation} | quoted_fact_json(statement.claim)


def _told(told: Told) -> dict[str, Any]:
    return {
        "source": told.source.id, "cited": told.source.citation, "also": [s.id for s in told.also], "label": told.label,
    } | quoted_fact_json(told.condition)  # fmt: skip


def _reconciled(r: Reconciled) -> dict[str, Any]:
    return {
        "question": r.question,
        "label": r.label,
        "unit": r.unit,
        "group": r.group,
        "country": r.country,
        "area": r.area,
        "period": to_dict(r.period),
        "range": r.range_label,
        "best": _key_figure(r.best),
        "reason": r.reason,
        "most_recent": _key_figure(r.most_recent) if r.most_recent else None,
        "supporting": [_key_figure(k) for k in r.supporting],
        "contradicting": [_key_figure(k) for k in r.contradicting],
        "earlier_counts": [_key_figure(k) for k in r.earlier],
        "baseline": _key_figure(r.baseline) if r.baseline else None,
        "share": r.share,
        "flow": r.flow,
        "topic": r.topic,
        "place": r.place,
        "parts": [_reconciled(p) for p in r.parts],
        "parts_total": r.parts_total,
    }


def _span(span: TimeSpan | None, label: str) -> dict[str, Any]:
    out = to_dict(span) if span is not None else {"start": None, "end": None, "precision": "unknown"}
    return out | {"label": label}


def _telling(telling: Telling) -> dict[str, Any]:
    return {"source": telling.source.id, "cited": telling.source.citation, "country": telling.country} | quoted_fact_json(telling.event)


def _entry(entry: TimelineEntry) -> dict[str, Any]:
    return {
        "type": entry.type,
        "label": entry.label,
        "when": _span(entry.when, entry.date_label),
        "actors": entry.actors,
        "places": entry.places,
        "country": entry.country,
        "statuses": {status: [s.id for s in sources] for status, sources in entry.statuses.items()},
        "contested": entry.contested,
        "sources": [s.id for s in entry.sources],
        "cited": [s.citation for s in entry.sources],
        "tellings": [_telling(t) for t in entry.tellings],
    }


def _flag(flag: DateFlag) -> dict[str, Any]:
    return {
        "source": flag.source.id,
        "cited": flag.source.citation,
        "published": flag.source.published.isoformat() if flag.source.published else None,
        "reasons": flag.reasons,
        "against": [s.id for s in flag.against],
        "evidence": [_telling(t) for t in flag.evidence],
    }
