"""Score the time tagger on TimeML gold (TimeBank and AQUAINT, as cleaned for TempEval-3) the way
TempEval-3 Task A did.

Each ``.tml`` file's ``<TEXT>`` with its tags stripped is the article text; its ``TIMEX3`` tags
are the gold expressions (character offsets into that text) and the ``TIMEX3`` inside ``<DCT>``
is the publication date. The text goes through ``extract`` (the default pipeline) with that date.

- strict match: a found expression with exactly a gold expression's span;
- relaxed match: spans overlap. Precision is the share of found expressions that match a gold
  one, recall the share of gold expressions matched by a found one;
- type and value accuracy: over the relaxed matches (each gold expression with the found one it
  overlaps most), the share whose TIMEX3 type (value) is the gold's;
- type F1 and value F1: relaxed F1 × type (value) accuracy.

Scores are given per corpus (the folder a file is in: TimeBank, AQUAINT) and overall.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from crisisdesk.model import TimeExpression

_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>")
_ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True)
class GoldDocument:
    id: str
    corpus: str
    text: str
    published: date | None
    timexes: tuple[GoldTimex, ...]


def parse_timeml(markup: str, id: str = "", corpus: str = "") -> GoldDocument:
    """The plain text of ``<TEXT>``, its TIMEX3 expressions and the creation date of a TimeML
    document."""
    dct = re.search(r"<DCT>.*?value=\"(\d{4}-\d\d-\d\d)", markup, re.DOTALL)
    published = date.fromisoformat(dct[1]) if dct else None
    body = re.search(r"<TEXT>(.*)</TEXT>", markup, re.DOTALL)
    source = body[1] if body else ""
    text: list[str] = []
    length = 0
    timexes: list[GoldTimex] = []
    open_timex: tuple[int, dict[str, str]] | None = None
    position = 0
    for tag in _TAG.finditer(source):
        chunk = html.unescape(source[position : tag.start()])
        text.append(chunk)
        length += len(chunk)
        position = tag.end()
        closing, name = tag[1] == "/", tag[2]
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex = (length, dict(_ATTRIBUTE.findall(tag[3])))
        elif open_timex is not None:
            start, attributes = open_timex
            open_timex = None
            plain = "".join(text)
            timexes.append(GoldTimex(start, length, plain[start:length], attributes.get("type", ""), attributes.get("value", "")))
    text.append(html.unescape(source[position:]))
    return GoldDocument(id, corpus, "".join(text), published, tuple(timexes))


def load_timeml(folder: Path) -> list[GoldDocument]:
    """Every ``.tml`` file under ``folder`` (recursively), its corpus the folder it sits in."""
    documents = []
    for path in sorted(folder.rglob("*.tml")):
        corpus = path.parent.name if path.parent != folder else folder.name
        documents.append(parse_timeml(path.read_text(encoding="utf-8"), path.stem, corpus))
    return documents


@dataclass
class Tally:
    gold: int = 0
    found: int = 0
    strict_found: int = 0  # found expressions with a gold span
    strict_gold: int = 0  # gold expressions found with their span
    relaxed_found: int = 0  # found expressions overlapping a gold one
    relaxed_gold: int = 0  # gold expressions overlapped by a found one
    type_right: int = 0
    value_right: int = 0

    def add(self, other: Tally) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def scores(self) -> dict[str, float | int]:
        out: dict[str, float | int] = {"gold": self.gold, "found": self.found}
        for mode, hits, recalled in (("strict", self.strict_found, self.strict_gold), ("relaxed", self.relaxed_found, self.relaxed_gold)):
            p = hits / self.found if self.found else 0.0
            r = recalled / self.gold if self.gold else 0.0
            out[f"{mode}_precision"], out[f"{mode}_recall"] = p, r
            out[f"{mode}_f1"] = 2 * p * r / (p + r) if p + r else 0.0
        out["type_accuracy"] = self.type_right / self.relaxed_gold if self.relaxed_gold else 0.0
        out["value_accuracy"] = self.value_right / self.relaxed_gold if self.relaxed_gold else 0.0
        out["type_f1"] = out["relaxed_f1"] * out["type_accuracy"]
        out["value_f1"] = out["relaxed_f1"] * out["value_accuracy"]
        return out


@dataclass(frozen=True)
class Error:
    kind: str  # missed | spurious | type | value
    gold: str
    found: str


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return min(a[1], b[1]) - max(a[0], b[0])


def score_document(gold: Sequence[GoldTimex], found: Sequence[TimeExpression], errors: list[Error] | None = None) -> Tally:
    """One document's counts: span matches, and type and value over the relaxed matches."""
    tally = Tally(gold=len(gold), found=len(found))
    gold_spans = {(g.start, g.end) for g in gold}
    for f in found:
        span = (f.start, f.end)
        tally.strict_found += span in gold_spans
        hit = any(_overlap(span, (g.start, g.end)) > 0 for g in gold)
        tally.relaxed_found += hit
        if not hit and errors is not None:
            errors.append(Error("spurious", "", f"{f.text!r} {f.type} {f.value}"))
    found_spans = {(f.start, f.end) for f in found}
    for g in gold:
        tally.strict_gold += (g.start, g.end) in found_spans
        overlapping = [f for f in found if _overlap((g.start, g.end), (f.start, f.end)) > 0]
        if not overlapping:
            if errors is not None:
                errors.append(Error("missed", f"{g.text!r} {g.type} {g.value}", ""))
            continue
        tally.relaxed_gold += 1
        best = max(overlapping, key=lambda f: (_overlap((g.start, g.end), (f.start, f.end)), -abs(f.start - g.start)))
        tally.type_right += best.type == g.type
        tally.value_right += best.value == g.value
        if errors is not None:
            if best.type != g.type:
                errors.append(Error("type", f"{g.text!r} {g.type}", f"{best.text!r} {best.type}"))
            if best.value != g.value:
                errors.append(Error("value", f"{g.text!r} {g.value}", f"{best.text!r} {best.value}"))
    return tally


@dataclass
class TimeScores:
    documents: int = 0
    overall: dict[str, float | int] = field(default_factory=dict)
    by_corpus: dict[str, dict[str, float | int]] = field(default_factory=dict)
    errors: dict[str, list[dict]] = field(default_factory=dict)
    seconds: float = 0.0

    def as_dict(self) -> dict:
        return {
            "documents": self.documents,
            "overall": self.overall,
            "by_corpus": self.by_corpus,
            "errors": self.errors,
            "seconds": round(self.seconds, 1),
        }


def tag_documents(documents: Iterable[GoldDocument]) -> dict[str, list[TimeExpression]]:
    """The time expressions ``extract`` finds in each document (by id), with its DCT as
    publication date."""
    from crisisdesk.ingest import make_article
    from crisisdesk.ingest.readers import RawArticle
    from crisisdesk.model import Article, Extraction
    from crisisdesk.nlp.pipeline import extract

    made = (make_article(RawArticle(d.text, d.id, published=d.published, id=d.id)) for d in documents if d.text.strip())
    articles = [a for a in made if isinstance(a, Article)]
    return {e.article.id: e.times for e in extract(articles, workers=1) if isinstance(e, Extraction)}


def evaluate_times(gold_folder: Path, *, top_errors: int = 0) -> TimeScores:
    """TempEval-3 Task A scores of the tagger on every ``.tml`` under ``gold_folder``."""
    import time

    began = time.perf_counter()
    documents = load_timeml(gold_folder)
    found = tag_documents(documents)
    total, by_corpus = Tally(), {}
    errors: list[Error] = []
    for document in documents:
        tally = score_document(document.timexes, found.get(document.id, []), errors)
        total.add(tally)
        by_corpus.setdefault(document.corpus, Tally()).add(tally)
    scores = TimeScores(documents=len(documents), overall=total.scores(), by_corpus={c: t.scores() for c, t in sorted(by_corpus.items())})
    if top_errors:
        kinds = Counter((e.kind, e.gold, e.found) for e in errors)
        grouped: dict[str, Counter] = {}
        for (kind, gold, got), n in kinds.items():
            grouped.setdefault(kind, Counter())[(_shape(gold), _shape(got))] += n
        scores.errors = {
            kind: [{"gold": g, "found": f, "times": n} for (g, f), n in counter.most_common(top_errors)]
            for kind, counter in sorted(grouped.items())
        }
    scores.seconds = time.perf_counter() - began
    return scores


def _shape(text: str) -> str:
    """An error's text with digits generalised, so that errors of one kind count together."""
    return re.sub(r"\d", "9", text)
