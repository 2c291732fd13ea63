"""Figures as a plain CSV table: one row per figure, the columns of
:func:`crisisdesk.export.records.figure_record` (evidence, place, date and correction included)."""

from __future__ import annotations

import csv
import io

from crisisdesk.export.records import ExportData, figure_record, figure_records


def figures_csv(data: ExportData) -> str:
    records = figure_records(data)
    columns = list(records[0]) if records else list(_empty_columns())
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
    return buffer.getvalue()


def _empty_columns() -> dict:
    """The column names when there is no figure (so the header is still there)."""
    from crisisdesk.model import Article, Extraction, Figure

    blank = Figure("", 0, 0, 0.0, None, "exact", "people", "affected", None, None, None, "")
    return figure_record(Extraction(Article("", "")), blank, None)
