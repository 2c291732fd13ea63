"""An article's verbatim text cut into the pieces the evidence view draws: the fact's words
highlighted, and each repair of the text (mojibake, ligatures) shown with what it was read as."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from crisisdesk.model import Repair


@dataclass(frozen=True)
class Segment:
    text: str
    in_fact: bool
    repaired_as: str | None  # the repair's replacement when this piece is a repaired stretch


def article_segments(text: str, fact: tuple[int, int], repairs: Sequence[Repair]) -> list[Segment]:
    """``text`` in consecutive pieces, cut at the fact's and the repairs' boundaries."""
    start, end = min(max(0, fact[0]), len(text)), min(max(0, fact[1]), len(text))
    cuts = {0, len(text), start, end}
    usable = [r for r in repairs if 0 <= r.start < r.end <= len(text)]
    for repair in usable:
        cuts.update((repair.start, repair.end))
    bounds = sorted(cuts)
    segments = []
    for left, right in zip(bounds, bounds[1:]):
        if left == right:
            continue
        repair = next((r for r in usable if r.start <= left and right <= r.end), None)
        replaced = None
        if repair is not None:
            replaced = repair.replacement if repair.start == left else ""  # the replacement is shown once, at the repair's start
        segments.append(Segment(text[left:right], start <= left and right <= end and start < end, replaced))
    return segments
