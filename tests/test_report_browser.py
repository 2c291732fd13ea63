"""The HTML report as a browser shows it: headless Chromium renders the seeds' report, every
section is in the rendered page, and the screenshot is a page, not a blank."""

from __future__ import annotations

import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from crisisdesk.analysis.picture import picture_of
from crisisdesk.ingest import read_sources
from crisisdesk.model import Article
from crisisdesk.nlp.pipeline import extract
from crisisdesk.report.render import render_report

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [pytest.mark.slow, pytest.mark.skipif(CHROMIUM is None, reason="no headless Chromium on this machine")]


def chromium(*args: str) -> subprocess.CompletedProcess:
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--allow-file-access-from-files"]
    return subprocess.run([CHROMIUM, *flags, *args], capture_output=True, text=True, timeout=120)


def png_rows(path: Path) -> tuple[int, int, list[bytes]]:
    """Width, height and the unfiltered scanlines of an 8-bit RGB(A) PNG (enough to tell a page
    from a blank, without an imaging library)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, height, channels = 8, b"", 0, 0, 4
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            channels = {2: 3, 6: 4}[colour]
            assert depth == 8
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows = [raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)] for y in range(height)]
    return width, height, rows


def test_the_seed_report_renders_in_chromium_with_every_section(tmp_path: Path):
    articles = [a for a in read_sources([str(SEEDS)]) if isinstance(a, Article)]
    paths = render_report(picture_of(list(extract(articles))), tmp_path)
    url = paths["html"].resolve().as_uri()

    dom = chromium("--dump-dom", url)
    assert dom.returncode == 0, dom.stderr[-2000:]
    for heading in (
        "Overview", "Headline figures", "Timeline", "Conditions and needs by sector", "Humanitarian access", "Contested claims",
        "Flagged sources", "Places mentioned", "All figures, report by report", "Sources",
    ):  # fmt: skip
        assert f">{heading}</h2>" in dom.stdout, heading
    assert "100,000" in dom.stdout and "close in</mark>" in dom.stdout and "<svg" in dom.stdout
    assert "ethnic cleansing" in dom.stdout and "hide in basements" in dom.stdout

    shot = tmp_path / "report.png"
    result = chromium("--window-size=1200,2400", f"--screenshot={shot}", url)
    assert result.returncode == 0 and shot.exists(), result.stderr[-2000:]
    width, height, rows = png_rows(shot)
    assert (width, height) == (1200, 2400)
    distinct = len(set(rows))
    assert distinct > 300, distinct  # text, tables and the map, not an empty page
