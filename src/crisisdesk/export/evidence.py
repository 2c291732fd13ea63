"""A fact's evidence sentence as the outputs quote it: whole, or cut around the fact's words when
it is too long to repeat for every fact.

Every output that quotes a fact (report.md, report.html, report.json, ``timeline --json``, the web
API, the CSV, HXL, xlsx, GeoJSON and JSONL exports) quotes its sentence with it, so one sentence is
written once per fact it holds: one 31 KB "sentence" (a table or a list read as one) with 1,000
figures made a 96 MB report.json. A sentence longer than :data:`MAX_EVIDENCE` characters is no
sentence a reader checks a figure against; it is quoted as the :data:`MAX_EVIDENCE` characters
around the fact's words, cut at white space, with :data:`ELISION` where it was cut. The whole
sentence is still in the store (the article's text at ``sentence_start``–``sentence_end``) and in
the output of ``crisisdesk extract``.
"""

from __future__ import annotations

#: Longest evidence sentence quoted whole (news sentences are well under it: the longest a fact
#: quotes in the ~1,500 articles of ../shared/eval and the seeds has 774 characters).
MAX_EVIDENCE = 1_000
#: What stands where a quoted sentence was cut (the editorial mark of an omission in a quotation).
ELISION = "[…]"


def evidence_parts(fact) -> tuple[str, str, str]:
    """The evidence sentence of a fact cut around its words, so they can be highlighted: (before,
    words, after), the sentence cut to :data:`MAX_EVIDENCE` characters around the words when it
    is longer, each cut marked with :data:`ELISION` (anything with ``start``, ``end``,
    ``sentence`` and ``sentence_start``)."""
    sentence = fact.sentence
    cut_start = fact.start - fact.sentence_start
    cut_end = fact.end - fact.sentence_start
    if not 0 <= cut_start <= cut_end <= len(sentence):
        if len(sentence) <= MAX_EVIDENCE:
            return sentence, "", ""
        cut_start = cut_end = 0  # offsets that do not fit: the start of the sentence
    if len(sentence) <= MAX_EVIDENCE:
        return sentence[:cut_start], sentence[cut_start:cut_end], sentence[cut_end:]
    low, high = _window(sentence, cut_start, cut_end)
    before = (ELISION + " " if low > 0 else "") + sentence[low:cut_start]
    after = sentence[cut_end:high] + (" " + ELISION if high < len(sentence) else "")
    return before, sentence[cut_start:cut_end], after


def evidence_text(fact) -> str:
    """The evidence sentence as quoted (see :func:`evidence_parts`)."""
    return "".join(evidence_parts(fact))


def evidence_is_cut(fact) -> bool:
    return len(fact.sentence) > MAX_EVIDENCE


def _window(sentence: str, start: int, end: int) -> tuple[int, int]:
    """[low, high) of at most MAX_EVIDENCE characters of ``sentence`` holding [start, end) (or
    as much of it as fits), its edges moved in to white space where the words allow."""
    end = min(end, start + MAX_EVIDENCE)
    room = MAX_EVIDENCE - (end - start)
    low = max(0, start - room // 2)
    high = min(len(sentence), end + (room - (start - low)))
    low = max(0, min(low, high - MAX_EVIDENCE))
    if low > 0:
        space = sentence.find(" ", low, start)
        low = space + 1 if space >= 0 else low
    if high < len(sentence):
        space = sentence.rfind(" ", end, high)
        high = space if space >= 0 else high
    return low, high


def quote_long_sentences(extraction, item: dict) -> dict:
    """``item``, the extract contract's object of ``extraction``, with each too-long sentence of its
    facts quoted as :func:`evidence_text` quotes it and ``"sentence_cut": true`` (changed in place)."""
    for kind in ("figures", "events", "conditions", "claims"):
        for fact, fact_item in zip(getattr(extraction, kind), item[kind]):
            if evidence_is_cut(fact):
                fact_item["sentence"] = evidence_text(fact)
                fact_item["sentence_cut"] = True
    return item
