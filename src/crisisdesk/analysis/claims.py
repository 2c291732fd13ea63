"""Contested claims: one party asserts something another denies, across all articles, so that a
report can show the two sides next to each other, each with its sources.

Two claims contest each other when they are about the same topic (the same key, or one key
narrowing the other with the same head word: "cleansing" and "ethnic cleansing"), one asserts it
(an allegation or a claim, positive) and the other holds it not to be so (a denial, or any claim
with a negated content: "said there was no ethnic cleansing"), and they come from different
speakers (a state and its officials are one speaker: "Azerbaijan", "Baku" and "the Azerbaijani
foreign ministry"). A speaker no one names counts as different from every named one
("allegations of torture" denied by the police).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from crisisdesk.analysis.sources import Source, source_of
from crisisdesk.model import ASSERTING_STANCES, Claim, Extraction

_ARTICLES = ("the ", "a ", "an ")


@dataclass(frozen=True)
class Statement:
    """One article's claim, with its source and who makes it (as :func:`speaker_key` reads it)."""

    claim: Claim
    source: Source
    speaker: str | None


@dataclass(frozen=True)
class ContestedClaim:
    """A topic on which some assert and others deny; each side lists every statement of it."""

    topic: str
    asserted: list[Statement] = field(default_factory=list)
    denied: list[Statement] = field(default_factory=list)

    @property
    def sources(self) -> list[Source]:
        """The articles of both sides, each once, in the order they appear."""
        seen: dict[str, Source] = {}
        for statement in (*self.asserted, *self.denied):
            seen.setdefault(statement.source.id, statement.source)
        return list(seen.values())


def speaker_key(claim: Claim) -> str | None:
    """Who makes a claim, so that one party's claims go together: its state (ISO3) when it is a
    state or its official, else its name in lower case without an article; None when unnamed."""
    if claim.speaker_country:
        return claim.speaker_country
    if not claim.speaker:
        return None
    name = claim.speaker.lower().strip()
    for article in _ARTICLES:
        if name.startswith(article):
            name = name[len(article) :]
    return name


def _asserts(claim: Claim) -> bool:
    return claim.stance in ASSERTING_STANCES and claim.polarity == "positive"


def _denies(claim: Claim) -> bool:
    return claim.polarity == "negative"


def contested_claims(extractions: Iterable[Extraction], sources: Sequence[Source] | None = None) -> list[ContestedClaim]:
    """The contested topics of ``extractions`` (see module docstring), the most sourced first;
    ``sources``: one per extraction, when the caller has them already."""
    extractions = list(extractions)
    if sources is None:
        sources = [source_of(x.article) for x in extractions]
    statements: list[Statement] = []
    for extraction, source in zip(extractions, sources):
        for claim in extraction.claims:
            if claim.topic and (_asserts(claim) or _denies(claim)):
                statements.append(Statement(claim, source, speaker_key(claim)))
    canonical = _canonical_topics({s.claim.topic for s in statements})
    by_topic: dict[str, list[Statement]] = {}
    for statement in statements:
        by_topic.setdefault(canonical[statement.claim.topic], []).append(statement)
    contested = []
    for topic, told in by_topic.items():
        asserted = [s for s in told if _asserts(s.claim)]
        denied = [s for s in told if _denies(s.claim)]
        # Keep the statements that have an opponent: the same party saying both is no contest.
        asserted_kept = [a for a in asserted if any(_different(a, d) for d in denied)]
        denied_kept = [d for d in denied if any(_different(a, d) for a in asserted)]
        if asserted_kept and denied_kept:
            contested.append(ContestedClaim(topic, asserted_kept, denied_kept))
    contested.sort(key=lambda c: (-len(c.sources), -(len(c.asserted) + len(c.denied)), c.topic))
    return contested


def _different(a: Statement, b: Statement) -> bool:
    return a.speaker is None or b.speaker is None or a.speaker != b.speaker


def _canonical_topics(topics: set[str]) -> dict[str, str]:
    """Each topic's group name: the shortest topic with the same head word whose words it all
    has ("ethnic cleansing" and "cleansing" → "cleansing"), else itself."""
    words = {t: t.split() for t in topics}
    canonical = {}
    for topic in topics:
        candidates = [
            other for other in topics
            if words[other] and words[topic] and words[other][-1] == words[topic][-1] and set(words[other]) <= set(words[topic])
        ]  # fmt: skip
        canonical[topic] = min(candidates, key=lambda t: (len(words[t]), t))
    return canonical
