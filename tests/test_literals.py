"""The words a pattern cannot match without (crisisdesk.nlp.literals), and the time rules that skip a
sentence without them: the same matches as the patterns alone, on real news sentences."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from crisisdesk.nlp.literals import _FOLD, folded, requirement
from crisisdesk.nlp.prefilter import sentence_bounds
from crisisdesk.nlp.times.rules import RULES

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"

#: Sentences for rules the news sets seldom exercise, and for case and Unicode edge cases.
SENTENCES = [
    "On 2019-03-04 and 03/05/2019, the week of March 4 and the day before yesterday.",
    "In the fiscal year ended Sept. 30, 1998, the third quarter and the year-ago period fell.",
    "The nineteen-nineties, the 1990s and the twentieth century; this decade, every Monday at 5 p.m. GMT.",
    "Two and a half years ago, a minute and a half later, twice weekly, on Christmas Day and in the spring.",
    "SEPTEMBER 11, 2001 and MONDAY; ſome dayſ ago, for ſeven weeKs (odd case pairs of ASCII letters).",
    "For three months, the past few days, nowadays, the coming weeks, mornings and Tuesdays, year-end.",
]


def _news_sentences(limit: int = 150) -> list[str]:
    texts: list[str] = []
    gwn = EVAL / "geowebnews" / "GWN.xml"
    if gwn.exists():
        from lxml import etree

        texts += [a.findtext("text") or "" for _, a in zip(range(limit), etree.parse(str(gwn)).getroot().iter("article"))]
    for tml in sorted((EVAL / "timebank").rglob("*.tml"))[:limit]:
        body = re.search(r"<TEXT>(.*?)</TEXT>", tml.read_text("utf-8"), re.S)
        if body:
            texts.append(re.sub(r"<[^>]+>", "", body.group(1)))
    return [t[s:e] for t in texts for s, e in sentence_bounds(t)]


@pytest.fixture(scope="module")
def sentences() -> list[str]:
    return SENTENCES + _news_sentences()


def test_every_time_rule_has_a_requirement():
    assert all(rule.needs is not None for rule in RULES)


def test_time_rules_match_as_their_patterns_alone(sentences):
    matched = 0
    for rule in RULES:
        for sentence in sentences:
            alone = [m.span() for m in rule.pattern.finditer(sentence)]
            assert [m.span() for m in rule.finditer(sentence, folded(sentence))] == alone, (rule.name, sentence)
            matched += len(alone)
    assert matched > 500


def test_requirements_are_what_every_match_holds():
    assert requirement(re.compile(r"(?<!\w)(?:\d+ (?:days?|weeks?))(?!\w)")).words == ("day", "week")
    assert requirement(re.compile(r"(?-i:March|May) \d", re.I)).words == ("may ", "march ")
    assert requirement(re.compile(r"[0123]")).words == tuple("0123")
    assert requirement(re.compile(r"x\d")).words == ("x",)
    found = requirement(re.compile(r"\d+"))
    assert found is not None and found.words == () and found.digit
    assert requirement(re.compile(r"(?:days)?\w+")) is None  # matches without any literal
    assert requirement(re.compile(r"año|year")) is None  # a word that is not ASCII


def test_the_fold_covers_every_character_re_matches_to_an_ascii_letter():
    letters = re.compile(r"[a-z]", re.I)
    odd = {chr(c) for c in range(128, 0x110000) if letters.fullmatch(chr(c))}
    assert odd == set(_FOLD_CHARACTERS)
    for character in odd:
        for letter in string.ascii_lowercase:
            assert bool(re.fullmatch(letter, character, re.I)) == (folded(character) == letter)


_FOLD_CHARACTERS = [chr(c) for c in _FOLD]
