"""The faster attribute ruler and lemmatizer (crisisdesk.nlp.model_pipes) give exactly what spaCy's
own give: the same matches, then the same parts of speech, morphology, tags, dependencies and lemmas,
on real news articles and on sentences that exercise the rules of several tokens."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.pipeline import AttributeRuler

from crisisdesk.nlp import model_pipes
from crisisdesk.nlp.pipeline import OUR_COMPONENTS, build_nlp

GWN = Path(__file__).resolve().parents[2] / "shared" / "eval" / "geowebnews" / "GWN.xml"

#: Sentences for the rules of two tokens and the rules on dependencies ("gon na", "y' all", "let 's",
#: "there are", "ai n't", "I"/"you"/"it" as subject and object, "but" as an adverb, aux, mark).
RULE_SENTENCES = [
    "We're gonna need more tents, y'all, and let's be quick about it.",
    "There are 300 families who ain't got water, and there is no road.",
    "I told you it was the river; they gave it to me and I gave it to you.",
    "It has not rained but twice since the floods began because the dam broke.",
    "They did what they had to do, and C'mon, the aid was gotta come.",
    "Does he have any?  That is what the governor said.\n\nThose who fled returned.",
]


def _texts() -> list[str]:
    texts = list(RULE_SENTENCES)
    if GWN.exists():
        from lxml import etree

        articles = etree.parse(str(GWN)).getroot().iter("article")
        texts += [a.findtext("text") or "" for _, a in zip(range(40), articles)]
    return texts


@pytest.fixture(scope="module")
def nlp():
    return build_nlp()


@pytest.fixture(scope="module")
def before_rules(nlp):
    """Docs with the statistical models' annotations, before the ruler and the lemmatizer."""
    return list(nlp.pipe(_texts(), disable=[*OUR_COMPONENTS, "attribute_ruler", "lemmatizer"]))


def test_build_nlp_installs_the_faster_pipes(nlp):
    assert type(nlp.get_pipe("attribute_ruler")) is model_pipes.IndexedAttributeRuler
    assert type(nlp.get_pipe("lemmatizer")) is model_pipes.CachedLemmatizer


def test_indexed_ruler_finds_the_matchers_matches(nlp, before_rules):
    ruler = nlp.get_pipe("attribute_ruler")
    several_tokens = 0
    for doc in before_rules:
        stock = AttributeRuler.match(ruler, doc)
        assert ruler.match(doc) == sorted(set(stock)), doc.text[:80]
        several_tokens += sum(1 for _, _, s, e in stock if e - s > 1)
    assert several_tokens >= 4  # the rules of two tokens were exercised


def test_fast_pipes_annotate_as_spacys_own(nlp, before_rules):
    ruler, lemmatizer = nlp.get_pipe("attribute_ruler"), nlp.get_pipe("lemmatizer")
    columns = [LEMMA, POS, MORPH, TAG, DEP]
    for doc in before_rules:
        stock, fast = doc.copy(), doc.copy()
        ruler.set_annotations(stock, AttributeRuler.match(ruler, stock))
        EnglishLemmatizer.__call__(lemmatizer, stock)
        lemmatizer(ruler(fast))
        assert (stock.to_array(columns) == fast.to_array(columns)).all(), doc.text[:80]
        assert [t.lemma_ for t in stock] == [t.lemma_ for t in fast]


def test_a_ruler_with_an_unknown_rule_is_left_as_it_was(nlp):
    import spacy

    other = spacy.blank("en")
    ruler = other.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "very", "OP": "+"}]], {"POS": "ADV"})
    model_pipes.install(other)
    assert type(other.get_pipe("attribute_ruler")) is AttributeRuler
