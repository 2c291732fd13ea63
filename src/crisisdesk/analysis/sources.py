"""The articles the analysis draws on, as a report cites them, and places as a report writes them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import PurePath

from crisisdesk.model import Article, PlaceMention


@dataclass(frozen=True)
class Source:
    id: str
    title: str | None
    published: date | None
    language: str | None
    origin: str
    url: str | None
    publisher: str | None

    @property
    def label(self) -> str:
        """The title, else the file it was read from (without folders), else the id."""
        return self.title or PurePath(self.origin).name or self.id

    @property
    def date_label(self) -> str:
        return self.published.isoformat() if self.published else "date unknown"


def source_of(article: Article) -> Source:
    return Source(article.id, article.title, article.published, article.language, article.origin, article.url, article.source)


def place_label(mention: PlaceMention) -> str:
    """The place as written, with its gazetteer name when that differs: "Stepanakert (Khankendi)"."""
    if mention.place is None or mention.place.name == mention.text:
        return mention.text
    return f"{mention.text} ({mention.place.name})"


def number_label(value: float) -> str:
    """A count as a report writes it: "120,000", "2.5"."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"
