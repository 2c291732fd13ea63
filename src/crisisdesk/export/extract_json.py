"""The extract contract of DESIGN.md: one JSON object per article.

Validated against ``schema/extract.schema.json`` in the tests.
"""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from crisisdesk.model import Evidence, Extraction, PlaceMention, references_of, to_dict

#: Keys whose stages have not landed yet; present (empty) so consumers can rely on them.
PENDING_KEYS: tuple[str, ...] = ()


def place_json(mention: PlaceMention) -> dict[str, Any]:
    """A place mention flattened with its gazetteer entry, as the contract lists it."""
    place = mention.place
    return {
        "text": mention.text,
        "start": mention.start,
        "end": mention.end,
        "name": place.name if place else None,
        "geonames_id": place.geonames_id if place else None,
        "country": place.country if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "kind": place.kind if place else None,
        "admin1": place.admin1 if place else None,
        "confidence": round(mention.confidence, 3),
        "adjectival": mention.adjectival,
        "embedded": mention.embedded,
    }


def fact_json(fact: Evidence) -> dict[str, Any]:
    """A fact (figure, event, condition, claim) with its place flattened like the places list,
    and its time as in ``times``."""
    item = to_dict(fact)
    for name, extraction_list in references_of(type(fact)).items():
        if extraction_list == "places" and getattr(fact, name) is not None:
            item[name] = place_json(getattr(fact, name))
    return item


def extraction_json(extraction: Extraction) -> dict[str, Any]:
    """The contract object for one article."""
    article = extraction.article
    out: dict[str, Any] = {
        "id": article.id,
        "language": article.language,
        "published": article.published.isoformat() if article.published else None,
        **({"published_from": article.published_from} if article.published_from else {}),
        "title": article.title,
        "url": article.url,
        "source": article.source,
        "places": [place_json(m) for m in extraction.places],
        "quantities": to_dict(extraction.quantities),
        "figures": [fact_json(f) for f in extraction.figures],
        "times": to_dict(extraction.times),
        "events": [fact_json(e) for e in extraction.events],
        "conditions": [fact_json(c) for c in extraction.conditions],
        "claims": [fact_json(c) for c in extraction.claims],
        "sectors": dict(extraction.sectors),
        "pillars": dict(extraction.pillars),
    }
    for key in PENDING_KEYS:
        out[key] = to_dict(getattr(extraction, key))
    return out


def extraction_line(extraction: Extraction) -> str:
    return json.dumps(extraction_json(extraction), ensure_ascii=False)


def extract_schema() -> dict[str, Any]:
    """The JSON Schema of one extract line."""
    return json.loads(resources.files("crisisdesk.schema").joinpath("extract.schema.json").read_text("utf-8"))
