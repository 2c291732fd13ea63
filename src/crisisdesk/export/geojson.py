"""Places as GeoJSON (RFC 7946): one Point feature per resolved place the articles put something
in, with its mentions and the figures given for it (as corrected)."""

from __future__ import annotations

from typing import Any

from crisisdesk.export.evidence import evidence_text
from crisisdesk.export.records import ExportData, correction_columns, country_name, place_summaries


def places_geojson(data: ExportData) -> dict[str, Any]:
    features = []
    for summary in place_summaries(data.extractions):
        place = summary["place"]
        if place.lat is None or place.lon is None:
            continue
        figures = [
            {"term": f.term, "quantity": f.quantity, "quantity_max": f.quantity_max, "qualifier": f.qualifier, "unit": f.unit,
             "date_start": f.date.start.isoformat() if f.date and f.date.start else None,
             "date_end": f.date.end.isoformat() if f.date and f.date.end else None,
             "article_id": x.article.id, "source": x.article.source, "evidence": evidence_text(f), "start": f.start, "end": f.end}
            | {k: v or None for k, v in correction_columns(data.correction_of(x.article.id, "figures", f)).items()}
            for x, f in summary["figures"]
        ]  # fmt: skip
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [round(place.lon, 5), round(place.lat, 5)]},
                "properties": {
                    "name": place.name,
                    "kind": place.kind,
                    "country_code": place.country,
                    "country": country_name(place.country),
                    "admin1": place.admin1,
                    "geonames_id": place.geonames_id,
                    "mentions": summary["mentions"],
                    "articles": summary["articles"],
                    "figures": figures,
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}
