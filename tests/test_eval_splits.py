"""The tuning and checking parts of the development sets: fixed by a hash of the id, about half
each, and the same as when they were written down in tests/data/splits."""

import csv
from pathlib import Path

import pytest

from crisisdesk.eval.splits import CHECKING, TUNING, by_part, part_of, split_ids

SPLITS = Path(__file__).parent / "data" / "splits"


@pytest.mark.parametrize("name", ["idetect", "humset", "gva", "geowebnews"])
def test_the_rule_still_gives_the_parts_written_down(name):
    with open(SPLITS / f"{name}.tsv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    assert rows and all(part_of(row["id"]) == row["part"] for row in rows)
    tuning = sum(row["part"] == TUNING for row in rows)
    assert 0.4 < tuning / len(rows) < 0.6


def test_a_part_depends_on_the_id_only():
    assert part_of("17") == part_of(17) == part_of(" 17 ")
    ids = [str(i) for i in range(1, 157)]
    forward, backward = split_ids(ids), split_ids(reversed(ids))
    assert set(forward[TUNING]) == set(backward[TUNING]) and set(forward[CHECKING]) == set(backward[CHECKING])
    assert not set(forward[TUNING]) & set(forward[CHECKING])


def test_items_are_grouped_by_the_part_of_their_id():
    items = [{"id": str(i)} for i in range(40)]
    parts = by_part(items, lambda item: item["id"])
    assert len(parts[TUNING]) + len(parts[CHECKING]) == 40
    assert all(part_of(item["id"]) == TUNING for item in parts[TUNING])
