"""Train the sector classifier of crisisdesk.nlp.sectors and write src/crisisdesk/nlp/data/sectors.npz.

Data: ../shared/eval/humset/sectors.jsonl (the DEEP platform analysts' sectors of 400 HumSet
excerpts) with the excerpts in ../shared/eval/humset/text/<id>.txt; only the excerpts of the
**tuning** part (crisisdesk.eval.sectors.part_of) are read, so that the checking part stays unseen.

Model: one logistic regression per sector (one-vs-rest) on crisisdesk.nlp.sectors.features, plain
numpy full-batch gradient descent, L2 penalty ``--l2``, positive and negative examples of each sector
weighted to equal total weight (the sectors are unbalanced: Health 35% of excerpts, Agriculture 6%),
so a probability of 0.5 is the break-even point. ``--cv`` reports 5-fold cross-validated macro F1 on
the tuning part instead of writing (how the settings below were chosen: l2 1.0, 800 steps).

    PYTHONPATH=src python tools/train_sectors.py [--humset ../shared/eval/humset] [--cv]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from crisisdesk.eval.sectors import TUNING, load_gold, part_of, sentences_of
from crisisdesk.model import SECTORS
from crisisdesk.nlp import sectors

OUT = Path(__file__).resolve().parents[1] / "src" / "crisisdesk" / "nlp" / sectors.WEIGHTS


def fit(x: np.ndarray, y: np.ndarray, *, l2: float, steps: int, rate: float = 0.5) -> tuple[np.ndarray, np.ndarray]:
    """Weights (features × sectors) and biases of class-balanced L2 logistic regressions."""
    n, dim = x.shape
    weights, bias = np.zeros((dim, y.shape[1])), np.zeros(y.shape[1])
    positive = y.mean(axis=0).clip(0.02, 0.98)
    balance = y * (0.5 / positive) + (1 - y) * (0.5 / (1 - positive))
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(x @ weights + bias)))
        g = (p - y) * balance / n
        weights -= rate * (x.T @ g + l2 * weights / n)
        bias -= rate * g.sum(axis=0)
    return weights.astype(np.float32), bias.astype(np.float32)


def macro_f1(predicted: np.ndarray, y: np.ndarray) -> float:
    scores = []
    for k in range(y.shape[1]):
        tp = int((predicted[:, k] & (y[:, k] > 0)).sum())
        fp = int((predicted[:, k] & (y[:, k] == 0)).sum())
        fn = int((~predicted[:, k] & (y[:, k] > 0)).sum())
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return float(np.mean(scores))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--humset", type=Path, default=Path("../shared/eval/humset"))
    parser.add_argument("--l2", type=float, default=1.0)
    parser.add_argument("--steps", type=int, default=800)
    parser.add_argument("--cv", action="store_true", help="5-fold cross-validation on the tuning part; write nothing")
    args = parser.parse_args()

    gold = [g for g in load_gold(args.humset / "sectors.jsonl") if part_of(g.id) == TUNING]
    groups = [sectors.encode(sentences_of((args.humset / "text" / f"{g.id}.txt").read_text(encoding="utf-8"))) for g in gold]
    prototypes = sectors.prototype_vectors()
    x = np.stack([sectors.features(v, prototypes) for v in groups])
    y = np.array([[s in g.sectors for s in SECTORS] for g in gold], dtype=float)
    print(f"{len(gold)} tuning excerpts, {x.shape[1]} features", file=sys.stderr)
    if args.cv:
        folds = np.arange(len(gold)) % 5
        p = np.zeros_like(y)
        for k in range(5):
            w, b = fit(x[folds != k], y[folds != k], l2=args.l2, steps=args.steps)
            p[folds == k] = 1 / (1 + np.exp(-(x[folds == k] @ w + b)))
        print(json.dumps({"cv_macro_f1": round(macro_f1(p >= sectors.THRESHOLD, y), 3), "l2": args.l2, "steps": args.steps}))
        return 0
    weights, bias = fit(x, y, l2=args.l2, steps=args.steps)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        OUT,
        weights=weights,
        bias=bias,
        sectors=np.array(SECTORS),
        prototypes=np.array(sectors.prototypes_fingerprint(sectors.prototype_texts())),
        trained_on=np.array(f"humset sectors.jsonl tuning part ({len(gold)} excerpts); l2 {args.l2}, {args.steps} steps"),
    )
    print(f"wrote {OUT} ({OUT.stat().st_size:,} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
