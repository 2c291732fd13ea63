"""The articles the analysis draws on, as a report cites them, and places as a report writes them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import PurePath
from urllib.parse import urlsplit

from crisisdesk.dateline import DATELINE
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
    #: An untitled text's first line when it reads as a headline (see :func:`headline_of`).
    headline: str | None = None
    #: The news agency of the text's dateline ("BEIRUT (AP) —"), when it has one.
    agency: str | None = None
    #: "url" when the publication date was read from the article's URL, not given.
    published_from: str | None = None

    @property
    def label(self) -> str:
        """The title, else the file it was read from (without folders), else the id."""
        return self.title or PurePath(self.origin).name or self.id

    @property
    def file(self) -> str:
        """The file it was read from, without folders ("gwn.jsonl:21"), else its id."""
        return PurePath(self.origin).name or self.id

    @property
    def outlet(self) -> str | None:
        """Who published it: the publisher, else the web site it came from ("apnews.com"), else
        the agency its dateline names ("AP")."""
        if self.publisher and self.publisher != PurePath(self.origin.rsplit(":", 1)[0]).name:  # not the file it was read from
            return self.publisher
        if not self.url:
            return self.agency
        url = self.url
        archived = re.match(r"https?://web\.archive\.org/web/[^/]+/(.+)$", url)
        if archived:  # an archived copy: the site that was archived published it
            url = archived.group(1) if "://" in archived.group(1) else "http://" + archived.group(1)
        host = urlsplit(url).hostname
        return host.removeprefix("www.") if host else self.agency

    @property
    def shown_title(self) -> str:
        """Its title; with none, its headline line or its first words in quotes (excerpts of a
        database, pasted text); with no words at all, its file."""
        return self.title or self.headline or (f"“{self.opening}”" if self.opening else self.file)

    @property
    def name(self) -> str:
        """As prose names it: outlet and title ("apnews.com: Syria says …")."""
        return f"{self.outlet}: {self.shown_title}" if self.outlet else self.shown_title

    @property
    def citation(self) -> str:
        """As an analyst cites it: outlet, title and date ("apnews.com: Syria says … (2018-03-25)");
        never a date the report does not give."""
        return f"{self.name} ({self.date_label})"

    @property
    def short_citation(self) -> str:
        """For a table cell that lists several reports: the outlet and date ("apnews.com
        (2023-09-26)"), else the title's first words and the date; the whole citation goes in a
        tooltip."""
        if self.outlet:
            return f"{self.outlet} ({self.date_label})"
        title = self.title or self.headline or self.opening or self.file
        words = title.split()
        short = " ".join(words[:SHORT_TITLE_WORDS]).rstrip(" …") + (" …" if len(words) > SHORT_TITLE_WORDS else "")
        quoted = f"“{short}”" if not (self.title or self.headline) and self.opening else short
        return f"{quoted} ({self.date_label})"

    @property
    def date_label(self) -> str:
        if self.published is None:
            return "date unknown"
        return f"{self.published.isoformat()}, dated by its URL" if self.published_from == "url" else self.published.isoformat()


#: Words of an untitled report's text that name it.
OPENING_WORDS = 8
#: Words of a title a table cell of several reports shows.
SHORT_TITLE_WORDS = 5
#: A first line longer than this (words) is a sentence, not a headline.
HEADLINE_MAX_WORDS = 16


#: A sentence ending inside a line ("… crisis. Some 22.2 million"): prose, not a headline.
_SENTENCE_END = re.compile(r"[a-z]{2}[.!?]\s+\S")


def source_of(article: Article) -> Source:
    headline = None if article.title else headline_of(article.text)
    return Source(
        article.id, article.title, article.published, article.language, article.origin, article.url, article.source,
        None if article.title or headline else opening_of(without_dateline(article.text)), headline, agency_of(article.text),
        article.published_from,
    )  # fmt: skip


def headline_of(text: str) -> str | None:
    """The text's first line when it reads as a headline: more text follows it, it has two to
    HEADLINE_MAX_WORDS words, starts with a capital, holds no sentence's end and ends without a
    full stop."""
    first, newline, rest = text.strip().partition("\n")
    first = " ".join(first.split())
    words = first.split()
    if not newline or not rest.strip() or not 2 <= len(words) <= HEADLINE_MAX_WORDS:
        return None
    if not first[:1].isupper() or first[-1] in ".,;:" or DATELINE.match(first) or _SENTENCE_END.search(first):
        return None
    return first


def agency_of(text: str) -> str | None:
    """The news agency of a dateline at the start of the text or of its second line ("AP")."""
    lines = text.strip().split("\n", 2)
    for line in lines[:2]:
        found = DATELINE.match(line)
        if found:
            return found.group(1)
    return None


def without_dateline(text: str) -> str:
    """The text after its dateline ("BEIRUT (AP) —"), if it starts with one."""
    found = DATELINE.match(text)
    return text[found.end() :] if found else text


def opening_of(text: str, words: int = OPENING_WORDS) -> str | None:
    """The first ``words`` words of ``text`` ("…" when there are more), on one line."""
    found = text.split(maxsplit=words)
    if not found:
        return None
    # A first sentence that ends within the words ends the opening ("Yemen is the world's largest
    # humanitarian crisis. …", not "… crisis. Some …").
    end = next((i for i, word in enumerate(found[:words]) if i >= 2 and word[-1] in ".!?" and word[:-1].isalpha()), None)
    if end is not None:
        return " ".join(found[: end + 1]) + (" …" if len(found) > end + 1 else "")
    return " ".join(found[:words]) + (" …" if len(found) > words else "")


def place_label(mention: PlaceMention) -> str:
    """The place as written, with its gazetteer name when that differs: "Stepanakert (Khankendi)"."""
    if mention.place is None or mention.place.name == mention.text:
        return mention.text
    return f"{mention.text} ({mention.place.name})"


def number_label(value: float) -> str:
    """A count as a report writes it: "120,000", "2.5"."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"
