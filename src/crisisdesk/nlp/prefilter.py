"""The cheap first pass: which sentences of an article can hold a figure or a quantity.

Pure string processing over the repaired text (no spaCy model), so that the statistical models
only run where they are needed:

- a sentence with an amount (:func:`crisisdesk.nlp.numbers.find_amounts`, years left out) and a
  word of the figure lexicons (a counted noun, a term, a status: "people", "fled", "IDPs")
  *can hold a figure*: it gets the whole pipeline, entity recogniser included;
- a sentence with an amount and none of those words can hold a quantity ("$5 million", "30
  years"): it gets the parser, which says what the amount counts, but not the recogniser;
- a sentence without an amount but with a word that can name an event (:mod:`crisisdesk.nlp.events`:
  "shelled", "exodus", "arrests") gets the parser too: who did what to whom is read from it; so
  does one with a casualty word ("pronounced dead", "hurt"): the figures count the people it
  names without a number ("a man was pronounced dead");
- so does one that can state a humanitarian condition (:mod:`crisisdesk.nlp.conditions`): a word
  that states one anywhere ("basements", "stranded", "humanitarian"), or one that states one only
  in a crisis ("without", "food", "detained") beside a word that names a crisis ("refugees",
  "flood", "offensive");
- so does one with a word of saying of any stance (:mod:`crisisdesk.nlp.claims`: "said", "denies",
  "allegations", "vowed", "according to"): who says what is read from it. The claim finder starts
  only from such a word, so no claim of the naive path is missed (issue 21); and so does the
  sentence before one with "he", "she", "it" or "they", where the finder seeks the speaker;
- every other sentence only gets the tokenizer; places there come from the gazetteer alone.

The sentence splitter is deliberately simple (end punctuation before a capital or a digit, blank
lines, not after a common abbreviation): a sentence it fails to split is only parsed whole. A
"sentence" longer than :data:`MAX_SENTENCE_CHARS` (a list of lines without full stops, a table, a
blob) is cut into pieces of at most that length, at a line break if there is one, else at white
space, each read as a sentence of its own, and a warning names the article: every later step
(the parser, the pairing of facts with the places and times of their sentence) costs more than
linearly in the length of a sentence. No sentence of the news in ../shared/eval comes near it.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from crisisdesk.lexicon import words
from crisisdesk.nlp.cues import condition_cues, event_cues, figure_cue, inflections, saying_words, victim_cue  # noqa: F401  (inflections: re-exported)
from crisisdesk.nlp.numbers import Amount, find_amounts, looks_like_year
from crisisdesk.nlp.relevance import CRISIS_NEIGHBOURS  # noqa: F401  (re-exported: the reach of the crisis context)

logger = logging.getLogger(__name__)

#: Longest piece of text read as one sentence (see module docstring).
MAX_SENTENCE_CHARS = 2000

#: What each tier of sentence gets (see module docstring).
FIGURE, QUANTITY, EVENT, CONDITION, CLAIM, CONTEXT = "figure", "quantity", "event", "condition", "claim", "context"

_BOUNDARY = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])|\n[ \t\r\f\v]*\n\s*")
#: Words after which a full stop ends no sentence ("Mr. Smith", "U.S. forces", "No. 5", "J. Smith").
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Mt|Gen|Lt|Col|Maj|Capt|Sgt|Cpl|Adm|Cmdr|Sen|Rep|Gov|Pres|Prof|Rev|Hon|"
    r"No|Nos|Art|Fig|Vol|Inc|Co|Corp|Ltd|Bros|Jr|Sr|vs|etc|approx|est|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)|\b[A-Z]|\b[A-Za-z]\.[A-Za-z])\.$"
)
_WORD_AFTER = re.compile(r"\s*([A-Za-z]+)")
#: Words after a year that show it dates the clause ("In 2015 the war…", "2015 was"): lexicon ``year_dating_words``.
_FUNCTION_WORDS = words("year_dating_words")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    tier: str


def sentences(text: str) -> list[Sentence]:
    """The sentences of ``text`` with their tier; together they tile the whole text (each keeps
    the white space after it)."""
    bounds = sentence_bounds(text)
    tiers = [tier_of(text[start:end]) for start, end in bounds]
    if CONTEXT in tiers:
        # A word that states a condition only in a crisis counts beside a sentence naming one too
        # (as crisisdesk.nlp.conditions reads it): "Fuel is running out." after "The siege ...".
        _, in_crisis, crisis = condition_cues()
        named = [bool(crisis.search(text[start:end])) for start, end in bounds]
        for i, (start, end) in enumerate(bounds):
            near = named[max(0, i - CRISIS_NEIGHBOURS) : i + CRISIS_NEIGHBOURS + 1]
            if tiers[i] == CONTEXT and any(near) and in_crisis.search(text[start:end]):
                tiers[i] = CONDITION
    for i in range(1, len(bounds)):
        # "He said …", "It said …": the claim finder looks for whom the pronoun stands for in the
        # sentence before (its people, names and subject), so that one is read by the models too.
        if tiers[i - 1] == CONTEXT and _speaker_pronoun(text, *bounds[i]) and saying_words().search(text, *bounds[i]):
            tiers[i - 1] = CLAIM
    return [Sentence(start, end, tier) for (start, end), tier in zip(bounds, tiers)]


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, covering ``text`` from 0 to its length without gaps."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if match.group().startswith(".") and _ABBREVIATION.search(text[max(0, match.start() - 12) : match.start() + 1]):
            continue
        if match.end() > start:
            bounds.append((start, match.end()))
            start = match.end()
    if start < len(text) or not bounds:
        bounds.append((start, len(text)))
    if any(end - start > MAX_SENTENCE_CHARS for start, end in bounds):
        long = sum(end - start > MAX_SENTENCE_CHARS for start, end in bounds)
        logger.warning("%d sentence(s) over %d characters (from %r…) read in pieces", long, MAX_SENTENCE_CHARS, text[:40])
        bounds = [piece for start, end in bounds for piece in _pieces(text, start, end)]
    return bounds


_SPACE = re.compile(r"\s+")


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``text[start:end]`` cut into pieces of at most MAX_SENTENCE_CHARS characters (the white space
    at a cut stays with the piece before it), at the last line break of the second half of a
    piece, else its last white space, else anywhere."""
    pieces = []
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        cut = text.rfind("\n", start + MAX_SENTENCE_CHARS // 2, limit)
        if cut < 0:
            cut = max(text.rfind(" ", start + MAX_SENTENCE_CHARS // 2, limit), text.rfind("\t", start + MAX_SENTENCE_CHARS // 2, limit))
        cut = limit if cut < 0 else _SPACE.match(text, cut).end()
        cut = min(cut, end)
        pieces.append((start, cut))
        start = cut
    if start < end:
        pieces.append((start, end))
    return pieces


def tier_of(sentence: str) -> str:
    """FIGURE, QUANTITY, EVENT, CONDITION, CLAIM or CONTEXT for one sentence (see module docstring)."""
    if not any(_counts(sentence, a) for a in find_amounts(sentence)):
        # A casualty word counts its victims without a number ("a man was pronounced dead"):
        # parsed like an event sentence.
        if _event_cue(sentence) or victim_cue().search(sentence):
            return EVENT
        if _condition_cue(sentence):
            return CONDITION
        return CLAIM if _claim_cue(sentence) else CONTEXT
    return FIGURE if figure_cue().search(sentence) else QUANTITY


def _counts(sentence: str, amount: Amount) -> bool:
    # A bare year dates, it does not count ("in 2015", "from 1991 to 1997", "2015 was"); one
    # before a lower-case word may ("2000 people").
    if not looks_like_year(amount):
        return True
    after = _WORD_AFTER.match(sentence, amount.end)
    return bool(after and after.group(1).islower() and after.group(1) not in _FUNCTION_WORDS)


def _event_cue(sentence: str) -> bool:
    """Whether a word in ``sentence`` can name an event: one that names one by itself ("shelled",
    "exodus"), or one that needs an argument ("deliver", "return") together with a word that can
    be it ("aid", "refugees")."""
    alone, needy, arguments = event_cues()
    return bool(alone.search(sentence) or (needy.search(sentence) and arguments.search(sentence)))


def _condition_cue(sentence: str) -> bool:
    """Whether ``sentence`` can state a humanitarian condition: a word that states one anywhere, or
    one that does in a crisis beside a word that names a crisis."""
    alone, in_crisis, crisis = condition_cues()
    return bool(alone.search(sentence) or (in_crisis.search(sentence) and crisis.search(sentence)))


def _claim_cue(sentence: str) -> bool:
    """Whether ``sentence`` can hold a claim: a word of saying of any stance, plain reporting
    included ("said", "denies", "allegations", "according to"). Exact, not a guess: the claim
    finder starts only from such a word, so the fast path finds every claim the naive path finds
    (issue 21); plain "said" costs a parse of about an eighth of news text more."""
    return bool(saying_words().search(sentence))


#: The pronouns whose speaker the claim finder seeks in the sentence before
#: (crisisdesk.nlp.claims: _person_before, _party_before).
_SPEAKER_PRONOUN = re.compile(r"(?<![\w-])(?:he|she|it|they)(?![\w-])", re.IGNORECASE)


def _speaker_pronoun(text: str, start: int, end: int) -> bool:
    return bool(_SPEAKER_PRONOUN.search(text, start, end))
