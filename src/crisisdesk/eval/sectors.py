"""Score the DEEP sectors crisisdesk gives an excerpt against the sectors the DEEP platform's
analysts gave it (../shared/eval/humset/sectors.jsonl: ``{id, sectors}``, text in text/<id>.txt).

Each excerpt is run through the whole pipeline as an article of its own (the default fast path,
as ``extract`` runs). Two readings are scored, per sector and as the macro mean over sectors:

- ``article``: the article's sectors (``Extraction.sectors``, crisisdesk.nlp.sectors);
- ``conditions``: the union of the sectors of the article's conditions (what the rules alone gave
  before the classifier: macro F1 0.35).

Precision, recall and F1 are per excerpt: an excerpt counts once for each sector in its gold or
found set.

Tuning and checking parts, a fixed rule: an excerpt is in the **tuning** part when the first byte of
the SHA-256 digest of its id (UTF-8) is even, else in the **checking** part (192 and 208 excerpts).
It is the rule of ``crisisdesk.eval.splits`` (written on another branch at the same time), so an
excerpt is on the same side for quantities and sectors. The classifier is trained on the tuning part
only (tools/train_sectors.py); errors are looked at on the tuning part only; a change that helps
tuning and not checking is dropped.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from crisisdesk.eval.splits import CHECKING, TUNING, part_of  # the one written-down split rule
from crisisdesk.model import SECTORS

PARTS = (TUNING, CHECKING)
#: The readings scored (see the module docstring).
READINGS = ("article", "conditions")


@dataclass(frozen=True)
class GoldExcerpt:
    id: str
    sectors: frozenset[str]


def load_gold(path: Path) -> list[GoldExcerpt]:
    """The excerpts of a sectors.jsonl file, in file order."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            rows.append(GoldExcerpt(str(row["id"]), frozenset(row["sectors"])))
    return rows


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp else 0.0

    def as_dict(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass
class PartScores:
    excerpts: int = 0
    by_sector: dict[str, Counts] = field(default_factory=lambda: {s: Counts() for s in SECTORS})

    def add(self, gold: frozenset[str], found: Iterable[str]) -> None:
        found = set(found)
        self.excerpts += 1
        for sector in SECTORS:
            counts = self.by_sector[sector]
            counts.tp += sector in gold and sector in found
            counts.fp += sector not in gold and sector in found
            counts.fn += sector in gold and sector not in found

    def macro(self) -> dict[str, float]:
        """Mean precision, recall and F1 over the sectors."""
        n = len(self.by_sector)
        return {m: sum(getattr(c, m) for c in self.by_sector.values()) / n for m in ("precision", "recall", "f1")}

    def micro(self) -> dict[str, float]:
        total = Counts(*(sum(getattr(c, k) for c in self.by_sector.values()) for k in ("tp", "fp", "fn")))
        return {"precision": total.precision, "recall": total.recall, "f1": total.f1}

    def as_dict(self) -> dict:
        return {
            "excerpts": self.excerpts,
            "macro": self.macro(),
            "micro": self.micro(),
            "by_sector": {s: c.as_dict() for s, c in self.by_sector.items()},
        }


def score_sectors(gold: Iterable[GoldExcerpt], found: dict[str, dict[str, Iterable[str]]]) -> dict:
    """{reading: {part: PartScores as dict}} for ``found`` ({excerpt id: {reading: sectors}}); part
    "all" is the whole set. Also the errors of the tuning part (the only ones to look at)."""
    parts = {reading: {p: PartScores() for p in (*PARTS, "all")} for reading in READINGS}
    errors = []
    for excerpt in gold:
        part = part_of(excerpt.id)
        readings = found.get(excerpt.id, {})
        for reading in READINGS:
            got = set(readings.get(reading, ()))
            parts[reading][part].add(excerpt.sectors, got)
            parts[reading]["all"].add(excerpt.sectors, got)
        got = set(readings.get("article", ()))
        if part == TUNING and got != excerpt.sectors:
            errors.append({"id": excerpt.id, "missed": sorted(excerpt.sectors - got), "spurious": sorted(got - excerpt.sectors)})
    return {"readings": {r: {p: s.as_dict() for p, s in by_part.items()} for r, by_part in parts.items()}, "tuning_errors": errors}


def evaluate_sectors(gold_path: Path) -> dict:
    """Run the pipeline over each excerpt (an article of its own) and score both readings."""
    from crisisdesk.ingest.text import find_repairs
    from crisisdesk.model import Article, Extraction
    from crisisdesk.nlp.pipeline import extract

    gold = load_gold(gold_path)
    texts = gold_path.parent / "text"
    started = time.perf_counter()
    articles = []
    for excerpt in gold:
        text = (texts / f"{excerpt.id}.txt").read_text(encoding="utf-8")
        articles.append(Article(id=excerpt.id, text=text, origin=f"{texts}/{excerpt.id}.txt", repairs=find_repairs(text)))
    found = {}
    for e in extract(articles, workers=1):
        if isinstance(e, Extraction):
            found[e.article.id] = {"article": set(e.sectors), "conditions": {s for c in e.conditions for s in c.sectors}}
    scores = score_sectors(gold, found)
    scores["seconds"] = time.perf_counter() - started
    scores["gold"] = str(gold_path)
    return scores
