"""Score quantities and their units against ISI-style annotations (../shared/eval/humset).

As the 2025 annotation study scored them: in each excerpt, predicted and gold quantities are
paired one to one, first on the exact quantity text (the same span before the same text
elsewhere), then on overlapping spans. A paired quantity is right when its text is the same as the
gold's; its unit is right when both have a unit and the unit texts are the same. Micro precision,
recall and F1 over all excerpts: quantity P = right / predicted, R = right / gold; unit P = right
units / predicted units, R = right units / gold units.

ISI annotations keep the modifier apart from the number ("approximately" | "50" | "families");
crisisdesk's quantity text starts with it ("approximately 50"). The headline scores compare the
text as crisisdesk gives it (as the study scored crisisdesk: quantity F1 0.778, unit F1 0.375 on
this half); ``number_only`` scores the number alone, a leading qualifier (the words before the
first number of a quantity whose modifier is not "exact") cut off, to show how much of the
difference is that convention.

Every score is given for the whole set and for its tuning and checking parts
(:mod:`crisisdesk.eval.splits`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from crisisdesk.eval.splits import part_of
from crisisdesk.model import Extraction, Quantity


@dataclass(frozen=True)
class Mention:
    """A quantity (and its unit) as characters of one excerpt."""

    text: str
    start: int
    end: int
    unit: str | None = None


@dataclass
class QuantityScores:
    excerpts: int = 0
    gold: int = 0
    predicted: int = 0
    paired: int = 0
    quantity_right: int = 0
    gold_units: int = 0
    predicted_units: int = 0
    unit_right: int = 0
    quantity_precision: float = 0.0
    quantity_recall: float = 0.0
    quantity_f1: float = 0.0
    unit_precision: float = 0.0
    unit_recall: float = 0.0
    unit_f1: float = 0.0

    def add(self, other: QuantityScores) -> None:
        for name in ("excerpts", "gold", "predicted", "paired", "quantity_right", "gold_units", "predicted_units", "unit_right"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def finish(self) -> QuantityScores:
        self.quantity_precision, self.quantity_recall, self.quantity_f1 = _prf(self.quantity_right, self.predicted, self.gold)
        self.unit_precision, self.unit_recall, self.unit_f1 = _prf(self.unit_right, self.predicted_units, self.gold_units)
        return self


@dataclass
class QuantityReport:
    overall: QuantityScores
    parts: dict[str, QuantityScores] = field(default_factory=dict)
    errors: list[dict] = field(default_factory=list)  # tuning part only: look at errors there
    number_only: QuantityScores | None = None  # overall, the qualifier cut off the quantity text

    def as_dict(self) -> dict:
        return {
            "overall": asdict(self.overall),
            "parts": {k: asdict(v) for k, v in self.parts.items()},
            "number_only": asdict(self.number_only) if self.number_only else None,
            "errors": self.errors,
        }


def _prf(right: int, predicted: int, gold: int) -> tuple[float, float, float]:
    precision = right / predicted if predicted else 0.0
    recall = right / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def load_isi(path: Path) -> list[Mention]:
    """The gold quantities of one ``gold/<id>.txt.json`` file."""
    mentions = []
    for record in json.loads(path.read_text("utf-8")):
        quantity = record["quantity"]
        unit = record.get("unit")
        mentions.append(Mention(quantity["text"], quantity["begin"], quantity["end"], unit["text"] if unit else None))
    return mentions


_FIRST_NUMBER = re.compile(r"\d")


def number_only(quantity: Quantity) -> Mention:
    """The quantity without a leading qualifier ("approximately 50" → "50"), with its unit."""
    text, start = quantity.text, quantity.start
    if quantity.modifier not in ("exact", "range"):
        cut = _qualifier_length(text)
        text, start = text[cut:], start + cut
    return Mention(text, start, start + len(text), quantity.unit_text)


def _qualifier_length(text: str) -> int:
    """Characters of the leading words of ``text`` that are no number ("more than" in "more than five")."""
    from text_to_num import text2num  # the project's number-word reader

    for word in re.finditer(r"\S+", text):
        token = word.group().lower().strip(",.")
        if _FIRST_NUMBER.search(token) or _is_number_word(token, text2num):
            return word.start()
    return 0


def _is_number_word(token: str, text2num) -> bool:
    try:
        text2num(token, "en")
    except ValueError:
        return False
    return True


def as_given(quantity: Quantity) -> Mention:
    return Mention(quantity.text, quantity.start, quantity.end, quantity.unit_text)


def _same(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def pairs(gold: Sequence[Mention], predicted: Sequence[Mention]) -> list[tuple[Mention, Mention]]:
    """Gold and predicted quantities paired one to one: same text at the same place, then the same
    text anywhere (nearest first), then overlapping spans (largest overlap first)."""
    free_gold, free_pred = list(gold), list(predicted)
    paired: list[tuple[Mention, Mention]] = []

    def take(score) -> None:
        candidates = sorted(
            ((s, gi, pi) for gi, g in enumerate(free_gold) for pi, p in enumerate(free_pred) if (s := score(g, p)) is not None),
            key=lambda c: c[0],
        )
        used_g: set[int] = set()
        used_p: set[int] = set()
        for _, gi, pi in candidates:
            if gi not in used_g and pi not in used_p:
                used_g.add(gi)
                used_p.add(pi)
                paired.append((free_gold[gi], free_pred[pi]))
        free_gold[:] = [g for i, g in enumerate(free_gold) if i not in used_g]
        free_pred[:] = [p for i, p in enumerate(free_pred) if i not in used_p]

    take(lambda g, p: 0 if _same(g.text, p.text) and (g.start, g.end) == (p.start, p.end) else None)
    take(lambda g, p: abs(g.start - p.start) if _same(g.text, p.text) else None)
    take(lambda g, p: -(min(g.end, p.end) - max(g.start, p.start)) if min(g.end, p.end) > max(g.start, p.start) else None)
    return paired


def score_excerpt(gold: Sequence[Mention], predicted: Sequence[Mention]) -> QuantityScores:
    """Counts for one excerpt (precision and the rest are filled in by :meth:`QuantityScores.finish`)."""
    scores = QuantityScores(excerpts=1, gold=len(gold), predicted=len(predicted))
    scores.gold_units = sum(g.unit is not None for g in gold)
    scores.predicted_units = sum(p.unit is not None for p in predicted)
    for g, p in pairs(gold, predicted):
        scores.paired += 1
        scores.quantity_right += _same(g.text, p.text)
        scores.unit_right += _same(g.unit, p.unit)
    return scores


def score_quantities(
    gold: dict[str, Sequence[Mention]], predicted: dict[str, Sequence[Mention]], texts: dict[str, str] | None = None, max_errors: int = 50
) -> QuantityReport:
    """Scores over every excerpt of ``gold`` (id → mentions), overall and by part."""
    overall = QuantityScores()
    parts = {"tuning": QuantityScores(), "checking": QuantityScores()}
    errors: list[dict] = []
    for excerpt_id in sorted(gold):
        found = predicted.get(excerpt_id, [])
        scores = score_excerpt(gold[excerpt_id], found)
        overall.add(scores)
        part = part_of(excerpt_id)
        parts[part].add(scores)
        if part == "tuning" and texts is not None and len(errors) < max_errors:
            errors.extend(_errors(excerpt_id, gold[excerpt_id], found)[: max_errors - len(errors)])
    return QuantityReport(overall.finish(), {k: v.finish() for k, v in parts.items()}, errors)


def _errors(excerpt_id: str, gold: Sequence[Mention], predicted: Sequence[Mention]) -> list[dict]:
    paired = pairs(gold, predicted)
    rows = [
        {"id": excerpt_id, "gold": f"{g.text} | {g.unit}", "found": f"{p.text} | {p.unit}"}
        for g, p in paired
        if not (_same(g.text, p.text) and (_same(g.unit, p.unit) or g.unit is p.unit is None))
    ]
    paired_gold = {id(g) for g, _ in paired}
    paired_pred = {id(p) for _, p in paired}
    rows += [{"id": excerpt_id, "gold": f"{g.text} | {g.unit}", "found": ""} for g in gold if id(g) not in paired_gold]
    rows += [{"id": excerpt_id, "gold": "", "found": f"{p.text} | {p.unit}"} for p in predicted if id(p) not in paired_pred]
    return rows


def load_humset(folder: Path) -> tuple[dict[str, str], dict[str, list[Mention]]]:
    """The texts and gold quantities of a HumSet-style folder (``text/<id>.txt``, ``gold/<id>.txt.json``)."""
    texts, gold = {}, {}
    for path in sorted((folder / "text").glob("*.txt")):
        excerpt_id = path.stem
        gold_path = folder / "gold" / f"{path.name}.json"
        if gold_path.exists():
            texts[excerpt_id] = path.read_text("utf-8")
            gold[excerpt_id] = load_isi(gold_path)
    return texts, gold


def evaluate_quantities(folder: Path, *, max_errors: int = 50) -> QuantityReport:
    """Run ingest + nlp over the excerpts of ``folder`` and score their quantities (the text as
    crisisdesk gives it; ``number_only`` the overall scores of the number alone)."""
    from crisisdesk.ingest import make_article
    from crisisdesk.ingest.readers import RawArticle
    from crisisdesk.model import Article
    from crisisdesk.nlp.pipeline import extract

    texts, gold = load_humset(folder)
    articles = [make_article(RawArticle(text, f"{folder}/text/{i}.txt", id=i)) for i, text in texts.items()]
    found = {e.article.id: e.quantities for e in extract(a for a in articles if isinstance(a, Article)) if isinstance(e, Extraction)}
    report = score_quantities(gold, {i: [as_given(q) for q in qs] for i, qs in found.items()}, texts, max_errors=max_errors)
    report.number_only = score_quantities(gold, {i: [number_only(q) for q in qs] for i, qs in found.items()}).overall
    return report
