"""The database schema (SQLAlchemy Core): articles and the facts found in them.

Every fact row carries its article id and the character offsets of its evidence in the article's
verbatim text. Portable SQL only: SQLite by default, PostgreSQL by URL.
"""

from __future__ import annotations

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

metadata = MetaData()


def _article_fk() -> Column:
    return Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True)


def _sentence() -> list[Column]:
    """The sentence a fact was read from, and where it stands in the article's verbatim text."""
    return [Column("sentence", Text, nullable=False), Column("sentence_start", Integer, nullable=False), Column("sentence_end", Integer, nullable=False)]


def _place_and_time() -> list[Column]:
    """Where and when a fact is, as the article's own place mention and time expression."""
    return [Column("place_mention_id", Integer, ForeignKey("place_mentions.id")), Column("time_id", Integer, ForeignKey("times.id"))]


def _evidence() -> list[Column]:
    """Where a fact stands in its article's verbatim text."""
    return [Column("text", Text, nullable=False), Column("start", Integer, nullable=False), Column("end", Integer, nullable=False)]


articles = Table(
    "articles",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("text", Text, nullable=False),
    Column("published", Date),  # NULL when the source does not say
    Column("title", Text),
    Column("url", Text),
    Column("source", Text),
    Column("language", String(8)),
    Column("origin", Text),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
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
)

quantities = Table(
    "quantities",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    *_evidence(),
    Column("value", Float),
    Column("value_max", Float),
    Column("modifier", String(16), nullable=False),
    Column("unit_text", Text),
    Column("unit_start", Integer),
    Column("unit_end", Integer),
    Column("kind", String(16), nullable=False),
    Column("magnitude", Integer),
)

figures = Table(
    "figures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    Column("position", Integer, nullable=False),  # index among the article's figures (part_of points at it)
    *_evidence(),
    Column("quantity", Float, nullable=False),
    Column("quantity_max", Float),
    Column("qualifier", String(16), nullable=False),
    Column("unit", String(16), nullable=False),
    Column("term", String(32), nullable=False, index=True),
    Column("group", Text),
    Column("place_mention_id", Integer, ForeignKey("place_mentions.id")),
    Column("date_start", Date),
    Column("date_end", Date),
    Column("date_precision", String(16)),
    *_sentence(),
    Column("attribution", Text),
    Column("tense", String(8)),
    Column("part_of", Integer),  # position of the whole among the same article's figures
    Column("country", String(3)),  # ISO3: the place's, else the article's main country
)

times = Table(
    "times",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    *_evidence(),
    Column("type", String(16), nullable=False),  # TIMEX3: DATE, TIME, DURATION, SET
    Column("value", String(64)),  # NULL: relative, with no publication date to read it against
    Column("start_date", Date),
    Column("end_date", Date),
    Column("anchor", String(32)),
    Column("mod", String(16)),
)

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    *_evidence(),
    Column("type", String(32), nullable=False, index=True),
    Column("status", String(16), nullable=False),
    *_sentence(),
    Column("actor", Text),
    Column("actor_country", String(3)),
    Column("target", Text),
    *_place_and_time(),
    Column("when_start", Date),
    Column("when_end", Date),
    Column("when_precision", String(16)),
    Column("dated_by", String(16)),
    Column("duration", String(32)),
    Column("attribution", Text),
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
    *_evidence(),
    Column("kind", String(32), nullable=False, index=True),
    Column("pillar", String(64), nullable=False, index=True),
    Column("sectors", Text, nullable=False),  # DEEP sectors joined by "|" ("Shelter|Food Security")
    *_sentence(),
    *_place_and_time(),
    Column("attribution", Text),
)

claims = Table(
    "claims",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _article_fk(),
    *_evidence(),  # the words that carry the stance ("rejects", "allegations", "According to")
    Column("stance", String(16), nullable=False, index=True),
    *_sentence(),
    Column("speaker", Text),
    Column("speaker_country", String(3)),
    Column("content", Text),
    Column("content_start", Integer),
    Column("content_end", Integer),
    Column("topic", Text, index=True),
    Column("polarity", String(8), nullable=False),
    Column("target", Text),
    *_place_and_time(),
)

#: Tables holding facts of an article, deleted and rewritten when the article is ingested again
#: (those that point at others first). An article's vector goes too: its text may have changed.
FACT_TABLES = (article_vectors, conditions, claims, events, times, figures, quantities, place_mentions)
