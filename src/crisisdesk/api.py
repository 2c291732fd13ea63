"""crisisdesk as a Python library: the functions the command line calls.

    import crisisdesk

    extraction = crisisdesk.extract_text("Floods displaced 4,400 people in Aceh Jaya district on 8 November.", published="2016-11-10")
    print(extraction)                      # each figure with its place and date
    for item in crisisdesk.extract(["articles/"]):   # Extraction, or IngestError for a bad input
        ...
    crisisdesk.ingest(["articles/"], db="store.sqlite")
    crisisdesk.report(db="store.sqlite", out="report")

Every heavy dependency (spaCy, the gazetteer, SQLAlchemy, the sentence encoder) is imported inside
the function that needs it, so ``import crisisdesk`` stays instant. Failures keep their cause: a bad
input in a batch becomes an :class:`~crisisdesk.model.IngestError` naming it and the reason, with
its traceback on the ``crisisdesk`` logger at DEBUG; a single text that cannot be read raises
(:class:`ExtractionError` chained to the component's exception).
"""

from __future__ import annotations

import logging
import os
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

from crisisdesk.model import Article, Extraction, IngestError, PlaceMention
from crisisdesk.nlp.pipeline import ExtractionError  # light: spaCy is loaded by the first extraction

if TYPE_CHECKING:
    from crisisdesk.analysis.consistency import DateFlag
    from crisisdesk.analysis.stories import Story
    from crisisdesk.analysis.timeline import TimelineEntry
    from crisisdesk.store import Store

__all__ = ["ExtractionError", "IngestSummary", "extract", "extract_text", "ingest", "report", "stories", "timeline", "geocode", "setup"]

logger = logging.getLogger(__name__)

#: What :func:`extract` reads: a file, a folder, ``-`` for stdin, or an Article already made.
Source = Union[str, "os.PathLike[str]", Article]
#: A database: a URL, a SQLite file, a Store, or None for $CRISISDESK_DB else ./crisisdesk.sqlite.
Database = Union[str, "os.PathLike[str]", "Store", None]


def extract_text(text: str, published: date | str | None = None, *, thorough: bool = False, **metadata: Any) -> Extraction:
    """The facts of one article given as a string. ``published`` (a date or an ISO string) is what
    relative dates ("on 8 November", "last week") are read against; ``metadata`` are the other
    fields of an :class:`~crisisdesk.model.Article`: ``title``, ``url``, ``source``, ``id`` and
    ``origin`` (how errors name it; "<text>" by default). Raises ValueError for an empty text or a
    date that cannot be read, ExtractionError when the pipeline fails on the text."""
    from crisisdesk.ingest import make_article
    from crisisdesk.ingest.readers import RawArticle
    from crisisdesk.nlp import pipeline

    origin = metadata.pop("origin", "<text>")
    article = make_article(RawArticle(text, origin, published=_publication_date(published), **metadata))
    if isinstance(article, IngestError):
        raise ValueError(f"{article.origin}: {article.reason}")
    # An ExtractionError names the text and the reason; its __cause__ is the component's exception.
    [extraction] = pipeline.extract_chunk([article], thorough=thorough, raise_errors=True)
    return extraction


def _publication_date(value: date | str | None) -> date | None:
    from crisisdesk.ingest.text import parse_date

    if value is None or isinstance(value, date):
        return value.date() if isinstance(value, datetime) else value
    parsed = parse_date(value)
    if parsed is None:
        raise ValueError(f"cannot read {value!r} as a date (with day, month and year)")
    return parsed


def extract(
    sources: Source | Iterable[Source], *, thorough: bool = False, workers: int | None = None, engine: str = "local"
) -> Iterator[Extraction | IngestError]:
    """One Extraction per article of ``sources`` (files, folders, ``-``, or Article records), in
    input order, and an IngestError, in its place, for each input that cannot be read or parsed
    (the rest go on). ``thorough`` runs every model over every sentence;
    ``workers`` processes (None: decided by the batch size, see :func:`crisisdesk.nlp.pipeline.extract`);
    ``engine`` "ray" runs the pipeline on a Ray cluster instead (:mod:`crisisdesk.nlp.engines`)."""
    if engine == "ray":
        from crisisdesk.nlp.engines import extract_with_ray as run_pipeline
    elif engine == "local":
        from crisisdesk.nlp.pipeline import extract as run_pipeline
    else:
        raise ValueError(f"unknown engine {engine!r} (local or ray)")

    # What was read, in order: an IngestError, or None for an article sent to the pipeline (which
    # gives one result per article, in order): read errors come out where their input was.
    read: deque[IngestError | None] = deque()

    def articles() -> Iterator[Article]:
        for item in _articles(sources):
            read.append(item if isinstance(item, IngestError) else None)
            if not isinstance(item, IngestError):
                yield item

    for result in run_pipeline(articles(), thorough=thorough, workers=workers):
        while read[0] is not None:
            yield read.popleft()
        read.popleft()
        yield result
    yield from read  # only read errors are left


def _articles(sources: Source | Iterable[Source]) -> Iterator[Article | IngestError]:
    from crisisdesk.ingest import read_sources

    if isinstance(sources, (str, os.PathLike, Article)):
        sources = [sources]
    for source in sources:
        if isinstance(source, Article):
            yield source
        elif isinstance(source, (str, os.PathLike)):
            logger.info("reading %s", os.fspath(source))
            yield from read_sources([os.fspath(source)])
        else:
            raise TypeError(f"not a path or an Article: {source!r} (for a text, use crisisdesk.extract_text)")


@dataclass
class IngestSummary:
    """What :func:`ingest` did: articles stored, articles the store already had, inputs that failed."""

    database: str  # its URL without the password
    new: int = 0
    already_stored: int = 0
    failed: list[IngestError] = field(default_factory=list)
    #: {language: articles} stored in a language extraction has no rules for (nothing comes out).
    unsupported_languages: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """The summary as ``crisisdesk ingest --json`` prints it."""
        return {
            "database": self.database,
            "articles_new": self.new,
            "articles_already_stored": self.already_stored,
            "failed": [{"origin": e.origin, "reason": e.reason} for e in self.failed],
            "unsupported_languages": dict(self.unsupported_languages),
        }


#: Languages extraction has rules for; an article in another is stored, and counted as such.
SUPPORTED_LANGUAGES = frozenset({"en"})


def unsupported_language_note(language: str, count: int) -> str:
    return f"language {language}: no extraction rules yet ({count} article(s))"


def _store_failure(item: Extraction, error: Exception) -> IngestError:
    """A save the database refused, as the error of that input: one line, the rest go on."""
    logger.debug("%s: not stored", item.article.origin, exc_info=error)
    first_line = (str(error).strip().splitlines() or [""])[0][:300]
    return IngestError(item.article.origin, f"not stored: {type(error).__name__}: {first_line}")


def ingest(
    sources: Source | Iterable[Source] | Iterable[Extraction | IngestError],
    db: Database = None,
    *,
    thorough: bool = False,
    engine: str = "local",
) -> IngestSummary:
    """Extract the facts of ``sources`` (as :func:`extract` does) and store them in ``db``; an
    article the store has is not stored again. ``sources`` may also be what :func:`extract`
    returned (Extraction and IngestError records), stored as they are."""
    store = _store(db)
    summary = IngestSummary(store.display_url)
    pending: list[Extraction | IngestError] = []
    since = time.monotonic()
    for item in _extracted(sources, thorough=thorough, engine=engine):
        if not pending:
            since = time.monotonic()
        pending.append(item)
        # Stored a batch at a time (one transaction, one commit), yet soon when extraction is slow.
        if len(pending) >= STORE_BATCH or time.monotonic() - since >= STORE_BATCH_SECONDS:
            _store_batch(store, pending, summary)
            pending = []
    _store_batch(store, pending, summary)
    logger.info(
        "%d new article(s), %d already stored, %d input(s) failed → %s",
        summary.new,
        summary.already_stored,
        len(summary.failed),
        store.display_url,
    )
    return summary


#: Articles stored in one transaction by :func:`ingest` (see :meth:`crisisdesk.store.Store.save_many`),
#: and the longest a finished extraction waits for its batch to fill.
STORE_BATCH = 50
STORE_BATCH_SECONDS = 2.0


def _store_batch(store: Store, items: Sequence[Extraction | IngestError], summary: IngestSummary) -> None:
    """Store the extractions of ``items`` in one transaction and count them, in input order, with
    the inputs that failed before."""
    extractions = [item for item in items if isinstance(item, Extraction)]
    try:
        results = iter(store.save_many(extractions) if extractions else [])
    except Exception as error:  # noqa: BLE001 - the commit itself failed: none of the batch is stored
        results = iter([error] * len(extractions))
    for item in items:
        if isinstance(item, IngestError):
            summary.failed.append(item)
            continue
        new = next(results)
        if isinstance(new, Exception):  # one record the database refuses must not stop the batch
            summary.failed.append(_store_failure(item, new))
            continue
        language = item.article.language
        if language and language not in SUPPORTED_LANGUAGES:
            summary.unsupported_languages[language] = summary.unsupported_languages.get(language, 0) + 1
        if new:
            summary.new += 1
        else:
            summary.already_stored += 1
            logger.debug("%s: already stored (%s)", item.article.origin, item.article.id)


def _extracted(sources, *, thorough: bool, engine: str = "local") -> Iterator[Extraction | IngestError]:
    """``sources`` through :func:`extract`, unless they are its results already (judged by the first)."""
    if isinstance(sources, (str, os.PathLike, Article)):
        sources = [sources]
    items = iter(sources)
    first = next(items, None)
    if first is None:
        return
    if not isinstance(first, (Extraction, IngestError)):
        yield from extract(_chained(first, items), thorough=thorough, engine=engine)
        return
    yield first
    for item in items:
        if not isinstance(item, (Extraction, IngestError)):
            raise TypeError(f"expected the results of crisisdesk.extract, got {item!r}")
        yield item


def _chained(first, rest: Iterator) -> Iterator:
    yield first
    yield from rest


def report(
    db: Database = None, out: str | os.PathLike[str] = "report", story: str | None = None, every_fact: bool = False
) -> dict[str, Path]:
    """Write the situation report of the store (report.md, report.html, report.json in ``out``);
    their paths by kind. ``story``: only the story with this id or whose label contains it
    (LookupError, listing the stories, when there is none). ``every_fact``: headline figures and
    timeline hold the facts that are not about a crisis too (a road toll, a house fire), marked;
    by default those are only listed among all the figures."""
    from crisisdesk.analysis.picture import build_picture
    from crisisdesk.report.render import render_report

    picture = build_picture(_store(db), story=story, every_fact=every_fact)
    paths = render_report(picture, Path(out))
    logger.info("report written to %s", Path(out))
    return paths


def stories(db: Database = None) -> list[Story]:
    """The stored articles grouped into stories, the largest first (``crisisdesk stories``)."""
    from crisisdesk.analysis.stories import stories_of_store

    return stories_of_store(_store(db))


def timeline(db: Database = None) -> tuple[list[TimelineEntry], list[DateFlag]]:
    """The stored events on one timeline, and the articles whose dates do not add up
    (``crisisdesk timeline``)."""
    from crisisdesk.analysis.consistency import flags_of
    from crisisdesk.analysis.sources import source_of
    from crisisdesk.analysis.timeline import tellings_of, timeline_of

    extractions = list(_store(db).extractions())
    sources = [source_of(x.article) for x in extractions]
    tellings = tellings_of(extractions, sources=sources)  # the timeline and the flags both read them
    return timeline_of(tellings), flags_of(sources, tellings)


def geocode(items: Iterable[tuple[str, Sequence[tuple[int, int]]]]) -> Iterator[list[PlaceMention]]:
    """For each (text, character spans): the place each span denotes, one PlaceMention a span, in
    order (``crisisdesk geocode``); the text is only tokenized, not parsed."""
    from crisisdesk.nlp.pipeline import geocode as resolve_spans

    yield from resolve_spans(items)


def setup(force: bool = False) -> Path:
    """Build the gazetteer cache from the installed packages when missing or stale (always with
    ``force``); its path."""
    from crisisdesk.geo.build import build_gazetteer, default_cache_path
    from crisisdesk.geo.gazetteer import load_gazetteer

    if force:
        build_gazetteer()
    else:
        load_gazetteer()  # builds it when missing or stale
    return default_cache_path()


def _store(db: Database) -> Store:
    from crisisdesk.store import Store, resolve_db_url

    if isinstance(db, Store):
        return db
    return Store(resolve_db_url(os.fspath(db) if db is not None else None))
