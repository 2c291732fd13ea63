"""Score events against sentences labelled from tests/data/events/GUIDE.md.

Each sentence is run through the whole pipeline as an article of its own (the default fast path).
Per sentence, the event types found are compared with the gold types (one per type, however many
mentions): per-type and micro precision, recall and F1; for a type found and gold, whether the
status is the gold one (status accuracy). Reported for the tuning part, the checking part (the fixed
rule of the guide: first byte of SHA-256 of the id even → tuning) and the whole set; the wrong
sentences of the tuning part are listed (the only ones to look at).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from crisisdesk.eval.splits import CHECKING, TUNING, part_of  # the one written-down split rule


@dataclass(frozen=True)
class GoldSentence:
    id: str
    source: str
    sentence: str
    events: dict[str, str]  # type → status


def load_sentences(path: Path) -> list[GoldSentence]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            rows.append(GoldSentence(row["id"], row["source"], row["sentence"], {e["type"]: e["status"] for e in row["events"]}))
    return rows


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    status_right: int = 0

    def as_dict(self) -> dict:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp else 0.0
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": p,
            "recall": r,
            "f1": f,
            "status_accuracy": self.status_right / self.tp if self.tp else 0.0,
        }


@dataclass
class PartScores:
    sentences: int = 0
    micro: Counts = field(default_factory=Counts)
    by_type: dict[str, Counts] = field(default_factory=dict)

    def add(self, gold: dict[str, str], found: dict[str, set[str]]) -> None:
        self.sentences += 1
        for kind in sorted(set(gold) | set(found)):
            for counts in (self.micro, self.by_type.setdefault(kind, Counts())):
                if kind in gold and kind in found:
                    counts.tp += 1
                    counts.status_right += gold[kind] in found[kind]
                elif kind in found:
                    counts.fp += 1
                else:
                    counts.fn += 1

    def as_dict(self) -> dict:
        return {
            "sentences": self.sentences,
            "micro": self.micro.as_dict(),
            "by_type": {k: v.as_dict() for k, v in sorted(self.by_type.items())},
        }


def score_events(gold: Iterable[GoldSentence], found: dict[str, dict[str, set[str]]]) -> dict:
    """Scores of ``found`` ({sentence id: {type: statuses}}) against ``gold``, by part."""
    parts = {TUNING: PartScores(), CHECKING: PartScores(), "all": PartScores()}
    errors = []
    for sentence in gold:
        got = found.get(sentence.id, {})
        part = part_of(sentence.id)
        parts[part].add(sentence.events, got)
        parts["all"].add(sentence.events, got)
        wrong = set(got) != set(sentence.events) or any(sentence.events[k] not in got[k] for k in sentence.events if k in got)
        if part == TUNING and wrong:
            errors.append(
                {"id": sentence.id, "gold": sentence.events, "found": {k: sorted(v) for k, v in got.items()}, "sentence": sentence.sentence}
            )
    return {"parts": {p: s.as_dict() for p, s in parts.items()}, "tuning_errors": errors}


def evaluate_events(gold_path: Path) -> dict:
    """Run the pipeline over each labelled sentence (an article of its own) and score it."""
    from crisisdesk.model import Article, Extraction
    from crisisdesk.nlp.pipeline import extract

    gold = load_sentences(gold_path)
    started = time.perf_counter()
    found: dict[str, dict[str, set[str]]] = {}
    for e in extract([Article(id=s.id, text=s.sentence, origin=f"{gold_path}:{s.id}") for s in gold], workers=1):
        if isinstance(e, Extraction):
            types: dict[str, set[str]] = {}
            for event in e.events:
                types.setdefault(event.type, set()).add(event.status)
            found[e.article.id] = types
    scores = score_events(gold, found)
    scores["seconds"] = time.perf_counter() - started
    return scores
