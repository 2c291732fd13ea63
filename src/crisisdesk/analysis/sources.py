"""The articles the analysis draws on, as a report cites them, and places as a report writes them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import PurePath
from urllib.parse import urlsplit

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
    #: The first words of its text, to tell untitled reports apart ("Ground fighting in Al Bayda …").
    opening: str | None = None

    @property
    def label(self) -> str:
        """The title, else the file it was read from (without folders), else the id."""
        return self.title or PurePath(self.origin).name or self.id

    @property
    def outlet(self) -> str | None:
        """Who published it: the publisher, else the web site it came from ("apnews.com")."""
        if self.publisher and self.publisher != PurePath(self.origin.rsplit(":", 1)[0]).name:  # not the file it was read from
            return self.publisher
        if not self.url:
            return None
        url = self.url
        archived = re.match(r"https?://web\.archive\.org/web/[^/]+/(.+)$", url)
        if archived:  # an archived copy: the site that was archived published it
            url = archived.group(1) if "://" in archived.group(1) else "http://" + archived.group(1)
        host = urlsplit(url).hostname
        return host.removeprefix("www.") if host else None

    @property
    def citation(self) -> str:
        """As an analyst cites it: outlet, title and date ("apnews.com: Syria says … (2018-03-25)");
        a report with no title is named by its first words (excerpts of a database, pasted text)."""
        title = self.title or (f"“{self.opening}”" if self.opening else "untitled report")
        who = f"{self.outlet}: " if self.outlet else ""
        return f"{who}{title} ({self.date_label})"

    @property
    def date_label(self) -> str:
        return self.published.isoformat() if self.published else "date unknown"


#: Words of an untitled report's text that name it.
OPENING_WORDS = 8


def source_of(article: Article) -> Source:
    return Source(
        article.id, article.title, article.published, article.language, article.origin, article.url, article.source,
        None if article.title else opening_of(article.text),
    )  # fmt: skip


def opening_of(text: str, words: int = OPENING_WORDS) -> str | None:
    """The first ``words`` words of ``text`` ("…" when there are more), on one line."""
    found = text.split(maxsplit=words)
    if not found:
        return None
    return " ".join(found[:words]) + (" …" if len(found) > words else "")


def place_label(mention: PlaceMention) -> str:
    """The place as written, with its gazetteer name when that differs: "Stepanakert (Khankendi)"."""
    if mention.place is None or mention.place.name == mention.text:
        return mention.text
    return f"{mention.text} ({mention.place.name})"


def number_label(value: float) -> str:
    """A count as a report writes it: "120,000", "2.5"."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"
