"""Tokenization: the model's tokenizer, keeping words with a lost letter whole.

Text repair marks a letter the source lost with :data:`~crisisdesk.model.LOST_LETTER`
("Choc\ufffd department" for Chocó). spaCy's affix rules split that character off as a symbol
("Choc", "\ufffd"), which loses the name; this wrapper merges such a word back into one token.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from crisisdesk.model import LOST_LETTER

if TYPE_CHECKING:
    from spacy.tokenizer import Tokenizer
    from spacy.tokens import Doc


class LostLetterTokenizer:
    """Calls the model's tokenizer, then joins "Guayac", "\ufffd", "n" into "Guayac\ufffdn"."""

    def __init__(self, tokenizer: Tokenizer) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        doc = self.tokenizer(text)
        if LOST_LETTER in text:
            words = words_with_lost_letters(doc)
            if words:
                with doc.retokenize() as retokenizer:
                    for start, end in words:
                        retokenizer.merge(doc[start:end])
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    def __getattr__(self, name: str):
        # Everything else (explain, vocab, serialisation) is the model's tokenizer's.
        return getattr(self.tokenizer, name)


def words_with_lost_letters(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of words written without spaces from letters and lost letters, holding both."""
    words, i = [], 0
    while i < len(doc):
        end = i
        while end < len(doc) and _is_word_part(doc[end].text) and (end == i or not doc[end - 1].whitespace_):
            end += 1
        part = doc[i:end].text if end > i else ""
        if end - i > 1 and LOST_LETTER in part and any(c.isalpha() for c in part):
            words.append((i, end))
        i = max(end, i + 1)
    return words


def _is_word_part(text: str) -> bool:
    return all(c.isalpha() or c == LOST_LETTER for c in text)
