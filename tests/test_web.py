"""The workspace app without a browser: pages, the JSON API with its filters and paging, the
OpenAPI description, corrections through the API and the form, escaping of article text, and the
safety rules (writes from other machines need the token, other sites cannot post, uploads are
limited in size and report per-input errors like the CLI)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from crisisdesk.web.app import TOKEN_HEADER, create_app  # noqa: E402
from workspace_data import TEXT, make_store, span  # noqa: E402

LOCAL = ("127.0.0.1", 50000)
REMOTE = ("203.0.113.9", 50000)  # TEST-NET-3: never a real machine


@pytest.fixture
def db(tmp_path: Path) -> str:
    return make_store(tmp_path).url


@pytest.fixture
def local(db: str) -> TestClient:
    return TestClient(create_app(db, warm=False, max_upload_bytes=50_000), client=LOCAL)


def refugees() -> dict:
    start, end = span(TEXT, "100,000 refugees")
    return {"kind": "figures", "article_id": "karabakh1", "start": start, "end": end}


def test_the_api_lists_facts_with_filters_sorting_and_paging(local: TestClient):
    everything = local.get("/api/facts/figures").json()
    assert everything["total"] == 4
    by_amount = local.get("/api/facts/figures", params={"sort": "amount", "order": "desc", "limit": 2}).json()
    assert [i["fact"]["quantity"] for i in by_amount["items"]] == [120_000, 100_000] and by_amount["total"] == 4
    second = local.get("/api/facts/figures", params={"sort": "amount", "order": "desc", "limit": 2, "offset": 2}).json()
    assert [i["fact"]["quantity"] for i in second["items"]] == [51_000, 3_000]
    assert [i["fact"]["quantity"] for i in local.get("/api/facts/figures", params={"term": "refugees"}).json()["items"]] == [100_000]
    assert local.get("/api/facts/figures", params={"date_from": "2023-09-29"}).json()["total"] == 1  # the hostile article's
    assert local.get("/api/facts/figures", params={"source": "example news"}).json()["total"] == 3
    assert local.get("/api/facts/figures", params={"country": "arm"}).json()["total"] == 0
    relevance = {i["label"]: i["relevance"] for i in everything["items"]}
    assert relevance["120,000 population (baseline)"] == "baseline"
    assert local.get("/api/facts/events").json()["items"][0]["fact"]["type"] == "mission_deployed"
    assert local.get("/api/facts/figures", params={"limit": 100000}).status_code == 422


def test_the_api_lists_articles_stories_reconciled_timeline_and_is_described(local: TestClient):
    articles = local.get("/api/articles").json()
    assert [a["id"] for a in articles["items"]] == ["hostile1", "karabakh1"] and articles["items"][1]["figures"] == 3
    assert local.get("/api/articles", params={"source": "bad"}).json()["total"] == 1
    article = local.get("/api/articles/karabakh1").json()
    assert article["text"] == TEXT and article["repairs"] == []
    stories = local.get("/api/stories").json()["items"]
    assert stories and all(s["articles"] for s in stories)
    reconciled = local.get("/api/reconciled").json()["items"]
    assert reconciled[0]["best"]["figure"]["quantity"] in (100_000, 3_000)
    assert local.get("/api/timeline").json()["items"][0]["type"] == "mission_deployed"
    spec = local.get("/openapi.json").json()
    for path in (
        "/api/articles",
        "/api/facts/{kind}",
        "/api/stories",
        "/api/reconciled",
        "/api/timeline",
        "/api/corrections",
        "/api/export/{fmt}",
    ):
        assert path in spec["paths"], path
    assert local.get("/docs").status_code == 404  # interactive docs would load scripts from a CDN


def test_a_correction_through_the_api_is_applied_and_kept_apart(local: TestClient):
    saved = local.post("/api/corrections", json=refugees() | {"action": "edit", "author": "Ana", "term": "displaced"})
    assert saved.status_code == 201, saved.text
    assert saved.json()["summary"] == "term → displaced" and saved.json()["created_at"]
    item = local.get("/api/facts/figures", params={"term": "displaced"}).json()["items"][0]
    assert item["status"] == "edited" and item["extracted"]["term"] == "refugees" and item["correction"]["author"] == "Ana"
    assert local.get("/api/facts/figures", params={"term": "refugees"}).json()["total"] == 0
    hxl = local.get("/api/export/hxl").text
    assert "Ana" in hxl and "term → displaced" in hxl
    assert local.get("/api/corrections").json()["total"] == 1
    refused = local.post("/api/corrections", json=refugees() | {"action": "edit", "author": "Ana"})
    assert refused.status_code == 422 and "must change" in refused.json()["detail"]
    missing = local.post("/api/corrections", json=refugees() | {"start": 1, "action": "wrong", "author": "Ana"})
    assert missing.status_code == 422


def test_the_evidence_form_marks_a_fact_wrong_and_the_report_drops_it(local: TestClient):
    key = refugees()
    path = f"/facts/figures/karabakh1/{key['start']}/{key['end']}"
    page = local.get(path)
    assert page.status_code == 200 and '<mark id="evidence">100,000 refugees</mark>' in page.text
    assert "<mark>100,000 refugees</mark>" in local.get("/report").text
    done = local.post(path, data={"action": "wrong", "author": "Ana", "term": ""})
    assert done.status_code == 200 and "Correction saved" in done.text and "marked wrong" in done.text
    assert "<mark>100,000 refugees</mark>" not in local.get("/report").text
    assert "marked wrong" in local.get("/figures").text


def test_pages_render_with_the_seed_like_store(local: TestClient):
    index = local.get("/")
    assert index.status_code == 200 and "/stories/" in index.text
    story_path = index.text.split('href="/stories/')[1].split('"')[0]
    story = local.get(f"/stories/{story_path}")
    assert story.status_code == 200 and "Headline figures" in story.text and "<svg" in story.text
    figures = local.get("/figures", params={"term": "refugees", "sort": "amount", "order": "desc"})
    assert figures.status_code == 200 and figures.text.count('class="evidence-link"') == 1
    assert local.get("/static/app.css").status_code == 200
    assert local.get("/stories/nothing").status_code == 404


def test_hostile_article_text_is_shown_as_text(local: TestClient):
    start, end = span(make_hostile_text(), "3,000 people")
    page = local.get(f"/facts/figures/hostile1/{start}/{end}").text
    assert "<script>window.__xss" not in page and "&lt;script&gt;window.__xss" in page
    assert "<img src=x" not in page and "&lt;img src=x onerror=" in page
    assert "<b>Bad</b>" not in local.get("/figures").text
    for path in ("/", "/figures", f"/facts/figures/hostile1/{start}/{end}"):
        assert 'onerror="window' not in local.get(path).text


def make_hostile_text() -> str:
    from workspace_data import HOSTILE

    return HOSTILE


def test_writes_from_another_machine_need_the_token(db: str):
    app = create_app(db, warm=False, token="s3cret")
    remote = TestClient(app, client=REMOTE)
    assert remote.get("/api/facts/figures").status_code == 200  # reading is open
    body = refugees() | {"action": "wrong", "author": "Eve"}
    refused = remote.post("/api/corrections", json=body)
    assert refused.status_code == 403 and "token" in refused.json()["detail"]
    assert remote.post("/api/corrections", json=body, headers={TOKEN_HEADER: "guess"}).status_code == 403
    assert remote.post("/api/ingest", files={"files": ("a.txt", b"text")}).status_code == 403
    assert remote.post("/api/corrections", json=body, headers={TOKEN_HEADER: "s3cret"}).status_code == 201
    remote.cookies.set("crisisdesk_token", "s3cret")
    assert remote.post("/api/corrections", json=body | {"action": "restore"}).status_code == 201
    without_token = TestClient(create_app(db, warm=False), client=REMOTE)
    assert without_token.post("/api/corrections", json=body, headers={TOKEN_HEADER: ""}).status_code == 403


def test_other_sites_cannot_post_and_other_host_names_are_not_served(db: str):
    local = TestClient(create_app(db, warm=False, loopback_only=True), client=LOCAL, base_url="http://127.0.0.1:8000")
    body = refugees() | {"action": "wrong", "author": "Eve"}
    assert local.post("/api/corrections", json=body, headers={"Origin": "http://evil.example"}).status_code == 403
    assert local.post("/api/corrections", json=body, headers={"Origin": "http://127.0.0.1:8000"}).status_code == 201
    assert local.get("/api/health", headers={"Host": "evil.example"}).status_code == 421
    assert local.get("/api/health", headers={"Host": "localhost:8000"}).status_code == 200


def test_uploads_have_a_size_limit_and_per_input_errors(local: TestClient):
    too_big = local.post("/api/ingest", files={"files": ("big.txt", b"x" * 60_000)})
    assert too_big.status_code == 413 and "limit" in too_big.json()["detail"]
    assert local.post("/api/ingest", data={"text": "   "}).status_code == 422
    job = local.post("/api/ingest", files={"files": ("../../notes.pdf", b"%PDF-1.4 binary")})
    assert job.status_code == 202, job.text
    for _ in range(100):
        state = local.get(f"/api/jobs/{job.json()['id']}").json()
        if state["state"] in ("done", "failed"):
            break
        time.sleep(0.1)
    assert state["state"] == "done" and state["articles_new"] == 0
    assert [f["origin"] for f in state["failed"]] == ["../../notes.pdf"] and state["failed"][0]["reason"]


def test_host_names_are_read_without_their_port():
    from crisisdesk.web.app import host_name, is_loopback

    assert [host_name(h) for h in ("localhost:8000", "[::1]:8000", "127.0.0.1", "example.org:80")] == [
        "localhost",
        "[::1]",
        "127.0.0.1",
        "example.org",
    ]
    assert is_loopback("[::1]") and is_loopback("127.0.0.2") and not is_loopback("example.org") and not is_loopback("10.0.0.1")


def test_the_token_page_sets_the_cookie_that_lets_another_machine_write(db: str):
    remote = TestClient(create_app(db, warm=False, token="s3cret"), client=REMOTE, follow_redirects=False)
    assert remote.post("/token", data={"token": "s3cret"}).status_code == 303
    body = refugees() | {"action": "wrong", "author": "Eve"}
    assert remote.post("/api/corrections", json=body).status_code == 201


def test_a_corrected_place_is_looked_up_so_it_has_coordinates(local: TestClient):
    saved = local.post("/api/corrections", json=refugees() | {"action": "edit", "author": "Ana", "place": "Goris", "country": "ARM"})
    assert saved.status_code == 201, saved.text
    fact = local.get("/api/facts/figures", params={"country": "ARM"}).json()["items"][0]["fact"]
    assert fact["place"]["name"] == "Goris" and fact["place"]["country"] == "ARM"
    assert abs(fact["place"]["lat"] - 39.5) < 0.2 and abs(fact["place"]["lon"] - 46.3) < 0.2
    geojson = local.get("/api/export/geojson").json()
    assert "Goris" in [f["properties"]["name"] for f in geojson["features"]]
