"""A story's map as inline SVG: Natural Earth country outlines (the ``world-atlas`` TopoJSON of
the npm registry, installed with crisisdesk by dev.py) and the places its reports name.

No tiles and no script: the map is drawn on the server, projected like the report's map
(equirectangular, fitted to the places around the most-mentioned one). Without the outlines
installed the places are drawn on the graticule alone.
"""

from __future__ import annotations

import json
import math
import os
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from crisisdesk.analysis.picture import PlaceSummary
from crisisdesk.report.render import LABEL_CHAR_WIDTH, LABEL_HEIGHT, MAP_MARGIN_DEGREES, MAP_RADIUS_KM, distance_km

#: Where dev.py puts the world-atlas package's files; $CRISISDESK_WORLD_ATLAS overrides it.
ATLAS_DIR = Path(sys.prefix) / "share" / "crisisdesk" / "world-atlas"
ATLAS_FILE = "countries-50m.json"
#: Points closer than this (px) to the previous one of a ring are dropped: invisible detail.
MIN_STEP_PX = 0.7


@dataclass(frozen=True)
class Country:
    name: str
    bbox: tuple[float, float, float, float]  # west, south, east, north
    rings: tuple[tuple[tuple[float, float], ...], ...]  # (lon, lat) rings


@dataclass(frozen=True)
class MapPoint:
    x: float
    y: float
    name: str
    mentions: int
    country: str | None
    label_x: float | None = None  # None: no room for a label (the places table lists it)
    label_y: float | None = None
    anchor: str = "start"


@dataclass(frozen=True)
class StoryMap:
    width: int
    height: int
    outlines: list[tuple[str, str]]  # (country name, SVG path)
    points: list[MapPoint]
    left_off: list[str]  # places too far from the rest to draw


def atlas_path() -> Path | None:
    folder = Path(os.environ.get("CRISISDESK_WORLD_ATLAS", ATLAS_DIR))
    path = folder / ATLAS_FILE if folder.is_dir() else folder
    return path if path.is_file() else None


@lru_cache(maxsize=1)
def countries() -> tuple[Country, ...]:
    """Every country of the atlas as lon/lat rings (empty when the atlas is not installed)."""
    path = atlas_path()
    if path is None:
        return ()
    topology = json.loads(path.read_text(encoding="utf-8"))
    arcs = _decoded_arcs(topology)
    found = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = {"Polygon": [geometry.get("arcs", [])], "MultiPolygon": geometry.get("arcs", [])}.get(geometry.get("type"), [])
        rings = tuple(_ring(ring, arcs) for polygon in polygons for ring in polygon)
        if not rings:
            continue
        lons = [p[0] for ring in rings for p in ring]
        lats = [p[1] for ring in rings for p in ring]
        found.append(Country(geometry.get("properties", {}).get("name", ""), (min(lons), min(lats), max(lons), max(lats)), rings))
    return tuple(found)


def _decoded_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """The topology's arcs in lon/lat (quantized arcs are delta-encoded: TopoJSON spec 2.1.5)."""
    transform = topology.get("transform")
    decoded = []
    for arc in topology["arcs"]:
        if transform is None:
            decoded.append([(p[0], p[1]) for p in arc])
            continue
        (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
        x = y = 0
        points = []
        for dx, dy, *_ in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def _ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> tuple[tuple[float, float], ...]:
    """A ring from its arcs; a negative index ~i is arc i reversed; each arc starts where the last ended."""
    points: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return tuple(points)


def story_map(places: list[PlaceSummary], width: int = 720, height: int = 420) -> StoryMap | None:
    """The places around the most-mentioned one, on the countries around them."""
    located = [p for p in places if p.place.lat is not None and p.place.lon is not None]
    if not located:
        return None
    centre = max(located, key=lambda p: (p.mentions, p.place.kind != "country")).place
    near = [p for p in located if distance_km(centre.lat, centre.lon, p.place.lat, p.place.lon) <= MAP_RADIUS_KM]
    left_off = [p.place.name for p in located if p not in near]
    # at least a few degrees around the places, so one town is shown among its neighbours
    margin = max(MAP_MARGIN_DEGREES, 2.0)
    south = max(-85.0, min(p.place.lat for p in near) - margin)
    north = min(85.0, max(p.place.lat for p in near) + margin)
    west, east = min(p.place.lon for p in near) - margin, max(p.place.lon for p in near) + margin
    stretch = math.cos(math.radians((south + north) / 2))
    scale = min(width / ((east - west) * stretch), height / (north - south))
    x0 = (width - (east - west) * stretch * scale) / 2
    y0 = (height - (north - south) * scale) / 2

    def project(lon: float, lat: float) -> tuple[float, float]:
        return x0 + (lon - west) * stretch * scale, y0 + (north - lat) * scale

    # what the SVG shows, in degrees, so that outlines beyond it are not sent
    view_west, view_east = west - x0 / (stretch * scale), east + x0 / (stretch * scale)
    view_south, view_north = south - y0 / scale, north + y0 / scale
    outlines = []
    for country in countries():
        w, s, e, n = country.bbox
        if e < view_west or w > view_east or n < view_south or s > view_north:
            continue
        path = _svg_path(country.rings, project)
        if path:
            outlines.append((country.name, path))
    points = [MapPoint(*(round(v, 1) for v in project(p.place.lon, p.place.lat)), p.place.name, p.mentions, p.place.country) for p in near]
    return StoryMap(width, height, outlines, sorted(labelled(points, width, height), key=lambda p: p.mentions), left_off)


def labelled(points: list[MapPoint], width: int, height: int) -> list[MapPoint]:
    """The points with labels placed where they overlap no other label or dot, the most
    mentioned first (right of the dot, else left, above, below; else none)."""
    taken = [(p.x - 6, p.y - 6, p.x + 6, p.y + 6) for p in points]
    placed = []
    for point in sorted(points, key=lambda p: -p.mentions):
        wide = LABEL_CHAR_WIDTH * len(point.name)
        for lx, ly, anchor, left in (
            (point.x + 9, point.y + 4, "start", point.x + 9),
            (point.x - 9, point.y + 4, "end", point.x - 9 - wide),
            (point.x, point.y - 10, "middle", point.x - wide / 2),
            (point.x, point.y + 18, "middle", point.x - wide / 2),
        ):
            box = (left, ly - LABEL_HEIGHT + 2, left + wide, ly + 2)
            inside = box[0] >= 0 and box[2] <= width and box[1] >= 0 and box[3] <= height
            if inside and not any(_overlap(box, other) for other in taken if other != (point.x - 6, point.y - 6, point.x + 6, point.y + 6)):
                taken.append(box)
                point = MapPoint(point.x, point.y, point.name, point.mentions, point.country, round(lx, 1), round(ly, 1), anchor)
                break
        placed.append(point)
    return placed


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _svg_path(rings, project) -> str:
    parts = []
    for ring in rings:
        last = None
        moves = []
        for lon, lat in ring:
            x, y = project(lon, lat)
            if last is not None and abs(x - last[0]) < MIN_STEP_PX and abs(y - last[1]) < MIN_STEP_PX:
                continue
            moves.append(f"{x:.1f},{y:.1f}")
            last = (x, y)
        if len(moves) >= 3:
            parts.append("M" + "L".join(moves) + "Z")
    return "".join(parts)
