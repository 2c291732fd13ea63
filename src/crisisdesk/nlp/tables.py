"""Tables of situation reports as text: the figures of rows of places under a header that names
what each column counts.

Reports give counts by place in tables: COVID-19 cases and deaths by camp, displaced households
and individuals by district, people in IPC phases by province. PDF text layers give a table as
lines of cells (:mod:`crisisdesk.ingest.pdf` keeps its rows on lines of their own, cells apart
by tabs) or run its cells together into one line ("Camp Cases Deaths Camp 1E 5 0 Camp 2W 3 1
Total 8 1"); plain-text reports separate cells by pipes or spaces. All of these read the same
here: a header, then rows.

- The header is a word naming the kind of place of the rows (``table_place_columns``: "Camp",
  "District", "LGA") followed by the columns, each a header of ``table_count_columns`` (its term,
  and its unit when not people: "Cases" is ``cases``, "Deaths" ``killed``, "HHs" households) or
  of ``table_other_columns`` (rates, recoveries, tests: their cells are read and skipped). A
  column that names only a unit ("Households", "Individuals") takes the term the words before
  the header say ("IDPs by district:"), else it has none and its cells are no figures.
- A row is a name (capitalised words, a camp's number among them: "Camp 15", "Kutupalong RC")
  and one number (or a dash for none) per column. The rows run on while each has its numbers;
  a table has at least two. A row named "Total" is the total of the rows above it.

Each cell under a column with a term is a figure of that term at the row's place: a place the
place layer found in the name, else the name itself (an unresolved place: the header said the
rows are places).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from crisisdesk import lexicon

#: A table has at least this many rows.
MIN_ROWS = 2
#: Longest header of a column, in words ("people in need").
MAX_HEADER_WORDS = 3
#: How far before the header the words that give a unit column its term may be, in characters.
TITLE_CHARS = 160

_WORD = re.compile(r"[^\s|]+")
_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+|\d+")
#: A rate or a share in a cell: read as a cell, no count.
_RATE = re.compile(r"\d+(?:\.\d+)?%|\d+\.\d+")
_NONE = frozenset({"-", "–", "—", "n/a", "na", "nil"})
_TOTAL = frozenset({"total", "totals", "grand total", "overall"})
_TRIM = ".,;:()[]*"


@dataclass(frozen=True)
class Column:
    header: str
    term: str | None  # None: a column of numbers that are no figure (a rate, recoveries)
    unit: str


@dataclass(frozen=True)
class Cell:
    """One figure of a table: the number's characters, its value, its column and its row."""

    start: int
    end: int
    value: int
    term: str
    unit: str
    row_start: int  # the row's name
    row_end: int
    total: bool  # the row is the table's total
    table: int  # which table of the text (its order)


@dataclass(frozen=True)
class _Word:
    text: str
    start: int
    end: int

    @property
    def key(self) -> str:
        return self.text.strip(_TRIM).casefold()


@lru_cache(maxsize=1)
def _count_columns() -> dict[str, tuple[str | None, str]]:
    found: dict[str, tuple[str | None, str]] = {}
    for header, value in lexicon.table("table_count_columns").items():
        term, _, unit = str(value).partition("/")
        found[header] = (term or None, unit or "people")
    return found


def table_cells(text: str, term_words: dict[str, str]) -> list[Cell]:
    """Every figure of every table in ``text``. ``term_words``: lemma → term, to read what a
    column that names only a unit counts from the words before the table."""
    places = lexicon.words("table_place_columns")
    folded = text.casefold()
    if not any(place in folded for place in places):
        return []  # the cheap test: no header of a column of places
    words = [_Word(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]
    cells: list[Cell] = []
    tables = 0
    i = 0
    while i < len(words):
        header = _header(words, i, places)
        if header is None:
            i += 1
            continue
        columns, after = header
        columns = _with_title_terms(columns, text, words[i].start, term_words)
        rows = list(_rows(words, after, len(columns)))
        if len(rows) >= MIN_ROWS and any(c.term for c in columns):
            for name_start, name_end, values, total in rows:
                for column, (start, end, value) in zip(columns, values):
                    if column.term is not None and value:  # a zero counts no one ("0 deaths")
                        cells.append(Cell(start, end, value, column.term, column.unit, name_start, name_end, total, tables))
            tables += 1
            i = rows[-1][2][-1][1] if rows[-1][2] else after
            i = next((k for k, w in enumerate(words) if w.start >= i), len(words))
        else:
            i += 1
    return cells


def _header(words: Sequence[_Word], i: int, places: frozenset[str]) -> tuple[list[Column], int] | None:
    """The columns of a header starting at word ``i`` (the column of place names there), and
    the index of the word after it."""
    first = words[i].key
    if first not in places or not words[i].text[:1].isupper():
        return None
    k = i + 1
    if k < len(words) and f"{first} {words[k].key}" in places:
        k += 1  # "Health zone"
    counts = _count_columns()
    others = lexicon.words("table_other_columns")
    columns: list[Column] = []
    while k < len(words):
        for size in range(MAX_HEADER_WORDS, 0, -1):
            header = " ".join(w.key for w in words[k : k + size])
            if len(words[k : k + size]) == size and (header in counts or header in others):
                break
        else:
            break
        if not words[k].text[:1].isupper() and words[k].text[:1] not in "#%":
            break  # a header is capitalised: "camp cases rose" is a sentence
        term, unit = counts.get(header, (None, "people"))
        columns.append(Column(header, term, unit))
        k += size
    return (columns, k) if columns else None


def _with_title_terms(columns: list[Column], text: str, header_start: int, term_words: dict[str, str]) -> list[Column]:
    """Unit columns ("Households", "Individuals") given the term the words before the header say."""
    if all(c.term is not None or c.header in lexicon.words("table_other_columns") for c in columns):
        return columns
    title = text[max(0, header_start - TITLE_CHARS) : header_start]
    title = title[max(title.rfind("\n\n"), title.rfind(". ") + 1, 0) :]
    counts = _count_columns()
    said = [counts[w][0] for w in (m.group().casefold() for m in _WORD.finditer(title)) if w in counts and counts[w][0]]
    said += [term_words[w] for w in (m.group().casefold().strip(_TRIM) for m in _WORD.finditer(title)) if w in term_words]
    if not said:
        return columns
    return [Column(c.header, said[-1], c.unit) if c.term is None and c.header in counts else c for c in columns]


def _rows(words: Sequence[_Word], i: int, width: int) -> Iterator[tuple[int, int, list[tuple[int, int, int | None]], bool]]:
    """(name start, name end, the cells (start, end, value or None), whether it is a total) of
    each row from word ``i`` on, while rows have ``width`` numbers."""
    while i < len(words) and words[i].text[:1].isupper() and not _is_cell(words[i]):
        k = i + 1
        while k < len(words) and not _is_cell(words[k]) and k - i < 6:
            k += 1
        run = k
        while run < len(words) and _is_cell(words[run]):
            run += 1
        numbers = run - k
        if numbers < width or numbers > width + 1:
            return  # not a row of this table: the table ended
        if numbers == width + 1:
            k += 1  # a number in the name: "Camp 15 12 2"
        if run < len(words) and not (words[run].text[:1].isupper() or words[run].text[:1] in "(["):
            return  # the numbers go on into a sentence: no row
        name = words[i:k]
        cells = [(w.start, w.end, _value(w)) for w in words[k:run]]
        total = " ".join(w.key for w in name) in _TOTAL
        yield name[0].start, name[-1].end, cells, total
        i = run


def _is_cell(word: _Word) -> bool:
    text = word.text.strip("*")
    return _NUMBER.fullmatch(text) is not None or _RATE.fullmatch(text) is not None or text.casefold() in _NONE


def _value(word: _Word) -> int | None:
    text = word.text.strip("*")
    return int(text.replace(",", "")) if _NUMBER.fullmatch(text) else None
