"""Ingest: read news articles from files, folders or stdin into :class:`crisisdesk.model.Article`.

Formats: plain text (``.txt``, ``.md``: leading ``date 2023-11-08`` / ``title: ...`` /
``url: ...`` / ``source: ...`` lines are metadata, and the text may go on on the date's line),
JSONL (one article a line: id, text, published, title, url, source), CSV with a text column,
HTML pages (main text only), PDF reports (pages in reading order, running headers, footers
and page numbers dropped: :mod:`crisisdesk.ingest.pdf`), folders of these (recursive; hidden files and other extensions
skipped), and ``-`` for stdin (JSONL if every line is a JSON object, else one text article).

Each article gets a stable id from its content (unless the input names one), its publication date
when the source states it, else when its URL's path carries one ("/2018/03/05/", "/2018-03-05/":
marked ``published_from="url"``; unknown stays unknown, never today), its language, and repairs for
mojibake; its text is kept verbatim. A bad input becomes an :class:`IngestError` naming the
file (and line) and the reason, and the rest go on.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import TextIO

from crisisdesk.ingest.readers import SUFFIXES, RawArticle, read_file, read_stdin_limited
from crisisdesk.ingest.text import article_id, date_in_url, detect_language, find_repairs
from crisisdesk.model import Article, IngestError

#: Publication dates outside these are a mistake in the input, not a news report.
EARLIEST_DATE = date(1800, 1, 1)
LATEST_DATE = date(2200, 12, 31)
#: The longest id the store keeps (its key column).
MAX_ID_LENGTH = 64
#: Larger files are refused unread (a news article is a few kilobytes).
MAX_BYTES = 20_000_000

__all__ = ["read_sources", "count_inputs", "make_article", "MAX_BYTES"]


def read_sources(paths: Sequence[str], *, max_bytes: int = MAX_BYTES, stdin: TextIO | None = None) -> Iterator[Article | IngestError]:
    """Every article in ``paths`` (files, folders, ``-``), and an IngestError per bad input."""
    for raw in _raw_items(paths, max_bytes=max_bytes, stdin=stdin):
        yield raw if isinstance(raw, IngestError) else make_article(raw)


def make_article(raw: RawArticle) -> Article | IngestError:
    """An Article from what a reader found, or why it is not one (empty text)."""
    if not raw.text.strip():
        return IngestError(raw.origin, "empty text")
    if problem := _unstorable(raw):
        return IngestError(raw.origin, problem)
    if raw.published is not None and not EARLIEST_DATE <= raw.published <= LATEST_DATE:
        # Dates are computed from it ("last week"): year 1 or 9999 would overflow them.
        return IngestError(
            raw.origin, f"publication date {raw.published.isoformat()} out of range ({EARLIEST_DATE.year}–{LATEST_DATE.year})"
        )
    published, published_from = raw.published, None
    if published is None and raw.url and (published := date_in_url(raw.url)) is not None:
        published_from = "url"  # the site's own path dates it; still no date is better than today
    return Article(
        id=raw.id or article_id(raw.text),
        text=raw.text,
        published=published,
        title=raw.title,
        url=raw.url,
        source=raw.source,
        language=detect_language(raw.text),
        origin=raw.origin,
        repairs=find_repairs(raw.text),
        published_from=published_from,
    )


def _unstorable(raw: RawArticle) -> str | None:
    """Why an article cannot be stored as it is: a NUL character (no database keeps one in text),
    an id longer than the store's key (an error, not a silent cut)."""
    for name in ("text", "title", "url", "source", "id"):
        if "\x00" in (getattr(raw, name) or ""):
            return f"a NUL character (\\u0000) in its {name}"
    if raw.id is not None and len(raw.id) > MAX_ID_LENGTH:
        return f"id longer than {MAX_ID_LENGTH} characters ({len(raw.id):,})"
    return None


def _raw_items(paths: Sequence[str], *, max_bytes: int, stdin: TextIO | None) -> Iterator[RawArticle | IngestError]:
    for name in paths:
        if name == "-":
            yield from read_stdin_limited(stdin or sys.stdin, max_bytes)
            continue
        path = Path(name)
        if path.is_dir():
            for file in _article_files(path):
                yield from read_file(file, max_bytes=max_bytes)
        elif path.exists() and path.suffix.lower() not in SUFFIXES:
            yield IngestError(name, f"unknown format {path.suffix or '(no extension)'} (known: {', '.join(sorted(SUFFIXES))})")
        else:
            yield from read_file(path, max_bytes=max_bytes)


def _article_files(folder: Path) -> list[Path]:
    """Readable files below ``folder``, sorted; hidden ones and unknown extensions skipped."""
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and p.suffix.lower() in SUFFIXES and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def count_inputs(paths: Sequence[str]) -> int | None:
    """How many articles ``paths`` hold, when cheap to tell (one per text/HTML file), for a progress bar."""
    count = 0
    for name in paths:
        path = Path(name)
        files = _article_files(path) if path.is_dir() else [path]
        for file in files:
            if name == "-" or file.suffix.lower() in {".jsonl", ".ndjson", ".csv"}:
                return None
            count += 1
    return count
