"""The story map: TopoJSON arcs decoded as the spec says, outlines only of the countries in view,
and labels that do not overlap."""

from __future__ import annotations

import json
from pathlib import Path

from crisisdesk.analysis.picture import PlaceSummary
from crisisdesk.model import Place
from crisisdesk.web import mapview

#: A quantized topology of one square "country" (TopoJSON spec 2.1.5: arcs are delta-encoded).
SQUARE = {
    "type": "Topology",
    "transform": {"scale": [0.5, 0.25], "translate": [40.0, 38.0]},
    "arcs": [[[0, 0], [10, 0], [0, 20], [-10, 0], [0, -20]]],
    "objects": {
        "countries": {
            "type": "GeometryCollection",
            "geometries": [{"type": "Polygon", "arcs": [[0]], "properties": {"name": "Squareland"}}],
        }
    },
}


def places(*rows: tuple[str, float, float, int]) -> list[PlaceSummary]:
    return [PlaceSummary(Place(name, None, "AZE", lat, lon, "city"), (name,), mentions, 1) for name, lat, lon, mentions in rows]


def test_quantized_arcs_are_decoded_to_degrees(tmp_path: Path, monkeypatch):
    (tmp_path / mapview.ATLAS_FILE).write_text(json.dumps(SQUARE))
    monkeypatch.setenv("CRISISDESK_WORLD_ATLAS", str(tmp_path))
    mapview.countries.cache_clear()
    try:
        (square,) = mapview.countries()
        assert square.name == "Squareland" and square.bbox == (40.0, 38.0, 45.0, 43.0)
        drawn = mapview.story_map(places(("Inside", 40.5, 42.5, 3)))
        assert [name for name, _ in drawn.outlines] == ["Squareland"] and drawn.outlines[0][1].startswith("M")
        far = mapview.story_map(places(("Elsewhere", -30.0, 150.0, 1)))
        assert far.outlines == []  # a country out of view is not sent
    finally:
        mapview.countries.cache_clear()


def test_labels_never_overlap_and_crowded_ones_are_left_off():
    points = [mapview.MapPoint(100 + i * 2, 100, f"Place number {i}", 10 - i, None) for i in range(6)]
    placed = mapview.labelled(points, 720, 420)
    boxes = []
    for p in placed:
        if p.label_x is None:
            continue
        wide = mapview.LABEL_CHAR_WIDTH * len(p.name)
        left = {"start": p.label_x, "end": p.label_x - wide, "middle": p.label_x - wide / 2}[p.anchor]
        box = (left, p.label_y - mapview.LABEL_HEIGHT + 2, left + wide, p.label_y + 2)
        assert not any(mapview._overlap(box, other) for other in boxes)
        boxes.append(box)
    assert 1 <= len(boxes) < len(points)
    assert next(p for p in placed if p.name == "Place number 0").label_x is not None  # the most mentioned keeps its label
