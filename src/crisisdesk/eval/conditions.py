"""Score conditions, needs and access against the hand-labelled set in tests/data/conditions.

Each labelled sentence is run through the whole pipeline as an article of its own (the default
fast path, as ``extract`` runs). A found condition matches a gold one when their spans overlap and
their pillars are equal; precision is the share of found conditions that match a gold one, recall
the share of gold conditions matched. Reported overall, per pillar and per sector (a condition
counts under each of its sectors; sector scores are over matched spans: a sector found on a
condition whose gold has it too is right), with the sentences of the set that hold no condition
(hard negatives) and how many conditions were found in them.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from crisisdesk.model import Condition, Extraction


@dataclass(frozen=True)
class GoldCondition:
    text: str
    start: int
    end: int
    kind: str
    sectors: tuple[str, ...]
    pillar: str


@dataclass(frozen=True)
class GoldSentence:
    id: str
    source: str
    sentence: str
    conditions: tuple[GoldCondition, ...]


@dataclass
class PRF:
    gold: int = 0
    found: int = 0
    matched_gold: int = 0
    matched_found: int = 0

    def count(self, side: str, matched: bool) -> None:
        """One gold (``side`` "gold") or found ("found") condition, matched or not."""
        if side == "gold":
            self.gold += 1
            self.matched_gold += matched
        else:
            self.found += 1
            self.matched_found += matched

    @property
    def precision(self) -> float:
        return self.matched_found / self.found if self.found else 0.0

    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {**asdict(self), "precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass
class ConditionScores:
    sentences: int = 0
    negatives: int = 0  # sentences with no gold condition
    found_in_negatives: int = 0  # conditions found in them
    seconds: float = 0.0
    overall: PRF = field(default_factory=PRF)
    by_pillar: dict[str, PRF] = field(default_factory=dict)
    by_sector: dict[str, PRF] = field(default_factory=dict)
    errors: list[dict] = field(default_factory=list)  # missed and spurious conditions, with their sentence

    def as_dict(self) -> dict:
        return {
            "sentences": self.sentences,
            "negatives": self.negatives,
            "found_in_negatives": self.found_in_negatives,
            "seconds": self.seconds,
            "overall": self.overall.as_dict(),
            "by_pillar": {k: v.as_dict() for k, v in sorted(self.by_pillar.items())},
            "by_sector": {k: v.as_dict() for k, v in sorted(self.by_sector.items())},
            "errors": self.errors,
        }


def load_labelled(path: Path) -> list[GoldSentence]:
    """The sentences of a labelled JSONL file (tests/data/conditions/GUIDE.md gives the format)."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        conditions = tuple(
            GoldCondition(c["text"], c["start"], c["end"], c["kind"], tuple(c["sectors"]), c["pillar"]) for c in row["conditions"]
        )
        rows.append(GoldSentence(row["id"], row["source"], row["sentence"], conditions))
    return rows


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def _matches(found: Condition, gold: GoldCondition) -> bool:
    return found.pillar == gold.pillar and _overlaps(found.start, found.end, gold.start, gold.end)


def score_conditions(gold: Iterable[GoldSentence], found: dict[str, Sequence[Condition]]) -> ConditionScores:
    """Scores of the conditions ``found`` (by sentence id) against ``gold``."""
    scores = ConditionScores()
    for sentence in gold:
        scores.sentences += 1
        predicted = list(found.get(sentence.id, ()))
        if not sentence.conditions:
            scores.negatives += 1
            scores.found_in_negatives += len(predicted)
        for g in sentence.conditions:
            _tally(scores, sentence, g, next((f for f in predicted if _matches(f, g)), None), "gold", "missed")
        for f in predicted:
            _tally(scores, sentence, f, next((g for g in sentence.conditions if _matches(f, g)), None), "found", "spurious")
    return scores


def _tally(scores: ConditionScores, sentence: GoldSentence, item, hit, side: str, error: str) -> None:
    """Count one gold (side "gold") or found (side "found") condition overall, under its pillar and
    under each of its sectors (a sector matches when the matched condition names it too)."""
    for prf in (scores.overall, scores.by_pillar.setdefault(item.pillar, PRF())):
        prf.count(side, hit is not None)
    if hit is None:
        scores.errors.append(
            {"error": error, "id": sentence.id, "pillar": item.pillar, "kind": item.kind, "text": item.text, "sentence": sentence.sentence}
        )
    for sector in item.sectors:
        scores.by_sector.setdefault(sector, PRF()).count(side, hit is not None and sector in hit.sectors)


def evaluate_conditions(gold_path: Path) -> ConditionScores:
    """Run the pipeline over each labelled sentence (an article of its own) and score it."""
    from crisisdesk.ingest.text import find_repairs
    from crisisdesk.model import Article
    from crisisdesk.nlp.pipeline import extract

    gold = load_labelled(gold_path)
    started = time.perf_counter()
    # Repaired as ingest repairs them (IDETECT's mojibake), offsets still into the sentence as given.
    articles = [Article(id=s.id, text=s.sentence, origin=f"{gold_path}:{s.id}", repairs=find_repairs(s.sentence)) for s in gold]
    found = {e.article.id: e.conditions for e in extract(articles, workers=1) if isinstance(e, Extraction)}
    scores = score_conditions(gold, found)
    scores.seconds = time.perf_counter() - started
    return scores
