"""Figures as HXL (the Humanitarian Exchange Language that HDX reads): a CSV whose second row
tags each column with a hashtag and attributes.

Each figure is a row; its number stands in the column of its term (``#affected+killed``,
``#inneed``, ``#population``...), so that HXL tools can sum a column without reading the term.
"""

from __future__ import annotations

import csv
import io

from crisisdesk.export.records import ExportData, figure_records
from crisisdesk.model import TERM_LABELS, TERMS

#: The hashtag of each term's number column. HXL's core tags are #affected, #inneed and
#: #population; the attributes say which affected people (HXL attributes: lower-case words).
TERM_TAGS: dict[str, str] = {
    "displaced": "#affected+displaced",
    "evacuated": "#affected+evacuated",
    "forced_to_flee": "#affected+displaced+fled",
    "sheltered": "#affected+sheltered",
    "in_relief_camp": "#affected+displaced+camp",
    "relocated": "#affected+relocated",
    "homeless": "#affected+homeless",
    "destroyed_housing": "#affected+shelter+destroyed",
    "partially_destroyed_housing": "#affected+shelter+damaged",
    "refugees": "#affected+refugees",
    "returned": "#affected+returnees",
    "killed": "#affected+killed",
    "injured": "#affected+injured",
    "missing": "#affected+missing",
    "arrested": "#affected+arrested",
    "affected": "#affected",
    "in_need": "#inneed",
    "cases": "#affected+infected",
    "casualties": "#affected+casualties",
    "cut_off": "#affected+isolated",
    "at_risk": "#affected+at_risk",
    "population": "#population",
}

#: (header, hashtag, record key) of the columns before and after the term columns.
LEADING: tuple[tuple[str, str, str], ...] = (
    ("Article", "#meta+id", "article_id"),
    ("Source", "#meta+source", "source"),
    ("Title", "#meta+title", "title"),
    ("URL", "#meta+url", "url"),
    ("Published", "#date+reported", "published"),
    ("Country code", "#country+code", "country_code"),
    ("Country", "#country+name", "country"),
    ("Admin 1", "#adm1+name", "admin1"),
    ("Place", "#loc+name", "place"),
    ("Latitude", "#geo+lat", "lat"),
    ("Longitude", "#geo+lon", "lon"),
    ("Date start", "#date+start", "date_start"),
    ("Date end", "#date+end", "date_end"),
    ("Term", "#indicator+term", "term"),
    ("Unit", "#indicator+unit", "unit"),
    ("Qualifier", "#indicator+qualifier", "qualifier"),
    ("Upper bound", "#indicator+max+num", "quantity_max"),
    ("Group", "#meta+group", "group"),
)
TRAILING: tuple[tuple[str, str, str], ...] = (
    ("Figure as written", "#meta+figure", "figure_text"),
    ("Evidence", "#description+evidence", "evidence"),
    ("Evidence start", "#meta+start", "start"),
    ("Evidence end", "#meta+end", "end"),
    ("Attributed to", "#org+attribution", "attribution"),
    ("Correction", "#meta+correction", "corrected"),
    ("Corrected by", "#contact+correction", "corrected_by"),
    ("Corrected at", "#date+correction", "corrected_at"),
    ("Correction note", "#meta+correction+note", "correction_note"),
)


def hxl_csv(data: ExportData) -> str:
    """The HXL-tagged CSV of the figures: a header row, the hashtag row, one row per figure."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    terms = [t for t in TERMS if t in TERM_TAGS]
    writer.writerow([h for h, _, _ in LEADING] + [TERM_LABELS[t].capitalize() for t in terms] + [h for h, _, _ in TRAILING])
    writer.writerow([tag for _, tag, _ in LEADING] + [TERM_TAGS[t] for t in terms] + [tag for _, tag, _ in TRAILING])
    for record in figure_records(data):
        numbers = [_number(record["quantity"]) if record["term"] == t else "" for t in terms]
        writer.writerow([record[k] for _, _, k in LEADING] + numbers + [record[k] for _, _, k in TRAILING])
    return buffer.getvalue()


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
