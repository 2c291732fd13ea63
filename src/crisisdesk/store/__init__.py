"""Store: extractions in a relational database (SQLite by default, PostgreSQL or any SQLAlchemy
URL when asked). Saving is idempotent: the same article is stored once, and storing it again
replaces its facts in one transaction (so a re-run after an upgrade refreshes them)."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, create_engine, delete, event, insert, select

from crisisdesk.model import Article, Condition, Claim, Event, Extraction, Figure, Place, PlaceMention, Quantity, TimeExpression, TimeSpan
from crisisdesk.store.schema import FACT_TABLES, article_vectors, articles, conditions, claims, events, figures, metadata, place_mentions, places, quantities, times

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


def _engine(url: str) -> Engine:
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection, _record) -> None:  # deletes cascade only with this on
            dbapi_connection.execute("PRAGMA foreign_keys=ON")

    return engine


def _add_new_columns(engine: Engine) -> None:
    """Columns added to the schema since a database was made, added to it (all have defaults), so
    a store made by an older crisisdesk keeps working; re-ingesting fills them."""
    from sqlalchemy import inspect, text

    existing = inspect(engine)
    with engine.begin() as connection:
        for table in metadata.sorted_tables:
            have = {c["name"] for c in existing.get_columns(table.name)}
            for column in table.columns:
                if column.name in have:
                    continue
                ddl = f"ALTER TABLE {table.name} ADD COLUMN {column.name} {column.type.compile(engine.dialect)}"
                if column.server_default is not None:
                    ddl += f" DEFAULT {column.server_default.arg.compile(dialect=engine.dialect)}"
                    ddl += "" if column.nullable else " NOT NULL"
                connection.execute(text(ddl))


class Store:
    """A crisisdesk database; tables are created when missing."""

    def __init__(self, url: str = DEFAULT_DB_URL) -> None:
        self.url = url
        self.engine = _engine(url)
        metadata.create_all(self.engine)
        _add_new_columns(self.engine)

    # --- writing -----------------------------------------------------------------------------

    def save(self, extraction: Extraction) -> bool:
        """Store one article and its facts; True if the article was new."""
        article = extraction.article
        with self.engine.begin() as connection:
            known = connection.execute(select(articles.c.id).where(articles.c.id == article.id)).first() is not None
            if known:
                for table in FACT_TABLES:
                    connection.execute(delete(table).where(table.c.article_id == article.id))
            else:
                connection.execute(insert(articles).values(**_article_row(article)))
            mention_ids = {(m.start, m.end): self._save_mention(connection, article.id, m) for m in extraction.places}
            if extraction.quantities:
                connection.execute(insert(quantities), [_quantity_row(article.id, q) for q in extraction.quantities])
            for position, figure in enumerate(extraction.figures):
                mention_id = self._mention_id(connection, article.id, figure.place, mention_ids)
                connection.execute(insert(figures).values(**_figure_row(article.id, position, figure, mention_id)))
            time_ids = {(t.start, t.end): self._save_time(connection, article.id, t) for t in extraction.times}
            for event in extraction.events:
                mention_id = self._mention_id(connection, article.id, event.place, mention_ids)
                time_id = self._time_id(connection, article.id, event.time, time_ids)
                connection.execute(insert(events).values(**_event_row(article.id, event, mention_id, time_id)))
            for condition in extraction.conditions:
                mention_id = self._mention_id(connection, article.id, condition.place, mention_ids)
                time_id = self._time_id(connection, article.id, condition.time, time_ids)
                connection.execute(insert(conditions).values(**_condition_row(article.id, condition, mention_id, time_id)))
            for claim in extraction.claims:
                mention_id = self._mention_id(connection, article.id, claim.place, mention_ids)
                time_id = self._time_id(connection, article.id, claim.time, time_ids)
                connection.execute(insert(claims).values(**_claim_row(article.id, claim, mention_id, time_id)))
        return not known

    def _time_id(self, connection: Connection, article_id: str, time: TimeExpression | None, saved: dict[tuple[int, int], int]) -> int | None:
        """The row of a fact's time expression (the article's own, or saved now if it is not one)."""
        if time is None:
            return None
        key = (time.start, time.end)
        if key not in saved:
            saved[key] = self._save_time(connection, article_id, time)
        return saved[key]

    def _mention_id(self, connection: Connection, article_id: str, mention: PlaceMention | None, saved: dict[tuple[int, int], int]) -> int | None:
        """The row of a fact's place mention (the article's own, or saved now if it is not one)."""
        if mention is None:
            return None
        key = (mention.start, mention.end)
        if key not in saved:
            saved[key] = self._save_mention(connection, article_id, mention)
        return saved[key]

    def _save_time(self, connection: Connection, article_id: str, time: TimeExpression) -> int:
        row = {"article_id": article_id} | {f: getattr(time, f) for f in _TIME_FIELDS}
        return connection.execute(insert(times).values(**row).returning(times.c.id)).scalar_one()

    def _save_mention(self, connection: Connection, article_id: str, mention: PlaceMention) -> int:
        place_id = self._place_id(connection, mention.place) if mention.place else None
        row = {"article_id": article_id, "place_id": place_id, "text": mention.text, "start": mention.start, "end": mention.end, "confidence": mention.confidence, "adjectival": mention.adjectival, "embedded": mention.embedded}
        return connection.execute(insert(place_mentions).values(**row).returning(place_mentions.c.id)).scalar_one()

    def _place_id(self, connection: Connection, place: Place) -> int:
        key = (places.c.name == place.name) & (places.c.kind == place.kind) & (places.c.source == place.source)
        key &= places.c.country.is_(None) if place.country is None else places.c.country == place.country
        found = connection.execute(select(places.c.id).where(key)).scalar()
        if found is not None:
            return found
        row = {f: getattr(place, f) for f in ("name", "geonames_id", "country", "lat", "lon", "kind", "admin1", "population", "source")}
        return connection.execute(insert(places).values(**row).returning(places.c.id)).scalar_one()

    def save_article_vectors(self, model: str, vectors: Mapping[str, np.ndarray]) -> None:
        """Keep the embeddings of stored articles (replacing those of the same model)."""
        import numpy as np

        ids = list(vectors)
        with self.engine.begin() as connection:
            for at in range(0, len(ids), 500):  # bound the size of an IN list
                chunk = ids[at : at + 500]
                stored = set(connection.execute(select(articles.c.id).where(articles.c.id.in_(chunk))).scalars())
                connection.execute(delete(article_vectors).where((article_vectors.c.model == model) & article_vectors.c.article_id.in_(chunk)))
                rows = [
                    {"article_id": i, "model": model, "dimensions": len(vectors[i]), "vector": np.asarray(vectors[i], dtype="<f4").tobytes()}
                    for i in chunk
                    if i in stored
                ]
                if rows:
                    connection.execute(insert(article_vectors), rows)

    # --- reading -----------------------------------------------------------------------------

    def article_count(self) -> int:
        with self.engine.connect() as connection:
            return len(connection.execute(select(articles.c.id)).all())

    def article_vectors(self, model: str) -> dict[str, np.ndarray]:
        """{article id: its embedding} of the given model, for the articles that have one."""
        import numpy as np

        with self.engine.connect() as connection:
            rows = connection.execute(select(article_vectors.c.article_id, article_vectors.c.vector).where(article_vectors.c.model == model)).all()
        return {row.article_id: np.frombuffer(row.vector, dtype="<f4").astype(np.float32) for row in rows}

    def extractions(self) -> Iterator[Extraction]:
        """Every stored article with its facts, as the nlp stage produced them."""
        with self.engine.connect() as connection:
            for row in connection.execute(select(articles).order_by(articles.c.published.is_(None), articles.c.published, articles.c.id)):
                yield self._extraction(connection, _article_from(row))

    def _extraction(self, connection: Connection, article: Article) -> Extraction:
        mention_rows = connection.execute(
            select(place_mentions, places.c.name.label("place_name"), *[places.c[c] for c in ("geonames_id", "country", "lat", "lon", "kind", "admin1", "population", "source")])
            .select_from(place_mentions.outerjoin(places, place_mentions.c.place_id == places.c.id))
            .where(place_mentions.c.article_id == article.id)
            .order_by(place_mentions.c.start)
        ).all()
        mentions = {row.id: _mention_from(row) for row in mention_rows}
        figure_rows = connection.execute(select(figures).where(figures.c.article_id == article.id).order_by(figures.c.position)).all()
        quantity_rows = connection.execute(select(quantities).where(quantities.c.article_id == article.id).order_by(quantities.c.start)).all()
        time_rows = connection.execute(select(times).where(times.c.article_id == article.id).order_by(times.c.start, times.c.id)).all()
        stored_times = {row.id: TimeExpression(**{f: getattr(row, f) for f in _TIME_FIELDS}) for row in time_rows}
        event_rows = connection.execute(select(events).where(events.c.article_id == article.id).order_by(events.c.start, events.c.id)).all()
        condition_rows = connection.execute(select(conditions).where(conditions.c.article_id == article.id).order_by(conditions.c.start, conditions.c.id)).all()
        claim_rows = connection.execute(select(claims).where(claims.c.article_id == article.id).order_by(claims.c.start, claims.c.end, claims.c.id)).all()
        return Extraction(
            article=article,
            places=list(mentions.values()),
            quantities=[_quantity_from(row) for row in quantity_rows],
            figures=[_figure_from(row, mentions.get(row.place_mention_id)) for row in figure_rows],
            times=list(stored_times.values()),
            events=[_event_from(row, mentions.get(row.place_mention_id), stored_times.get(row.time_id)) for row in event_rows],
            conditions=[_condition_from(row, mentions.get(row.place_mention_id), stored_times.get(row.time_id)) for row in condition_rows],
            claims=[Claim(**{f: getattr(row, f) for f in _CLAIM_FIELDS}, place=mentions.get(row.place_mention_id), time=stored_times.get(row.time_id)) for row in claim_rows],
        )


def _article_row(article: Article) -> dict:
    fields = ("id", "text", "published", "title", "url", "source", "language", "origin")
    return {f: getattr(article, f) for f in fields} | {"ingested_at": datetime.now(timezone.utc)}


def _quantity_row(article_id: str, q: Quantity) -> dict:
    fields = ("text", "start", "end", "value", "value_max", "modifier", "unit_text", "unit_start", "unit_end", "kind", "magnitude")
    return {"article_id": article_id} | {f: getattr(q, f) for f in fields}


def _figure_row(article_id: str, position: int, f: Figure, mention_id: int | None) -> dict:
    fields = ("text", "start", "end", "quantity", "quantity_max", "qualifier", "unit", "term", "group", "sentence", "sentence_start", "sentence_end", "attribution", "tense", "part_of", "country")
    dates = {"date_start": f.date.start, "date_end": f.date.end, "date_precision": f.date.precision} if f.date else {}
    return {"article_id": article_id, "position": position, "place_mention_id": mention_id} | {k: getattr(f, k) for k in fields} | dates


_TIME_FIELDS = ("text", "start", "end", "type", "value", "start_date", "end_date", "anchor", "mod")
_EVENT_FIELDS = ("type", "text", "start", "end", "status", "sentence", "sentence_start", "sentence_end", "actor", "actor_country", "target", "dated_by", "duration", "attribution")


def _event_row(article_id: str, e: Event, mention_id: int | None, time_id: int | None) -> dict:
    when = {"when_start": e.when.start, "when_end": e.when.end, "when_precision": e.when.precision} if e.when else {}
    return {"article_id": article_id, "place_mention_id": mention_id, "time_id": time_id} | {f: getattr(e, f) for f in _EVENT_FIELDS} | when


def _event_from(row, place: PlaceMention | None, time: TimeExpression | None) -> Event:
    when = TimeSpan(row.when_start, row.when_end, row.when_precision) if row.when_precision else None
    return Event(**{f: getattr(row, f) for f in _EVENT_FIELDS}, place=place, time=time, when=when)


_CONDITION_FIELDS = ("kind", "text", "start", "end", "pillar", "sentence", "sentence_start", "sentence_end", "attribution")


def _condition_row(article_id: str, c: Condition, mention_id: int | None, time_id: int | None) -> dict:
    return {"article_id": article_id, "place_mention_id": mention_id, "time_id": time_id, "sectors": "|".join(c.sectors)} | {f: getattr(c, f) for f in _CONDITION_FIELDS}


def _condition_from(row, place: PlaceMention | None, time: TimeExpression | None) -> Condition:
    sectors = tuple(s for s in row.sectors.split("|") if s)
    return Condition(**{f: getattr(row, f) for f in _CONDITION_FIELDS}, sectors=sectors, place=place, time=time)


_CLAIM_FIELDS = (
    "stance", "text", "start", "end", "sentence", "sentence_start", "sentence_end", "speaker", "speaker_country",
    "content", "content_start", "content_end", "topic", "polarity", "target",
)  # fmt: skip


def _claim_row(article_id: str, c: Claim, mention_id: int | None, time_id: int | None) -> dict:
    return {"article_id": article_id, "place_mention_id": mention_id, "time_id": time_id} | {f: getattr(c, f) for f in _CLAIM_FIELDS}


def _article_from(row) -> Article:
    return Article(id=row.id, text=row.text, published=row.published, title=row.title, url=row.url, source=row.source, language=row.language, origin=row.origin or "")


def _mention_from(row) -> PlaceMention:
    place = None
    if row.place_id is not None:
        place = Place(row.place_name, row.geonames_id, row.country, row.lat, row.lon, row.kind, row.admin1, row.population, row.source)
    return PlaceMention(row.text, row.start, row.end, place, row.confidence, bool(row.adjectival), bool(row.embedded))


def _quantity_from(row) -> Quantity:
    return Quantity(row.text, row.start, row.end, row.value, row.value_max, row.modifier, row.unit_text, row.unit_start, row.unit_end, row.kind, row.magnitude)


def _figure_from(row, place: PlaceMention | None) -> Figure:
    date = TimeSpan(row.date_start, row.date_end, row.date_precision) if row.date_precision else None
    return Figure(
        row.text, row.start, row.end, row.quantity, row.quantity_max, row.qualifier, row.unit, row.term, row.group, place, date,
        row.sentence, row.attribution, row.sentence_start, row.sentence_end, row.tense, row.part_of, row.country,
    )
