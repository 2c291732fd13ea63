"""Demonyms and adjectives of places ("Armenian residents", "the Turks", "Syrian Democratic Forces").

A demonym is never a place where something is; used before a noun it describes ("Turkish
forces", "the English city of Salisbury") it is a place mention of its own kind, *adjectival* in
GeoWebNews' sense, resolved to the place the adjective names; as the first word of an
organisation's name it is *embedded*. Part of :mod:`crisisdesk.nlp.places`.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span

from crisisdesk import lexicon
from crisisdesk.geo.gazetteer import Gazetteer
from crisisdesk.model import Place, PlaceMention
from crisisdesk.nlp.places.candidates import Candidate, starts_name


@dataclass(frozen=True, slots=True)
class Demonym:
    """A demonym or adjective of a place ("Armenian", "Kurdish"), and the place it names."""

    text: str
    start: int
    end: int
    country: str | None  # ISO3; None for a region across borders ("Kurdish", "Central American")
    place: Place | None = None
    attributive: bool = False  # used before a noun it describes ("Turkish forces"), not as one ("the Turks")
    embedded: bool = False  # the first word of a name ("Syrian Democratic Forces")


class DemonymFinder:
    """Finds the demonyms of a Doc in the gazetteer's demonym table."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def find(self, doc: Doc, candidates: list[Candidate]) -> list[Demonym]:
        """Demonyms in ``doc``, not counting words inside longer place names."""
        in_longer_place = {
            i for c in candidates if len(c.span) > 1 and not self.is_demonym(c.span.text) for i in range(c.span.start, c.span.end)
        }
        found: list[Demonym] = []
        i = 0
        while i < len(doc):
            if not doc[i].text[:1].isupper() or doc[i].lower_ == "the":
                i += 1
                continue
            for n in (3, 2, 1):
                span = doc[i : i + n]
                if len(span) == n and _is_demonym_shaped(span) and not in_longer_place & set(range(span.start, span.end)):
                    place = self.gazetteer.demonym_place(span.text)
                    if place is not None:
                        plural = self._is_plural_demonym(span.text)  # people ("Syrians"), not an adjective
                        attributive = not plural and _is_attributive(span)
                        found.append(
                            Demonym(span.text, span.start_char, span.end_char, place.country, place, attributive, self._starts_a_name(span))
                        )
                        i += n - 1
                        break
            i += 1
        return found

    def is_demonym(self, text: str) -> bool:
        """Whether ``text`` is a demonym or an adjective of a place the gazetteer knows."""
        return self.gazetteer.demonym_place(text) is not None

    def _starts_a_name(self, span: Span) -> bool:
        """Whether a demonym is the first word of a name ("Syrian Democratic Forces", "European
        Commission"): a place inside an organisation's name is not a place mention. Where the
        recogniser ran, its entity says so; elsewhere, a capitalised word follows that is neither
        a place nor another adjective ("Syrian Kurdish enclave")."""
        doc = span.doc
        if span.end >= len(doc):
            return False
        after = doc[span.end]
        if any(t.ent_iob != 0 for t in span) or after.ent_iob != 0:
            return after.ent_iob_ == "I" and after.ent_type_ not in {"NORP", "GPE", "LOC"}
        return starts_name(after) and not after.is_sent_start and not self.is_demonym(after.text) and not self.gazetteer.knows(after.text)

    def _is_plural_demonym(self, text: str) -> bool:
        return text.endswith("s") and self.is_demonym(text[:-1])


def _is_demonym_shaped(span: Span) -> bool:
    # "South Sudanese", "Bissau-Guinean": capitalised words, hyphens only inside.
    return span[0].text[:1].isupper() and span[-1].text[:1].isupper() and all(t.text[:1].isupper() or t.text == "-" for t in span)


#: Words after a demonym that show it is not describing a noun ("the Irish who", "Armenians are").
_NOT_DESCRIBED = lexicon.words("place_demonym_not_described")


def _is_attributive(span: Span) -> bool:
    """Whether a demonym stands before a word it describes ("Turkish forces", "Syrian-Turkish
    border", "Kurdish-led"), rather than as a noun ("a Nigerian who", "the British,")."""
    doc = span.doc
    if span.end >= len(doc):
        return False
    after = doc[span.end]
    if after.text in {"-", "–"} and span.end + 1 < len(doc):
        return doc[span.end + 1].is_alpha
    return after.is_alpha and after.lower_ not in _NOT_DESCRIBED


def adjectival_mentions(demonyms: list[Demonym], confidence: float) -> list[PlaceMention]:
    """Attributive demonyms as adjectival place mentions, resolved to the place they name, at
    ``confidence`` (an adjective names one place: the demonym table has one entry a word)."""
    return [
        PlaceMention(d.text, d.start, d.end, d.place, confidence, adjectival=True, embedded=d.embedded)
        for d in demonyms
        if d.attributive and d.place is not None
    ]
