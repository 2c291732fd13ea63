#!/usr/bin/env python3
"""Show that a change left the extract output of every article in ../shared/eval and ../shared/seeds
as it was: the check of a redesign (a behaviour change shows up here as a diff).

    .venv/bin/python tools/same_extract.py                 # this tree against HEAD
    .venv/bin/python tools/same_extract.py --base 6ce1dca  # this tree against any revision
    .venv/bin/python tools/same_extract.py --write out.jsonl   # only write this tree's snapshot

The base revision is checked out in a temporary git worktree and this same script runs there (with
the worktree's ``src`` first on the path and this venv's packages), so both sides read the same
articles the same way; a base snapshot is cached by commit in the repository's git dir (``.git/same_extract/``, shared by its worktrees). The
exit status is 0 when every article's extract JSON is identical, 1 otherwise (the first
differences are printed, article by article and key by key).

Only import paths that have existed since the start of the project are used here
(``crisisdesk.ingest``, ``crisisdesk.nlp.pipeline``, ``crisisdesk.export.extract_json`` and the
eval loaders), so any two revisions can be compared.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = (ROOT.parent / "shared").resolve()  # resolved: a worktree reaches it through a link


def articles():
    """Every article of the eval sets and the seeds, in a fixed order, read as crisisdesk reads them."""
    from crisisdesk.eval.places import load_geowebnews
    from crisisdesk.eval.times import load_timeml
    from crisisdesk.ingest import make_article, read_sources
    from crisisdesk.ingest.readers import RawArticle

    eval_dir = SHARED / "eval"
    files = [SHARED / "seeds", eval_dir / "idetect" / "dev.csv", eval_dir / "humset" / "text", eval_dir / "gva" / "articles.jsonl"]
    for item in read_sources([str(p) for p in files]):
        if hasattr(item, "text"):
            yield item
    for gold in load_geowebnews(eval_dir / "geowebnews" / "GWN.xml"):
        item = make_article(RawArticle(text=gold.text, origin=f"GWN:{gold.id}", id=f"gwn-{gold.id}"))
        if hasattr(item, "text"):
            yield item
    for doc in load_timeml(eval_dir / "timebank"):
        item = make_article(RawArticle(text=doc.text, origin=f"timeml:{doc.id}", id=f"tml-{doc.corpus}-{doc.id}", published=doc.published))
        if hasattr(item, "text"):
            yield item


def write_snapshot(out: Path) -> int:
    from crisisdesk.export.extract_json import extraction_json
    from crisisdesk.nlp.pipeline import extract

    count = 0
    with out.open("w", encoding="utf-8") as sink:
        for result in extract(articles(), workers=int(os.environ.get("SAME_EXTRACT_WORKERS", "2"))):
            if hasattr(result, "article"):
                record = extraction_json(result)
                record["origin"] = result.article.origin
            else:
                record = {"error": result.origin, "reason": result.reason}
            sink.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
            count += 1
    return count


def snapshot_of_revision(rev: str) -> Path:
    commit = subprocess.run(["git", "rev-parse", rev], cwd=ROOT, check=True, capture_output=True, text=True).stdout.strip()
    # In the repository's common git dir, so that every worktree of it shares the base snapshots.
    common = subprocess.run(["git", "rev-parse", "--git-common-dir"], cwd=ROOT, check=True, capture_output=True, text=True).stdout.strip()
    cache = Path(os.environ.get("SAME_EXTRACT_CACHE") or (ROOT / common / "same_extract"))
    cache.mkdir(parents=True, exist_ok=True)
    out = cache / f"{commit}.jsonl"
    if out.exists():
        return out
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "base"
        subprocess.run(["git", "worktree", "add", "--detach", "--quiet", str(tree), commit], cwd=ROOT, check=True)
        try:
            # The worktree sits in a temp dir, so point it at our shared/ through the environment.
            env = dict(os.environ, PYTHONPATH=str(tree / "src"), SAME_EXTRACT_SHARED=str(SHARED))
            partial = out.with_suffix(".part")
            subprocess.run([sys.executable, str(Path(__file__).resolve()), "--write", str(partial)], env=env, check=True)
            partial.rename(out)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, check=False)
    return out


def differences(base: Path, head: Path, limit: int = 20) -> list[str]:
    def load(path: Path) -> dict[str, dict]:
        return {(r.get("origin") or r.get("error")) + "|" + str(r.get("id")): r for r in map(json.loads, path.open(encoding="utf-8"))}

    old, new = load(base), load(head)
    found: list[str] = []
    for key in sorted(set(old) | set(new)):
        a, b = old.get(key), new.get(key)
        if a == b:
            continue
        if a is None or b is None:
            found.append(f"{key}: {'only after' if a is None else 'only before'}")
            continue
        for field in sorted(set(a) | set(b)):
            if a.get(field) != b.get(field):
                found.append(
                    f"{key} [{field}]:\n  before {json.dumps(a.get(field), ensure_ascii=False)[:600]}\n  after  {json.dumps(b.get(field), ensure_ascii=False)[:600]}"
                )
    return found[:limit] + ([f"... {len(found) - limit} more"] if len(found) > limit else [])


def main() -> int:
    global SHARED
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default="HEAD", help="revision to compare with (default HEAD)")
    parser.add_argument("--write", type=Path, help="only write this tree's snapshot to this file")
    args = parser.parse_args()
    SHARED = Path(os.environ.get("SAME_EXTRACT_SHARED", SHARED)).resolve()
    if args.write:
        print(f"{write_snapshot(args.write)} articles", file=sys.stderr)
        return 0
    base = snapshot_of_revision(args.base)
    with tempfile.TemporaryDirectory() as tmp:
        head = Path(tmp) / "head.jsonl"
        count = write_snapshot(head)
        found = differences(base, head)
    if found:
        print(f"{len(found)} differences in the extract output of {count} articles (base {args.base}):")
        print("\n".join(found))
        return 1
    print(f"identical: the extract output of all {count} articles is the same as at {args.base}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
