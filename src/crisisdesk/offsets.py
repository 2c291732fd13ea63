"""Map offsets between an article's verbatim text and its repaired (analysis) text.

Repairs replace whole stretches of the verbatim text (a mojibake run, a ligature). A span of the
repaired text maps back to the verbatim text by widening to the stretches it touches, so a fact
found in the repaired text always points at the characters that gave rise to it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from crisisdesk.model import Repair


class OffsetMap:
    """The repaired text of ``raw`` under ``repairs``, and offset mapping back to ``raw``."""

    __slots__ = ("raw", "text", "_clean_starts", "_clean_ends", "_raw_starts", "_raw_ends")

    def __init__(self, raw: str, repairs: Sequence[Repair] = ()) -> None:
        self.raw = raw
        pieces: list[str] = []
        self._clean_starts: list[int] = []
        self._clean_ends: list[int] = []
        self._raw_starts: list[int] = []
        self._raw_ends: list[int] = []
        raw_pos = clean_pos = 0
        for r in sorted(repairs, key=lambda r: r.start):
            if r.start < raw_pos or r.end > len(raw) or r.start > r.end:
                raise ValueError(f"overlapping or out-of-range repair {r!r}")
            pieces.append(raw[raw_pos : r.start])
            clean_pos += r.start - raw_pos
            self._clean_starts.append(clean_pos)
            self._raw_starts.append(r.start)
            pieces.append(r.replacement)
            clean_pos += len(r.replacement)
            self._clean_ends.append(clean_pos)
            self._raw_ends.append(r.end)
            raw_pos = r.end
        pieces.append(raw[raw_pos:])
        self.text = "".join(pieces)

    def _raw_offset(self, clean: int, *, is_end: bool) -> int:
        # The last repair that starts at or before ``clean`` (for an end, strictly before).
        i = bisect_right(self._clean_starts, clean - 1 if is_end else clean) - 1
        if i < 0:
            return clean
        if clean < self._clean_ends[i] or (is_end and clean == self._clean_ends[i] and clean > self._clean_starts[i]):
            # inside a replaced stretch: widen to the whole stretch
            return self._raw_ends[i] if is_end else self._raw_starts[i]
        return self._raw_ends[i] + (clean - self._clean_ends[i])

    def to_raw(self, start: int, end: int) -> tuple[int, int]:
        """The verbatim span for the repaired span ``[start, end)``."""
        if not self._clean_starts:
            return start, end
        raw_start = self._raw_offset(start, is_end=False)
        raw_end = self._raw_offset(end, is_end=True) if end > start else raw_start
        return raw_start, max(raw_start, raw_end)
