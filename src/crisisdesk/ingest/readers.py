"""One reader per input format. Each yields RawArticle records or IngestError, never raises for
bad input: one broken file or line never stops the batch."""

from __future__ import annotations

import csv
import io
import json
import logging
import re
import stat
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from crisisdesk.ingest.text import UndecodableError, decode, parse_date, split_metadata
from crisisdesk.model import IngestError

#: Column names that hold an article's text in a CSV file, by preference.
CSV_TEXT_COLUMNS = ("text", "body", "content", "excerpt", "article")
CSV_ID_COLUMNS = ("id", "excerpt_id", "article_id", "doc_id")
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RawArticle:
    """An article as read, before ids, repairs and language are worked out."""

    text: str
    origin: str
    published: date | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    id: str | None = None


Item = RawArticle | IngestError


def read_text_article(text: str, origin: str, source: str | None) -> Iterator[Item]:
    """A plain-text article: leading ``date``/``title:``/``url:``/``source:`` lines are metadata."""
    meta, body_start = split_metadata(text)
    yield RawArticle(text[body_start:], origin, meta.published, meta.title, meta.url, meta.source or source)


def read_jsonl(text: str, origin: str, source: str | None) -> Iterator[Item]:
    """One article a line: {"id", "text", "published"?, "title"?, "url"?, "source"?}."""
    for where, record in json_lines(text, origin):
        if isinstance(record, IngestError):
            yield record
        else:
            yield _from_record(record, where, source, text_keys=("text",), id_keys=("id",))


def json_lines(text: str, origin: str) -> Iterator[tuple[str, dict | IngestError]]:
    """Each non-blank line's place ("path:line") and its JSON object, or why it is not one."""
    for number, line in enumerate(jsonl_lines(text), start=1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield where, IngestError(where, f"malformed JSON line ({error.msg} at column {error.colno})")
            continue
        except RecursionError:
            yield where, IngestError(where, "malformed JSON line (nested too deeply)")
            continue
        yield where, record if isinstance(record, dict) else IngestError(where, "a JSONL line must be a JSON object")


def jsonl_lines(text: str) -> list[str]:
    """The lines of a JSONL text: split at \\n, \\r\\n or \\r only. ``str.splitlines`` also splits at
    U+0085, U+2028 and U+2029, which JSON allows unescaped inside a string (``ensure_ascii=False``
    writers leave them so): one record would become pieces, each a malformed line."""
    return _NEWLINE.split(text)


_NEWLINE = re.compile(r"\r\n|\r|\n")


def read_csv(text: str, origin: str, source: str | None) -> Iterator[Item]:
    """A CSV file with a text column (text, body, content, excerpt or article); one article a row."""
    # A field may be as long as an article (the default limit, 131,072 characters, is not).
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    reader = csv.DictReader(io.StringIO(text, newline=""))
    columns = {name.strip().lower(): name for name in reader.fieldnames or []}
    text_column = next((columns[c] for c in CSV_TEXT_COLUMNS if c in columns), None)
    if text_column is None:
        yield IngestError(origin, f"CSV has no text column (looked for {', '.join(CSV_TEXT_COLUMNS)})")
        return
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:  # this row is an error; the reader goes on with the next line
            yield IngestError(f"{origin}:{reader.line_num}", f"malformed CSV ({error})")
            continue
        where = f"{origin}:{reader.line_num}"
        record = {key.strip().lower(): value for key, value in row.items() if isinstance(key, str) and isinstance(value, str)}
        yield _from_record(record, where, source, text_keys=(text_column.strip().lower(),), id_keys=CSV_ID_COLUMNS)


def read_html(text: str, origin: str, source: str | None) -> Iterator[Item]:
    """An HTML page: its main text only (menus, footers dropped), title and date when it states them."""
    import trafilatura  # deferred: heavy

    # Only a date the page states in its metadata or markup: an extensive search takes the year
    # of a copyright footer ("Copyright 2019") for the publication date.
    document = trafilatura.bare_extraction(
        text,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    extracted = document.as_dict() if document is not None else {}
    body = extracted.get("text") or ""
    if not body.strip():
        yield IngestError(origin, "no main text found in the HTML page")
        return
    if not _has_prose(body):
        yield IngestError(origin, "no article in the HTML page (only links or short lines, no sentence)")
        return
    yield RawArticle(
        body,
        origin,
        published=parse_date(extracted.get("date")),
        title=extracted.get("title"),
        url=extracted.get("url"),
        source=extracted.get("sitename") or source,
    )


#: A line of prose: this many words and sentence punctuation. A page of navigation links has none.
_PROSE_WORDS = 8


def _has_prose(body: str) -> bool:
    return any(len(line.split()) >= _PROSE_WORDS and any(c in line for c in ".!?;:") for line in body.splitlines())


def _from_record(record: dict, where: str, source: str | None, *, text_keys: tuple[str, ...], id_keys: tuple[str, ...]) -> Item:
    text = next((record[k] for k in text_keys if isinstance(record.get(k), str)), None)
    if text is None:
        return IngestError(where, "no text field")
    published = record.get("published", record.get("date"))
    return RawArticle(
        text,
        where,
        published=parse_date(published),
        title=_str_or_none(record.get("title")),
        url=_str_or_none(record.get("url")),
        source=_str_or_none(record.get("source")) or source,
        id=next((str(record[k]) for k in id_keys if record.get(k) not in (None, "")), None),
    )


def _str_or_none(value: object) -> str | None:
    return str(value).strip() or None if value is not None else None


READERS = {
    ".txt": read_text_article,
    ".md": read_text_article,
    ".text": read_text_article,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".csv": read_csv,
    ".html": read_html,
    ".htm": read_html,
}
#: Formats read from their bytes, not decoded as text first.
BINARY_FORMATS = (".pdf",)
#: Every file extension ingest reads.
SUFFIXES = frozenset(READERS) | frozenset(BINARY_FORMATS)


def read_file(path: Path, *, max_bytes: int) -> Iterator[Item]:
    """The articles in one file, or the reason it cannot be read. Only regular files are read
    (a device such as /dev/zero or a FIFO would be read forever or block), and never more than
    ``max_bytes``, even if the file grows while it is read."""
    origin = str(path)
    warnings: list[str] = []
    try:
        status = path.stat()  # follows a symlink: what would be read
        if not stat.S_ISREG(status.st_mode):
            yield IngestError(origin, f"not a regular file ({_file_kind(status.st_mode)}): refused")
            return
        if status.st_size > max_bytes:
            yield IngestError(origin, f"file too large ({status.st_size:,} bytes > limit of {max_bytes:,})")
            return
        with path.open("rb") as file:
            data = file.read(max_bytes + 1)
        if len(data) > max_bytes:
            yield IngestError(origin, f"file too large (over the limit of {max_bytes:,} bytes)")
            return
        if path.suffix.lower() in BINARY_FORMATS:
            yield read_pdf(data, origin, path.name)
            return
        text = decode(data, warnings)
    except OSError as error:
        yield IngestError(origin, f"unreadable: {error.strerror or error}")
        return
    except UndecodableError as error:
        yield IngestError(origin, str(error))
        return
    for warning in warnings:
        logger.warning("%s: %s", origin, warning)
    yield from READERS[path.suffix.lower()](text, origin, path.name)


def read_pdf(data: bytes, origin: str, source: str | None) -> Item:
    """A PDF report: its pages' text in reading order, without running headers, footers and page numbers."""
    from crisisdesk.ingest.pdf import pdf_text  # deferred: a native library

    text = pdf_text(data, origin)
    return text if isinstance(text, IngestError) else RawArticle(text, origin, source=source)


def _file_kind(mode: int) -> str:
    kinds = (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    )
    return next((name for test, name in kinds if test(mode)), "not a file")


def read_stdin_limited(stream: io.TextIOBase | None, max_bytes: int) -> Iterator[Item]:
    """Standard input, read up to ``max_bytes`` characters (more is an error, not read on)."""
    stream = stream if stream is not None else sys.stdin
    text = stream.read(max_bytes + 1)
    if len(text) > max_bytes:
        yield IngestError("-", f"standard input too large (over the limit of {max_bytes:,} characters)")
        return
    yield from read_stdin(text)


def read_stdin(text: str) -> Iterator[Item]:
    """Standard input: JSONL when its first non-empty line is a JSON object and every non-empty
    line starts with "{" (so a truncated line is an error for that line, not a text article),
    else one text article."""
    lines = [line.strip() for line in jsonl_lines(text) if line.strip()]
    if lines and _is_json_object(lines[0]) and all(line.startswith("{") for line in lines):
        yield from read_jsonl(text, "-", None)
    else:
        yield from read_text_article(text, "-", None)


def _is_json_object(line: str) -> bool:
    stripped = line.strip()
    if not (stripped.startswith("{") and stripped.endswith("}")):
        return False
    try:
        return isinstance(json.loads(stripped), dict)
    except (json.JSONDecodeError, RecursionError):
        return False


# --- toponym spans to resolve (crisisdesk geocode) ---------------------------------------------


@dataclass(frozen=True)
class SpanRequest:
    """A text and the character spans of its toponyms, to be resolved as given."""

    id: str
    text: str
    spans: tuple[tuple[int, int], ...]
    origin: str


def read_span_requests(text: str, origin: str) -> Iterator[SpanRequest | IngestError]:
    """One request a line: {"id", "text", "spans": [[start, end], ...]}; a bad line is an error."""
    for where, record in json_lines(text, origin):
        if isinstance(record, IngestError):
            yield record
        elif problem := _span_request_problem(record):
            yield IngestError(where, problem)
        else:
            spans = tuple((start, end) for start, end in record["spans"])
            yield SpanRequest(str(record.get("id", where.rsplit(":", 1)[-1])), record["text"], spans, where)


def _span_request_problem(record: dict) -> str | None:
    text, spans = record.get("text"), record.get("spans")
    if not isinstance(text, str):
        return 'missing "text" (a string)'
    if not isinstance(spans, list):
        return 'missing "spans" (a list of [start, end])'
    for span in spans:
        if not (isinstance(span, list) and len(span) == 2 and all(isinstance(v, int) and not isinstance(v, bool) for v in span)):
            return f"a span must be [start, end] integers, not {json.dumps(span)}"
        start, end = span
        if not 0 <= start < end <= len(text):
            return f"span {span} is outside the text ({len(text)} characters) or empty"
    return None
