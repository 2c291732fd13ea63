"""Extraction cost against the length of the input (issue 20, item 5).

Measured by counting operations, never by timing: the Python function calls of an extraction (which
count every Token object spaCy builds when it rebuilds a Doc's text), the longest run of characters
the model's tokenizer is handed whole, and the longest piece of text read as one sentence.
"""

from __future__ import annotations

import cProfile
import logging
import pstats

from crisisdesk.ingest import make_article
from crisisdesk.ingest.readers import RawArticle
from crisisdesk.model import Extraction
from crisisdesk.nlp import prefilter
from crisisdesk.nlp.pipeline import build_nlp, extract
from crisisdesk.nlp.tokens import MAX_WORD

PARAGRAPH = (
    "Floods displaced more than 12,000 people in Sindh province on Monday, the provincial disaster authority said. "
    "Aid agencies delivered food to 3,400 families in Sukkur and Larkana, according to the World Food Programme. "
    "The government denied that relief had been delayed. Shelling killed 14 civilians near Aleppo last week.\n\n"
)


def _calls(text: str) -> int:
    build_nlp()
    article = make_article(RawArticle(text, "long.txt", id=f"long-{len(text)}"))
    profile = cProfile.Profile()
    profile.enable()
    (result,) = extract([article], workers=1)
    profile.disable()
    assert isinstance(result, Extraction) and result.figures
    return pstats.Stats(profile).total_calls


def test_the_work_of_an_article_grows_no_longer_with_the_square_of_its_length():
    # Caches warm first (lexicon, gazetteer look-ups), so that neither run pays for them. Four
    # times the text: 8.8 times the calls before the Doc's text was read once (it was rebuilt token
    # by token for every fact and place candidate), 6.3 times now; linear would be 4. What is left
    # above linear is the pairing of each fact with the places and times of the article (issue 20).
    _calls(PARAGRAPH * 2)
    short, long = _calls(PARAGRAPH * 8), _calls(PARAGRAPH * 32)
    assert long / short < 7.5, (short, long)


def test_a_long_run_without_white_space_reaches_the_model_tokenizer_in_bounded_pieces(monkeypatch):
    # 20 KB of ")" took 70 s: spaCy strips the affixes of a run one by one, rescanning it each time.
    nlp = build_nlp()
    inner = nlp.tokenizer.tokenizer
    given: list[str] = []

    class Spy:
        vocab = inner.vocab

        def __call__(self, text):
            given.append(text)
            return inner(text)

    monkeypatch.setattr(nlp.tokenizer, "tokenizer", Spy())
    text = "Some 2,000 people fled " + ")" * 20_000 + " from Goma."
    (result,) = extract([make_article(RawArticle(text, "parens.txt"))], workers=1)
    assert isinstance(result, Extraction)
    assert max(max((len(w) for w in t.split()), default=0) for t in given) < MAX_WORD
    assert nlp.make_doc(text).text == text


def test_a_sentence_longer_than_the_cap_is_read_in_pieces_with_a_warning(caplog):
    text = "".join(f"item {i} of a list without full stops\n" for i in range(600))  # about 24,000 characters
    with caplog.at_level(logging.WARNING, logger="crisisdesk.nlp.prefilter"):
        bounds = prefilter.sentence_bounds(text)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:]))
    assert len(bounds) >= len(text) // prefilter.MAX_SENTENCE_CHARS
    assert all(end - start <= prefilter.MAX_SENTENCE_CHARS for start, end in bounds)
    assert all(text[end - 1] == "\n" for _, end in bounds)  # cut at line breaks
    assert "read in pieces" in caplog.text


def test_a_short_sentence_is_not_cut():
    text = "Floods displaced 12,000 people in Sindh. The rains continue."
    assert prefilter.sentence_bounds(text) == [(0, 41), (41, len(text))]
