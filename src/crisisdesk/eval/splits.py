"""Fixed tuning and checking parts of the development sets in ../shared/eval.

The rule, written down once: an item belongs to the **tuning** part when the first byte of the
SHA-256 digest of its id (UTF-8, as the set writes it) is even, else to the **checking** part.
About half of every set falls on each side, the same item always on the same side, whatever the
order, size or version of the file, and no one chose which rows went where.

Look at errors only on the tuning part. A change that helps tuning and not checking is fitted to
rows: drop it. Every scorer reports both parts (and the whole).

The ids, by set:

- ``idetect``: ``excerpt_id`` of idetect/dev.csv ("1" ... "156").
- ``humset``: the excerpt id of humset/text/<id>.txt ("a1_11177"); sectors.jsonl uses the same ids,
  so an excerpt is on the same side for quantities and for sectors.
- ``gva``: the ``incident`` of gva/incidents.csv ("111416"); an article goes with its incident.
- ``geowebnews``: the ``file`` attribute of GWN.xml's ``<article>`` ("0" ... "199").

``tests/data/splits/<set>.tsv`` holds the assignment as it was when written down; a test checks
that the rule still gives it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

TUNING = "tuning"
CHECKING = "checking"
PARTS = (TUNING, CHECKING)


def part_of(item_id: str | int) -> str:
    """``tuning`` or ``checking`` for one id (see the module docstring for the rule)."""
    digest = hashlib.sha256(str(item_id).strip().encode("utf-8")).digest()
    return TUNING if digest[0] % 2 == 0 else CHECKING


def split_ids(ids: Iterable[str | int]) -> dict[str, list[str]]:
    """The ids of each part, in the order given."""
    parts: dict[str, list[str]] = {TUNING: [], CHECKING: []}
    for item_id in ids:
        parts[part_of(item_id)].append(str(item_id).strip())
    return parts


def by_part(items: Iterable, id_of) -> dict[str, list]:
    """``items`` grouped by the part of ``id_of(item)``: {"tuning": [...], "checking": [...]}."""
    parts: dict[str, list] = {TUNING: [], CHECKING: []}
    for item in items:
        parts[part_of(id_of(item))].append(item)
    return parts
