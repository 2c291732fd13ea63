#!/usr/bin/env python3
"""Set up crisisdesk in a project-local virtual environment and run its two jobs.

    python3 dev.py run    # install what is missing, ingest ../shared/seeds, write the report
    python3 dev.py test   # install what is missing (with test tools, the ray extra and, as root
                          # on Debian, a PostgreSQL server for the store tests and Chromium for
                          # the browser tests), lint and check the format with ruff, run the
                          # whole test suite

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
#: Natural Earth country outlines for the workspace's maps: the world-atlas package of the npm
#: registry (TopoJSON, ISC licence; the data is public domain), unpacked where crisisdesk.web.mapview
#: looks for it. Installed with npm's own client, not committed: 750 kB.
WORLD_ATLAS = "world-atlas@2.0.2"
WORLD_ATLAS_DIR = VENV / "share" / "crisisdesk" / "world-atlas"
WORLD_ATLAS_FILES = ("countries-50m.json", "LICENSE")


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
    ensure_world_atlas()
    if stamp_file.exists() and stamp_file.read_text() == stamp:
        return
    target = f".[{extras}]" if extras else "."
    sh(PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-c", "constraints.txt", "-e", target)
    # The gazetteer is built from the installed packages once, not on the first real run.
    sh(BIN / "crisisdesk", "setup")
    stamp_file.write_text(stamp)


def ensure_world_atlas() -> None:
    """Best effort: the country outlines of the workspace's maps (without them, places only)."""
    import tarfile
    import tempfile

    if (WORLD_ATLAS_DIR / WORLD_ATLAS_FILES[0]).exists():
        return
    npm = shutil.which("npm")
    if npm is None:
        print("note: npm not found; the workspace's maps will have no country outlines", flush=True)
        return
    with tempfile.TemporaryDirectory() as folder:
        packed = subprocess.run([npm, "pack", WORLD_ATLAS, "--pack-destination", folder, "--silent"], capture_output=True, text=True)
        tarballs = list(Path(folder).glob("*.tgz"))
        if packed.returncode != 0 or not tarballs:
            print(f"note: could not fetch {WORLD_ATLAS}; the workspace's maps will have no country outlines", flush=True)
            return
        WORLD_ATLAS_DIR.mkdir(parents=True, exist_ok=True)
        with tarfile.open(tarballs[0]) as archive:
            for name in WORLD_ATLAS_FILES:
                source = archive.extractfile(f"package/{name}")
                if source is not None:
                    (WORLD_ATLAS_DIR / name).write_bytes(source.read())


def run_main_job() -> None:
    ensure_installed("postgres")  # so that --db postgresql+psycopg://... works out of the box
    sh(BIN / "crisisdesk", "run", SEEDS, "--db", ROOT / "crisisdesk.sqlite", "--out", ROOT / "out")


def ensure_postgres_server() -> None:
    """Best effort: the store tests also run against a PostgreSQL server they start themselves.
    Where the server cannot be installed (not root, no apt-get), those tests are skipped."""
    if list(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl")) or shutil.which("pg_ctl"):
        return
    apt_install("postgresql", "PostgreSQL server", "its store tests")


def ensure_chromium() -> None:
    """Best effort: the browser tests drive Debian's chromium (through the playwright package,
    which never downloads a browser of its own). Where it cannot be installed they are skipped."""
    if shutil.which("chromium"):
        return
    apt_install("chromium", "Chromium", "the browser tests")


def apt_install(package: str, what: str, tests: str) -> None:
    if os.name != "posix" or os.geteuid() != 0 or not shutil.which("apt-get"):
        print(f"note: {what} not installed; {tests} will be skipped", flush=True)
        return
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", package]):
        print("+", " ".join(command), flush=True)
        if subprocess.run(command, env=env, stdout=subprocess.DEVNULL).returncode != 0:
            print(f"note: could not install {what}; {tests} will be skipped", flush=True)
            return


#: What the linter and the formatter check (their rules are pyproject.toml's [tool.ruff]).
LINTED = ("src", "tests", "bench", "tools")


def run_tests(pytest_args: list[str]) -> None:
    # The ray extra too, so that the Ray engine's test runs rather than skips: from PyPI, pinned,
    # about a minute and a half to install on an empty pip cache (613 MB); the test takes about a
    # minute on 2 cores.
    ensure_installed("test,postgres,ray")
    ensure_postgres_server()
    # Lint first: it takes a second, and a finding fails the job before minutes of tests.
    sh(PYTHON, "-m", "ruff", "check", *LINTED)
    sh(PYTHON, "-m", "ruff", "format", "--check", "--quiet", *LINTED)
    ensure_chromium()
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
