"""Store: extractions in a relational database (SQLite by default, PostgreSQL or any SQLAlchemy
URL when asked). Saving is idempotent: the same article is stored once, and storing it again
replaces its facts in one transaction (so a re-run after an upgrade refreshes them)."""

from __future__ import annotations

import json
import os
from collections import ChainMap
from collections.abc import Iterable, Iterator, Mapping, MutableMapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, and_, create_engine, delete, event, func, insert, or_, select, update

from crisisdesk.model import (
    Article,
    Claim,
    Condition,
    Event,
    Extraction,
    Figure,
    Place,
    PlaceMention,
    Quantity,
    Repair,
    TimeExpression,
    main_country,
    references_of,
    spans_of,
)
from crisisdesk.store.schema import (
    FACT_TABLE,
    FACT_TABLES,
    REFERRED_TABLE,
    article_vectors,
    articles,
    metadata,
    nested_column,
    place_mentions,
    places,
    quantities,
    reference_column,
    repairs,
    stored_fields,
    times,
)

if TYPE_CHECKING:
    import numpy as np

#: A file in the working directory.
DEFAULT_DB_URL = "sqlite:///crisisdesk.sqlite"
DB_ENV = "CRISISDESK_DB"

__all__ = ["DEFAULT_DB_URL", "Store", "resolve_db_url"]


def resolve_db_url(cli_value: str | None = None) -> str:
    """The database to use: the ``--db`` value, else ``$CRISISDESK_DB``, else ./crisisdesk.sqlite.
    A plain file path means a SQLite file."""
    value = cli_value or os.environ.get(DB_ENV) or DEFAULT_DB_URL
    return value if "://" in value else f"sqlite:///{Path(value)}"


#: How long a SQLite writer waits for another one to finish (seconds) before giving up.
SQLITE_BUSY_TIMEOUT = 120
#: Execution option of the connections that write: on SQLite they take the write lock at BEGIN.
_WRITES = "crisisdesk_writes"
#: Key of the PostgreSQL advisory lock that serialises schema changes and article saves, so that
#: concurrent ingests neither create the schema twice nor insert one article twice.
_PG_LOCK = 0x63726973  # "cris"


def _engine(url: str) -> Engine:
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT} if url.startswith("sqlite") else {})
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record) -> None:  # deletes cascade only with this on
            dbapi_connection.execute("PRAGMA foreign_keys=ON")
            # Transactions are begun below, not by the driver (which begins them lazily, so a
            # reader turned writer can fail at once with "database is locked").
            dbapi_connection.isolation_level = None

        @event.listens_for(engine, "begin")
        def _sqlite_begin(connection: Connection) -> None:
            # A writer takes the write lock first (waiting for another writer), then reads.
            connection.exec_driver_sql("BEGIN IMMEDIATE" if connection.get_execution_options().get(_WRITES) else "BEGIN")

    return engine


def _locked(connection: Connection) -> Connection:
    """``connection``, holding the store's write lock until its transaction ends (PostgreSQL; on
    SQLite, BEGIN IMMEDIATE did it)."""
    if connection.dialect.name == "postgresql":
        from sqlalchemy import text

        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK})
    return connection


def _add_new_columns(connection: Connection) -> None:
    """Columns added to the schema since a database was made, added to it (all have defaults or
    may be empty), so a store made by an older crisisdesk keeps working; the values they replace
    are carried over (:func:`_carry_over`)."""
    from sqlalchemy import inspect, text

    existing = inspect(connection)
    added: dict[str, set[str]] = {}
    had: dict[str, set[str]] = {}
    for table in metadata.sorted_tables:
        have = had[table.name] = {c["name"] for c in existing.get_columns(table.name)}
        for column in table.columns:
            if column.name in have:
                continue
            quote = connection.dialect.identifier_preparer.quote
            ddl = f"ALTER TABLE {quote(table.name)} ADD COLUMN {quote(column.name)} {column.type.compile(connection.dialect)}"
            if column.server_default is not None:
                ddl += f" DEFAULT {column.server_default.arg.compile(dialect=connection.dialect)}"
                ddl += "" if column.nullable else " NOT NULL"
            connection.execute(text(ddl))
            added.setdefault(table.name, set()).add(column.name)
    if added:
        _carry_over(connection, added, had)


def _carry_over(connection: Connection, added: Mapping[str, set[str]], had: Mapping[str, set[str]]) -> None:
    """Fill the columns just added to an older database from what it holds: the position of each
    place mention and time expression (text order, as such a store read them back), the position
    a fact's place_mention_id / time_id row has, and each article's main country."""
    from sqlalchemy import text

    for listed in REFERRED_TABLE.values():
        if "position" in added.get(listed.name, ()):
            other = listed.alias()
            before = or_(other.c.start < listed.c.start, and_(other.c.start == listed.c.start, other.c.id < listed.c.id))
            rank = select(func.count()).where(other.c.article_id == listed.c.article_id, before).scalar_subquery()
            connection.execute(update(listed).values(position=rank))
    quote = connection.dialect.identifier_preparer.quote
    old_ids = {"place": ("place_mention_id", place_mentions), "time": ("time_id", times)}
    for fact_table in FACT_TABLE.values():
        for name, (old_column, listed) in old_ids.items():
            new_column = reference_column(name)
            if new_column in added.get(fact_table.name, ()) and old_column in had[fact_table.name]:
                fact, entries = quote(fact_table.name), quote(listed.name)
                connection.execute(
                    text(
                        f"UPDATE {fact} SET {quote(new_column)} = (SELECT {entries}.{quote('position')} FROM {entries} WHERE {entries}.id = {fact}.{quote(old_column)})"
                    )
                )
    if "country" in added.get(articles.name, ()):
        mentions = connection.execute(
            select(place_mentions.c.article_id, places.c.country)
            .select_from(place_mentions.join(places, place_mentions.c.place_id == places.c.id))
            .order_by(place_mentions.c.article_id, place_mentions.c.position)
        ).all()
        by_article: dict[str, list[str | None]] = {}
        for row in mentions:
            by_article.setdefault(row.article_id, []).append(row.country)
        for article_id, countries in by_article.items():
            connection.execute(update(articles).where(articles.c.id == article_id).values(country=main_country(countries)))


class Store:
    """A crisisdesk database; tables are created when missing."""

    def __init__(self, url: str = DEFAULT_DB_URL) -> None:
        from sqlalchemy.engine import make_url

        self.url = url
        #: The URL as it may be shown: without its password.
        self.display_url = make_url(url).render_as_string(hide_password=True)
        self.engine = _engine(url)
        # Place row ids by place key, as committed: a place row is never deleted or changed, so
        # an id once stored saves the look-up for every later mention of the place.
        self._place_ids: dict[tuple, int] = {}
        self._writer = self.engine.execution_options(**{_WRITES: True})
        with self._writer.begin() as connection:  # two ingests on a new database: one creates it
            metadata.create_all(_locked(connection))
            _add_new_columns(connection)

    # --- writing -----------------------------------------------------------------------------

    def save(self, extraction: Extraction) -> bool:
        """Store one article and its facts; True if the article was new."""
        new_places: dict[tuple, int] = {}
        with self._writer.begin() as connection:
            new = self._save_in(_locked(connection), extraction, new_places)
        self._place_ids.update(new_places)  # committed now
        return new

    def save_many(self, extractions: Sequence[Extraction]) -> list[bool | Exception]:
        """Store several articles in one transaction; for each, True if it was new, False if it
        was replaced, or the exception the database raised for it. One commit for all (on SQLite,
        a sync to disk each: a commit per article cost ingest a tenth of its time); each article
        in a savepoint of its own, so that one the database refuses is rolled back alone and the
        others are stored. A run killed mid-way leaves the batches committed before it, each
        whole; storing an article again replaces it, so a re-run completes the store."""
        results: list[bool | Exception] = []
        new_places: dict[tuple, int] = {}
        with self._writer.begin() as connection:
            _locked(connection)
            for extraction in extractions:
                mine: dict[tuple, int] = {}
                try:
                    with connection.begin_nested():
                        results.append(self._save_in(connection, extraction, ChainMap(mine, new_places)))
                except Exception as error:  # noqa: BLE001 - the caller reports it as that article's failure
                    results.append(error)
                    continue
                new_places.update(mine)  # kept with its savepoint
        self._place_ids.update(new_places)  # committed now
        return results

    def _save_in(self, connection: Connection, extraction: Extraction, new_places: MutableMapping[tuple, int]) -> bool:
        """Write one article and its facts in ``connection``'s transaction, which holds the write
        lock; place row ids inserted go to ``new_places``. True if the article was new."""
        article = extraction.article
        known = connection.execute(select(articles.c.id).where(articles.c.id == article.id)).first() is not None
        if known:  # the article is replaced: its text and metadata too, which its facts' offsets and dates are of
            for table in FACT_TABLES:
                connection.execute(delete(table).where(table.c.article_id == article.id))
            connection.execute(
                update(articles)
                .where(articles.c.id == article.id)
                .values(**_article_row(article), country=extraction.country, **_classified(extraction))
            )
        else:
            connection.execute(insert(articles).values(**_article_row(article), country=extraction.country, **_classified(extraction)))
        lists = {name: _StoredList(getattr(extraction, name), _referred(extraction, name)) for name in REFERRED_TABLE}
        rows = {
            table: [{"article_id": article.id} | record_row(fact, lists, article.text) for fact in getattr(extraction, _FACT_LISTS[cls])]
            for cls, table in FACT_TABLE.items()
        }
        rows[FACT_TABLE[Figure]] = [
            row | {"position": position} for position, row in enumerate(rows[FACT_TABLE[Figure]])
        ]  # part_of points at it
        rows[quantities] = [{"article_id": article.id} | record_row(q, lists, article.text) for q in extraction.quantities]
        rows[repairs] = [{"article_id": article.id, "position": i} | record_row(r, lists) for i, r in enumerate(article.repairs)]
        rows[times] = [
            {"article_id": article.id, "position": i} | record_row(t, lists, article.text) for i, t in enumerate(lists["times"].entries)
        ]
        # One insert per table (executemany), not one round trip per fact or mention.
        rows[place_mentions] = [
            _mention_row(article.id, mention, position, self._place_id(connection, mention.place, new_places) if mention.place else None)
            for position, mention in enumerate(lists["places"].entries)
        ]
        for table in (place_mentions, repairs, times, quantities, *FACT_TABLE.values()):
            if rows[table]:
                connection.execute(insert(table), rows[table])
        return not known

    def _place_id(self, connection: Connection, place: Place, new: MutableMapping[tuple, int]) -> int:
        """The row id of ``place``, inserted if missing (ids inserted by this transaction go to ``new``)."""
        cache_key = (place.name, place.kind, place.source, place.country)
        if (known := self._place_ids.get(cache_key, new.get(cache_key))) is not None:
            return known
        key = (places.c.name == place.name) & (places.c.kind == place.kind) & (places.c.source == place.source)
        key &= places.c.country.is_(None) if place.country is None else places.c.country == place.country
        found = connection.execute(select(places.c.id).where(key)).scalar()
        if found is None:
            row = {f: getattr(place, f) for f in ("name", "geonames_id", "country", "lat", "lon", "kind", "admin1", "population", "source")}
            found = connection.execute(insert(places).values(**row).returning(places.c.id)).scalar_one()
        new[cache_key] = found
        return found

    def save_article_vectors(self, model: str, vectors: Mapping[str, np.ndarray]) -> None:
        """Keep the embeddings of stored articles (replacing those of the same model)."""
        import numpy as np

        ids = list(vectors)
        with self._writer.begin() as connection:
            for at in range(0, len(ids), 500):  # bound the size of an IN list
                chunk = ids[at : at + 500]
                stored = set(connection.execute(select(articles.c.id).where(articles.c.id.in_(chunk))).scalars())
                connection.execute(
                    delete(article_vectors).where((article_vectors.c.model == model) & article_vectors.c.article_id.in_(chunk))
                )
                rows = [
                    {
                        "article_id": i,
                        "model": model,
                        "dimensions": len(vectors[i]),
                        "vector": np.asarray(vectors[i], dtype="<f4").tobytes(),
                    }
                    for i in chunk
                    if i in stored
                ]
                if rows:
                    connection.execute(insert(article_vectors), rows)

    # --- checking ----------------------------------------------------------------------------

    def integrity_problems(self) -> list[str]:
        """What is wrong with the stored data, empty when nothing: the database file's own check
        (SQLite), facts of no stored article, evidence offsets outside their article's text."""
        problems: list[str] = []
        with self.engine.connect() as connection:
            if connection.dialect.name == "sqlite":
                problems += [f"sqlite: {row[0]}" for row in connection.exec_driver_sql("PRAGMA integrity_check") if row[0] != "ok"]
                problems += [
                    f"sqlite: {row[0]} row {row[1]} refers to a missing {row[2]}"
                    for row in connection.exec_driver_sql("PRAGMA foreign_key_check")
                ]
            for table in (*FACT_TABLE.values(), quantities, times, place_mentions, repairs):
                orphans = select(func.count()).select_from(table).where(~table.c.article_id.in_(select(articles.c.id))).scalar_subquery()
                outside = (
                    select(func.count())
                    .select_from(table.join(articles, table.c.article_id == articles.c.id))
                    .where(or_(table.c.start < 0, table.c.end < table.c.start, table.c.end > func.length(articles.c.text)))
                    .scalar_subquery()
                )
                orphan_count, outside_count = connection.execute(select(orphans, outside)).one()
                if orphan_count:
                    problems.append(f"{table.name}: {orphan_count} row(s) of no stored article")
                if outside_count:
                    problems.append(f"{table.name}: {outside_count} row(s) with offsets outside their article's text")
        return problems

    # --- reading -----------------------------------------------------------------------------

    def article_count(self) -> int:
        with self.engine.connect() as connection:
            return len(connection.execute(select(articles.c.id)).all())

    def article_vectors(self, model: str) -> dict[str, np.ndarray]:
        """{article id: its embedding} of the given model, for the articles that have one."""
        import numpy as np

        with self.engine.connect() as connection:
            rows = connection.execute(
                select(article_vectors.c.article_id, article_vectors.c.vector).where(article_vectors.c.model == model)
            ).all()
        return {row.article_id: np.frombuffer(row.vector, dtype="<f4").astype(np.float32) for row in rows}

    def extractions(self) -> Iterator[Extraction]:
        """Every stored article with its facts, as the nlp stage produced them."""
        with self.engine.connect() as connection:
            for row in connection.execute(select(articles).order_by(articles.c.published.is_(None), articles.c.published, articles.c.id)):
                yield self._extraction(connection, row)

    def _extraction(self, connection: Connection, row) -> Extraction:
        repair_rows = connection.execute(select(repairs).where(repairs.c.article_id == row.id).order_by(repairs.c.position)).all()
        article = _article_from(row, tuple(record_from(Repair, r, {}) for r in repair_rows))
        mention_rows = connection.execute(
            select(
                place_mentions,
                places.c.name.label("place_name"),
                *[places.c[c] for c in ("geonames_id", "country", "lat", "lon", "kind", "admin1", "population", "source")],
            )
            .select_from(place_mentions.outerjoin(places, place_mentions.c.place_id == places.c.id))
            .where(place_mentions.c.article_id == article.id)
            .order_by(place_mentions.c.position)
        ).all()
        lists: dict[str, list] = {"places": [_mention_from(r) for r in mention_rows]}
        time_rows = connection.execute(select(times).where(times.c.article_id == article.id).order_by(times.c.position)).all()
        lists["times"] = [record_from(TimeExpression, r, lists, text=article.text) for r in time_rows]

        def loaded(cls: type, table, *order) -> list:
            found = connection.execute(select(table).where(table.c.article_id == article.id).order_by(*order)).all()
            return [record_from(cls, r, lists, text=article.text) for r in found]

        events, conditions, claims = (FACT_TABLE[cls] for cls in (Event, Condition, Claim))
        return Extraction(
            article=article,
            places=lists["places"],
            quantities=loaded(Quantity, quantities, quantities.c.start),
            figures=loaded(Figure, FACT_TABLE[Figure], FACT_TABLE[Figure].c.position),
            times=lists["times"],
            events=loaded(Event, events, events.c.start, events.c.id),
            conditions=loaded(Condition, conditions, conditions.c.start, conditions.c.id),
            claims=loaded(Claim, claims, claims.c.start, claims.c.end, claims.c.id),
            sectors=json.loads(row.sectors) if row.sectors else {},
            pillars=json.loads(row.pillars) if row.pillars else {},
            country=row.country,
        )


def _classified(extraction: Extraction) -> dict[str, str | None]:
    """The article's DEEP sectors and pillars with their probabilities, as JSON (None when the
    classifiers gave none): the values of the articles table's ``sectors`` and ``pillars``."""
    return {
        name: json.dumps(found, sort_keys=True) if found else None
        for name, found in (("sectors", extraction.sectors), ("pillars", extraction.pillars))
    }


def _referred(extraction: Extraction, name: str) -> Iterator:
    """The entries the facts of ``extraction`` refer to in its list ``name``."""
    for cls, facts in _FACT_LISTS.items():
        for field, target in references_of(cls).items():
            if target == name:
                yield from (getattr(fact, field) for fact in getattr(extraction, facts))


#: The Extraction list of each fact type.
_FACT_LISTS = {Figure: "figures", Event: "events", Condition: "conditions", Claim: "claims"}


class _StoredList:
    """An article's place mentions or time expressions as stored: in text order (stable; the
    order a store has always read them back in), with any entry a fact refers to that the list
    lacks added, so that a fact refers to a position."""

    def __init__(self, given: Sequence, referred: Iterable = ()) -> None:
        given = list(given)
        extra: list = []
        self._stored_as: dict[int, object] = {}  # id of a referred entry → the entry stored for it
        for entry in referred:
            if entry is None or id(entry) in self._stored_as:
                continue
            # The same object, else an equal one, else one at the same offsets (as the store
            # matched them before positions), else the entry is added.
            kept = given + extra
            found = next((e for e in kept if e is entry), None) or next((e for e in kept if e == entry), None)
            found = found or next((e for e in reversed(given) if (e.start, e.end) == (entry.start, entry.end)), None)
            if found is None:
                extra.append(found := entry)
            self._stored_as[id(entry)] = found
        self.entries = sorted(given + extra, key=lambda e: e.start)
        self._positions = {id(e): i for i, e in enumerate(self.entries)}

    def position(self, entry) -> int:
        return self._positions[id(self._stored_as.get(id(entry), entry))]


def _verbatim(record, text: str | None) -> set[str]:
    """The evidence sentences of ``record`` that are exactly the article's ``text`` between their
    offsets: stored empty and read back from the text, so that a sentence is kept once (in the
    article) however many facts it holds (a 31 KB sentence with 1,000 figures is not 31 MB).
    Short spans (a fact's own words) stay, for those who query the tables."""
    if text is None:
        return set()
    return {
        s.text
        for s in spans_of(type(record))
        if s.trim and (value := getattr(record, s.text)) and value == text[getattr(record, s.start) : getattr(record, s.end)]
    }


def record_row(record, lists: Mapping[str, _StoredList], text: str | None = None) -> dict:
    """The columns of ``record`` (see :func:`crisisdesk.store.schema.stored_fields`); span fields
    equal to the article ``text`` at their offsets are stored empty (:func:`_verbatim`)."""
    row: dict = {}
    verbatim = _verbatim(record, text)
    for field in stored_fields(type(record)):
        value = getattr(record, field.name)
        if field.name in verbatim:
            row[field.name] = ""
        elif field.how == "reference":
            row[reference_column(field.name)] = None if value is None else lists[field.target].position(value)
        elif field.how == "nested":  # every column, empty ones too: rows inserted together need the same keys
            inner = record_row(value, lists, text) if value is not None else {f.name: None for f in stored_fields(field.target)}
            row |= {nested_column(field.name, k): v for k, v in inner.items()}
        elif field.how == "joined":
            row[field.name] = field.separator.join(value)
        elif field.how == "json":
            row[field.name] = None if value is None else json.dumps(value, sort_keys=True)
        else:
            row[field.name] = value
    return row


def record_from(cls: type, row, lists: Mapping[str, list], prefix: str = "", text: str | None = None):
    """The record of type ``cls`` a row holds; a fact's place and time are the entries of the
    article's ``lists`` at their positions (the same objects); an empty span field is the
    article ``text`` at its offsets."""
    values = row._mapping
    kwargs: dict = {}
    for field in stored_fields(cls):
        name = prefix + field.name
        if field.how == "reference":
            position = values[reference_column(name)]
            kwargs[field.name] = None if position is None else lists[field.target][position]
        elif field.how == "nested":
            inner = [nested_column(name, f.name) for f in stored_fields(field.target)]
            kwargs[field.name] = (
                None if all(values[c] is None for c in inner) else record_from(field.target, row, lists, nested_column(name, ""), text)
            )
        elif field.how == "joined":
            kwargs[field.name] = tuple(w for w in values[name].split(field.separator) if w)
        elif field.how == "json":
            kwargs[field.name] = None if values[name] is None else json.loads(values[name])
        else:
            kwargs[field.name] = values[name]
    if text is not None:
        for span in spans_of(cls):
            if span.trim and kwargs.get(span.text) == "":
                kwargs[span.text] = text[kwargs[span.start] : kwargs[span.end]]
    return cls(**kwargs)


def _mention_row(article_id: str, mention: PlaceMention, position: int, place_id: int | None) -> dict:
    return {
        "article_id": article_id,
        "place_id": place_id,
        "text": mention.text,
        "start": mention.start,
        "end": mention.end,
        "confidence": mention.confidence,
        "adjectival": mention.adjectival,
        "embedded": mention.embedded,
        "position": position,
    }


def _article_row(article: Article) -> dict:
    fields = ("id", "text", "published", "title", "url", "source", "language", "origin", "published_from")
    return {f: getattr(article, f) for f in fields} | {"ingested_at": datetime.now(UTC)}


def _article_from(row, repairs: tuple[Repair, ...]) -> Article:
    return Article(
        id=row.id,
        text=row.text,
        published=row.published,
        title=row.title,
        url=row.url,
        source=row.source,
        language=row.language,
        origin=row.origin or "",
        repairs=repairs,
        published_from=row.published_from,
    )


def _mention_from(row) -> PlaceMention:
    place = None
    if row.place_id is not None:
        place = Place(row.place_name, row.geonames_id, row.country, row.lat, row.lon, row.kind, row.admin1, row.population, row.source)
    return PlaceMention(row.text, row.start, row.end, place, row.confidence, bool(row.adjectival), bool(row.embedded))
