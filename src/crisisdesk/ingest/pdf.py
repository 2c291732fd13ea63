"""PDF reports as articles: the text of every page in reading order, without running headers,
footers and page numbers.

Read with pypdfium2 (PDFium's text layer). Each page's text comes as runs of characters with
their boxes; runs on one baseline make a line. A page set in two columns (a gutter down the middle
that few lines cross) is read left column first, then the right; lines that cross the gutter
(a title, a full-width table) are read where they stand, before or after the columns. Wrapped
lines of a paragraph are joined with a space, paragraphs (a larger vertical gap) and pages with a
blank line; the rows of a table (runs on one line a wide gap apart) stay lines of their own, their
cells apart by a tab, so :mod:`crisisdesk.nlp.tables` reads them. A word hyphenated at a line end keeps its hyphen ("fami- lies"): the repair layer of
:mod:`crisisdesk.ingest.text` joins it, as a repair, so the text stays what the page shows.

A line is a running header or footer when it is among the first or last lines of a page and,
with its digits ignored, on most pages or on five pages at least ("Situation Report No. 12 |
page 3", "Chapter 4: Function reference 12"). A line that is only
a page number ("3", "Page 3 of 10", "- 3 -") at the top or bottom of a page is dropped too.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from crisisdesk.model import IngestError

#: How many lines at the top and at the bottom of a page can be a running header or footer.
EDGE_LINES = 3
#: A line (digits ignored) on at least this share of the pages, at their edges, is running.
RUNNING_SHARE = 0.6
#: Fewer pages than this and no line is taken for a running header (one page repeats nothing).
RUNNING_MIN_PAGES = 2
#: A line at the edges of this many pages is running even when that is not most pages (the
#: header of one chapter of a long report).
RUNNING_PAGES = 5
#: A gutter is crossed by at most this share of a page's lines, and each column holds at least
#: this share of them.
GUTTER_CROSSING_SHARE = 0.15
COLUMN_MIN_SHARE = 0.2
#: The runs of a column of text are this wide (a share of the page) at the median: a column of
#: short terms beside their definitions is no text column.
COLUMN_MIN_WIDTH = 0.2
#: A vertical gap this many times the usual line spacing starts a new paragraph.
PARAGRAPH_GAP = 1.6
#: Runs on one line further apart than this many times the line's height are cells of a table
#: row (justified text spaces its words by less than one height).
CELL_GAP = 2.0

_PAGE_NUMBER = re.compile(r"(?i)^[\s\-–—|]*(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?[\s\-–—|]*$")
#: PDFium marks a hyphen it takes for a line-end hyphenation with these characters.
_SOFT_HYPHENS = str.maketrans({"\x02": "-", "\ufffe": "-", "\u00ad": "-"})


@dataclass(frozen=True)
class _Run:
    left: float
    bottom: float
    right: float
    top: float
    text: str


@dataclass(frozen=True)
class _Line:
    top: float
    bottom: float
    text: str
    cells: int = 1  # runs set apart by wide gaps: more than one is a row of a table


def pdf_text(data: bytes, origin: str) -> str | IngestError:
    """The text of the PDF ``data`` (see the module docstring), or why it cannot be read."""
    import pypdfium2 as pdfium  # deferred: a native library

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        return IngestError(origin, f"unreadable PDF: {error}")
    try:
        pages = [_lines_of_page(document, i) for i in range(len(document))]
    except pdfium.PdfiumError as error:
        return IngestError(origin, f"unreadable PDF page: {error}")
    finally:
        document.close()
    if not any(pages):
        return IngestError(origin, "no text in the PDF (a scanned image? OCR is not done)")
    running = running_lines([[line.text for line in page] for page in pages])
    kept = [_without_furniture(page, running) for page in pages]
    return "\n\n".join(text for text in (_page_text(page) for page in kept) if text) + "\n"


def _lines_of_page(document, index: int) -> list[_Line]:
    page = document[index]
    try:
        return _page_lines(page)
    finally:
        page.close()


def _page_lines(page) -> list[_Line]:
    textpage = page.get_textpage()
    try:
        runs = []
        for i in range(textpage.count_rects()):
            left, bottom, right, top = textpage.get_rect(i)
            text = textpage.get_text_bounded(left, bottom, right, top).translate(_SOFT_HYPHENS)
            text = " ".join(text.split())
            if text:
                runs.append(_Run(left, bottom, right, top, text))
    finally:
        textpage.close()
    width = page.get_width()
    return [line for block in _reading_blocks(runs, width) for line in _lines_of(block)]


def _lines_of(runs: list[_Run]) -> list[_Line]:
    """Runs on one baseline joined left to right, lines top to bottom."""
    lines: list[list[_Run]] = []
    for run in sorted(runs, key=lambda r: (-r.top, r.left)):
        if lines and _same_line(lines[-1][0], run):
            lines[-1].append(run)
        else:
            lines.append([run])
    return [_line(sorted(group, key=lambda r: r.left)) for group in lines]


def _line(runs: list[_Run]) -> _Line:
    """One line of ``runs`` (left to right): words apart by a space, the cells of a table row
    (runs a wide gap apart) by a tab, so the row stays a row ("Camp 1E<tab>5<tab>0"); a line
    that is no row has one cell."""
    height = max(max(r.top - r.bottom for r in runs), 1.0)
    parts = [runs[0].text]
    cells = 1
    for previous, run in zip(runs, runs[1:]):
        wide = run.left - previous.right > CELL_GAP * height
        cells += wide
        parts.append("\t" if wide else " ")
        parts.append(run.text)
    line = _Line(max(r.top for r in runs), min(r.bottom for r in runs), "".join(parts), cells)
    return line if _is_row(line) else _Line(line.top, line.bottom, " ".join(r.text for r in runs))


def _same_line(first: _Run, run: _Run) -> bool:
    height = max(first.top - first.bottom, run.top - run.bottom, 1.0)
    return abs((first.top + first.bottom) / 2 - (run.top + run.bottom) / 2) < height / 2


def _reading_blocks(runs: list[_Run], width: float) -> list[list[_Run]]:
    """The page's runs in reading order: one block, or what is above the columns, the left
    column, the right column, and what is below them."""
    gutter = _gutter(runs, width)
    if gutter is None:
        return [runs]
    left = [r for r in runs if r.right <= gutter]
    right = [r for r in runs if r.left >= gutter]
    crossing = [r for r in runs if r.left < gutter < r.right]
    columns_top = max(r.top for r in left + right)
    above = [r for r in crossing if r.bottom >= columns_top - 1]
    below = [r for r in crossing if r.bottom < columns_top - 1]
    return [block for block in (above, left, right, below) if block]


def _gutter(runs: list[_Run], width: float) -> float | None:
    """An x in the middle third of the page that few runs cross and that has text on both sides."""
    if len(runs) < 6:
        return None
    best: tuple[int, float] | None = None
    for step in range(0, 41):
        x = width * (1 / 3 + step / 120)
        crossing = sum(r.left < x < r.right for r in runs)
        left = sum(r.right <= x for r in runs)
        right = sum(r.left >= x for r in runs)
        if min(left, right) < COLUMN_MIN_SHARE * len(runs) or crossing > GUTTER_CROSSING_SHARE * len(runs):
            continue
        if (
            min(_median_width(runs, lambda r, x=x: r.right <= x), _median_width(runs, lambda r, x=x: r.left >= x))
            < COLUMN_MIN_WIDTH * width
        ):
            continue  # short runs on a side: a list of terms and their definitions, or a table
        if best is None or crossing < best[0]:
            best = (crossing, x)
    return best[1] if best else None


def _median_width(runs: list[_Run], chosen) -> float:
    widths = sorted(r.right - r.left for r in runs if chosen(r))
    return widths[len(widths) // 2] if widths else 0.0


def _shape(line: str) -> str:
    """A line with its numbers ignored, to find the same header on every page."""
    return re.sub(r"\d+", "#", " ".join(line.split()).casefold())


def running_lines(pages: list[list[str]]) -> set[str]:
    """Shapes of the lines at the top or bottom of most pages: running headers and footers."""
    if len(pages) < RUNNING_MIN_PAGES:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        counts.update({_shape(line) for line in lines[:EDGE_LINES] + lines[-EDGE_LINES:]})
    needed = min(max(2, RUNNING_SHARE * len(pages)), RUNNING_PAGES)
    return {shape for shape, n in counts.items() if n >= needed}


def _without_furniture(lines: list[_Line], running: set[str]) -> list[_Line]:
    edge = set(range(min(EDGE_LINES, len(lines)))) | set(range(max(0, len(lines) - EDGE_LINES), len(lines)))
    return [line for i, line in enumerate(lines) if not (i in edge and (_shape(line.text) in running or _PAGE_NUMBER.match(line.text)))]


def _is_row(line: _Line) -> bool:
    """A row of a table: three cells or more, or two ending in a number ("Camp 1E  5"); a term
    beside its definition is two cells of words, read as one line of text."""
    return line.cells >= 3 or (line.cells == 2 and line.text.rsplit("\t", 1)[-1].strip().replace(",", "").isdigit())


def _page_text(lines: list[_Line]) -> str:
    """Lines of a paragraph joined by a space, paragraphs by a blank line."""
    if not lines:
        return ""
    gaps = [previous.bottom - line.top for previous, line in zip(lines, lines[1:])]
    spacing = sorted(g for g in gaps if g >= 0)
    usual = spacing[(len(spacing) - 1) // 2] if spacing else 0.0  # the lower median: most gaps are within paragraphs
    parts = [lines[0].text]
    for previous, gap, line in zip(lines, gaps, lines[1:]):
        new_paragraph = gap < 0 or gap > max(PARAGRAPH_GAP * usual, usual + 4)
        # a row of a table is a line of its own: its cells are not words of a paragraph
        parts.append("\n\n" if new_paragraph else "\n" if max(previous.cells, line.cells) > 1 else " ")
        parts.append(line.text)
    return "".join(parts)
