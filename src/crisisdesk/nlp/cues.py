"""The cue patterns of the cheap first pass, built from the lexicon: which words make a sentence
worth the parser for figures, events, conditions and claims, and which name a crisis.

Model-free: only :mod:`crisisdesk.lexicon` and :mod:`re`. The prefilter
(:mod:`crisisdesk.nlp.prefilter`) and the components read the same lists (the components through
the parse, the cues through surface text), so what the prefilter sends to the parser and what the
finders look for cannot drift apart; tests/test_cue_vocabulary.py and tests/test_conditions.py check
that every word the finders use passes these cues.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from crisisdesk.lexicon import irregular, table, words

#: The figure lists whose words (any inflection) make a sentence with an amount a figure sentence.
FIGURE_CUE_LISTS = (
    "unit_nouns",
    "term_words",
    "status_nouns",
    "site_nouns",
    "sought_safety",
    "tally_terms",
    "gathering_nouns",
    "force_verbs",
)


def inflections(word: str) -> set[str]:
    """The word and its regular inflections, whole ("flood" → floods, flooded, flooding; "trap" →
    trapped; "deny" → denies, denied; "besiege" → besieged): whole forms, so that "war" is not "warn"
    and "deny" not "Denmark". Over-generated forms ("denys") never occur and cost nothing."""
    forms = {word, word + "s", word + "es", word + "ed", word + "ing"}
    if word.endswith("e"):
        # "-d" only after an "e" ("evacuated"): "war" + "d" is "ward", a hospital's or a city's
        forms |= {word + "d", word[:-1] + "ing"}
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        forms |= {word[:-1] + "ies", word[:-1] + "ied"}
    if len(word) >= 3 and word[-1] not in "aeiouwxy" and word[-2] in "aeiou" and word[-3] not in "aeiou":
        forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}
    return forms


def any_form_of(stems_of: Iterable[str], irregular_forms: Iterable[str]) -> re.Pattern[str]:
    """A pattern for any inflection of the words ``stems_of`` (by stem) and the ``irregular_forms``."""
    stems = {_stem(w) for w in stems_of} | set(irregular_forms)
    return re.compile(rf"(?<![\w-])(?:{literal_alternation(stems)})[\w-]*", re.IGNORECASE)


def literal_alternation(strings: Iterable[str]) -> str:
    """A pattern for any of ``strings`` literally, written as a trie ("war|warn|wars" →
    "war(?:n|s)?"): the same strings as their plain alternation, but the regular expression engine
    tries a few first letters at each position instead of every one of a thousand words (a sentence
    took 0.7 ms against the crisis words). Where two strings match at one place the longer is tried
    first; callers only ask whether there is a match."""
    trie: dict = {}
    for string in strings:
        node = trie
        for char in string:
            node = node.setdefault(char, {})
        node[_END] = True
    return _trie_pattern(trie)


_END = ""  # the key that marks the end of a string in a trie (no character is empty)


def _trie_pattern(node: dict) -> str:
    branches = [re.escape(char) + _trie_pattern(child) for char, child in sorted(node.items()) if char != _END]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 and _END not in node else "(?:" + "|".join(branches) + ")"
    return body + "?" if _END in node else body


def _stem(word: str) -> str:
    """What every regular inflection of ``word`` starts with: "evacuat" (evacuated, evacuating),
    "famil" (families), "arrest"."""
    if len(word) > 4 and word.endswith("e"):
        return word[:-1]
    if len(word) > 3 and word.endswith("y") and word[-2] not in "aeiou":
        return word[:-1]
    return word


def _words_of(*lists: str) -> set[str]:
    return {word for name in lists for word in words(name)}


def _irregular_of(*lists: str) -> set[str]:
    return {form for name in lists for form in irregular(name)}


@lru_cache(maxsize=1)
def figure_cue() -> re.Pattern[str]:
    """Any word of the figure lexicons, in any inflection (by stem), or an irregular form of one."""
    return any_form_of(_words_of(*FIGURE_CUE_LISTS), _irregular_of(*FIGURE_CUE_LISTS) | words("figure_cue_forms"))


@lru_cache(maxsize=1)
def victim_cue() -> re.Pattern[str]:
    """A word that says people were killed or injured ("pronounced dead", "was hurt"), whole
    (not "stable" for "stab"): a sentence with one counts its victims even without an amount
    ("a man was shot and killed")."""
    casualty = {w for w, term in table("term_words").items() if term in ("killed", "injured")}
    forms = {f for w in casualty for f in inflections(w)} | {f for f, lemma in irregular("term_words").items() if lemma in casualty}
    forms |= {f for f, lemma in table("figure_cue_forms").items() if lemma in casualty | {"die"}}
    alternation = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=1)
def event_cues() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Three patterns: words that name an event alone ("shelled", "exodus"); words that need an
    argument ("deliver", "return", "siege"); and the words that can be that argument ("aid",
    "refugees", "homes")."""
    siege = words("siege_verbs")
    alone = words("event_nouns") | {v for v in words("event_verbs") if v not in siege}
    needy = _words_of("argument_verbs", "subject_verbs", "argument_nouns", "siege_verbs", "event_phrasal_cue_verbs", "killing_manner_verbs")
    argument_lists = (
        "aid_nouns",
        "mission_nouns",
        "cuttable_service_nouns",
        "authority_nouns",
        "weapon_nouns",
        "military_nouns",
        "unit_nouns",
        "left_places",
    )
    arguments = _words_of(*argument_lists) | {"over", "dead", "death"}  # "hand over"; "shot dead", "beaten to death"
    for entry in table("argument_nouns").values():
        named = entry["arguments"]
        arguments |= set(words(named)) if isinstance(named, str) else set(named)
    return (
        any_form_of(alone, _irregular_of("event_nouns", "event_verbs") | words("event_cue_forms")),
        any_form_of(
            needy, _irregular_of("argument_verbs", "subject_verbs", "argument_nouns", "siege_verbs") | words("event_argument_cue_forms")
        ),
        any_form_of(arguments, ()),
    )


@lru_cache(maxsize=1)
def condition_cues() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Three patterns: words that state a condition anywhere ("basements", "stranded"); words that
    state one only in a crisis ("without", "food", "detained"); and what names a crisis."""
    return (
        any_form_of(words("condition_cues_alone"), irregular("condition_cues_alone")),
        any_form_of(words("condition_cues_in_crisis"), irregular("condition_cues_in_crisis")),
        crisis_pattern(),
    )


@lru_cache(maxsize=1)
def saying_words() -> re.Pattern[str]:
    """Any word the claim finder can start a claim from: any inflection (or irregular form) of a
    verb or noun of saying of any stance, plain reporting included ("said", "told", "notes"), and
    "according". The finder reads these through the parser's lemma, so a sentence without one can
    hold no claim: routed by it, the fast path parses every sentence the naive path finds a claim in."""
    lexicon = [*table("stance_verbs"), *table("stance_nouns")]
    forms = {form for word in lexicon for form in inflections(word)} | set(irregular("stance_verbs")) | {"according"}
    return re.compile(rf"(?<![\w-])(?:{literal_alternation(forms)})(?![\w-])", re.IGNORECASE)


@lru_cache(maxsize=1)
def crisis_pattern() -> re.Pattern[str]:
    """A sentence that names a crisis: any inflection of ``crisis_words`` (or an irregular form of
    one), or one of the phrases built below."""
    forms = {form for word in words("crisis_words") for form in inflections(word)} | set(irregular("crisis_words"))
    # The phrases first: where a phrase and a word start at one place ("evacuation centres",
    # "evacuation") the phrase is the match, and relevance reads the phrase.
    alternation = "|".join([*_crisis_phrases(), literal_alternation(forms)])
    return re.compile(rf"(?<![\w-])(?:{alternation})(?!\w)", re.IGNORECASE)


def _crisis_phrases() -> list[str]:
    """The multi-word ways of naming a crisis: aid work ("aid workers", "aid-convoys"), strikes of war
    ("air strikes", "drone-strike", "strikes on the grid") and the phrases of ``crisis_phrases``
    ("front lines")."""
    aid = "|".join(re.escape(form) for noun in sorted(words("crisis_aid_nouns")) for form in _singular_and_plural(noun))
    strike = "|".join(re.escape(kind) for kind in sorted(words("crisis_strike_kinds")))
    return [
        rf"aid[ -](?:{aid})",
        rf"(?:{strike})[ -]?strikes?",
        r"strikes?\s+(?:on|against)",
        *(_phrase(p) for p in sorted(words("crisis_phrases"))),
    ]


def _singular_and_plural(noun: str) -> tuple[str, str]:
    if noun.endswith("y") and noun[-2] not in "aeiou":
        return noun, noun[:-1] + "ies"
    return noun, noun + "s"


def _phrase(phrase: str) -> str:
    """Any white space between the words, the last one singular or plural ("front\\s+lines?")."""
    return r"\s+".join(re.escape(w) for w in phrase.split()) + "s?"
