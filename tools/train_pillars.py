"""Train the pillar classifier of crisisdesk.nlp.pillars and write src/crisisdesk/nlp/data/pillars.npz;
``--score`` measures it against the pillar each condition's kind gives.

Data (crisisdesk.nlp.pillars explains the model):

- the pillar prototypes of lexicon/pillars.toml, each statement a one-sentence text of its pillar
  (its similarity to itself left out of its features);
- tests/data/conditions/labelled.jsonl, its **tuning** part only (crisisdesk.eval.splits.part_of of
  the sentence id): each sentence with a condition, as a one-sentence text with the pillars of its
  conditions (tests/data/conditions/GUIDE.md). The checking part and the held-out sets
  (heldout.jsonl, heldout2.jsonl) are read only by ``--score``.

``--score`` runs the pipeline over the three conditions sets (each sentence an article, as
``crisisdesk eval conditions`` does) and, for each found condition whose words overlap a gold
condition, compares the gold pillar with (a) the pillar of the condition's kind, (b) the most
probable pillar from the meaning of its sentence, (c) the kind's pillar unless the meaning gives
another pillar with at least ``--override``; accuracy and macro F1 over the pillars, by part. Also
per sentence: the gold pillars of a sentence against the union of its found conditions' kind
pillars and against the classifier's pillars at its threshold (macro F1 over the pillars the
conditions sets use).

    PYTHONPATH=src python tools/train_pillars.py [--c 1.0] [--cv] [--score]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

from crisisdesk.eval.splits import TUNING, part_of
from crisisdesk.model import CONDITION_PILLARS, PILLARS
from crisisdesk.nlp import pillars, sectors

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_sectors import fit  # noqa: E402  (the same class-balanced logistic regression)

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "crisisdesk" / "nlp" / pillars.WEIGHTS
SETS = ROOT / "tests" / "data" / "conditions"
#: The pillars a condition can have (the values of CONDITION_PILLARS): the only ones the sets label.
CONDITION_PILLAR_SET = tuple(p for p in PILLARS if p in set(CONDITION_PILLARS.values()))


def rows_of(name: str) -> list[dict]:
    return [json.loads(line) for line in (SETS / f"{name}.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]


def training_rows() -> tuple[np.ndarray, np.ndarray, int]:
    """Features and labels of the prototypes and of the labelled set's tuning sentences."""
    prototypes = pillars.prototype_vectors()
    x, y = [], []
    for k, vectors in enumerate(prototypes):
        for i in range(len(vectors)):
            x.append(pillars.features(vectors[i : i + 1], prototypes, left_out=(k, i)))
            y.append([p == PILLARS[k] for p in PILLARS])
    tuning = [r for r in rows_of("labelled") if r["conditions"] and part_of(r["id"]) == TUNING]
    vectors = sectors.encode([r["sentence"] for r in tuning])
    for r, v in zip(tuning, vectors):
        x.append(pillars.features(v[None, :], prototypes))
        named = {c["pillar"] for c in r["conditions"]}
        y.append([p in named for p in PILLARS])
    return np.stack(x), np.array(y, dtype=float), len(tuning)


def cross_validated(x: np.ndarray, y: np.ndarray, sentences: int, *, c: float) -> float:
    """Share of the tuning sentences whose most probable pillar is one of their conditions' pillars,
    5-fold (the prototypes train every fold): how C = 1 was chosen (0.1: 0.66, 0.3: 0.64, 1-10: 0.71)."""
    prototypes = len(x) - sentences
    folds = np.random.RandomState(0).permutation(sentences) % 5
    right = 0
    for k in range(5):
        train = np.concatenate([np.arange(prototypes), prototypes + np.where(folds != k)[0]])
        test = prototypes + np.where(folds == k)[0]
        weights, bias = fit(x[train], y[train], c=c)
        right += int(sum(labels[row.argmax()] > 0 for row, labels in zip(x[test] @ weights + bias, y[test])))
    return right / sentences


def found_conditions(name: str, cache: Path | None = None) -> list[tuple[dict, list]]:
    """Each gold row of set ``name`` with the conditions the pipeline finds in its sentence (kept in
    ``cache``/<name>.pkl when given, to score several models on one extraction)."""
    import pickle

    if cache and (cache / f"{name}.pkl").exists():
        return pickle.loads((cache / f"{name}.pkl").read_bytes())
    from crisisdesk.ingest.text import find_repairs
    from crisisdesk.model import Article, Extraction
    from crisisdesk.nlp.pipeline import extract

    rows = rows_of(name)
    articles = [Article(id=r["id"], text=r["sentence"], origin=f"{name}:{r['id']}", repairs=find_repairs(r["sentence"])) for r in rows]
    found = {e.article.id: e.conditions for e in extract(articles, workers=1) if isinstance(e, Extraction)}
    out = [(r, list(found.get(r["id"], []))) for r in rows]
    if cache:
        cache.mkdir(parents=True, exist_ok=True)
        (cache / f"{name}.pkl").write_bytes(pickle.dumps(out))
    return out


def macro_f1(pairs: list[tuple[str, str]], labels: tuple[str, ...]) -> float:
    scores = []
    for label in labels:
        tp = sum(g == label and f == label for g, f in pairs)
        fp = sum(g != label and f == label for g, f in pairs)
        fn = sum(g == label and f != label for g, f in pairs)
        if tp + fp + fn:
            scores.append(2 * tp / (2 * tp + fp + fn))
    return float(np.mean(scores)) if scores else 0.0


def set_macro_f1(gold: list[set[str]], found: list[set[str]], labels: tuple[str, ...]) -> float:
    scores = []
    for label in labels:
        tp = sum(label in g and label in f for g, f in zip(gold, found))
        fp = sum(label not in g and label in f for g, f in zip(gold, found))
        fn = sum(label in g and label not in f for g, f in zip(gold, found))
        if tp + fp + fn:
            scores.append(2 * tp / (2 * tp + fp + fn))
    return float(np.mean(scores)) if scores else 0.0


def score(override: float, cache: Path | None = None) -> dict:
    """The measures of the module docstring on labelled (tuning, checking), heldout and heldout2."""
    out: dict[str, dict] = {}
    for name in ("labelled", "heldout", "heldout2"):
        rows = found_conditions(name, cache)
        texts = [[c.sentence for c in conditions] for _, conditions in rows]
        flat = [t for ts in texts for t in ts] + [r["sentence"] for r, _ in rows]
        probabilities = pillars.probabilities_of_vectors([v[None, :] for v in sectors.encode(flat)]) if flat else []
        at = 0
        parts: dict[str, dict] = {}
        for r, conditions in rows:
            part = f"{name} {part_of(r['id'])}" if name == "labelled" else name
            bucket = parts.setdefault(
                part, {"kind": [], "meaning": [], "meaning7": [], "combined": [], "gold_sets": [], "kind_sets": [], "meaning_sets": []}
            )
            for c in conditions:
                p = probabilities[at]
                at += 1
                gold = next((g for g in r["conditions"] if g["start"] < c.end and c.start < g["end"]), None)
                if gold is None:
                    continue
                best = max(p, key=p.get)
                best7 = max(CONDITION_PILLAR_SET, key=p.get)
                other = best7 if best7 != c.pillar and p[best7] >= override and p[best7] > p[c.pillar] else c.pillar
                bucket["kind"].append((gold["pillar"], c.pillar))
                bucket["meaning"].append((gold["pillar"], best))
                bucket["meaning7"].append((gold["pillar"], best7))
                bucket["combined"].append((gold["pillar"], other))
        for r, conditions in rows:
            part = f"{name} {part_of(r['id'])}" if name == "labelled" else name
            p = probabilities[at]
            at += 1
            bucket = parts[part]
            bucket["gold_sets"].append({g["pillar"] for g in r["conditions"]})
            bucket["kind_sets"].append({c.pillar for c in conditions})
            bucket["meaning_sets"].append({q for q in CONDITION_PILLAR_SET if p[q] >= pillars.THRESHOLD})
        for part, b in parts.items():
            out[part] = {
                "conditions matched": len(b["kind"]),
                **{
                    f"{way} accuracy / macro F1": (
                        round(sum(g == f for g, f in b[way]) / max(1, len(b[way])), 3),
                        round(macro_f1(b[way], CONDITION_PILLAR_SET), 3),
                    )
                    for way in ("kind", "meaning", "meaning7", "combined")
                },
                "sentence macro F1 kind / meaning": (
                    round(set_macro_f1(b["gold_sets"], b["kind_sets"], CONDITION_PILLAR_SET), 3),
                    round(set_macro_f1(b["gold_sets"], b["meaning_sets"], CONDITION_PILLAR_SET), 3),
                ),
                "gold pillars": dict(Counter(g for g, _ in b["kind"])),
            }
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--c", type=float, default=1.0, help="inverse L2 penalty")
    parser.add_argument(
        "--cv", action="store_true", help="5-fold cross-validation on the tuning sentences (prototypes in every fold); write nothing"
    )
    parser.add_argument("--score", action="store_true", help="measure the shipped weights on the conditions sets; write nothing")
    parser.add_argument(
        "--override", type=float, default=0.9, help="with --score: the meaning's probability that overrides the kind's pillar"
    )
    parser.add_argument("--cache", type=Path, help="with --score: keep the pipeline's conditions here between runs")
    args = parser.parse_args()
    if args.score:
        print(json.dumps(score(args.override, args.cache), indent=1))
        return 0
    x, y, sentences = training_rows()
    print(f"{len(x) - sentences} prototypes and {sentences} tuning sentences, {x.shape[1]} features", file=sys.stderr)
    if args.cv:
        print(json.dumps({"cv_top_pillar_right": round(cross_validated(x, y, sentences, c=args.c), 3), "c": args.c}))
        return 0
    weights, bias = fit(x, y, c=args.c)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        OUT,
        weights=weights,
        bias=bias,
        pillars=np.array(PILLARS),
        prototypes=np.array(pillars.prototypes_fingerprint(pillars.prototype_texts())),
        trained_on=np.array(
            f"lexicon pillar_prototypes ({len(x) - sentences} statements) and tests/data/conditions/labelled.jsonl "
            f"tuning part ({sentences} sentences); C {args.c}, class-balanced"
        ),
    )
    print(f"wrote {OUT} ({OUT.stat().st_size:,} bytes)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
