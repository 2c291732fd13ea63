"""Everything as JSON Lines: one line per article, the extract contract's object of the article
as corrected, with the corrections of its facts (who, when, what) under ``corrections``. A very long
evidence sentence is quoted cut around its fact, with ``"sentence_cut": true``, as in report.json
(:mod:`crisisdesk.export.evidence`): one sentence holding many facts is not written once per fact."""

from __future__ import annotations

import json

from crisisdesk.export.evidence import quote_long_sentences
from crisisdesk.export.extract_json import extraction_json
from crisisdesk.export.records import ExportData, correction_records


def jsonl_text(data: ExportData) -> str:
    by_article: dict[str, list] = {}
    for record in correction_records(data.history):
        by_article.setdefault(record["article_id"], []).append(record)
    lines = []
    for extraction in data.extractions:
        item = extraction_json(extraction) | {"corrections": by_article.get(extraction.article.id, [])}
        quote_long_sentences(extraction, item)
        lines.append(json.dumps(item, ensure_ascii=False))
    return "".join(line + "\n" for line in lines)
