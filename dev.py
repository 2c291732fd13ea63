#!/usr/bin/env python3
"""Set up crisisdesk in a project-local virtual environment and run its two jobs.

    python3 dev.py run    # install what is missing, ingest ../shared/seeds, write the report
    python3 dev.py test   # install what is missing (with test tools and, as root on Debian, a
                          # PostgreSQL server for the store tests), lint with ruff, run the whole
                          # test suite

Only the standard library is used here, so this runs on a fresh machine with Python 3.11.
Installs are pinned by constraints.txt and skipped when nothing they depend on has changed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / "python"
SEEDS = ROOT.parent / "shared" / "seeds"
#: What an install depends on; a change to any of these reinstalls.
INSTALL_INPUTS = ("pyproject.toml", "constraints.txt")


def sh(*args: str | Path) -> None:
    print("+", " ".join(str(a) for a in args), flush=True)
    subprocess.run([str(a) for a in args], check=True, cwd=ROOT)


def install_stamp(extras: str) -> str:
    digest = hashlib.sha256(extras.encode())
    for name in INSTALL_INPUTS:
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def ensure_installed(extras: str = "") -> None:
    """Create .venv and install crisisdesk (editable, pinned) unless it is already up to date."""
    if sys.version_info[:2] != (3, 11):
        sys.exit(f"crisisdesk needs Python 3.11 (this is {sys.version.split()[0]})")
    if not PYTHON.exists():
        venv.EnvBuilder(with_pip=True).create(VENV)
    stamp_file = VENV / f".crisisdesk-install{extras.replace(',', '-')}"
    stamp = install_stamp(extras)
    if stamp_file.exists() and stamp_file.read_text() == stamp:
        return
    target = f".[{extras}]" if extras else "."
    sh(PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-c", "constraints.txt", "-e", target)
    # The gazetteer is built from the installed packages once, not on the first real run.
    sh(BIN / "crisisdesk", "setup")
    stamp_file.write_text(stamp)


def run_main_job() -> None:
    ensure_installed("postgres")  # so that --db postgresql+psycopg://... works out of the box
    sh(BIN / "crisisdesk", "run", SEEDS, "--db", ROOT / "crisisdesk.sqlite", "--out", ROOT / "out")


def ensure_postgres_server() -> None:
    """Best effort: the store tests also run against a PostgreSQL server they start themselves.
    Where the server cannot be installed (not root, no apt-get), those tests are skipped."""
    if list(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl")) or shutil.which("pg_ctl"):
        return
    if os.name != "posix" or os.geteuid() != 0 or not shutil.which("apt-get"):
        print("note: PostgreSQL server not installed; its store tests will be skipped", flush=True)
        return
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "postgresql"]):
        print("+", " ".join(command), flush=True)
        if subprocess.run(command, env=env, stdout=subprocess.DEVNULL).returncode != 0:
            print("note: could not install PostgreSQL; its store tests will be skipped", flush=True)
            return


#: What the linter checks (its rules are pyproject.toml's [tool.ruff]).
LINTED = ("src", "tests", "bench", "tools")


def run_tests(pytest_args: list[str]) -> None:
    ensure_installed("test,postgres")
    ensure_postgres_server()
    # Lint first: it takes a second, and a finding fails the job before minutes of tests.
    sh(PYTHON, "-m", "ruff", "check", *LINTED)
    sh(PYTHON, "-m", "pytest", *pytest_args)


def main() -> None:
    if len(sys.argv) < 2 or sys.argv[1] not in {"run", "test"}:
        sys.exit(__doc__)
    try:
        if sys.argv[1] == "run":
            run_main_job()
        else:
            run_tests(sys.argv[2:])
    except subprocess.CalledProcessError as failed:
        sys.exit(failed.returncode)


if __name__ == "__main__":
    main()
