"""The cheap first pass: which sentences of an article can hold a figure or a quantity.

Pure string processing over the repaired text (no spaCy model), so that the statistical models
only run where they are needed:

- a sentence with an amount (:func:`crisisdesk.nlp.numbers.find_amounts`, years left out) and a
  word of the figure lexicons (a counted noun, a term, a status: "people", "fled", "IDPs")
  *can hold a figure*: it gets the whole pipeline, entity recogniser included;
- a sentence with an amount and none of those words can hold a quantity ("$5 million", "30
  years"): it gets the parser, which says what the amount counts, but not the recogniser;
- a sentence without an amount but with a word that can name an event (:mod:`crisisdesk.nlp.events`:
  "shelled", "exodus", "arrests") gets the parser too: who did what to whom is read from it;
- so does one that can state a humanitarian condition (:mod:`crisisdesk.nlp.conditions`): a word
  that states one anywhere ("basements", "stranded", "humanitarian"), or one that states one only
  in a crisis ("without", "food", "detained") beside a word that names a crisis ("refugees",
  "flood", "offensive");
- so does one with a strong word of stance (:mod:`crisisdesk.nlp.claims`: "denies", "allegations",
  "vowed", "according to") or a verb of saying with the speaker's own future ("said it would
  send"): who says what is read from it. Plain "said" alone does not: most news sentences have
  one, and a bare report is the least of what a claim can tell;
- every other sentence only gets the tokenizer; places there come from the gazetteer alone.

The sentence splitter is deliberately simple (end punctuation before a capital or a digit, blank
lines, not after a common abbreviation): a sentence it fails to split is only parsed whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from crisisdesk.nlp.numbers import Amount, find_amounts, looks_like_year

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
#: Words after a year that show it dates the clause ("In 2015 the war…", "2015 was").
_FUNCTION_WORDS = frozenset("the a an and or but to of in on at for with by from was were is are as when that this its their".split())

#: Irregular forms of the figure lexicons' words that no stem below matches.
_IRREGULAR_FORMS = "fled left driven drove men women children dead burnt died dying hurt".split()


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
        from crisisdesk.nlp.conditions import CRISIS_NEIGHBOURS

        _, in_crisis, crisis = _condition_cues()
        named = [bool(crisis.search(text[start:end])) for start, end in bounds]
        for i, (start, end) in enumerate(bounds):
            near = named[max(0, i - CRISIS_NEIGHBOURS) : i + CRISIS_NEIGHBOURS + 1]
            if tiers[i] == CONTEXT and any(near) and in_crisis.search(text[start:end]):
                tiers[i] = CONDITION
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
    return bounds


def tier_of(sentence: str) -> str:
    """FIGURE, QUANTITY, EVENT, CONDITION, CLAIM or CONTEXT for one sentence (see module docstring)."""
    if not any(_counts(sentence, a) for a in find_amounts(sentence)):
        if _event_cue(sentence):
            return EVENT
        if _condition_cue(sentence):
            return CONDITION
        return CLAIM if _claim_cue(sentence) else CONTEXT
    return FIGURE if _figure_cue().search(sentence) else QUANTITY


def _counts(sentence: str, amount: Amount) -> bool:
    # A bare year dates, it does not count ("in 2015", "from 1991 to 1997", "2015 was"); one
    # before a lower-case word may ("2000 people").
    if not looks_like_year(amount):
        return True
    after = _WORD_AFTER.match(sentence, amount.end)
    return bool(after and after.group(1).islower() and after.group(1) not in _FUNCTION_WORDS)


@lru_cache(maxsize=1)
def _figure_cue() -> re.Pattern[str]:
    """Any word of the figure lexicons, in any inflection (by stem)."""
    from crisisdesk.nlp import figures

    words = {
        *figures.UNIT_NOUNS,
        *figures.TERM_WORDS,
        *figures.STATUS_NOUNS,
        *figures.SITE_NOUNS,
        *figures.SOUGHT_SAFETY,
        *figures.TALLY_TERMS,
        *figures.COLLECTIVE_NOUNS,
        *figures.FORCE_VERBS,
    }
    return _any_form_of(words, _IRREGULAR_FORMS)


#: Irregular forms of the event lexicon's words that no stem below matches.
_IRREGULAR_EVENT_FORMS = "fled fought shot".split()
_IRREGULAR_ARGUMENT_FORMS = "sent laid left dealt".split()


def _event_cue(sentence: str) -> bool:
    """Whether a word in ``sentence`` can name an event: one that names one by itself ("shelled",
    "exodus"), or one that needs an argument ("deliver", "return") together with a word that can
    be it ("aid", "refugees")."""
    alone, needy, arguments = _event_cues()
    return bool(alone.search(sentence) or (needy.search(sentence) and arguments.search(sentence)))


@lru_cache(maxsize=1)
def _event_cues() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    from crisisdesk.nlp import events, figures

    alone = {*events.EVENT_NOUNS, *(v for v in events.EVENT_VERBS if v not in events.SIEGE_VERBS)}
    needy = {*events.ARGUMENT_VERBS, *events.SUBJECT_VERBS, *events.ARGUMENT_NOUNS, *events.SIEGE_VERBS, "lay", "hand", "leave"}
    arguments = {
        *events.AID_NOUNS, *events.MISSION_NOUNS, *events.SERVICE_NOUNS, *events.AUTHORITY_NOUNS, *events.WEAPON_NOUNS,
        *events.MILITARY_NOUNS, *figures.UNIT_NOUNS, *figures.LEFT_PLACES, "over",
        *(word for nouns, _ in events.ARGUMENT_NOUNS.values() for word in nouns),
    }  # fmt: skip
    return _any_form_of(alone, _IRREGULAR_EVENT_FORMS), _any_form_of(needy, _IRREGULAR_ARGUMENT_FORMS), _any_form_of(arguments, [])


def _condition_cue(sentence: str) -> bool:
    """Whether ``sentence`` can state a humanitarian condition: a word that states one anywhere, or
    one that does in a crisis beside a word that names a crisis."""
    alone, in_crisis, crisis = _condition_cues()
    return bool(alone.search(sentence) or (in_crisis.search(sentence) and crisis.search(sentence)))


#: Irregular forms of the condition lexicon's words that no stem below matches.
_IRREGULAR_CONDITION_FORMS = "sought took taken hid hidden fled brought sent gave given bore borne children women men".split()


@lru_cache(maxsize=1)
def _condition_cues() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    from crisisdesk.nlp import conditions

    return (
        _any_form_of(set(conditions.CUE_WORDS_ALONE), []),
        _any_form_of(set(conditions.CUE_WORDS_IN_CRISIS), _IRREGULAR_CONDITION_FORMS),
        conditions.crisis_pattern(),
    )
#: A verb of saying whose clause is the speaker's own future ("said it would send a mission", "told
#: reporters he will stay"): a promise. Other futures are reports, left to sentences parsed anyway.
_SAID_FUTURE = re.compile(
    r"\b(?:say|says|said|told(?:\s+[\w-]+){1,2}|announced|stated)\s*,?\s+(?:that\s+)?(?:it|they|he|she|we|I)\s+(?:would|will|'ll|shall)\b",
    re.IGNORECASE,
)


def _claim_cue(sentence: str) -> bool:
    """Whether ``sentence`` can hold a claim worth a parse: a word of stance other than plain
    reporting ("denies", "allegations", "pledged", "according to"), or "said it would"."""
    return bool(_claim_words().search(sentence) or _SAID_FUTURE.search(sentence))


@lru_cache(maxsize=1)
def _claim_words() -> re.Pattern[str]:
    from crisisdesk.nlp import claims

    words = {w for w, stance in claims.STANCE_VERBS.items() if stance != "report"} | set(claims.STANCE_NOUNS)
    # Whole inflected forms, not stems: "deny" by its stem "den" would take "dense" and "Denmark".
    forms = {form for word in words for form in inflections(word)}
    alternation = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternation}|according to)(?![\w-])", re.IGNORECASE)


def inflections(word: str) -> set[str]:
    """The word and its regular inflections, whole ("flood" → floods, flooded, flooding; "trap" →
    trapped; "deny" → denies, denied; "besiege" → besieged): whole forms, so that "war" is not "warn"
    and "deny" not "Denmark". Over-generated forms ("denys") never occur and cost nothing."""
    forms = {word, word + "s", word + "es", word + "ed", word + "ing", word + "d"}
    if word.endswith("e"):
        forms |= {word[:-1] + "ing"}
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    if len(word) >= 3 and word[-1] not in "aeiouwxy" and word[-2] in "aeiou" and word[-3] not in "aeiou":
        forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}
    return forms


def _any_form_of(words: set[str], irregular: list[str]) -> re.Pattern[str]:
    """A pattern for any inflection of ``words`` (by stem) and the ``irregular`` forms."""
    stems = {_stem(w) for w in words} | set(irregular)
    alternation = "|".join(re.escape(s) for s in sorted(stems, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternation})[\w-]*", re.IGNORECASE)


def _stem(word: str) -> str:
    """What every regular inflection of ``word`` starts with: "evacuat" (evacuated, evacuating),
    "famil" (families), "arrest"."""
    if len(word) > 4 and word.endswith("e"):
        return word[:-1]
    if len(word) > 3 and word.endswith("y") and word[-2] not in "aeiou":
        return word[:-1]
    return word
