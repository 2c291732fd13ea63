"""Train the sector classifier of crisisdesk.nlp.sectors and write src/crisisdesk/nlp/data/sectors.npz.

Data:

- ../shared/eval/humset/sectors.jsonl (the DEEP platform analysts' sectors of 400 HumSet excerpts)
  with the excerpts in ../shared/eval/humset/text/<id>.txt; only the excerpts of the **tuning**
  part (crisisdesk.eval.sectors.part_of) are read, so that the checking part stays unseen. Each
  excerpt is read as the pipeline's component reads an article: the sentences
  :func:`crisisdesk.nlp.sectors.article_sentences_of` chooses after the first pass (training on
  all sentences while the component reads the parsed ones cost 2 points of checking macro F1);
- tests/data/conditions/labelled.jsonl: each sentence with a condition that names a sector, as a
  text of one sentence with the union of its conditions' sectors (tests/data/conditions/GUIDE.md).
  The held-out conditions set is not read.

Model: one logistic regression per sector (one-vs-rest) on crisisdesk.nlp.sectors.features,
L-BFGS (scipy) on the log loss with an L2 penalty ``1 / C`` (C = ``--c``), positive and negative
examples of each sector weighted to equal total weight (the sectors are unbalanced: Health 35% of
excerpts, Agriculture 6%), so a probability of 0.5 is the break-even point. ``--cv`` reports 5-fold
cross-validated macro F1 on the tuning part instead of writing (the conditions sentences stay in
every training fold; how C = 1 was chosen), of the classifier alone and with the sectors the
sentences name in so many words (crisisdesk.nlp.sectors.named_sectors), as the component chooses.

    PYTHONPATH=src python tools/train_sectors.py [--humset ../shared/eval/humset] [--cv]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

from crisisdesk.eval.sectors import TUNING, load_gold, part_of
from crisisdesk.model import SECTORS, Article
from crisisdesk.nlp import sectors

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "crisisdesk" / "nlp" / sectors.WEIGHTS
CONDITIONS = ROOT / "tests" / "data" / "conditions" / "labelled.jsonl"


def fit(x: np.ndarray, y: np.ndarray, *, c: float) -> tuple[np.ndarray, np.ndarray]:
    """Weights (features × sectors) and biases of class-balanced L2 logistic regressions."""
    from scipy.optimize import minimize

    n, dim = x.shape
    k = y.shape[1]
    positive = y.mean(axis=0).clip(1 / n, 1 - 1 / n)
    balance = y * (0.5 / positive) + (1 - y) * (0.5 / (1 - positive))

    def loss_and_gradient(theta: np.ndarray) -> tuple[float, np.ndarray]:
        weights, bias = theta[: dim * k].reshape(dim, k), theta[dim * k :]
        z = x @ weights + bias
        loss = c * float((balance * (np.logaddexp(0, z) - y * z)).sum()) + 0.5 * float((weights * weights).sum())
        g = c * balance * (1 / (1 + np.exp(-z)) - y)
        return loss, np.concatenate([(x.T @ g + weights).ravel(), g.sum(axis=0)])

    found = minimize(loss_and_gradient, np.zeros(dim * k + k), jac=True, method="L-BFGS-B", options={"maxiter": 3000})
    return found.x[: dim * k].reshape(dim, k).astype(np.float32), found.x[dim * k :].astype(np.float32)


def macro_f1(predicted: np.ndarray, y: np.ndarray) -> float:
    scores = []
    for k in range(y.shape[1]):
        tp = int((predicted[:, k] & (y[:, k] > 0)).sum())
        fp = int((predicted[:, k] & (y[:, k] == 0)).sum())
        fn = int((~predicted[:, k] & (y[:, k] > 0)).sum())
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return float(np.mean(scores))


def article_sentences(texts: list[str]) -> list[list[str]]:
    """The sentences the sectors component reads of each text as an article (see the docstring)."""
    from crisisdesk.ingest.text import find_repairs
    from crisisdesk.nlp.pipeline import extract

    seen: list[list[str]] = []
    real = sectors.article_and_condition_sectors

    def spy(doc, *, threshold, article_sentences, pillar_threshold, **_):  # records the sentences, classifies nothing
        spans = sectors.article_sentences_of(doc, article_sentences)
        seen.append([doc.text[s:e].strip() or " " for s, e in spans])
        return {}, {}, list(doc._.crisisdesk_conditions or [])

    sectors.article_and_condition_sectors = spy  # the component looks the function up at each call
    try:
        articles = [Article(id=str(i), text=t, origin=f"text {i}", repairs=find_repairs(t)) for i, t in enumerate(texts)]
        for _ in extract(articles, workers=1):
            pass
    finally:
        sectors.article_and_condition_sectors = real
    if len(seen) != len(texts):
        raise RuntimeError(f"the component saw {len(seen)} of {len(texts)} texts")
    return seen


def conditions_rows() -> tuple[list[list[str]], np.ndarray]:
    """The labelled conditions set's sentences that name a sector, and their sectors."""
    texts, labels = [], []
    for line in CONDITIONS.read_text(encoding="utf-8").splitlines():
        row = json.loads(line) if line.strip() else None
        named = {s for c in (row or {}).get("conditions", []) for s in c["sectors"]}
        if named:
            texts.append([row["sentence"]])
            labels.append([s in named for s in SECTORS])
    return texts, np.array(labels, dtype=float)


def feature_rows(texts_sentences: list[list[str]]) -> np.ndarray:
    prototypes = sectors.prototype_vectors()
    return np.stack([sectors.features(sectors.encode(s), prototypes) for s in texts_sentences])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--humset", type=Path, default=Path("../shared/eval/humset"))
    parser.add_argument("--c", type=float, default=1.0, help="inverse L2 penalty")
    parser.add_argument("--cv", action="store_true", help="5-fold cross-validation on the tuning part; write nothing")
    args = parser.parse_args()

    gold = [g for g in load_gold(args.humset / "sectors.jsonl") if part_of(g.id) == TUNING]
    read = article_sentences([(args.humset / "text" / f"{g.id}.txt").read_text(encoding="utf-8") for g in gold])
    x = feature_rows(read)
    y = np.array([[s in g.sectors for s in SECTORS] for g in gold], dtype=float)
    extra_texts, extra_y = conditions_rows()
    extra_x = feature_rows(extra_texts)
    print(f"{len(gold)} tuning excerpts and {len(extra_texts)} conditions sentences, {x.shape[1]} features", file=sys.stderr)
    if args.cv:
        folds = np.random.RandomState(0).permutation(len(gold)) % 5
        p = np.zeros_like(y)
        for k in range(5):
            w, b = fit(np.vstack([x[folds != k], extra_x]), np.vstack([y[folds != k], extra_y]), c=args.c)
            p[folds == k] = 1 / (1 + np.exp(-(x[folds == k] @ w + b)))
        # What the component chooses: the classifier's sectors and those the sentences name (sector_names).
        named = np.array([[any(s in sectors.named_sectors(t) for t in sentences) for s in SECTORS] for sentences in read])
        chosen = p >= sectors.THRESHOLD
        print(
            json.dumps(
                {"cv_macro_f1": round(macro_f1(chosen, y), 3), "cv_macro_f1_with_names": round(macro_f1(chosen | named, y), 3), "c": args.c}
            )
        )
        return 0
    weights, bias = fit(np.vstack([x, extra_x]), np.vstack([y, extra_y]), c=args.c)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        OUT,
        weights=weights,
        bias=bias,
        sectors=np.array(SECTORS),
        prototypes=np.array(sectors.prototypes_fingerprint(sectors.prototype_texts())),
        trained_on=np.array(
            f"humset sectors.jsonl tuning part ({len(gold)} excerpts) and tests/data/conditions/labelled.jsonl "
            f"({len(extra_texts)} sentences); C {args.c}, class-balanced"
        ),
    )
    print(f"wrote {OUT} ({OUT.stat().st_size:,} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
