"""The evidence of a fact: the sentence it is read from, and the place, time and source that
sentence gives it, read from the parse the same way for figures, events, conditions and claims.

- :func:`trimmed_sentence`: the sentence without the white space spaCy keeps at its edges.
- :func:`place_for`: the place mention nearest in the parse tree to the fact's word (ties broken
  by distance in the text), passing over where people come from and a place that speaks
  ("Russia said") when the sentence also says where they are, then the most specific place the text writes inside it; :func:`place_before`:
  for a fact whose sentence names no place, the last one before it in its paragraph or the header.
- :func:`time_for`: the DATE or TIME expression nearest in the parse to the fact's word, within
  its clause.
- :func:`attribution_for`: "according to X", or the subject of a reporting verb above the fact.

The places and times of a sentence are found with :mod:`crisisdesk.nlp.within` (by bisection when
the caller passes an OffsetList), not by reading every place of the article for every fact.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from crisisdesk import lexicon
from crisisdesk.dateline import Dateline, dateline_of
from crisisdesk.model import PlaceMention, TimeExpression
from crisisdesk.nlp.doctext import text_of
from crisisdesk.nlp.places import written_inside
from crisisdesk.nlp.syntax import lemma_of, tree_distance
from crisisdesk.nlp.within import in_sentence, within


@lru_cache(maxsize=1)
def _attribution_verbs() -> frozenset[str]:
    return lexicon.words("attribution_verbs")


@lru_cache(maxsize=1)
def _origin_verbs() -> frozenset[str]:
    return lexicon.words("place_origin_verbs")


@lru_cache(maxsize=1)
def _source_pronouns() -> frozenset[str]:
    return lexicon.words("source_pronouns")


# --- the sentence --------------------------------------------------------------------------------


def trimmed_sentence(sentence: Span) -> tuple[int, int, str]:
    """(start, end, text) of ``sentence`` in its Doc's characters, without the white space at its
    edges."""
    text = text_of(sentence.doc)
    start, end = sentence.start_char, sentence.end_char
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end, text[start:end]


# --- the place -----------------------------------------------------------------------------------


def mention_span(doc: Doc, mention: PlaceMention) -> Span | None:
    """The tokens of a place mention (widened to whole tokens)."""
    return doc.char_span(mention.start, mention.end, alignment_mode="expand")


def place_for(anchor: Token, sentence: Span, places: Sequence[PlaceMention], *, exclude: Span | None = None) -> PlaceMention | None:
    """The place the sentence attaches the fact at ``anchor`` to: the mention of ``places`` in the
    sentence nearest in the parse tree to ``anchor``, ties broken by distance in the text, none
    overlapping ``exclude`` (the fact's own words, its speaker); then the most specific place
    written inside it."""
    places = in_sentence(places, sentence)
    where = [m for m in places if not _names_provenance(sentence.doc, m)]
    # Where the people are, when the sentence says it; else the only place it gives
    # ("evacuated 1,200 refugees from Libya").
    chosen = _nearest(anchor, sentence, where, exclude) or _nearest(anchor, sentence, places, exclude)
    return most_specific(chosen, sentence, places) if chosen is not None else None


#: Kinds of place a later sentence's figure is read in: the district, LGA, province or region a
#: report names before its figures. A town or country named before is too often somewhere else
#: ("talks will be held in Yevlakh. ... evacuated 2,000 people from nearby villages").
CARRIED_KINDS = frozenset({"admin1", "admin2", "region"})


def place_before(sentence: Span, places: Sequence[PlaceMention], *, header_words: int = 16, header_lines: int = 3) -> PlaceMention | None:
    """The place a fact whose sentence names none is in: the last division or region named before
    it in its paragraph ("Fighting broke out in Faskari LGA on Monday. Some 3,000 people fled."), else the
    place of the document's header
    ("[9th June 2021, NIGERIA]")."""
    text = text_of(sentence.doc)
    paragraph = text.rfind("\n\n", 0, sentence.start_char) + 1
    # The last one, read from the end: each test costs a look at the parse.
    last = next(
        (
            m
            for m in reversed(within(places, paragraph, sentence.start_char))
            if m.place is not None and m.place.kind in CARRIED_KINDS and not _names_provenance(sentence.doc, m)
        ),
        None,
    )
    if last is not None:
        span = mention_span(sentence.doc, last)
        return most_specific(last, span.sent, places) if span is not None else last
    end = header_end(text, max_words=header_words, max_lines=header_lines)
    return next((m for m in places if m.end <= min(end, sentence.start_char)), None)


def header_end(text: str, *, max_words: int = 16, max_lines: int = 3) -> int:
    """Where a document's header ends: its first lines while they are short (no more than
    ``max_words`` words each) and end without a full stop (a title, a dateline: not a sentence
    or a paragraph), or a dateline in square brackets the text runs on from ("[9th June 2021,
    NIGERIA] Gunmen attacked ..."); 0 without one."""
    offset = end = len(text) - len(text.lstrip())
    for _ in range(max_lines):
        newline = text.find("\n", offset)
        line = text[offset:newline].rstrip() if newline >= 0 else ""
        if newline < 0 or len(line.split()) > max_words or line.endswith((".", "!", "?")):
            break
        end = offset = newline + 1
        while offset < len(text) and text[offset].isspace():
            offset += 1
    return end if end > len(text) - len(text.lstrip()) else _bracketed_dateline_end(text, max_words=max_words)


def _bracketed_dateline_end(text: str, *, max_words: int = 16) -> int:
    """Where a dateline in square brackets that opens a document ends (after the bracket), 0
    without one: situation-report excerpts as analysts file them (DEEP/HumSet: "[28 September - 04
    October, Cox's Bazar ]Confirmed COVID-19 cases ...", "[November 2, Idleb] The director of
    ...") carry the date and place of the whole text so, run into its first sentence."""
    start = len(text) - len(text.lstrip())
    if not text.startswith("[", start):
        return 0
    close = text.find("]", start, start + 200)
    inside = text[start + 1 : close] if close > 0 else ""
    # A dateline dates: a day or a year in it ("[November 2, Idleb]", "[October 2020, Overall Syria]").
    if not any(c.isdigit() for c in inside) or "\n" in inside or len(inside.split()) > max_words:
        return 0
    return close + 1


def _names_provenance(doc: Doc, mention: PlaceMention) -> bool:
    span = mention_span(doc, mention)
    return span is not None and (is_provenance(span.root) or is_speaker(span.root))


def is_speaker(token: Token) -> bool:
    """Whether a place is the subject of a reporting verb: a government speaking ("Russia said
    150 civilians were evacuated from Belgorod", "Kenya reported 300 cases in Garissa") is the
    source of the fact, not its place."""
    return token.dep_ == "nsubj" and token.head.pos_ == "VERB" and lemma_of(token.head) in _attribution_verbs()


def _nearest(anchor: Token, sentence: Span, places: Sequence[PlaceMention], exclude: Span | None) -> PlaceMention | None:
    best: tuple[int, int] | None = None
    chosen = None
    for mention in places:
        if not (sentence.start_char <= mention.start and mention.end <= sentence.end_char):
            continue
        span = mention_span(sentence.doc, mention)
        if span is None or (exclude is not None and span.start < exclude.end and exclude.start < span.end):
            continue
        key = (min(tree_distance(anchor, t) for t in span), abs(span.start - anchor.i))
        if best is None or key < best:
            best, chosen = key, mention
    return chosen


def is_provenance(token: Token) -> bool:
    """Whether a place names where people or things come from: by "from" on a noun ("8,000
    refugees from Somalia live in Lahj", "migrants from Eritrea and Ethiopia", "aid from
    Turkey") or on a verb of origin ("most of them come from Somalia", "who hail from Darfur"):
    they are not there. "Fled from Aleppo" (a flight) is where the flight happened."""
    while token.dep_ in ("conj", "appos") and token.head != token:  # "from Eritrea and Ethiopia"
        token = token.head
    if token.dep_ == "compound":  # "from Mogadishu city"
        token = token.head
    preposition = token.head
    if not (token.dep_ == "pobj" and preposition.lower_ == "from" and preposition.dep_ == "prep"):
        return False
    owner = preposition.head
    return owner.pos_ in ("NOUN", "PROPN") or (owner.pos_ == "VERB" and lemma_of(owner) in _origin_verbs())


def most_specific(chosen: PlaceMention, sentence: Span, places: Sequence[PlaceMention]) -> PlaceMention:
    """The place the text writes inside ``chosen``, if any, and so on down: a monitor codes the
    most specific place ("in Bima city in West Nusa Tenggara" → Bima; "Rann, in north-eastern
    Nigeria" → Rann)."""
    doc = sentence.doc
    inside = in_sentence(places, sentence)
    for _ in range(len(inside)):
        outer = mention_span(doc, chosen)
        inner = next(
            (m for m in inside if m is not chosen and _same_country(m, chosen) and written_inside(mention_span(doc, m), outer)), None
        )
        if inner is None:
            break
        chosen = inner
    return chosen


def _same_country(a: PlaceMention, b: PlaceMention) -> bool:
    return a.place is None or b.place is None or a.place.country == b.place.country


# --- the time ------------------------------------------------------------------------------------


def time_for(anchor: Token, clause: Token, sentence: Span, times: Sequence[TimeExpression]) -> TimeExpression | None:
    """The date the sentence gives the fact at ``anchor``: of the DATE and TIME expressions of the
    sentence under ``clause`` or ``anchor`` in the parse, the nearest to ``anchor`` in the tree
    (ties broken by distance in the text)."""
    doc = sentence.doc
    best = None
    for time in in_sentence(times, sentence):
        if time.type not in ("DATE", "TIME"):
            continue
        span = doc.char_span(time.start, time.end, alignment_mode="expand")
        if span is None or not (clause.is_ancestor(span.root) or anchor.is_ancestor(span.root)):
            continue
        key = (tree_distance(anchor, span.root), abs(span.start - anchor.i))
        if best is None or key < best[0]:
            best = (key, time)
    return best[1] if best is not None else None


# --- the source ----------------------------------------------------------------------------------


def attribution_for(anchor: Token, sentence: Span) -> str | None:
    """Who the sentence attributes the fact at ``anchor`` to: "according to X", or the subject of
    a reporting verb that governs it ("UNHCR estimates…", "…, the ministry said")."""
    for token in sentence:
        if token.lower_ == "according":
            to = next((c for c in token.children if c.lower_ == "to"), None)
            if to is None and token.i + 1 < sentence.end and token.nbor().lower_ == "to":
                to = token.nbor()
            source = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
            if source is not None:
                return _subtree_text(source, sentence)
    verbs, pronouns = _attribution_verbs(), _source_pronouns()
    for ancestor in anchor.ancestors:
        if ancestor.pos_ == "VERB" and lemma_of(ancestor) in verbs:
            subject = next((c for c in ancestor.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.lower_ not in pronouns and not subject.is_ancestor(anchor) and subject != anchor:
                return _subtree_text(subject, sentence)
    return None


def dateline_in(sentence: Span) -> Dateline | None:
    """The dateline the sentence opens with, its offsets characters in the doc: "BEIRUT (AP) — A
    Kurdish militia spokesman says …" is filed from Beirut by AP, and the spokesman says it."""
    found = dateline_of(sentence.text)
    if found is None:
        return None
    at = sentence.start_char
    return Dateline(at + found.end, found.agency, at + found.agency_start, at + found.agency_end)


def _subtree_text(token: Token, sentence: Span) -> str:
    """The words of ``token``'s subtree, without punctuation at its edges nor the sentence's
    dateline; the dateline's agency when the words are all of the dateline (a parse that makes
    "BEIRUT (AP)" the subject of "says")."""
    dateline = dateline_in(sentence)
    end = dateline.end if dateline is not None else sentence.start_char
    tokens = [t for t in token.subtree if t.idx >= end and (not t.is_punct or t.i not in (token.left_edge.i, token.right_edge.i))]
    while tokens and tokens[0].is_punct:
        tokens.pop(0)
    if not tokens:
        return dateline.agency if dateline is not None and token.idx < end else token.text
    return token.doc[tokens[0].i : tokens[-1].i + 1].text
