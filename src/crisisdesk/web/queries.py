"""Reads the app answers from the database itself, without loading the extractions: the article
list, so that it answers at once however large the store and however busy the snapshot."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, or_, select

from crisisdesk.store.schema import articles, figures


def article_page(store, *, source: str | None, date_from: date | None, date_to: date | None, limit: int, offset: int) -> dict[str, Any]:
    """Articles (no text) newest first, with their figure count; filtered and paged in SQL."""
    conditions = []
    if source:
        pattern = f"%{source.lower()}%"
        conditions.append(
            or_(
                *(
                    func.lower(func.coalesce(c, "")).like(pattern)
                    for c in (articles.c.source, articles.c.title, articles.c.origin, articles.c.url)
                )
            )
        )
    if date_from:
        conditions.append(articles.c.published >= date_from)
    if date_to:
        conditions.append(articles.c.published <= date_to)
    counts = select(figures.c.article_id, func.count().label("figures")).group_by(figures.c.article_id).subquery()
    columns = [articles.c[c] for c in ("id", "title", "source", "url", "published", "language", "origin", "ingested_at")]
    query = (
        select(*columns, func.coalesce(counts.c.figures, 0).label("figures"))
        .select_from(articles.outerjoin(counts, counts.c.article_id == articles.c.id))
        .where(*conditions)
        .order_by(articles.c.published.is_(None), articles.c.published.desc(), articles.c.id)
        .limit(limit)
        .offset(offset)
    )
    with store.engine.connect() as connection:
        total = connection.execute(select(func.count()).select_from(articles).where(*conditions)).scalar_one()
        rows = connection.execute(query).all()
    items = [
        {
            "id": r.id, "title": r.title, "source": r.source, "url": r.url, "published": r.published.isoformat() if r.published else None,
            "language": r.language, "origin": r.origin, "ingested_at": r.ingested_at.isoformat() if r.ingested_at else None, "figures": r.figures,
        }
        for r in rows
    ]  # fmt: skip
    return {"total": total, "limit": limit, "offset": offset, "items": items}
