"""What lies inside a stretch of text: the places or times of a sentence, found by bisection.

Every fact is paired with the places and times of its own sentence. Reading every place of the
article for every fact made that pairing cost grow with the square of an article's length; an
:class:`OffsetList`, built once per Doc over a list the components keep in order of ``start``,
answers :func:`within` by bisection instead, with the very items, in the very order, of the scan.
Model-free and import-free, so that the time layer, the places and every finder can use it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from typing import Any, Protocol, TypeVar


class _Spanned(Protocol):
    start: Any
    end: Any


_T = TypeVar("_T", bound=_Spanned)


class OffsetList(list):
    """A list of items with ``start`` and ``end`` (place mentions, time expressions), as given,
    that answers :func:`within` by bisection when the items are in order of ``start``, else by
    reading every item as for a plain list. Used as a list everywhere else."""

    def __init__(self, items: Iterable = ()) -> None:
        super().__init__(items)
        self._starts: list[int] | None = None  # the starts, when in order; [] when not

    def within(self, start: int, end: int) -> list:
        if self._starts is None or len(self._starts) not in (0, len(self)):  # first use, or the list changed
            starts = [item.start for item in self]
            self._starts = starts if all(a <= b for a, b in zip(starts, starts[1:])) else []
        if len(self._starts) != len(self):  # not in order of start (an empty list needs no index)
            return [m for m in self if start <= m.start and m.end <= end]
        # Those starting from ``start`` up to ``end`` inclusive (an empty item may sit at ``end``).
        first, last = bisect_left(self._starts, start), bisect_right(self._starts, end)
        return [m for m in self[first:last] if m.end <= end]


def within(items: Sequence[_T], start: int, end: int) -> list[_T]:
    """The items whose characters lie inside ``[start, end)`` (``start <= item.start`` and
    ``item.end <= end``), in their order in ``items``; by bisection for an :class:`OffsetList`."""
    if isinstance(items, OffsetList):
        return items.within(start, end)
    return [m for m in items if start <= m.start and m.end <= end]


def in_sentence(items: Sequence[_T], sentence) -> list[_T]:
    """The items inside ``sentence`` (a spaCy Span), by characters, in their order."""
    return within(items, sentence.start_char, sentence.end_char)
