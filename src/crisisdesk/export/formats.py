"""The export formats and the one entry point the CLI and the web app call: :func:`export_bytes`
lays the records of :mod:`crisisdesk.export.records` out as HXL, CSV, xlsx, GeoJSON or JSONL."""

from __future__ import annotations

import json

from crisisdesk.export.csv_table import figures_csv
from crisisdesk.export.geojson import places_geojson
from crisisdesk.export.hxl import hxl_csv
from crisisdesk.export.jsonl import jsonl_text
from crisisdesk.export.records import ExportData
from crisisdesk.export.xlsx import workbook_bytes

#: Export formats: file suffix and media type.
FORMATS: dict[str, tuple[str, str]] = {
    "hxl": ("hxl.csv", "text/csv; charset=utf-8"),
    "csv": ("csv", "text/csv; charset=utf-8"),
    "xlsx": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "geojson": ("geojson", "application/geo+json"),
    "jsonl": ("jsonl", "application/x-ndjson"),
}


def export_bytes(data: ExportData, fmt: str) -> bytes:
    """The export in format ``fmt`` (one of FORMATS)."""
    if fmt == "hxl":
        return hxl_csv(data).encode("utf-8")
    if fmt == "csv":
        return figures_csv(data).encode("utf-8")
    if fmt == "xlsx":
        return workbook_bytes(data)
    if fmt == "geojson":
        return (json.dumps(places_geojson(data), ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    if fmt == "jsonl":
        return jsonl_text(data).encode("utf-8")
    raise ValueError(f"unknown export format {fmt!r}; one of {', '.join(FORMATS)}")


def export_filename(fmt: str, story: str | None = None) -> str:
    stem = "crisisdesk-figures" if fmt in ("hxl", "csv") else "crisisdesk-places" if fmt == "geojson" else "crisisdesk"
    if story:
        stem += "-" + "".join(c if c.isalnum() else "-" for c in story.lower()).strip("-")[:40]
    return f"{stem}.{FORMATS[fmt][0]}"
