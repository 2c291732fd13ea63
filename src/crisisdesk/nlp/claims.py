"""spaCy component ``crisisdesk_claims``: who says what, with what stance.

A claim is a statement a sentence attributes to a party, with its stance (one of
:data:`crisisdesk.model.STANCES`): an allegation ("denounces", "accused Baku of shelling",
"allegations of ethnic cleansing by Armenia"), a denial ("rejects allegations of ethnic
cleansing", "denied shelling villages"), a claim ("claims to be delivering aid": said, not
established), a promise ("pledged to", "reassured residents that they are free to leave", "said
it would send a mission") or a report ("said", "announced", "according to the ministry"). Read
from the parse by rules of English:

1. The cue: a verb of saying by lemma (``lexicon/claims.toml``), a noun of saying that has what is said
   or who says it ("allegations of", "promises from Azerbaijan", "claims that"; never a modifier:
   "the claims office"), or "according to X". A negated or merely possible cue ("did not deny",
   "could claim") says nothing.
2. The speaker: the subject of the verb (after it too: "“…,” denounces the Ambassador"), the "by"
   phrase of a passive, the subject of a coordinated verb, the antecedent of "which"/"who", the
   possessor or "by"/"from" phrase of a noun. "He"/"she" stands for the last person named or
   titled before it ("the head of the region: He said…"); "it"/"they" in a clause of saying for
   the speaker of that clause.
3. The content: the clause said (a "that" clause, a quote, an infinitive: "claims to be
   delivering"), the "of" phrase of an accusation, the object of a denial (and what that object
   says, when it is itself an allegation: "rejects allegations of X" denies X); for "according
   to", the clause it hangs on.
4. The topic: a short key of what the content is about, from its head: a noun phrase by its
   lemmas ("ethnic cleansing"), a verb with its object as a noun phrase ("humanitarian aid
   delivery", "village shelling"), an event of :mod:`crisisdesk.nlp.events` by its label; a
   copula by what it predicates ("this is ethnic cleansing" → "ethnic cleansing").
5. Polarity: negative when the speaker holds the content not to be so: a denial, or a negated
   content ("said no civilians were hurt"); the two cancel.
6. Stance from the cue, except that a plain verb of saying whose content is the speaker's own
   future act ("The UN said it would send a mission") is a promise.

Runs after ``crisisdesk_events``; sets ``doc._.crisisdesk_claims``: a list of :class:`crisisdesk.model.Claim`
in document character offsets, in text order. Sentences the prefilter left unparsed hold no
claim (it parses the sentences with a strong cue word; see :mod:`crisisdesk.nlp.prefilter`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

import crisisdesk.nlp.extensions  # noqa: F401  (registers the crisisdesk_* Doc extensions)
from crisisdesk import lexicon
from crisisdesk.model import EVENT_LABELS, Claim, PlaceMention, TimeExpression
from crisisdesk.nlp import events as _events
from crisisdesk.nlp.events import STATE_ACTOR_NOUNS, SUPPORT_VERBS, state_of
from crisisdesk.nlp.evidence import dateline_in, place_for, time_for, trimmed_sentence
from crisisdesk.nlp.figures import english_nouns
from crisisdesk.nlp.syntax import by_phrase as _by_phrase
from crisisdesk.nlp.syntax import is_negated, is_parsed, noun_phrase
from crisisdesk.nlp.syntax import lemma_of as _lemma
from crisisdesk.nlp.syntax import subtree_span as _span_of
from crisisdesk.nlp.within import OffsetList, in_sentence, within

# --- lexicon (lemmas, lower case; the lists are in crisisdesk/lexicon/claims.toml) ----------------

_words = lexicon.words

#: Verbs and nouns of saying and the stance each gives what is said ("allegations of", "claims that").
STANCE_VERBS: dict[str, str] = lexicon.table("stance_verbs")
STANCE_NOUNS: dict[str, str] = lexicon.table("stance_nouns")
STATEMENT_DENIALS = _words("statement_denials")
#: What a statement denial can take: things said, and the nouns of saying.
STATEMENT_NOUNS = _words("statement_nouns") | frozenset(STANCE_NOUNS)
CLAUSE_ONLY_VERBS = _words("clause_only_verbs")
#: Verbs whose object is whom the allegation is against: verb → the prepositions of the content.
TARGET_VERBS: dict[str, frozenset[str]] = {verb: frozenset(found) for verb, found in lexicon.table("target_verbs").items()}
CLAIMED_OBJECTS = _words("claimed_objects")
MAKING_VERBS = _words("making_verbs")
POSSIBILITY_MODALS = _words("hedging_modals")
FUTURE_MODALS = _words("future_modals")
PERSON_NOUNS = _words("person_nouns")
BODY_NOUNS = _words("body_nouns")
#: Speakers that are officials of the state named in their phrase: state actors and officials.
OFFICIAL_NOUNS = STATE_ACTOR_NOUNS | _words("official_nouns")
QUANTITY_NOUNS = _words("partitive_quantity_nouns")
STATIVE_VERBS = _words("stative_content_verbs")
_VAGUE_MODIFIERS = _words("vague_modifiers")
_THIRD_PERSON = frozenset({"he", "she"})
_NON_PERSON = frozenset({"it", "they"})
_PRONOUNS = _words("speaker_pronouns")
_DATELINE_MARKS = frozenset({"—", "–", "--", ":", "\ufffd"})
_QUOTES = frozenset("\"'“”‘’«»")
#: Suffixes that make a noun of a verb, in the order tried, each with the shortest stem it takes
#: ("deny" → "denial", but not "plan" → "planation").
_NOMINAL_SUFFIXES: dict[str, int] = lexicon.table("nominal_suffixes")


# --- the component ------------------------------------------------------------------------------


@Language.factory(
    "crisisdesk_claims",
    requires=["token.dep", "token.head", "token.lemma", "token.tag", "doc._.crisisdesk_places", "doc._.crisisdesk_times"],
    assigns=["doc._.crisisdesk_claims"],
)
def make_claims(nlp: Language, name: str) -> ClaimFinder:
    return ClaimFinder(english_nouns(nlp))


class ClaimFinder:
    """Sets ``doc._.crisisdesk_claims`` from the parse, ``doc._.crisisdesk_places`` and ``doc._.crisisdesk_times``."""

    def __init__(self, nouns: frozenset[str] = frozenset()) -> None:
        self.nouns = nouns

    def __call__(self, doc: Doc) -> Doc:
        doc._.crisisdesk_claims = claims_in(doc, nouns=self.nouns)
        return doc


@dataclass(frozen=True, slots=True)
class _Cue:
    stance: str
    words: Span  # the evidence: the verb, the noun, "According to"
    speaker: Token | None
    content: Token | None  # the head of what is said
    exclude: Span | None = None  # words inside the content's subtree that are not said ("…, the ministry said")
    target: Token | None = None


def claims_in(doc: Doc, *, nouns: frozenset[str] = frozenset()) -> list[Claim]:
    """The claims of ``doc`` in text order (see module docstring). ``nouns``: the English nouns
    (see :func:`crisisdesk.nlp.figures.english_nouns`), for topics made from verbs."""
    all_places = getattr(doc._, "crisisdesk_places", None) or [] if Doc.has_extension("crisisdesk_places") else []
    # Indexed by offset once per Doc: each claim looks up the places and times of its own sentence.
    places = OffsetList(m for m in all_places if m.locates)
    adjectives = OffsetList(m for m in all_places if m.adjectival and not m.embedded)  # "Syrian Democratic Forces" is no state
    times = OffsetList((getattr(doc._, "crisisdesk_times", None) or []) if Doc.has_extension("crisisdesk_times") else [])
    claims: list[Claim] = []
    for sentence in doc.sents:
        if not is_parsed(sentence):
            continue
        for cue in _cues(sentence):
            claims.append(_claim(sentence, cue, places, adjectives, times, nouns))
    claims.sort(key=lambda c: (c.start, c.end))
    return claims


# --- cues ---------------------------------------------------------------------------------------


def _cues(sentence: Span) -> Iterator[_Cue]:
    consumed: set[int] = set()  # statement nouns a verb's claim already covers ("rejects allegations")
    found: list[_Cue] = []
    for token in sentence:
        if token.pos_ in ("VERB", "AUX") and _lemma(token) in STANCE_VERBS:
            cue = _verb_cue(token)
            if cue is not None:
                found.append(cue)
                if cue.content is not None:
                    consumed.add(cue.content.i)
                consumed.update(c.i for c in token.children if c.dep_ in ("dobj", "nsubjpass"))
        elif token.lower_ == "according":
            cue = _according_cue(token)
            if cue is not None:
                found.append(cue)
    for token in sentence:
        if token.i not in consumed and token.pos_ in ("NOUN", "PROPN") and _lemma(token) in STANCE_NOUNS:
            cue = _noun_cue(token)
            if cue is not None:
                found.append(cue)
    yield from found


def _verb_cue(verb: Token) -> _Cue | None:
    lemma = _lemma(verb)
    stance = STANCE_VERBS[lemma]
    if is_negated(verb, by_no=True) or any(c.dep_ == "aux" and c.lower_ in POSSIBILITY_MODALS for c in verb.children):
        return None  # "did not deny", "could claim": nothing is said
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    speaker = _by_phrase(verb) if passive else _speaker(verb)
    target = None
    content = _clause(verb)
    exclude = None
    if lemma in TARGET_VERBS:
        target = next((c for c in verb.children if c.dep_ in ("nsubjpass" if passive else "dobj",)), None)
        content = content or _prep_object(verb, TARGET_VERBS[lemma])
        if content is None and lemma == "warn":
            return None
    if content is None and lemma in ("reassure", "assure"):
        content = _prep_object(verb, frozenset({"of"})) or _clause_on_object(verb)
    if content is None and lemma in ("tell", "promise", "warn"):
        content = _clause_on_object(verb)
    if content is None and lemma not in TARGET_VERBS and lemma not in CLAUSE_ONLY_VERBS:
        obj = next((c for c in verb.children if c.dep_ == ("nsubjpass" if passive else "dobj")), None)
        if obj is not None and obj.lower_ not in _PRONOUNS:
            if lemma in STATEMENT_DENIALS and _lemma(obj) not in STATEMENT_NOUNS:
                return None  # "rejected the proposal", "dismissed the minister"
            if lemma == "claim" and _lemma(obj) not in CLAIMED_OBJECTS:
                return None  # "the attack claimed 10 lives"
            content = _said_by(obj) or obj
        elif lemma in ("deny",):
            content = next((c for c in verb.children if c.dep_ == "pcomp"), None)
    if content is None and verb.dep_ == "parataxis" and verb.head.pos_ in ("VERB", "AUX"):
        content, exclude = verb.head, verb.doc[verb.left_edge.i : verb.right_edge.i + 1]  # "The army, the ministry said, shelled…"
    if content is None:
        return None  # nothing said
    if stance == "promise" and content is not None and _lemma(content) == "be" and (speaker is None or not _can_speak(speaker)):
        return None  # "the 6th edition promises to be the most energetic": a prospect, not a promise
    if stance == "report" and speaker is None:
        return None  # "were reported killed": a hedge, no one's statement
    if stance == "report" and _own_future(speaker, content):
        stance = "promise"
    return _Cue(stance, verb.doc[verb.i : verb.i + 1], speaker, content, exclude, target)


def _clause(verb: Token) -> Token | None:
    """What the verb says as a clause: a "that" clause or a quote (ccomp), an infinitive or a
    gerund ("claims to be delivering", "denied shelling")."""
    for dep in ("ccomp", "xcomp"):
        found = next((c for c in verb.children if c.dep_ == dep), None)
        if found is not None:
            return found
    return None


def _clause_on_object(verb: Token) -> Token | None:
    """A "that" clause the parse hangs on the verb's object ("reassured the residents that they
    are free to leave")."""
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        for child in obj.children:
            if child.dep_ in ("acl", "relcl", "ccomp") and any(m.dep_ == "mark" and m.lower_ == "that" for m in child.children):
                return child
    return None


def _prep_object(head: Token, prepositions: frozenset[str]) -> Token | None:
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in prepositions:
            found = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if found is not None:
                return found
    return None


def _said_by(noun: Token) -> Token | None:
    """What a statement noun says: "allegations of ethnic cleansing", "claims that…", "a promise
    to leave", "reports about arrests"."""
    if _lemma(noun) not in STATEMENT_NOUNS:
        return None
    for child in noun.children:
        if child.dep_ in ("acl", "ccomp", "relcl") and (
            any(m.dep_ == "mark" and m.lower_ == "that" for m in child.children) or child.tag_ == "VB" or child.dep_ == "ccomp"
        ):
            if child.dep_ == "relcl" and any(c.dep_ in ("nsubj", "dobj") and c.lower_ in ("that", "which") for c in child.children):
                continue  # "the claims that he made": a relative clause, not what is claimed
            return child
    return _prep_object(noun, frozenset({"of", "about", "over", "regarding", "concerning"}))


def _noun_cue(noun: Token) -> _Cue | None:
    """ "allegations of ethnic cleansing", "promises from Azerbaijan", "Baku's claims that…"."""
    if noun.dep_ in ("compound", "amod", "nmod") or (noun.pos_ == "PROPN" and not noun.is_sent_start):
        return None  # "the claims office", "Claims Conference"
    if is_negated(noun, by_no=True):
        return None  # "no claims"
    content = _said_by(noun)
    speaker = _noun_speaker(noun, content)
    stance = STANCE_NOUNS[_lemma(noun)]
    if content is None and (stance == "claim" or speaker is None):
        return None  # "insurance claims", "a promise": nothing said by anyone
    return _Cue(stance, noun.doc[noun.i : noun.i + 1], speaker, content)


def _noun_speaker(noun: Token, content: Token | None) -> Token | None:
    for child in noun.children:
        if child.dep_ == "poss" and child.lower_ not in _PRONOUNS:
            return child
    for child in noun.children:
        if child.dep_ in ("prep", "agent") and child.lower_ in ("by", "from"):
            if child.lower_ == "by" and content is not None and child.i > content.i:
                continue  # "allegations of torture by the police": who tortured, not who alleges
            found = next((c for c in child.children if c.dep_ == "pobj"), None)
            if found is not None:
                return found
    for child in noun.children:
        if child.dep_ in ("amod", "compound") and child.i < noun.i and _names_a_party(child):
            return child  # "Azerbaijani denials", "UN promises"
    if noun.dep_ == "dobj" and _lemma(noun.head) in MAKING_VERBS:
        return _speaker(noun.head)  # "Armenia has made allegations of…"
    return None


def _names_a_party(token: Token) -> bool:
    return token.ent_type_ in ("NORP", "GPE", "ORG") or (token.pos_ == "PROPN" and token.is_upper and len(token.text) >= 2)


def _according_cue(according: Token) -> _Cue | None:
    """ "According to the ministry, 300 people were killed": a report by the ministry of the clause
    the phrase hangs on."""
    to = next((c for c in according.children if c.lower_ == "to"), None)
    if to is None and according.i + 1 < len(according.doc) and according.nbor().lower_ == "to":
        to = according.nbor()
    source = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    if source is None:
        return None
    clause = according.head
    for _ in range(4):
        if clause.pos_ in ("VERB", "AUX") or clause.head == clause:
            break
        clause = clause.head
    if clause.is_ancestor(according) is False or clause == according:
        return None
    words = according.doc[according.i : to.i + 1]
    phrase = according.doc[according.left_edge.i : according.right_edge.i + 1]
    return _Cue("report", words, source, clause, phrase)


# --- the speaker --------------------------------------------------------------------------------


def _speaker(verb: Token) -> Token | None:
    """The verb's subject, through coordination and control ("rejects … and reassured",
    "claims to be"), relative pronouns and personal pronouns."""
    current = verb
    subject = None
    for _ in range(4):
        subject = next((c for c in current.children if c.dep_ in ("nsubj", "csubj")), None)
        if subject is not None or current.dep_ not in ("conj", "xcomp") or current.head == current:
            break
        current = current.head
    if subject is None:
        return None
    if subject.lower_ in ("who", "which", "that") and current.dep_ == "relcl":
        return _antecedent(subject, current.head)
    if subject.lower_ in _THIRD_PERSON | _NON_PERSON:
        above = _speaker_above(current)
        if above is not None:
            return above  # "Liverpool said it condemned…"
    if subject.lower_ in _THIRD_PERSON:
        return _person_before(subject) or subject
    if subject.lower_ in _NON_PERSON:
        return _party_before(subject) or subject
    return subject


def _speaker_above(verb: Token) -> Token | None:
    """The named subject of the verb of saying whose clause ``verb`` is ("Liverpool said it
    condemned the damage": Liverpool)."""
    if verb.dep_ not in ("ccomp", "xcomp") or verb.head == verb:
        return None
    governor = verb.head
    if governor.pos_ not in ("VERB", "AUX") or STANCE_VERBS.get(_lemma(governor)) is None:
        return None
    subject = next((c for c in governor.children if c.dep_ == "nsubj"), None)
    return subject if subject is not None and subject.lower_ not in _PRONOUNS else None


def _antecedent(pronoun: Token, head: Token) -> Token:
    """What "which"/"who" stands for: the noun the clause hangs on, unless that cannot speak and
    a party is named just before the pronoun ("promises from Azerbaijan, which rejects…")."""
    if _can_speak(head):
        return head
    before = pronoun.i - 1
    while before > head.i and (pronoun.doc[before].is_punct or pronoun.doc[before].is_space):
        before -= 1
    candidate = pronoun.doc[before]
    if before > head.i and head.is_ancestor(candidate) and _can_speak(candidate):
        return candidate
    return head


def _can_speak(token: Token) -> bool:
    if token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return True
    lemma = _lemma(token) or token.lower_
    return token.pos_ == "PROPN" or lemma in PERSON_NOUNS or lemma in BODY_NOUNS


def _person_before(pronoun: Token) -> Token | None:
    """The last person named or titled before "he"/"she", in its sentence or the one before."""
    doc = pronoun.doc
    sentence = pronoun.sent
    start = doc[sentence.start - 1].sent.start if sentence.start > 0 else sentence.start
    for i in range(pronoun.i - 1, start - 1, -1):
        token = doc[i]
        if token.ent_type_ == "PERSON" and (i + 1 >= len(doc) or doc[i + 1].ent_type_ != "PERSON" or doc[i + 1].ent_iob_ == "B"):
            return token
        if token.pos_ in ("NOUN", "PROPN", "") and (_lemma(token) or token.lower_) in PERSON_NOUNS and token.tag_ != "NNS":
            return token
        if token.pos_ == "PROPN" and token.dep_ in ("nsubj", "nsubjpass") and not token.ent_type_ and not _is_a_place(token):
            return token  # a named subject where the recogniser did not run ("AMLO … he promised")
    return None


def _is_a_place(token: Token) -> bool:
    places = (getattr(token.doc._, "crisisdesk_places", None) or []) if Doc.has_extension("crisisdesk_places") else []
    return any(m.start <= token.idx < m.end for m in places)


def _party_before(pronoun: Token) -> Token | None:
    """What "it"/"they" stands for in a clause of saying: the subject of the sentence before,
    when that is a party ("The ministry issued a statement. It said…")."""
    doc = pronoun.doc
    sentence = pronoun.sent
    if sentence.start == 0 or pronoun.dep_ != "nsubj" or _lemma(pronoun.head) not in STANCE_VERBS:
        return None
    previous = doc[sentence.start - 1].sent
    root = previous.root
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.lower_ in _PRONOUNS or not _can_speak(subject):
        return None
    plural = subject.tag_ in ("NNS", "NNPS")
    return subject if plural == (pronoun.lower_ == "they") else None


def _own_future(speaker: Token | None, content: Token) -> bool:
    """Whether the content is the speaker's own future act: "The UN said it would send", "He said
    he would stay"."""
    if content.pos_ not in ("VERB", "AUX") or not any(c.dep_ == "aux" and c.lower_ in FUTURE_MODALS for c in content.children):
        return False
    if _lemma(content) in STATIVE_VERBS or any(c.dep_ == "aux" and c.lower_ in ("if",) for c in content.children):
        return False  # "he would be comfortable with…": a view, not an undertaking
    subject = next((c for c in content.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or speaker is None:
        return False
    if subject.lower_ in ("i", "we"):
        return True
    if speaker.lower_ in _THIRD_PERSON or _lemma(speaker) in PERSON_NOUNS or speaker.ent_type_ == "PERSON":
        return subject.lower_ in _THIRD_PERSON
    return subject.lower_ in _NON_PERSON or _lemma(subject) == _lemma(speaker)


# --- the claim ----------------------------------------------------------------------------------


def _claim(
    sentence: Span,
    cue: _Cue,
    places: Sequence[PlaceMention],
    adjectives: Sequence[PlaceMention],
    times: Sequence[TimeExpression],
    nouns: frozenset[str],
) -> Claim:
    start, end, text = trimmed_sentence(sentence)
    content = _content_span(cue)
    speaker_span = _speaker_span(cue.speaker) if cue.speaker is not None else None
    polarity = "negative" if (cue.stance == "denial") != (cue.content is not None and _is_negative(cue.content)) else "positive"
    anchor = cue.content if cue.content is not None else cue.words.root
    return Claim(
        stance=cue.stance,
        text=cue.words.text,
        start=cue.words.start_char,
        end=cue.words.end_char,
        sentence=text,
        sentence_start=start,
        sentence_end=end,
        speaker=speaker_span.text if speaker_span is not None else None,
        speaker_country=_speaker_country(cue.speaker, places, adjectives) if cue.speaker is not None else None,
        content=content.text if content is not None else None,
        content_start=content.start_char if content is not None else None,
        content_end=content.end_char if content is not None else None,
        topic=topic_of(cue.content, nouns) if cue.content is not None else None,
        polarity=polarity,
        target=noun_phrase(cue.target) if cue.target is not None else None,
        place=_place(sentence, cue, anchor, places, speaker_span),
        time=_time(sentence, cue, anchor, times),
    )


def _speaker_span(token: Token) -> Span:
    """The speaker's noun phrase ("the Ambassador of the Republic of Armenia", "the head of the
    region"), without a leading "but also"; in a sentence the prefilter did not parse, the
    titled noun with its article and "of" phrase."""
    doc = token.doc
    dateline = dateline_in(token.sent)
    if dateline is not None and token.idx < dateline.end:
        # A speaker inside the dateline is the agency it names ("BEIRUT (AP) says …": AP).
        named = doc.char_span(dateline.agency_start, dateline.agency_end)
        if named is not None:
            return named
    if token.dep_ == "dep" or not is_parsed(token.sent):
        first, last = token.i, token.i
        if first > token.sent.start and doc[first - 1].lower_ in ("the", "a", "an"):
            first -= 1
        if last + 2 < token.sent.end and doc[last + 1].lower_ == "of":
            last += 2
            if doc[last].lower_ in ("the", "a", "an") and last + 1 < token.sent.end:
                last += 1
        return doc[first : last + 1]
    # The noun phrase as events read actors (events.noun_phrase), as a span.
    kept = [token]
    for child in token.children:
        if child.dep_ in ("relcl", "acl", "advcl", "appos", "parataxis", "punct", "cc", "prep", "case") and not (
            child.dep_ == "prep" and child.i > token.i and (child.lower_ == "of" or _names(child))
        ):
            continue
        kept.extend(child.subtree)
    first, last = min(t.i for t in kept), max(t.i for t in kept)
    # A dateline before the speaker ("BEIRUT (AP) — A Kurdish militia spokesman") is not theirs.
    end = dateline.end if dateline is not None else token.sent.start_char
    for i in range(first, token.i):
        if doc[i].text in _DATELINE_MARKS or doc[i].lower_ == "(ap)" or doc[i].idx < end:
            first = i + 1
    while first < token.i and (doc[first].dep_ in ("cc", "advmod", "punct", "preconj") or doc[first].text in _QUOTES):
        first += 1
    while last > token.i and (doc[last].is_punct or doc[last].dep_ == "cc"):
        last -= 1
    opened = [t.i for t in doc[first : last + 1] if t.text == "("]
    if opened and not any(t.text == ")" for t in doc[opened[-1] : last + 1]) and opened[-1] > token.i:
        last = opened[-1] - 1  # "the Centre for Monitoring Indian Economy (CMIE" without its ")"
    return doc[first : last + 1]


def _names(preposition: Token) -> bool:
    """A preposition inside a name: "the Centre for Monitoring Indian Economy"."""
    objects = [c for c in preposition.children if c.dep_ == "pobj"]
    return bool(objects) and all(t.text[:1].isupper() or t.is_punct for t in objects[0].subtree if t.dep_ != "det")


def _speaker_country(speaker: Token, places: Sequence[PlaceMention], adjectives: Sequence[PlaceMention]) -> str | None:
    """ISO3 of the state the speaker is or speaks for: "Azerbaijan", "Baku", "the Azerbaijani
    government" (as events read actors), and an official of a country named in its phrase: "the
    Ambassador of the Republic of Armenia to France", "Armenia's foreign minister"."""
    if speaker.lower_ in _PRONOUNS or not is_parsed(speaker.sent):
        return None
    country = state_of(speaker, places, adjectives)
    if country is not None or _lemma(speaker) not in OFFICIAL_NOUNS:
        return country
    span = _speaker_span(speaker)
    if any(_lemma(t) in _events.NON_STATE_MODIFIERS for t in span):
        return None
    named = [
        m for m in (*within(places, span.start_char, span.end_char), *within(adjectives, span.start_char, span.end_char))
        if m.place is not None and m.place.kind == "country"
    ]  # fmt: skip
    return named[0].place.country if named else None


def _content_span(cue: _Cue) -> Span | None:
    """The words of what is said: the content's subtree, without the cue's own words, the quotes
    and the punctuation at its edges and a leading "that"."""
    if cue.content is None:
        return None
    doc = cue.content.doc
    first, last = cue.content.left_edge.i, cue.content.right_edge.i
    skip = set(range(cue.exclude.start, cue.exclude.end)) if cue.exclude is not None else set()
    skip.update(range(cue.words.start, cue.words.end))
    tokens = [t for t in doc[first : last + 1] if t.i not in skip]
    if cue.exclude is not None and tokens:
        # keep the longer side of the excluded words ("…, the ministry said" leaves what comes before)
        before = [t for t in tokens if t.i < cue.exclude.start]
        after = [t for t in tokens if t.i >= cue.exclude.end]
        # the side that holds the clause's head ("…, the ministry said"; "X hit 6%, according to Y, a think-tank")
        tokens = before if cue.content.i < cue.exclude.start or (cue.content in cue.exclude and len(before) >= len(after)) else after
    dateline = dateline_in(cue.content.sent)
    if dateline is not None:
        tokens = [t for t in tokens if t.idx >= dateline.end]  # "BEIRUT (AP) —" is not what is said
    opening = next((k for k, t in enumerate(tokens) if t.tag_ == "``" or t.text in ("“", "«")), None)
    if (
        opening is not None
        and opening > 0
        and tokens[opening - 1].text in (":", ",", "—", "-")
        and not any(t.tag_ == "''" for t in tokens[:opening])
    ):
        tokens = tokens[opening:]  # "Nagorno-Karabakh: “It is clear…”": what is said is the quote
    while tokens and (tokens[0].is_punct or tokens[0].text in _QUOTES or (tokens[0].dep_ == "mark" and tokens[0].lower_ == "that")):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].text in _QUOTES):
        tokens = tokens[:-1]
    if not tokens:
        return None
    return doc[tokens[0].i : tokens[-1].i + 1]


def _is_negative(content: Token) -> bool:
    """ "no one was hurt", "had not shelled", "there was no ethnic cleansing", "never"."""
    heads = [content, *(c for c in content.children if c.dep_ in ("attr", "dobj", "nsubj", "nsubjpass"))]
    for head in heads:
        for child in head.children:
            if child.dep_ == "neg" or (child.dep_ in ("det", "advmod") and child.lower_ in ("no", "never")):
                return True
        if head is not content and head.lower_ in ("nobody", "nothing", "none", "no-one"):
            return True
    return False


def _place(sentence: Span, cue: _Cue, anchor: Token, places: Sequence[PlaceMention], speaker: Span | None) -> PlaceMention | None:
    """The nearest place in the claim's own clause, never the speaker ("Azerbaijan rejects…")."""
    doc = sentence.doc
    clause = cue.words.root
    inside = []
    # Only the sentence's places by characters: place_for keeps no other.
    for mention in in_sentence(places, sentence):
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or not (sentence.start <= span.start and span.end <= sentence.end):
            continue
        if any(other is not None and span.start < other.end and other.start < span.end for other in (speaker, _span_of(cue.target))):
            continue  # "Azerbaijan rejects…", "accused Azerbaijan of…": who speaks and whom, not where
        if clause.is_ancestor(span.root) or anchor.is_ancestor(span.root) or span.root == anchor:
            inside.append(mention)
    return place_for(anchor, sentence, inside, exclude=speaker) if inside else None


def _time(sentence: Span, cue: _Cue, anchor: Token, times: Sequence[TimeExpression]) -> TimeExpression | None:
    """The date the sentence gives the claim or what it says: the time expression nearest in the
    parse to the content, within the claim's clause."""
    return time_for(anchor, cue.words.root, sentence, times)


# --- topics -------------------------------------------------------------------------------------


def topic_of(content: Token, nouns: frozenset[str] = frozenset()) -> str | None:
    """A short normalised key of what the content is about, from its head (see module docstring):
    "ethnic cleansing", "humanitarian aid delivery", "mission deployed"."""
    head = content
    for _ in range(6):
        if _lemma(head) == "be" or (head.pos_ == "AUX" and head.dep_ != "aux"):
            inner = next((c for c in head.children if c.dep_ == "ccomp"), None)
            if inner is not None and any(c.dep_ == "acomp" or c.lower_ in ("it", "this") for c in head.children):
                head = inner  # "it is clear that this is ethnic cleansing"
                continue
            attr = next((c for c in head.children if c.dep_ in ("attr",)), None)
            if attr is not None:
                head = attr
                continue
            acomp = next((c for c in head.children if c.dep_ == "acomp"), None)
            if acomp is not None:
                head = acomp
                continue
            return None
        break
    if head.pos_ == "ADJ":
        then = next((c for c in head.children if c.dep_ == "xcomp"), None)
        return f"{head.lower_} to {_lemma(then)}" if then is not None else head.lower_
    if head.pos_ in ("NOUN", "PROPN"):
        return _noun_key(head) or None
    if head.pos_ in ("VERB", "AUX"):
        return _verb_key(head, nouns)
    return None


def _noun_key(noun: Token) -> str:
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    inner = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if inner is not None and (noun.tag_ == "CD" or noun.pos_ in ("NUM", "ADJ", "PRON") or _lemma(noun) in QUANTITY_NOUNS):
        noun = inner  # "most of the towns", "thousands of American factories": the towns, the factories
    words = []
    for child in noun.children:
        if child.i < noun.i and child.dep_ in ("amod", "compound", "nmod") and child.pos_ in ("ADJ", "NOUN", "PROPN", "VERB"):
            if child.lower_ not in _VAGUE_MODIFIERS and child.text not in _QUOTES:
                proper = child.pos_ == "PROPN" or (child.text[:1].isupper() and not child.is_sent_start and not child.is_upper)
                words.append((child.i, child.text if proper else child.lower_))
    head = noun.text if noun.pos_ == "PROPN" else (_lemma(noun) or noun.lower_)
    return " ".join([w for _, w in sorted(words)] + [head])


def _verb_key(verb: Token, nouns: frozenset[str]) -> str | None:
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass") and c.lower_ not in _PRONOUNS]
    obj = objects[0] if objects else None
    lemma = _lemma(verb)
    if obj is not None and lemma in SUPPORT_VERBS:
        return _noun_key(obj)  # "carried out summary executions", "launched an offensive": the act
    kind = _events.event_type(verb)
    derived = _nominal(lemma, nouns)
    if kind is not None and (derived is None or derived.endswith("ing") and derived not in _events.EVENT_NOUNS):
        return EVENT_LABELS[kind]  # "sent a mission", "evacuated" with no noun of its own: the event's name
    if obj is not None:
        return f"{_noun_key(obj)} {derived or _gerund(lemma, nouns)}"  # "humanitarian aid delivery", "city rebuilding"
    return derived or (lemma if lemma in nouns else _gerund(lemma, nouns))  # "stay"


def _gerund(verb: str, nouns: frozenset[str]) -> str:
    doubled = verb + verb[-1:] + "ing"  # "stopping", "shipping"
    if doubled in nouns:
        return doubled
    return (verb[:-1] if verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")) else verb) + "ing"


def _nominal(verb: str, nouns: frozenset[str]) -> str | None:
    """The noun English makes of a verb by a regular suffix ("deliver" → "delivery", "evacuate" →
    "evacuation", "deploy" → "deployment", "deny" → "denial"), or its gerund when English lists
    that as a noun ("killing", "rebuilding"); None without the noun list."""
    return _nominal_cached(verb, nouns)


@lru_cache(maxsize=4096)
def _nominal_cached(verb: str, nouns: frozenset[str]) -> str | None:
    if not nouns or not verb:
        return None
    stems = [verb]
    if verb.endswith("e"):
        stems.append(verb[:-1])
    if verb.endswith("y"):
        stems.append(verb[:-1] + "i")
    for suffix, shortest in _NOMINAL_SUFFIXES.items():
        for stem in stems:
            # Short stems take only the short suffixes: "deny" → "denial", not "plan" → "planation".
            if len(stem) >= shortest and stem + suffix in nouns:
                return stem + suffix
    gerund = _gerund(verb, nouns)
    return gerund if gerund in nouns else None
