"""Tokenization: the model's tokenizer, keeping words with a lost letter whole.

Text repair marks a letter the source lost with :data:`~crisisdesk.model.LOST_LETTER`
("Choc\ufffd department" for Chocó). spaCy's affix rules split that character off as a symbol
("Choc", "\ufffd"), which loses the name; this wrapper merges such a word back into one token.

It also bounds the cost of a very long run of characters without white space ("))))…", a
minified blob): spaCy strips affixes one at a time, each time scanning the rest of the run, so such
a run costs the square of its length (20 KB of ")" took 70 s). A run of :data:`MAX_WORD` characters
or more is cut into tokens of that many characters instead; no word of a language is that long.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from crisisdesk.model import LOST_LETTER

if TYPE_CHECKING:
    from spacy.tokenizer import Tokenizer
    from spacy.tokens import Doc


#: Longest run of characters without white space the model's tokenizer is given whole.
MAX_WORD = 1000
_LONG_RUN = re.compile(rf"\S{{{MAX_WORD},}}")


class LostLetterTokenizer:
    """Calls the model's tokenizer, then joins "Guayac", "\ufffd", "n" into "Guayac\ufffdn"."""

    def __init__(self, tokenizer: Tokenizer) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        doc = self.tokenizer(text) if _LONG_RUN.search(text) is None else self._with_long_runs_cut(text)
        if LOST_LETTER in text:
            words = words_with_lost_letters(doc)
            if words:
                with doc.retokenize() as retokenizer:
                    for start, end in words:
                        retokenizer.merge(doc[start:end])
        return doc

    def _with_long_runs_cut(self, text: str) -> Doc:
        """``text`` tokenized by the model's tokenizer between its long runs, each run cut into
        tokens of MAX_WORD characters."""
        from spacy.tokens import Doc

        words: list[str] = []
        spaces: list[bool] = []
        done = 0
        for run in _LONG_RUN.finditer(text):
            self._add_tokens(text[done : run.start()], words, spaces)
            for start in range(run.start(), run.end(), MAX_WORD):
                words.append(text[start : min(start + MAX_WORD, run.end())])
                spaces.append(False)
            done = run.end()
            if text.startswith(" ", done):  # the space after the run is its token's, as spaCy has it
                spaces[-1] = True
                done += 1
        self._add_tokens(text[done:], words, spaces)
        return Doc(self.tokenizer.vocab, words=words, spaces=spaces)

    def _add_tokens(self, text: str, words: list[str], spaces: list[bool]) -> None:
        if text:
            for token in self.tokenizer(text):
                words.append(token.text)
                spaces.append(bool(token.whitespace_))

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
