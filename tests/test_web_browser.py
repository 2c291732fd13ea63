"""The workspace in a real headless Chromium (Debian's, driven by the playwright package: no
browser download): load the seeds through the app, open the crisis, filter the figures, open a
figure's evidence, correct it, see the report and every export carry the correction; and hostile
article text shown as text, never run."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
#: Where to keep the screenshots (for a person to look at); a temp folder when unset.
SHOTS_ENV = "CRISISDESK_SCREENSHOTS"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed (python3 dev.py test installs it as root)"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed (pip install -e .[test])")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def server(tmp_path: Path):
    """``crisisdesk serve`` on an empty store, as an analyst starts it."""
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "crisisdesk", "serve", "--db", str(tmp_path / "store.sqlite"), "--port", str(port)],
        stdout=log, stderr=subprocess.STDOUT, env=os.environ.copy(),
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(url + "/api/health", timeout=1)
                break
            except OSError:
                if process.poll() is not None:
                    pytest.fail((tmp_path / "serve.log").read_text())
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()


@pytest.fixture
def page():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 1000}, accept_downloads=True)
        yield context.new_page()
        context.close()
        browser.close()


def shots_folder(tmp_path: Path) -> Path:
    folder = Path(os.environ.get(SHOTS_ENV) or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def add_articles(page, url: str, *, files: list[Path] = (), text: str | None = None) -> str:
    """Add articles through the page and wait for the background job; its closing message."""
    page.goto(url + "/add")
    if files:
        page.set_input_files("#files", [str(f) for f in files])
    if text is not None:
        page.fill("#text", text)
    page.click("#add-form button[type=submit]")
    page.wait_for_selector("#status[data-finished]", timeout=300_000)
    return page.inner_text("#status")


def test_load_open_filter_correct_and_export_in_chromium(server: str, page, tmp_path: Path):
    status = add_articles(page, server, files=sorted(SEEDS.iterdir()))
    assert status.startswith("2 new article(s)"), status

    page.goto(server + "/")
    page.click("a.story-link")
    assert "Nagorno-Karabakh" in page.inner_text("h1")
    assert page.locator("#headline td").first.is_visible()
    assert page.locator("svg.map .place").count() >= 3
    story_url = page.url
    shots = shots_folder(tmp_path)
    page.screenshot(path=str(shots / "crisis.png"), full_page=True)

    page.click("text=all figures")
    total = page.locator("#figures tbody tr").count()
    page.select_option("select[name=term]", "refugees")
    page.click("#filters button[type=submit]")
    rows = page.locator("#figures tbody tr")
    assert 0 < rows.count() < total
    assert {rows.nth(i).get_attribute("data-term") for i in range(rows.count())} == {"refugees"}

    page.click("#figures a.evidence-link")
    assert page.inner_text("mark#evidence") == "100,000 refugees"
    page.screenshot(path=str(shots / "evidence.png"))
    page.check("input[name=action][value=edit]")
    page.select_option("select[name=term]", "displaced")
    page.fill("input[name=note]", "they fled inside the region's borders")
    page.fill("#author", "Test Analyst")
    page.click("#correct-form button[type=submit]")
    assert "Correction saved" in page.inner_text("#saved")
    assert page.inner_text("#correction") == "term → displaced"
    page.screenshot(path=str(shots / "evidence-corrected.png"))

    page.goto(server + "/figures?term=displaced")
    assert "term → displaced" in page.inner_text("#figures")

    page.goto(story_url)
    story_id = story_url.rsplit("/", 1)[1]
    page.goto(f"{server}/report?story={story_id}")
    report = page.inner_text("body")
    assert "100,000 people displaced" in report and "100,000 refugees in" not in report

    page.goto(story_url)
    downloads = {}
    for fmt in ("hxl", "csv", "xlsx", "geojson", "jsonl"):
        with page.expect_download() as info:
            page.click(f"a[data-format={fmt}]")
        target = tmp_path / info.value.suggested_filename
        info.value.save_as(str(target))
        downloads[fmt] = target
    hxl_rows = list(csv.reader(io.StringIO(downloads["hxl"].read_text(encoding="utf-8"))))
    tags = hxl_rows[1]
    corrected = next(r for r in hxl_rows[2:] if r[tags.index("#affected+displaced")])
    assert corrected[tags.index("#affected+displaced")] == "100000" and corrected[tags.index("#contact+correction")] == "Test Analyst"
    assert any(
        r["term"] == "displaced" and r["corrected_by"] == "Test Analyst"
        for r in csv.DictReader(io.StringIO(downloads["csv"].read_text(encoding="utf-8")))
    )
    openpyxl = pytest.importorskip("openpyxl")
    sheet = openpyxl.load_workbook(downloads["xlsx"])["Figures"]
    header = [c.value for c in sheet[1]]
    assert "displaced" in [row[header.index("term")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    places = json.loads(downloads["geojson"].read_text(encoding="utf-8"))
    assert any(f["term"] == "displaced" for feature in places["features"] for f in feature["properties"]["figures"])
    lines = [json.loads(line) for line in downloads["jsonl"].read_text(encoding="utf-8").splitlines()]
    assert any(c["author"] == "Test Analyst" for line in lines for c in line["corrections"])


HOSTILE = """title: <img src=x onerror="window.__xss = 'title'">

Aid was blocked at the crossing. <script>window.__xss = "script";</script> <img src=x onerror="window.__xss = 'onerror'">
Officials said 3,000 people were displaced in Kharkiv on Monday after the shelling. <svg onload="window.__xss = 'svg'"></svg>
"""


def test_hostile_article_text_is_shown_as_text_in_chromium(server: str, page, tmp_path: Path):
    status = add_articles(page, server, text=HOSTILE)
    assert status.startswith("1 new article(s)"), status
    for path in ("/", "/figures"):
        page.goto(server + path)
        assert page.evaluate("typeof window.__xss") == "undefined", path
    page.goto(server + "/figures")
    page.click("#figures a.evidence-link")
    article = page.inner_text("#article")
    assert '<script>window.__xss = "script";</script>' in article
    assert "<img src=x onerror=" in article and "<svg onload=" in article
    assert page.locator("#article script, #article img, #article svg").count() == 0
    assert "<img src=x" in page.inner_text("h2")  # the title too
    page.wait_for_timeout(300)  # an image error would have fired by now
    assert page.evaluate("typeof window.__xss") == "undefined"
    page.screenshot(path=str(shots_folder(tmp_path) / "hostile.png"))
