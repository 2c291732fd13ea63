"""The database schema (SQLAlchemy Core): articles and the facts found in them.

Every fact row carries its article id and the character offsets of its evidence in the article's
verbatim text. The columns of quantities, times and facts are made from the fields of their records
(:func:`record_columns`): a field added to a record is a column with no other change. A fact's place
and time are the positions of the article's place mention and time expression. Portable SQL only:
SQLite by default, PostgreSQL by URL.
"""

from __future__ import annotations

import dataclasses
import functools
import typing
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)

from crisisdesk.model import Claim, Condition, Event, Figure, Quantity, Repair, TimeExpression

metadata = MetaData()


def _article_fk() -> Column:
    return Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True)


def _evidence() -> list[Column]:
    """Where a fact stands in its article's verbatim text."""
    return [Column("text", Text, nullable=False), Column("start", Integer, nullable=False), Column("end", Integer, nullable=False)]


@dataclass(frozen=True, slots=True)
class Stored:
    """How one field of a record is kept: ``how`` is "value" (a column of its name), "joined" (a
    tuple of words in one text column, joined by ``separator``), "json" (a mapping, as JSON text), "reference" (an entry of the
    article's list ``target``, kept as its position in a column ``<name>_index``) or "nested"
    (a record of type ``target`` flattened into columns ``<name>_<its field>``)."""

    name: str
    how: str
    target: Any = None  # the list referred to, or the nested record type
    separator: str = ""
    sql_type: Any = None
    nullable: bool = True


#: SQL types of the Python types of record fields.
_SQL_TYPES = {str: Text, int: Integer, float: Float, bool: Boolean, date: Date}


@functools.cache
def stored_fields(cls: type) -> tuple[Stored, ...]:
    """How each field of the record type ``cls`` is kept, read from its type and field metadata."""
    hints = typing.get_type_hints(cls)
    out = []
    for f in dataclasses.fields(cls):
        args = typing.get_args(hints[f.name])
        optional = type(None) in args
        python_type = next((a for a in args if a is not type(None)), None) if optional else hints[f.name]
        if "refers_to" in f.metadata:
            out.append(Stored(f.name, "reference", f.metadata["refers_to"]))
        elif "joined" in f.metadata:
            out.append(Stored(f.name, "joined", separator=f.metadata["joined"], sql_type=Text, nullable=optional))
        elif dataclasses.is_dataclass(python_type):
            out.append(Stored(f.name, "nested", python_type))
        elif typing.get_origin(python_type) is dict:
            out.append(Stored(f.name, "json", sql_type=Text, nullable=optional))
        else:
            out.append(Stored(f.name, "value", sql_type=_SQL_TYPES[python_type], nullable=optional))
    return tuple(out)


def reference_column(name: str) -> str:
    return f"{name}_index"


def nested_column(name: str, inner: str) -> str:
    return f"{name}_{inner}"


def record_columns(cls: type, *, indexed: frozenset[str] = frozenset()) -> list[Column]:
    """A column for each field of the record type ``cls`` (see :class:`Stored`); ``indexed``:
    fields the analysis selects by."""
    columns = []
    for field in stored_fields(cls):
        if field.how == "reference":
            # Position of the entry in the article's stored list of that name (its ``position`` column).
            columns.append(Column(reference_column(field.name), Integer))
        elif field.how == "nested":
            columns += [Column(nested_column(field.name, c.name), c.type) for c in record_columns(field.target)]
        else:
            columns.append(Column(field.name, field.sql_type(), nullable=field.nullable, index=field.name in indexed))
    return columns


articles = Table(
    "articles",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("text", Text, nullable=False),
    Column("published", Date),  # NULL when the source does not say
    Column("published_from", String(8)),  # "url" when the date was read from the URL, else NULL
    Column("title", Text),
    Column("url", Text),
    Column("source", Text),
    Column("language", String(8)),
    Column("origin", Text),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Column("country", String(3)),  # ISO3 the article is mostly about (Extraction.country)
    Column("sectors", Text),  # JSON {sector: probability}: the DEEP sectors it is about (Extraction.sectors)
    Column("pillars", Text),  # JSON {pillar: probability}: the DEEP pillars it speaks to (Extraction.pillars)
)

#: How an article's verbatim text is repaired for analysis (Article.repairs), in order.
repairs = Table(
    "repairs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    Column("position", Integer, nullable=False),
    *record_columns(Repair),
)

#: Gazetteer entries the articles mention (one row per distinct place).
places = Table(
    "places",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", Text, nullable=False),
    Column("geonames_id", Integer),
    Column("country", String(3)),
    Column("lat", Float),
    Column("lon", Float),
    Column("kind", String(32), nullable=False),
    Column("admin1", Text),
    Column("population", Integer),
    Column("source", String(16), nullable=False),
    UniqueConstraint("name", "kind", "country", "source", name="uq_place"),
)

place_mentions = Table(
    "place_mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    Column("place_id", Integer, ForeignKey("places.id"), index=True),  # NULL: a place not resolved
    *_evidence(),
    Column("confidence", Float, nullable=False),
    Column("adjectival", Boolean, nullable=False, server_default=false()),  # "Turkish forces"
    Column("embedded", Boolean, nullable=False, server_default=false()),  # "Syrian Democratic Forces"
    Column("position", Integer),  # index among the article's place mentions (a fact's place_index)
)

quantities = Table(
    "quantities", metadata, Column("id", Integer, primary_key=True, autoincrement=True), _article_fk(), *record_columns(Quantity)
)

figures = Table(
    "figures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    Column("position", Integer, nullable=False),  # index among the article's figures (part_of points at it)
    *record_columns(Figure, indexed=frozenset({"term"})),
)

times = Table(
    "times",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    *record_columns(TimeExpression),
    Column("position", Integer),  # index among the article's time expressions (a fact's time_index)
)

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    *record_columns(Event, indexed=frozenset({"type"})),
)

#: Multilingual sentence embeddings of articles (crisisdesk.analysis.embeddings), computed by the
#: analysis on first use and kept: float32, little-endian, ``dimensions`` values.
article_vectors = Table(
    "article_vectors",
    metadata,
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("model", String(64), primary_key=True),
    Column("dimensions", Integer, nullable=False),
    Column("vector", LargeBinary, nullable=False),
)

conditions = Table(
    "conditions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    *record_columns(Condition, indexed=frozenset({"kind", "pillar"})),
)

claims = Table(
    "claims",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    *record_columns(Claim, indexed=frozenset({"stance", "topic"})),
)

#: The table of each fact type, and of each list facts refer to.
FACT_TABLE = {Figure: figures, Event: events, Condition: conditions, Claim: claims}
REFERRED_TABLE = {"places": place_mentions, "times": times}

#: Tables holding facts of an article, deleted and rewritten when the article is ingested again
#: (those that point at others first). An article's vector goes too: its text may have changed.
FACT_TABLES = (article_vectors, conditions, claims, events, times, figures, quantities, place_mentions, repairs)

#: Analysts' corrections of facts (crisisdesk.store.corrections), kept apart from what was extracted:
#: rows are only ever added; the latest correction of a fact is in force.
corrections = Table(
    "corrections",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("kind", String(16), nullable=False),  # one of FACT_KINDS
    Column("start", Integer, nullable=False),  # the fact's evidence offsets in the verbatim text
    Column("end", Integer, nullable=False),
    Column("action", String(16), nullable=False),  # one of ACTIONS
    Column("term", String(32)),  # edit: the figure's term instead of the extracted one
    Column("place", Text),  # edit: the place's name instead of the extracted one
    Column("country", String(3)),  # edit: ISO3 of that place
    Column("lat", Float),  # edit: where that place is, when known (the app looks it up in the gazetteer)
    Column("lon", Float),
    Column("geonames_id", Integer),
    Column("date_start", Date),  # edit: the days the fact covers instead of the extracted ones
    Column("date_end", Date),
    Column("note", Text),
    Column("author", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)
