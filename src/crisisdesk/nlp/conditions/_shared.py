"""Syntax helpers the condition finders stand on: how a phrase is read from the parse.

The general ones come from :mod:`crisisdesk.nlp.syntax` and :mod:`crisisdesk.nlp.evidence`, read the
way conditions need them (an acronym is part of a name; "no" is a lack, not a negation); below them,
the readings of the parse that only conditions make.
"""

from __future__ import annotations

from spacy.tokens import Token

from crisisdesk.lexicon import words

# --- the shared tree helpers, in conditions' readings -------------------------------------------
from crisisdesk.nlp.evidence import attribution_for, place_for  # noqa: F401
from crisisdesk.nlp.syntax import conjuncts as _conjuncts  # noqa: F401
from crisisdesk.nlp.syntax import in_a_name, is_negated
from crisisdesk.nlp.syntax import is_parsed as _is_parsed  # noqa: F401
from crisisdesk.nlp.syntax import lemma_of as _lemma


def _in_a_name(token: Token) -> bool:
    """ "Legionnaires' Disease", "Centers for Disease Control", "WHO": a capitalised word inside a
    sentence, an acronym included, is part of a name."""
    return in_a_name(token, all_caps=True)


def _is_negated(token: Token) -> bool:
    """Negated by "not"/"never": "no water" is a lack, which the finders read themselves."""
    return is_negated(token, by_no=False)


def _has_people_subject(verb: Token) -> bool:
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and _is_people(subject)


# --- conditions' own reading of the parse --------------------------------------------------------

#: People a condition can be about.
PEOPLE_NOUNS = words("condition_people_nouns")
#: Counting words that stand for people ("thousands were trapped").
PEOPLE_COUNTS = words("condition_people_counts")


def _is_people(noun: Token) -> bool:
    return (
        _lemma(noun) in PEOPLE_NOUNS
        or noun.ent_type_ == "NORP"
        or noun.tag_ == "NNPS"
        or noun.like_num
        or noun.pos_ == "NUM"
        or _lemma(noun) in PEOPLE_COUNTS
        or noun.tag_ == "PRP"
    )


def _is(token: Token, vocabulary: frozenset[str]) -> bool:
    """By lemma or by form: the tagger's lemma of a rarer word can be off ("measles" → "measle",
    "rubble" read as a verb)."""
    return _lemma(token) in vocabulary or token.lower_ in vocabulary


def _modifiers(token: Token) -> set[str]:
    """Lemmas and forms of a noun's modifiers ("increasing needs": "increase" and "increasing")."""
    found: set[str] = set()
    for child in token.children:
        if child.dep_ in ("amod", "compound", "nmod"):
            found |= {_lemma(child), child.lower_}
    return found


def _object_of(prep: Token | None) -> Token | None:
    if prep is None:
        return None
    return next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)


def _right_edge(token: Token) -> int:
    """The last token of ``token``'s phrase, without a trailing relative or adverbial clause, a
    parenthesis or punctuation."""
    last = token.i
    for child in token.rights:
        if child.dep_ in ("relcl", "advcl", "parataxis", "acl") and child.i > token.i + 1:
            break
        if child.dep_ != "punct":
            last = max(last, child.right_edge.i)
    while last > token.i and token.doc[last].is_punct:
        last -= 1
    return last


def _right_edge_of_verb(verb: Token) -> int:
    """A verb with its particles ("swept away", "broke out")."""
    last = verb.i
    for child in verb.rights:
        if child.dep_ in ("prt", "acomp", "advmod") and child.i == last + 1:
            last = child.i
    return last


def _first_aux(verb: Token) -> Token:
    lefts = [c for c in verb.lefts if c.dep_ in ("aux", "auxpass", "neg", "advmod")]
    return lefts[0] if lefts else verb


def _patient(verb: Token) -> Token | None:
    """What the verb does something to: its object, the subject of a passive or of an unaccusative
    ("homes collapsed"), or, under "have" ("had their houses destroyed"), have's object."""
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass"):
            return child
    if verb.dep_ in ("ccomp", "xcomp", "oprd", "conj") and _lemma(verb.head) in ("have", "get", "leave"):
        have_object = next((c for c in verb.head.children if c.dep_ == "dobj"), None)
        if have_object is not None:
            return have_object
    if verb.dep_ == "conj":
        return _patient(verb.head)
    if verb.dep_ in ("acl", "relcl") and verb.tag_ == "VBN":
        return verb.head
    return next((c for c in verb.children if c.dep_ == "nsubj"), None)


def _has_patient_in(verb: Token, nouns: frozenset[str]) -> bool:
    patient = _patient(verb)
    return patient is not None and _lemma(patient) in nouns
