"""An Excel workbook: one sheet per fact type (figures, events, conditions, claims), the places,
the articles and the corrections with who made them and when."""

from __future__ import annotations

import io
from typing import Any

from crisisdesk.export.records import ExportData, article_columns, correction_records, fact_records, figure_records, place_summaries

#: Excel refuses longer cell text.
MAX_CELL = 32_767


def workbook_bytes(data: ExportData) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    sheets: list[tuple[str, list[dict[str, Any]]]] = [
        ("Figures", figure_records(data)),
        ("Events", fact_records(data, "events")),
        ("Conditions", fact_records(data, "conditions")),
        ("Claims", fact_records(data, "claims")),
        ("Places", _place_rows(data)),
        ("Articles", [article_columns(x) | {"language": x.article.language or "", "figures": len(x.figures)} for x in data.extractions]),
        ("Corrections", correction_records(data.history)),
    ]
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        if not rows:
            sheet.append(["(none)"])
            continue
        columns = list(rows[0])
        sheet.append(columns)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([_cell(row.get(c)) for c in columns])
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _place_rows(data: ExportData) -> list[dict[str, Any]]:
    return [
        {"name": s["place"].name, "kind": s["place"].kind, "country_code": s["place"].country or "", "admin1": s["place"].admin1 or "",
         "lat": s["place"].lat, "lon": s["place"].lon, "geonames_id": s["place"].geonames_id, "mentions": s["mentions"],
         "articles": len(s["articles"]), "figures": len(s["figures"])}
        for s in place_summaries(data.extractions)
    ]  # fmt: skip


def _cell(value: Any) -> Any:
    """A value Excel stores as written: text cut to Excel's limit and never read as a formula."""
    if isinstance(value, str):
        value = value[:MAX_CELL]
        if value.startswith(("=", "+", "-", "@")):
            return "'" + value  # article text is data: "=HYPERLINK(...)" must not become a formula
    return value
