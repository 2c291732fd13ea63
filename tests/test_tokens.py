"""The tokenizer keeps a word with a lost letter whole."""

import pytest
import spacy

from crisisdesk.model import LOST_LETTER
from crisisdesk.nlp.pipeline import SPACY_MODEL
from crisisdesk.nlp.tokens import LostLetterTokenizer

pytestmark = pytest.mark.slow  # loads the spaCy model


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.load(SPACY_MODEL, exclude=["tagger", "parser", "ner", "lemmatizer", "attribute_ruler"])
    nlp.tokenizer = LostLetterTokenizer(nlp.tokenizer)
    return nlp


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (f"displaced within Choc{LOST_LETTER} department.", ["displaced", "within", f"Choc{LOST_LETTER}", "department", "."]),
        (
            f"from Tib{LOST_LETTER} and Teorama in Choc{LOST_LETTER}.",
            ["from", f"Tib{LOST_LETTER}", "and", "Teorama", "in", f"Choc{LOST_LETTER}", "."],
        ),
        (f"in Guayac{LOST_LETTER}n, in Buenaventura", ["in", f"Guayac{LOST_LETTER}n", ",", "in", "Buenaventura"]),
        (f"a lone {LOST_LETTER} stays apart", ["a", "lone", LOST_LETTER, "stays", "apart"]),
        ("No lost letter here.", ["No", "lost", "letter", "here", "."]),
    ],
)
def test_words_with_lost_letters_stay_whole(nlp, text, words):
    doc = nlp(text)
    assert [t.text for t in doc] == words
    assert doc.text == text
