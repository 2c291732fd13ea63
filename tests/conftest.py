"""Shared fixtures: a throwaway PostgreSQL cluster for the store tests that need a server; hypothesis without deadlines."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

# No property test is a timed test: hypothesis's default 200 ms deadline per example fails at random
# on a loaded 2-core CI machine (seen on test_numbers' thousands separators), so it is off everywhere.
settings.register_profile("crisisdesk", deadline=None)
settings.load_profile("crisisdesk")


def _postgres_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), reverse=True)
    if found:
        return Path(found[0]).parent
    pg_ctl = shutil.which("pg_ctl")
    return Path(pg_ctl).parent if pg_ctl else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _as_postgres_user(command: list[str]) -> list[str]:
    # initdb refuses to run as root; the Debian package provides the postgres user.
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """A PostgreSQL server of its own in a temp dir, on loopback, for this test session."""
    binaries = _postgres_bin()
    if binaries is None:
        pytest.skip("PostgreSQL server binaries not installed (python3 dev.py test installs them where it can)")
    pytest.importorskip("psycopg")
    # Not under pytest's temp root: that one is private to root, and the server runs as postgres.
    data = Path(tempfile.mkdtemp(prefix="crisisdesk-pg-"))
    if os.geteuid() == 0:
        shutil.chown(data, "postgres")
    port = _free_port()
    run = lambda *cmd: subprocess.run(_as_postgres_user([str(binaries / cmd[0]), *cmd[1:]]), check=True, capture_output=True)  # noqa: E731
    run("initdb", "-D", str(data), "-A", "trust", "-U", "crisisdesk", "--no-sync")
    run(
        "pg_ctl",
        "-D",
        str(data),
        "-w",
        "-l",
        str(data / "log"),
        "-o",
        f"-p {port} -k {data} -c listen_addresses=127.0.0.1 -c fsync=off",
        "start",
    )
    try:
        yield f"postgresql+psycopg://crisisdesk@127.0.0.1:{port}/postgres"
    finally:
        run("pg_ctl", "-D", str(data), "-m", "immediate", "stop")
        shutil.rmtree(data, ignore_errors=True)
