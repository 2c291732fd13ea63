"""Render the situation picture as a Markdown report and one self-contained HTML file.

The HTML works offline: CSS inline, and places drawn on an inline SVG (equirectangular
projection fitted to the places mentioned) instead of map tiles.
"""

from __future__ import annotations

import json
import math
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from crisisdesk.analysis.picture import PlaceSummary, SituationPicture
from crisisdesk.analysis.reconcile import Reconciled, day_of
from crisisdesk.analysis.sources import Source
from crisisdesk.export.evidence import evidence_parts, evidence_text
from crisisdesk.model import STANCE_LABELS

#: How a report words an event's status.
STATUS_LABELS = {"happened": "happened", "under_way": "under way", "planned": "planned", "denied": "denied"}
MAP_WIDTH = 640
MAP_HEIGHT = 360
MAP_MARGIN_DEGREES = 1.0
#: ... or this share of the places' span, if more: a dot at the edge of a wide view is not cut.
MAP_MARGIN_SHARE = 0.08
#: Places farther than this from the most-mentioned place are listed, not drawn, so that one
#: distant capital does not shrink the crisis area to a dot.
MAP_RADIUS_KM = 1500
LABEL_CHAR_WIDTH = 6.5  # px per character at the label font size, to keep labels from overlapping
LABEL_HEIGHT = 12
#: The inline trend chart of a reconciled question: figures by date, one dot per source.
TREND_WIDTH = 160
TREND_HEIGHT = 44
TREND_PAD = 5


@dataclass(frozen=True)
class MapPoint:
    x: float
    y: float
    name: str
    mentions: int
    area: bool  # a country or region drawn at a representative point
    label_x: float | None  # None: no room for a label (the table below lists every place)
    label_y: float | None
    anchor: str = "start"


@dataclass(frozen=True)
class MapView:
    """Where each place sits on the SVG, the graticule lines to draw, and what was left off."""

    points: list[MapPoint]
    meridians: list[tuple[float, str]]
    parallels: list[tuple[float, str]]
    left_off: list[str]
    outlines: list[tuple[str, str]] = field(default_factory=list)  # (country name, SVG path) under the points
    shaded: frozenset[str] = frozenset()  # the outlines (by name) of the countries the places are in
    bounds: tuple[float, float, float, float] | None = None  # west, south, east, north (degrees)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


def map_view(
    places: list[PlaceSummary],
    width: int = MAP_WIDTH,
    height: int = MAP_HEIGHT,
    *,
    country: str | None = None,
    radius_km: float | None = MAP_RADIUS_KM,
) -> MapView | None:
    """The places around the most-mentioned one (in ``country``, the crisis's own, when it has
    places there), projected into ``width``×``height`` (aspect kept); ``radius_km`` None: every
    place. A country named spans its outline (its mainland, up to COUNTRY_VIEW_MAX_DEGREES), not
    a degree around the point it is drawn at; the countries the places are in are shaded."""
    located = [p for p in places if p.place.lat is not None and p.place.lon is not None]
    if not located:
        return None
    home = [p for p in located if country is not None and p.place.country == country] or located
    centre = max(home, key=lambda p: (p.mentions, p.place.kind != "country")).place
    near = [p for p in located if radius_km is None or distance_km(centre.lat, centre.lon, p.place.lat, p.place.lon) <= radius_km]
    left_off = [p.place.name for p in located if p not in near]
    lats = [p.place.lat for p in near]
    lons = [p.place.lon for p in near]
    margin = max(MAP_MARGIN_DEGREES, MAP_MARGIN_SHARE * max(max(lats) - min(lats), max(lons) - min(lons)))
    south, north = max(-85.0, min(lats) - margin), min(85.0, max(lats) + margin)
    west, east = max(-180.0, min(lons) - margin), min(180.0, max(lons) + margin)
    named = {p.place.country for p in near if p.place.country}
    for box in (country_bbox(p.place.country, (p.place.lon, p.place.lat)) for p in near if p.place.kind == "country"):
        if box is not None:
            west, south, east, north = min(west, box[0]), min(south, box[1]), max(east, box[2]), max(north, box[3])
    x_stretch = math.cos(math.radians(max(-80.0, min(80.0, (south + north) / 2))))  # degrees of longitude are shorter away from the equator
    scale = min(width / ((east - west) * x_stretch), height / (north - south))
    x0 = (width - (east - west) * x_stretch * scale) / 2
    y0 = (height - (north - south) * scale) / 2

    def project(lat: float, lon: float) -> tuple[float, float]:
        return round(x0 + (lon - west) * x_stretch * scale, 1), round(y0 + (north - lat) * scale, 1)

    step = _graticule_step(max(east - west, north - south))
    meridians = [(project(south, lon)[0], _degrees(lon, "E", "W")) for lon in _multiples(west, east, step)]
    parallels = [(project(lat, west)[1], _degrees(lat, "N", "S")) for lat in _multiples(south, north, step)]
    outlines = country_outlines(project, (west, south, east, north))
    shaded = frozenset(name for code, name in _outline_names().items() if code in named)
    points = _labelled_points(near, project, width, height)
    return MapView(points, meridians, parallels, left_off, outlines, shaded, (west, south, east, north))


#: Places drawn as a dot of their own (the rest are areas drawn at a representative point).
POINT_KINDS = frozenset({"city", "town", "village", "camp", "crossing"})
#: A country's outline spans at most this much (degrees) of a view: Russia or Canada whole would
#: shrink the rest to dots.
COUNTRY_VIEW_MAX_DEGREES = 40


#: Natural Earth country outlines as TopoJSON (world-atlas: 1:110m and 1:50m), read from the
#: environment's share folder where the package is installed; without it, maps have no outlines.
WORLD_ATLAS = Path(sys.prefix) / "share" / "crisisdesk" / "world-atlas"
#: Views wider than this (degrees) use the coarse 1:110m outlines, to keep the HTML small.
DETAILED_OUTLINES_BELOW_DEGREES = 30
#: Points of an outline closer than this (px) to the previous one are dropped: invisible detail
#: (dev.py installs the 1:50m outlines only, which wide views draw too).
MIN_STEP_PX = 0.7


def _topology(resolution: str) -> dict | None:
    path = WORLD_ATLAS / f"countries-{resolution}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


@cache
def country_rings(resolution: str = "110m") -> tuple[tuple[str, tuple[tuple[tuple[float, float], ...], ...]], ...]:
    """Every country as (name, rings of (lon, lat)), decoded from world-atlas's TopoJSON (delta-
    encoded, quantised arcs; a negative arc index is the arc reversed); () when it is missing."""
    topology = _topology(resolution)
    if topology is None:
        return ()
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indexes: list[int]) -> tuple[tuple[float, float], ...]:
        points: list[tuple[float, float]] = []
        for index in indexes:
            part = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(part[1:] if points else part)
        return tuple(points)

    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = geometry.get("arcs") or []
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        rings = tuple(ring(r) for polygon in polygons for r in polygon)
        countries.append((geometry.get("properties", {}).get("name", ""), rings))
    return tuple(countries)


def _any_rings() -> tuple[str, tuple]:
    """The installed outlines, coarse first: (resolution, rings)."""
    for resolution in ("110m", "50m"):
        rings = country_rings(resolution)
        if rings:
            return resolution, rings
    return "", ()


@cache
def _outline_names() -> dict[str, str]:
    """ISO3 → the outline's name (world-atlas ids are ISO 3166-1 numeric codes)."""
    import pycountry

    resolution, _ = _any_rings()
    topology = _topology(resolution) if resolution else None
    if topology is None:
        return {}
    found = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        country = pycountry.countries.get(numeric=str(geometry.get("id", "")).zfill(3)) if geometry.get("id") else None
        if country is not None:
            found[country.alpha_3] = geometry.get("properties", {}).get("name", "")
    return found


def country_bbox(iso3: str | None, near: tuple[float, float]) -> tuple[float, float, float, float] | None:
    """The (west, south, east, north) of the country's outline ring that holds the most points, within
    COUNTRY_VIEW_MAX_DEGREES of ``near`` (lon, lat): its mainland, not its far islands."""
    name = _outline_names().get(iso3 or "")
    if not name:
        return None
    _, countries = _any_rings()
    rings = next((r for n, r in countries if n == name), ())
    if not rings:
        return None
    main = max(rings, key=len)
    lons, lats = [p[0] for p in main], [p[1] for p in main]
    half = COUNTRY_VIEW_MAX_DEGREES / 2
    return (max(min(lons), near[0] - half), max(min(lats), near[1] - half), min(max(lons), near[0] + half), min(max(lats), near[1] + half))


def country_outlines(project, bounds: tuple[float, float, float, float]) -> list[tuple[str, str]]:
    """SVG paths of the country rings that reach into ``bounds`` (west, south, east, north)."""
    west, south, east, north = bounds
    resolution = "110m" if max(east - west, north - south) > DETAILED_OUTLINES_BELOW_DEGREES else "50m"
    paths = []
    for name, rings in country_rings(resolution) or _any_rings()[1]:
        drawn = []
        for points in rings:
            lons = [p[0] for p in points]
            lats = [p[1] for p in points]
            if not points or max(lons) < west or min(lons) > east or max(lats) < south or min(lats) > north:
                continue
            projected = [project(lat, lon) for lon, lat in points]
            kept = [projected[0]]
            for x, y in projected[1:-1]:
                if abs(x - kept[-1][0]) + abs(y - kept[-1][1]) >= MIN_STEP_PX:
                    kept.append((x, y))
            kept.append(projected[-1])
            if len(kept) < 3:
                continue  # an islet smaller than a pixel
            drawn.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in kept) + "Z")
        if drawn:
            paths.append((name, "".join(drawn)))
    return paths


def crises_view(crises, width: int = MAP_WIDTH, height: int = MAP_HEIGHT) -> MapView | None:
    """Where each crisis is: the place its own map centres on, numbered as in the index, on one map
    of every crisis (no place left off for being far)."""
    from dataclasses import replace

    centres = []
    for number, crisis in enumerate(crises, 1):
        view = [p for p in crisis.picture.places if p.place.lat is not None and p.place.lon is not None]
        home = [p for p in view if crisis.story.country and p.place.country == crisis.story.country] or view
        if home:
            centre = max(home, key=lambda p: (p.mentions, p.place.kind != "country"))
            centres.append(
                replace(centre, place=replace(centre.place, name=f"{number}. {centre.place.name}"), mentions=len(crises) - number)
            )
    return map_view(centres, width, height, radius_km=None) if centres else None


def _labelled_points(places: list[PlaceSummary], project, width: int, height: int) -> list[MapPoint]:
    """Points with labels placed greedily (most mentioned first) where they overlap nothing."""
    taken: list[tuple[float, float, float, float]] = []
    points = []
    for item in sorted(places, key=lambda p: -p.mentions):
        x, y = project(item.place.lat, item.place.lon)
        taken.append((x - 6, y - 6, x + 6, y + 6))
    for item in sorted(places, key=lambda p: -p.mentions):
        x, y = project(item.place.lat, item.place.lon)
        label_width = LABEL_CHAR_WIDTH * len(item.place.name)
        spot = None
        for lx, ly, anchor, left in (
            (x + 9, y + 4, "start", x + 9),
            (x - 9, y + 4, "end", x - 9 - label_width),
            (x, y - 10, "middle", x - label_width / 2),
            (x, y + 18, "middle", x - label_width / 2),
        ):
            box = (left, ly - LABEL_HEIGHT + 2, left + label_width, ly + 2)
            inside = box[0] >= 0 and box[2] <= width and box[1] >= 0 and box[3] <= height
            if inside and not any(_overlap(box, other) for other in taken):
                spot = (lx, ly, anchor)
                taken.append(box)
                break
        area = item.place.kind not in POINT_KINDS
        lx, ly, anchor = spot if spot else (None, None, "start")
        points.append(MapPoint(x, y, item.place.name, item.mentions, area, lx, ly, anchor))
    return points


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _degrees(value: float, positive: str, negative: str) -> str:
    return f"{abs(value):g}°{positive if value >= 0 else negative}"


def _graticule_step(span: float) -> float:
    for step in (0.5, 1, 2, 5, 10, 20, 30):
        if span / step <= 8:
            return step
    return 45


def _multiples(low: float, high: float, step: float) -> list[float]:
    first = math.ceil(low / step) * step
    return [first + i * step for i in range(int((high - first) // step) + 1)]


def cited(keys) -> str:
    """Figures as a report cites them, by outlet, title and date: "more than 28,000 — apnews.com:
    Thousands flee… (2023-09-26)"."""
    return "; ".join(
        f"{k.amount} — {k.source.citation}{', according to ' + k.figure.attribution if k.figure.attribution else ''}" for k in keys
    )


def source_html(source: Source, css: str = "") -> str:
    """A source as the report names it (outlet, title, date) with the file it was read from as
    a tooltip, HTML-escaped; ``css``: more classes ("tag")."""
    from markupsafe import escape

    classes = f"source {css}".strip()
    return f'<span class="{classes}" title="{escape(source.origin or source.id)}">{escape(source.citation)}</span>'


def sources_html(sources, short: bool = False) -> str:
    """Sources as :func:`source_html` names them; ``short``: by outlet and date (else the title's
    first words), the whole citation and the file in the tooltip, for a cell listing several."""
    if not short:
        return "; ".join(source_html(s) for s in dict.fromkeys(sources))
    from markupsafe import escape

    return "; ".join(
        f'<span class="source" title="{escape(s.citation)} — {escape(s.origin or s.id)}">{escape(s.short_citation)}</span>'
        for s in dict.fromkeys(sources)
    )


def trend_svg(answer: Reconciled) -> str:
    """A small inline SVG of the question's figures by date (a dot per figure, its source as the
    dot's tooltip; the best figure filled), or "" when fewer than two dates are known."""
    from markupsafe import escape

    points = [(day_of(k), k) for k in answer.figures if day_of(k) is not None]
    if len({d for d, _ in points}) < 2:
        return ""
    first, last = min(d for d, _ in points), max(d for d, _ in points)
    high = max(k.figure.quantity for _, k in points) or 1.0
    span = (last - first).days or 1

    def x(day) -> float:
        return round(TREND_PAD + (day - first).days / span * (TREND_WIDTH - 2 * TREND_PAD), 1)

    def y(value: float) -> float:
        return round(TREND_HEIGHT - TREND_PAD - value / high * (TREND_HEIGHT - 2 * TREND_PAD), 1)

    ordered = sorted(points, key=lambda p: (p[0], p[1].figure.quantity))
    line = " ".join(f"{x(d)},{y(k.figure.quantity)}" for d, k in ordered)
    dots = "".join(
        f'<circle cx="{x(d)}" cy="{y(k.figure.quantity)}" r="3" fill="{"#0b6fa4" if k is answer.best else "#fff"}" stroke="#0b6fa4">'
        f"<title>{escape(k.amount)} on {d.isoformat()}: {escape(k.source.citation)}</title></circle>"
        for d, k in ordered
    )
    return (
        f'<svg class="trend" viewBox="0 0 {TREND_WIDTH} {TREND_HEIGHT}" width="{TREND_WIDTH}" height="{TREND_HEIGHT}" role="img" '
        f'aria-label="{escape(answer.label)} by date"><polyline points="{line}" fill="none" stroke="#9bbbd0"/>{dots}'
        f'<text x="{TREND_PAD}" y="{TREND_HEIGHT - 1}" font-size="8" fill="#5b6773">{first.isoformat()}</text>'
        f'<text x="{TREND_WIDTH - TREND_PAD}" y="{TREND_HEIGHT - 1}" font-size="8" fill="#5b6773" text-anchor="end">{last.isoformat()}</text></svg>'
    )


def outside_crisis(item) -> bool:
    """Whether a reconciled answer or a timeline row tells no crisis fact: shown only in a report
    of every fact (``crisisdesk report --every-fact``), marked."""
    from crisisdesk.analysis.relevance import is_crisis_event

    if isinstance(item, Reconciled):
        return not item.best.crisis
    return not any(is_crisis_event(t.event) for t in item.tellings)


#: How a report heads a DEEP sector whose name alone reads oddly.
SECTOR_LABELS = {"Cross": "Cross-sector"}


def sector_label(sector: str) -> str:
    return SECTOR_LABELS.get(sector, sector)


class MarkdownText(str):
    """Text already made safe for the Markdown report (not escaped again)."""


#: Characters escaped in Markdown text: HTML (as entities, so no tag, no event handler, no
#: comment) and Markdown syntax (as backslash escapes, so no link, image, emphasis, code span,
#: table cell break or heading). ``(`` and ``)`` are harmless once ``[`` and ``]`` are escaped.
_HTML_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
_MARKDOWN_SYNTAX = frozenset("\\`*_[]{}#|!~")
#: URL schemes a report links to; any other url ("javascript:...") is shown as text.
_LINKED_SCHEMES = ("http://", "https://")


def md_text(value: object) -> MarkdownText:
    """``value`` as literal text in Markdown: on one line (a newline in a title is no heading and
    no list item) with HTML and Markdown syntax escaped, so an article's words never become live
    HTML, a link or an autolink when the report is rendered."""
    if isinstance(value, MarkdownText):
        return value
    one_line = " ".join(str(value).split())
    return MarkdownText("".join(_HTML_ENTITIES.get(c) or (f"\\{c}" if c in _MARKDOWN_SYNTAX else c) for c in one_line))


def md_url(value: object) -> MarkdownText:
    """A url as an autolink ``<...>`` when it is http(s) and has nothing that would end the link;
    else as escaped text (a ``javascript:`` url is never a link)."""
    url = str(value).strip()
    if url.lower().startswith(_LINKED_SCHEMES) and not any(c.isspace() or c in '<>"`' for c in url):
        return MarkdownText(f"<{url}>")
    return md_text(url)


def md_code(value: object) -> MarkdownText:
    """``value`` as a code span (shown as it is: nothing in a code span is HTML or Markdown), or as
    escaped text when it holds a backtick or a line break that would end the span."""
    text = str(value)
    if text and not any(c == "`" or c.isspace() and c != " " for c in text) and text.strip() == text:
        return MarkdownText(f"`{text}`")
    return md_text(text)


def _md_finalize(value: object) -> object:
    """Every ``{{ ... }}`` of the Markdown template: text is escaped unless a filter made it safe."""
    if value is None or isinstance(value, (MarkdownText, int, float)):
        return value
    return md_text(value)


def _environment(markdown: bool = False):
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=PackageLoader("crisisdesk.report", "templates"),
        autoescape=select_autoescape(["html.j2"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_md_finalize if markdown else None,
    )
    env.filters["md_cell"] = md_text  # a table cell: one line, "|" escaped like the rest
    env.filters["md_text"] = md_text
    env.filters["md_url"] = md_url
    env.filters["md_code"] = md_code
    # A macro's output is Markdown the template wrote, every value inside it already escaped.
    env.filters["md_block"] = MarkdownText
    env.globals["evidence_parts"] = evidence_parts
    env.globals["evidence_text"] = evidence_text
    env.globals["cited"] = cited
    env.globals["source_html"] = source_html
    env.globals["sources_html"] = sources_html
    env.globals["trend_svg"] = trend_svg
    env.globals["outside_crisis"] = outside_crisis
    env.globals["sector_label"] = sector_label
    return env


def render_report(picture: SituationPicture, out_dir: Path) -> dict[str, Path]:
    """Write report.md, report.html and report.json into ``out_dir``; their paths by kind."""
    from crisisdesk.report.json_report import picture_json

    out_dir.mkdir(parents=True, exist_ok=True)
    env = _environment()
    # Each crisis's map zoomed to its own places around its own country; with several crises, one
    # map of where they are (the places of every report, unrelated news too, would centre on those).
    maps = {c.anchor: map_view(c.picture.places, country=c.story.country) for c in picture.crises}
    overview = crises_view(picture.crises) if picture.several_crises else map_view(picture.places)
    place_crises: dict = {}  # place → (number, crisis) of the crises that name it
    for number, crisis in enumerate(picture.crises, 1):
        for item in crisis.picture.places:
            place_crises.setdefault(item.place, []).append((number, crisis))
    # With several crises, the places they name come first (the rest: places of unrelated news).
    listed_places = sorted(picture.places, key=lambda p: p.place not in place_crises) if picture.several_crises else picture.places
    context = {
        "place_crises": place_crises, "listed_places": listed_places,
        # A story of one article with no copy says nothing the sources table does not: counted, not listed.
        "grouped_stories": [s for s in picture.stories if len(s.articles) > 1],
        "sources_by_id": {s.id: s for s in picture.sources},
        "picture": picture, "map": overview, "maps": maps, "map_width": MAP_WIDTH, "map_height": MAP_HEIGHT,
        "status_labels": STATUS_LABELS, "stance_labels": STANCE_LABELS,
    }  # fmt: skip
    paths = {"markdown": out_dir / "report.md", "html": out_dir / "report.html", "json": out_dir / "report.json"}
    paths["markdown"].write_text(_environment(markdown=True).get_template("report.md.j2").render(**context), encoding="utf-8")
    paths["html"].write_text(env.get_template("report.html.j2").render(**context), encoding="utf-8")
    paths["json"].write_text(json.dumps(picture_json(picture), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return paths
