"""The analyst's workspace: a local web app over a crisisdesk store, and its JSON API under /api.

Pages are rendered on the server (Jinja2, every piece of article text escaped) with a little plain
JavaScript for the upload progress; every asset is served from the package, so the app works with
no network. The API is described by OpenAPI at /openapi.json (no interactive docs: they load
their scripts from a CDN).

Safety: writes (POST) from anywhere but this machine need the token given at start (header
``X-Crisisdesk-Token`` or the cookie the /token page sets); a write whose Origin is another site is
refused (a page elsewhere cannot post to the workspace through the analyst's browser); when the
server listens on loopback only, requests for another host name are refused (DNS rebinding).
Uploads have a size limit.
"""

from __future__ import annotations

import hmac
import ipaddress
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlencode, urlsplit

from fastapi import Body, FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

from crisisdesk.model import STANCE_LABELS, TERM_LABELS, TERMS
from crisisdesk.store.corrections import FACT_KINDS, Correction, CorrectionError
from crisisdesk.web.workspace import RELEVANCE, SORTS, STATUSES, Filters, Workspace, page, sorted_rows

HERE = Path(__file__).resolve().parent
TOKEN_HEADER = "X-Crisisdesk-Token"
TOKEN_COOKIE = "crisisdesk_token"
#: Default upload limit: a batch of news articles is a few megabytes at most.
MAX_UPLOAD_BYTES = 10_000_000
PAGE_SIZE = 50
MAX_PAGE = 500
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})


class CorrectionIn(BaseModel):
    """A correction of one fact: mark it wrong, edit its term, place or date, or restore it."""

    kind: Literal["figures", "events", "conditions", "claims"]
    article_id: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    action: Literal["wrong", "edit", "restore"]
    author: str = Field(min_length=1, max_length=200)
    term: str | None = None
    place: str | None = Field(default=None, max_length=200)
    country: str | None = Field(default=None, max_length=3)
    lat: float | None = Field(default=None, ge=-90, le=90, description="Where the place is; looked up in the gazetteer when not given.")
    lon: float | None = Field(default=None, ge=-180, le=180)
    date_start: date | None = None
    date_end: date | None = None
    note: str | None = Field(default=None, max_length=2000)


def is_loopback(host: str | None) -> bool:
    if not host:
        return False
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def create_app(
    db_url: str,
    *,
    token: str | None = None,
    max_upload_bytes: int = MAX_UPLOAD_BYTES,
    loopback_only: bool = False,
    warm: bool = True,
) -> FastAPI:
    """The app over the store at ``db_url``. ``token``: what writes from other machines must send
    (None: they are refused); ``loopback_only``: the server listens on loopback, so only
    localhost host names are served; ``warm``: read the store in the background at once."""
    from contextlib import asynccontextmanager

    from jinja2 import Environment, FileSystemLoader, select_autoescape

    from crisisdesk.store import Store
    from crisisdesk.web.jobs import Jobs

    workspace = Workspace(Store(db_url))
    jobs = Jobs(workspace)

    @asynccontextmanager
    async def lifespan(_app):
        if warm:  # read the store in the background: serving starts at once
            workspace.warm()
        yield

    app = FastAPI(
        lifespan=lifespan,
        title="crisisdesk workspace",
        version="1",
        description="Stories, facts with their evidence, reconciled figures, timeline, corrections and exports of a crisisdesk store.",
        docs_url=None,
        redoc_url=None,
    )
    app.state.workspace = workspace
    app.state.jobs = jobs
    app.state.token = token
    app.state.max_upload_bytes = max_upload_bytes
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True
    )
    env.globals.update(
        stance_labels=STANCE_LABELS,
        term_labels=TERM_LABELS,
        terms=TERMS,
        relevance_levels=RELEVANCE,
        statuses=STATUSES,
        fact_kinds=FACT_KINDS,
    )
    env.filters["number"] = lambda v: f"{v:,.0f}" if float(v).is_integer() else f"{v:,}"

    @app.middleware("http")
    async def guard(request: Request, call_next):
        refusal = _refusal(request, app, loopback_only)
        if refusal is not None:
            return JSONResponse({"detail": refusal[1]}, status_code=refusal[0])
        return await call_next(request)

    def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        remote = not is_loopback(request.client.host if request.client else None)
        html = env.get_template(name).render(request=request, remote=remote, ready=workspace.ready, **context)
        return HTMLResponse(html, status_code=status)

    # --- pages ------------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index(request: Request):
        snap = workspace.snapshot()
        return render(request, "index.html", snap=snap)

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(request: Request, story_id: str):
        from crisisdesk.web.mapview import story_map

        snap = workspace.snapshot()
        story = snap.story(story_id)
        if story is None:
            raise HTTPException(404, f"no story {story_id}")
        picture = snap.picture(story)
        return render(request, "story.html", snap=snap, story=story, picture=picture, map=story_map(picture.places))

    @app.get("/figures", response_class=HTMLResponse, include_in_schema=False)
    def figures_page(request: Request):
        snap = workspace.snapshot()
        filters, sort, descending, limit, offset = _table_query(request)
        rows = sorted_rows((r for r in snap.rows["figures"] if filters.keep(r)), sort, descending)
        countries = sorted({r.country for r in snap.rows["figures"] if r.country})
        query = {k: v for k, v in request.query_params.items() if k not in ("sort", "order", "offset")}
        return render(
            request, "figures.html", snap=snap, filters=filters, result=page(rows, limit, offset), sort=sort, descending=descending,
            countries=countries, query=query, urlencode=urlencode,
        )  # fmt: skip

    @app.get("/facts/{kind}/{article_id}/{start}/{end}", response_class=HTMLResponse, include_in_schema=False)
    def evidence_page(request: Request, kind: str, article_id: str, start: int, end: int, saved: str | None = None):
        from crisisdesk.ingest.text import find_repairs
        from crisisdesk.web.evidence import article_segments

        snap = workspace.snapshot()
        row = snap.row_by_key.get((article_id, kind, start, end))
        if row is None:
            raise HTTPException(404, "no such fact")
        article = row.extraction.article
        repairs = find_repairs(article.text)
        history = [c for c in workspace.log.history(article_id) if (c.kind, c.start, c.end) == (kind, start, end)]
        return render(
            request, "fact.html", row=row, article=article, segments=article_segments(article.text, (start, end), repairs),
            repairs=repairs, history=history, saved=saved,
        )  # fmt: skip

    @app.post("/facts/{kind}/{article_id}/{start}/{end}", include_in_schema=False)
    async def correct_from_form(request: Request, kind: str, article_id: str, start: int, end: int):
        form = await request.form()
        fields = {k: (str(v).strip() or None) for k, v in form.items() if k in CorrectionIn.model_fields}
        try:
            data = CorrectionIn(kind=kind, article_id=article_id, start=start, end=end, **fields)
            _save_correction(workspace, data)
        except (CorrectionError, ValueError) as error:
            message = str(error).splitlines()[0] if not isinstance(error, CorrectionError) else str(error)
            return RedirectResponse(
                f"/facts/{kind}/{article_id}/{start}/{end}?{urlencode({'saved': 'error: ' + message})}", status_code=303
            )
        return RedirectResponse(f"/facts/{kind}/{article_id}/{start}/{end}?saved=1", status_code=303)

    @app.get("/add", response_class=HTMLResponse, include_in_schema=False)
    def add_page(request: Request):
        return render(request, "add.html", max_upload=app.state.max_upload_bytes)

    @app.get("/report", response_class=HTMLResponse, include_in_schema=False)
    def report_page(story: str | None = None):
        """The situation report (as ``crisisdesk report`` writes it), with the corrections."""
        import tempfile

        from crisisdesk.report.render import render_report

        snap = workspace.snapshot()
        chosen = snap.story(story) if story else None
        if story and chosen is None:
            raise HTTPException(404, f"no story {story}")
        with tempfile.TemporaryDirectory() as folder:
            paths = render_report(snap.picture(chosen), Path(folder))
            return HTMLResponse(paths["html"].read_text(encoding="utf-8"))

    @app.get("/token", response_class=HTMLResponse, include_in_schema=False)
    def token_page(request: Request):
        return render(request, "token.html")

    @app.post("/token", include_in_schema=False)
    async def token_set(request: Request):
        form = await request.form()
        response = RedirectResponse("/", status_code=303)
        response.set_cookie(TOKEN_COOKIE, str(form.get("token", "")), httponly=True, samesite="strict")
        return response

    # --- API --------------------------------------------------------------------------------

    @app.get("/api/health", tags=["meta"])
    def health() -> dict[str, Any]:
        return {"ok": True, "ready": workspace.ready}

    @app.get("/api/articles", tags=["articles"])
    def api_articles(
        source: Annotated[str | None, Query(description="Part of the source, title or file name.")] = None,
        date_from: date | None = None,
        date_to: date | None = None,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = PAGE_SIZE,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> dict[str, Any]:
        """Stored articles (no text), newest first, read from the database directly."""
        from crisisdesk.web.queries import article_page

        return article_page(workspace.store, source=source, date_from=date_from, date_to=date_to, limit=limit, offset=offset)

    @app.get("/api/articles/{article_id}", tags=["articles"])
    def api_article(article_id: str) -> dict[str, Any]:
        """One article: its verbatim text, its repairs and its facts as corrected (a very long
        evidence sentence quoted around its fact, as in every output: the text has it whole)."""
        from crisisdesk.export.evidence import quote_long_sentences
        from crisisdesk.export.extract_json import extraction_json
        from crisisdesk.ingest.text import find_repairs

        snap = workspace.snapshot()
        extraction = snap.by_id.get(article_id)
        if extraction is None:
            raise HTTPException(404, f"no article {article_id}")
        repairs = [{"start": r.start, "end": r.end, "replacement": r.replacement} for r in find_repairs(extraction.article.text)]
        return quote_long_sentences(extraction, extraction_json(extraction)) | {"text": extraction.article.text, "repairs": repairs}

    @app.get("/api/facts/{kind}", tags=["facts"])
    def api_facts(
        request: Request,
        kind: Literal["figures", "events", "conditions", "claims"],
        story: str | None = None,
        country: Annotated[str | None, Query(description="ISO 3166 alpha-3")] = None,
        term: Annotated[str | None, Query(description="Figures only: one of the IDMC terms.")] = None,
        date_from: date | None = None,
        date_to: date | None = None,
        source: str | None = None,
        relevance: Annotated[Literal["headline", "reconciled", "other", "baseline"] | None, Query(description="Figures only.")] = None,
        status: Literal["extracted", "edited", "wrong"] | None = None,
        article: str | None = None,
        sort: Annotated[str | None, Query(description=f"One of {', '.join(SORTS)}.")] = None,
        order: Literal["asc", "desc"] = "asc",
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = PAGE_SIZE,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> dict[str, Any]:
        """Facts of one kind with their correction, story and relevance; filtered, sorted and paged."""
        snap = workspace.snapshot()
        filters = Filters(story, country, term, date_from, date_to, source, relevance, status, article)
        rows = sorted_rows((r for r in snap.rows[kind] if filters.keep(r)), sort, order == "desc")
        result = page(rows, limit, offset)
        result["items"] = [r.as_json() for r in result["items"]]
        return result

    @app.get("/api/stories", tags=["stories"])
    def api_stories(limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = PAGE_SIZE, offset: Annotated[int, Query(ge=0)] = 0) -> dict[str, Any]:
        """The stories (crises) of the store, largest first."""
        from crisisdesk.analysis.stories import stories_json

        snap = workspace.snapshot()
        result = page(snap.stories, limit, offset)
        result["items"] = stories_json(result["items"])["stories"]
        return result

    @app.get("/api/reconciled", tags=["stories"])
    def api_reconciled(
        story: str | None = None, limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = PAGE_SIZE, offset: Annotated[int, Query(ge=0)] = 0
    ) -> dict[str, Any]:
        """Figures reconciled across sources: each question, its range, its best answer and why."""
        from crisisdesk.report.json_report import picture_json

        picture = _picture(workspace, story)
        result = page(picture_json(picture)["reconciled"], limit, offset)
        return result

    @app.get("/api/timeline", tags=["stories"])
    def api_timeline(
        story: str | None = None, limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = PAGE_SIZE, offset: Annotated[int, Query(ge=0)] = 0
    ) -> dict[str, Any]:
        """The events on one timeline, the same event told by several reports merged."""
        from crisisdesk.report.json_report import timeline_json

        picture = _picture(workspace, story)
        return page(timeline_json(picture.timeline, picture.date_flags)["timeline"], limit, offset)

    @app.get("/api/corrections", tags=["corrections"])
    def api_corrections(
        article: str | None = None, limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = PAGE_SIZE, offset: Annotated[int, Query(ge=0)] = 0
    ) -> dict[str, Any]:
        """Every correction (the history: the latest of a fact is in force), oldest first."""
        from crisisdesk.export.records import correction_records

        return page(correction_records(workspace.log.history(article)), limit, offset)

    @app.post("/api/corrections", tags=["corrections"], status_code=201)
    def api_correct(correction: Annotated[CorrectionIn, Body()]) -> dict[str, Any]:
        """Store a correction (never changing what was extracted)."""
        from crisisdesk.export.records import correction_records

        try:
            saved = _save_correction(workspace, correction)
        except CorrectionError as error:
            raise HTTPException(422, str(error)) from None
        return correction_records([saved])[0]

    @app.post("/api/ingest", tags=["articles"], status_code=202)
    async def api_ingest(request: Request) -> dict[str, Any]:
        """Add articles (multipart: ``files`` and/or ``text``): ingested in the background; poll the job."""
        limit = app.state.max_upload_bytes
        length = request.headers.get("content-length")
        if length is not None and length.isdigit() and int(length) > limit + 64_000:  # room for the form's own parts
            raise HTTPException(413, f"upload larger than the limit of {limit:,} bytes")
        form = await request.form(max_files=100, max_fields=20, max_part_size=limit)
        files, total = [], 0
        for item in form.getlist("files"):
            if isinstance(item, str):
                continue
            data = await item.read()
            total += len(data)
            if total > limit:
                raise HTTPException(413, f"upload larger than the limit of {limit:,} bytes")
            if item.filename or data:
                files.append((item.filename or "", data))
        text = form.get("text")
        text = text if isinstance(text, str) else None
        if text and len(text.encode("utf-8")) + total > limit:
            raise HTTPException(413, f"upload larger than the limit of {limit:,} bytes")
        if not files and not (text and text.strip()):
            raise HTTPException(422, "nothing to add: give files or paste text")
        return jobs.start(files, text).as_json()

    @app.get("/api/jobs/{job_id}", tags=["articles"])
    def api_job(job_id: int) -> dict[str, Any]:
        job = jobs.get(job_id)
        if job is None:
            raise HTTPException(404, f"no job {job_id}")
        return job.as_json()

    @app.get("/api/export/{fmt}", tags=["exports"], response_class=Response)
    def api_export(fmt: Literal["hxl", "csv", "xlsx", "geojson", "jsonl"], story: str | None = None) -> Response:
        """Figures as HXL or CSV, everything as an Excel workbook or JSON Lines, places as GeoJSON; as corrected."""
        from crisisdesk.export.formats import FORMATS, export_bytes, export_filename
        from crisisdesk.export.records import ExportData

        snap = workspace.snapshot()
        chosen = snap.story(story) if story else None
        if story and chosen is None:
            raise HTTPException(404, f"no story {story}")
        wanted = set(chosen.articles) if chosen else None
        history = [c for c in workspace.log.history() if wanted is None or c.article_id in wanted]
        data = ExportData(snap.extractions_of(chosen), snap.in_force, history, chosen.label if chosen else None)
        name = export_filename(fmt, chosen.label if chosen else None)
        return Response(
            export_bytes(data, fmt), media_type=FORMATS[fmt][1], headers={"Content-Disposition": f'attachment; filename="{name}"'}
        )

    return app


def _refusal(request: Request, app: FastAPI, loopback_only: bool) -> tuple[int, str] | None:
    """(status, reason) when the request must be refused, else None."""
    host = host_name(request.headers.get("host") or "")
    if loopback_only and host and not is_loopback(host):
        return 421, f"this workspace serves localhost only, not {host!r}"
    if request.method not in WRITE_METHODS:
        return None
    origin = request.headers.get("origin")
    if origin and origin != "null" and urlsplit(origin).netloc != request.headers.get("host"):
        return 403, "a write from another site is refused"
    client = request.client.host if request.client else None
    if is_loopback(client) or request.url.path == "/token":  # the token page only sets the cookie
        return None
    expected = app.state.token
    given = request.headers.get(TOKEN_HEADER) or request.cookies.get(TOKEN_COOKIE) or ""
    if expected is None:
        return 403, "writes are accepted from this machine only (start the server with a token to allow others)"
    if not hmac.compare_digest(given.encode(), expected.encode()):
        return 403, f"writes from another machine need the token given at start ({TOKEN_HEADER} header, or the /token page)"
    return None


def host_name(header: str) -> str:
    """The host of a Host header, without its port ("[::1]:8000" → "[::1]", "localhost:8000" → "localhost")."""
    if header.startswith("["):
        return header.split("]", 1)[0] + "]"
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def _table_query(request: Request) -> tuple[Filters, str | None, bool, int, int]:
    """The figures table's filters, sort and page from the query string (bad values ignored)."""
    params = request.query_params

    def text(name: str) -> str | None:
        value = (params.get(name) or "").strip()
        return value or None

    def day(name: str) -> date | None:
        try:
            return date.fromisoformat(params[name]) if params.get(name) else None
        except ValueError:
            return None

    def number(name: str, default: int, low: int, high: int) -> int:
        value = params.get(name, "")
        return max(low, min(high, int(value))) if value.isdigit() else default

    filters = Filters(
        text("story"), text("country"), text("term"), day("date_from"), day("date_to"), text("source"), text("relevance"), text("status")
    )
    sort = text("sort") if text("sort") in SORTS else None
    return filters, sort, params.get("order") == "desc", number("limit", PAGE_SIZE, 1, MAX_PAGE), number("offset", 0, 0, 10**9)


def _picture(workspace: Workspace, story: str | None):
    snap = workspace.snapshot()
    chosen = snap.story(story) if story else None
    if story and chosen is None:
        raise HTTPException(404, f"no story {story}")
    return snap.picture(chosen)


def _save_correction(workspace: Workspace, data: CorrectionIn) -> Correction:
    snap = workspace.snapshot()
    if (data.article_id, data.kind, data.start, data.end) not in snap.row_by_key:
        raise CorrectionError("no such fact in the store")
    fields = data.model_dump()
    if data.place and data.action == "edit" and fields.get("lat") is None:
        from crisisdesk.web.places import looked_up

        place = looked_up(data.place, data.country)
        if place is not None:
            fields |= {"lat": place.lat, "lon": place.lon, "geonames_id": place.geonames_id, "country": data.country or place.country}
    return workspace.correct(Correction(**fields))
