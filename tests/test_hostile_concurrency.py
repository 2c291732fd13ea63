"""Concurrent ingests and reports, and kill -9 in the middle of an ingest (issue 20): every article
stored once, nothing lost, the store's integrity check passes."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crisisdesk.store import Store

SRC = str(Path(__file__).resolve().parents[1] / "src")

#: A process that waits for the start signal, then stores articles 0..n-1 (the same ids in every
#: process, so that they race on each insert) or reads the store as a report does.
WORKER = r"""
import sys, time, os
from datetime import date
from pathlib import Path
role, db, go, n = sys.argv[1], sys.argv[2], Path(sys.argv[3]), int(sys.argv[4])
from crisisdesk import api
from crisisdesk.model import Article, Extraction, Figure
while not go.exists():
    time.sleep(0.005)

def extraction(i):
    sentence = f"Floods displaced {i + 1} people in the district."
    figure = Figure(text=f"{i + 1} people", start=17, end=17 + len(f"{i + 1} people"), quantity=i + 1, quantity_max=None, qualifier="",
                    unit="people", term="displaced", group=None, sentence=sentence, sentence_end=len(sentence))
    return Extraction(Article(f"article-{i:04d}", sentence, date(2020, 1, 1), f"t{i}", None, None, "en", f"in:{i}"), [], [], [figure])

if role == "ingest":
    summary = api.ingest((extraction(i) for i in range(n)), db)
    assert not summary.failed, summary.failed
    print("stored", summary.new, summary.already_stored, flush=True)
else:
    for _ in range(3):
        entries, flags = api.timeline(db)
        api.report(db, Path(go).parent / f"report-{os.getpid()}")
    print("read", flush=True)
"""


def _run_together(db: str, tmp_path: Path, ingests: int, reports: int, n: int) -> list[subprocess.CompletedProcess]:
    go = tmp_path / "go"
    env = os.environ | {"PYTHONPATH": SRC}
    roles = ["ingest"] * ingests + ["report"] * reports
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, role, db, str(go), str(n)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for role in roles
    ]
    time.sleep(2.0)  # let every process import before the start signal
    go.touch()
    return [subprocess.CompletedProcess(p.args, p.wait(timeout=600), *p.communicate()) for p in procs]


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh_db(request, tmp_path: Path) -> str:
    """A database with no schema yet: the concurrent processes race to create it."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'race.sqlite'}"
    url = request.getfixturevalue("postgres_url")
    from sqlalchemy import create_engine, text

    name = f"race_{os.getpid()}_{random.randrange(10**6)}"
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))
    engine.dispose()
    return url.rsplit("/", 1)[0] + f"/{name}"


@pytest.mark.slow
def test_four_ingests_and_two_reports_at_once_all_succeed_and_store_each_article_once(fresh_db, tmp_path):
    n = 40
    results = _run_together(fresh_db, tmp_path, ingests=4, reports=2, n=n)
    for result in results:
        assert result.returncode == 0, result.stderr[-2000:]
    new = sum(int(r.stdout.split()[1]) for r in results if r.stdout.startswith("stored"))
    assert new == n  # each article new in exactly one process
    store = Store(fresh_db)
    assert [x.article.id for x in store.extractions()] == [f"article-{i:04d}" for i in range(n)]
    assert store.integrity_problems() == []


@pytest.mark.slow
def test_four_ingests_of_the_same_articles_on_a_made_database_store_each_once(fresh_db, tmp_path):
    """The read-then-insert race alone (the schema made first): without the write lock two
    processes both find an id new and the second insert fails (SQLite: UNIQUE constraint failed,
    or "database is locked" when a reader turns writer)."""
    Store(fresh_db)
    n = 80
    results = _run_together(fresh_db, tmp_path, ingests=4, reports=0, n=n)
    for result in results:
        assert result.returncode == 0, result.stderr[-2000:]
    assert sum(int(r.stdout.split()[1]) for r in results) == n and sum(int(r.stdout.split()[2]) for r in results) == 3 * n
    store = Store(fresh_db)
    assert [x.article.id for x in store.extractions()] == [f"article-{i:04d}" for i in range(n)]
    assert store.integrity_problems() == []


# --- kill -9 -------------------------------------------------------------------------------------

KILL_WORKER = r"""
import sys
from datetime import date
from crisisdesk import api
from crisisdesk.model import Article, Extraction, Figure
db, n = sys.argv[1], int(sys.argv[2])

def extraction(i):
    text = f"Floods displaced {i + 1} people in the district. " * 20
    sentence = text[: text.index(".") + 1]
    figures = [Figure(text=f"{i + 1} people", start=17, end=17 + len(f"{i + 1} people"), quantity=i + 1, quantity_max=None, qualifier="",
                      unit="people", term="displaced", group=None, sentence=sentence, sentence_end=len(sentence))] * 5
    return Extraction(Article(f"k-{i:04d}", text, date(2020, 1, 1), f"t{i}", None, None, "en", f"in:{i}"), [], [], figures)

summary = api.ingest((extraction(i) for i in range(n)), db)
print(summary.new, summary.already_stored, len(summary.failed))
"""


def kill_and_rerun(db: str, n: int, seed: int) -> tuple[int, list[str]]:
    """Start an ingest of ``n`` articles, kill -9 it at a random moment, ingest again to the end;
    what the second run reported new, and the store's integrity problems."""
    env = os.environ | {"PYTHONPATH": SRC}
    rng = random.Random(seed)
    proc = subprocess.Popen([sys.executable, "-c", KILL_WORKER, db, str(n)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(rng.uniform(0.5, 4.0))  # from import time to well into the saves
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    done = subprocess.run([sys.executable, "-c", KILL_WORKER, db, str(n)], env=env, capture_output=True, text=True, check=True)
    new, already, failed = map(int, done.stdout.split())
    assert failed == 0 and new + already == n
    store = Store(db)
    ids = [x.article.id for x in store.extractions()]
    assert ids == [f"k-{i:04d}" for i in range(n)]  # nothing lost, nothing twice
    assert all(len(x.figures) == 5 for x in store.extractions())  # no article half written
    return new, store.integrity_problems()


@pytest.mark.slow
def test_kill_9_in_the_middle_of_an_ingest_loses_and_duplicates_nothing(tmp_path):
    for seed in range(2):  # bench/bench_fuzz.py --kill runs it 20 times
        db = f"sqlite:///{tmp_path / f'kill{seed}.sqlite'}"
        _, problems = kill_and_rerun(db, 400, seed)
        assert problems == []
