"""Reading the dependency parse: the tree helpers every finder shares, one implementation each.

Events, claims, figures and conditions all ask the same questions of a parse: a word's lemma,
whether it is negated, whether it is part of a name, its subject, its "by" phrase, its conjuncts,
its noun phrase, how far apart two words are in the tree, and whether the sentence was parsed at
all. The answers depend only on the parse (words, heads, labels, tags, lemmas), never on a
statistical model, so each is tested on Docs built from fixed annotations (tests/test_syntax.py).

Which sentences were parsed is explicit: the pipeline, which parses only the sentences the
prefilter picks (:mod:`crisisdesk.nlp.prefilter`), records the token ranges the parser saw on
``doc._.crisisdesk_parsed`` (see :func:`mark_parsed`); a Doc with no record went through the
parser whole, or not at all (``Doc.has_annotation("DEP")`` tells which).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

import crisisdesk.nlp.extensions  # noqa: F401  (registers the crisisdesk_* Doc extensions)
from crisisdesk import lexicon

#: The Doc extension that records which token ranges the parser saw.
PARSED = "crisisdesk_parsed"


#: Labels of what hangs on a noun but is not part of its phrase: clauses, appositions,
#: prepositional phrases (an "of" phrase after the noun excepted), punctuation, coordination.
_CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "appos", "parataxis", "punct", "cc", "prep", "case"})
#: How far up the tree a path is followed before giving up (a cycle guard; real parses are shallower).
_MAX_DEPTH = 50


@lru_cache(maxsize=1)
def _actor_pronouns() -> frozenset[str]:
    return lexicon.words("actor_pronouns")


# --- which sentences were parsed -----------------------------------------------------------------


def mark_parsed(doc: Doc, ranges: Iterable[tuple[int, int]]) -> None:
    """Record that the parser saw the tokens ``[start, end)`` of each range (in text order) and
    no others: the rest of ``doc`` carries a placeholder tree only."""
    doc._.set(PARSED, tuple(ranges))


def is_parsed(span: Span) -> bool:
    """Whether the parser saw ``span`` (a sentence, or any span within one): as recorded by
    :func:`mark_parsed`; without a record, whether ``doc`` has a parse at all."""
    ranges = span.doc._.get(PARSED)
    if ranges is None:
        return span.doc.has_annotation("DEP")
    k = bisect_right(ranges, (span.start, len(span.doc) + 1)) - 1
    return k >= 0 and ranges[k][0] <= span.start and span.end <= ranges[k][1]


# --- words ---------------------------------------------------------------------------------------


def lemma_of(token: Token) -> str:
    """The token's lemma in lower case (the lexicon's lists are of lower-case lemmas)."""
    return token.lemma_.lower()


def is_negated(token: Token, *, by_no: bool) -> bool:
    """Whether ``token`` is negated: by "not"/"never" (the label "neg"); with ``by_no``, by a
    "no" determiner too ("no arrests were made"), as an event or a statement noun is. Conditions
    read "no" apart ("no water" is a lack, not a negation), so every caller says which it means."""
    return any(c.dep_ == "neg" or (by_no and c.dep_ == "det" and c.lower_ == "no") for c in token.children)


def in_a_name(token: Token, *, all_caps: bool) -> bool:
    """A capitalised word inside a sentence is part of a name ("Tianjin No. 2 Detention Centre",
    "World War I", "Centers for Disease Control"). ``all_caps``: whether a word in capitals
    ("UN", "ISIS") counts too; events leave it out, for an acronym names the actor of an event
    ("a UN mission"), not the event."""
    return not token.is_sent_start and token.text[:1].isupper() and (all_caps or not token.is_upper)


# --- relations -----------------------------------------------------------------------------------


def governors(token: Token, limit: int = 4) -> Iterator[Token]:
    """The verbs above ``token``, nearest first, within its sentence and ``limit`` steps."""
    current = token
    for _ in range(limit):
        if current.head == current:
            return
        current = current.head
        if current.pos_ in ("VERB", "AUX"):
            yield current


def subject_of(verb: Token) -> Token | None:
    """The verb's subject; for a verb with none ("claims to be delivering aid", "forced to flee"),
    its controller's (the object of the verb above, else its subject); a relative pronoun stands
    for the noun its clause hangs on, another pronoun for the named subject of the verb of saying
    above it ("The UN said it would send a mission": the UN), else for no one."""
    pronouns = _actor_pronouns()
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "csubj")), None)
    if subject is None and verb.dep_ == "xcomp" and verb.head != verb:
        controller = verb.head
        subject = next((c for c in controller.children if c.dep_ == "dobj"), None) or subject_of(controller)
    if subject is not None and subject.lower_ in pronouns:
        if subject.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
            return verb.head
        for governor in governors(verb):
            speaker = next((c for c in governor.children if c.dep_ == "nsubj"), None)
            if speaker is not None and speaker.lower_ not in pronouns:
                return speaker
        return None
    return subject


def by_phrase(head: Token) -> Token | None:
    """The object of the "by" phrase on ``head``: the agent of a passive ("shelled by government
    forces") or of a nominalisation ("shelling by government forces")."""
    by = next((c for c in head.children if c.dep_ in ("agent", "prep") and c.lower_ == "by"), None)
    return next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None


def conjuncts(token: Token | None) -> list[Token]:
    """``token`` and the words coordinated with it ("water, food and medicine"); none for None."""
    if token is None:
        return []
    return [token, *token.conjuncts]


# --- phrases -------------------------------------------------------------------------------------


def noun_phrase(token: Token) -> str:
    """The noun phrase of ``token`` without the clauses hanging on it ("Armenian separatist
    authorities", "residents of Stepanakert", "the UN")."""
    kept = [token]
    for child in token.children:
        if child.dep_ in _CLAUSE_DEPS and not (child.dep_ == "prep" and child.lower_ == "of" and child.i > token.i):
            continue
        kept.extend(child.subtree)
    first = min(t.i for t in kept)
    last = max(t.i for t in kept)
    words = token.doc[first : last + 1]
    while len(words) > 1 and (words[-1].is_punct or words[-1].dep_ == "cc"):
        words = words[:-1]
    return words.text


def subtree_span(token: Token | None) -> Span | None:
    """The words of ``token``'s subtree as a span (from its left edge to its right edge)."""
    return token.doc[token.left_edge.i : token.right_edge.i + 1] if token is not None else None


def tree_distance(a: Token, b: Token) -> int:
    """The number of arcs between two tokens in the parse; past 100 for tokens of two trees."""
    up_a = _path_to_root(a)
    up_b = _path_to_root(b)
    depth_in_a = {t.i: d for d, t in enumerate(up_a)}
    for depth_b, token in enumerate(up_b):
        if token.i in depth_in_a:
            return depth_in_a[token.i] + depth_b
    return len(up_a) + len(up_b) + 100


def _path_to_root(token: Token) -> list[Token]:
    path = [token]
    while path[-1].head != path[-1] and len(path) < _MAX_DEPTH:
        path.append(path[-1].head)
    return path
