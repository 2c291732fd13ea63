"""The text of a Doc, read once.

spaCy's ``Doc.text`` is not stored: each access joins the text of every token again, creating a
Python object per token. Read once per fact or per candidate, that made extraction quadratic in
the length of an article (issue 20: 185 KB of news took 53 s). :func:`text_of` keeps the text on
the Doc the first time it is asked for; the pipeline puts it there when it builds the Doc.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

_KEY = "crisisdesk_text"


def text_of(doc: Doc) -> str:
    """``doc.text``, joined from the tokens only the first time for a Doc."""
    text = doc.user_data.get(_KEY)
    # A Doc's text never changes (retokenizing merges or splits tokens, not characters); the length
    # check guards against user_data copied onto another Doc (Span.as_doc(copy_user_data=True)).
    if text is None or len(text) != _length(doc):
        text = doc.text
        doc.user_data[_KEY] = text
    return text


def remember_text(doc: Doc, text: str) -> None:
    """Record ``text``, which the caller built ``doc`` from, as its text."""
    doc.user_data[_KEY] = text


def _length(doc: Doc) -> int:
    if len(doc) == 0:
        return 0
    last = doc[-1]
    return last.idx + len(last.text_with_ws)
