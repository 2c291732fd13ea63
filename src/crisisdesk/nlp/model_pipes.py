"""Faster stand-ins for two rule pipes of the packaged English model, with the same output.

The small model's ``attribute_ruler`` (179 rules mapping tags to parts of speech and morphology)
and its rule ``lemmatizer`` are not statistical, yet on the fast path they cost about as much as the
parser (issue 21's profile: 6% and 6% of extract): the ruler's Matcher tries every one of its
patterns at every token, and the lemmatizer recomputes the lemma of a base form (most tokens)
from its morphology each time, for spaCy caches only the other readings.

:func:`install` swaps the class of the two loaded pipes for subclasses that compute the same
thing faster, and leaves a pipe whose rules it does not know as it was:

- :class:`IndexedAttributeRuler` finds the same matches as the Matcher, by looking each token's
  lower form, tag and dependency up in an index of the patterns instead of trying them all;
  the matches are then applied by spaCy's own ``set_annotations``, in spaCy's order.
- :class:`CachedLemmatizer` remembers every lemma by what the rule lemmatizer reads (the word,
  its part of speech and its morphology) and writes a Doc's lemmas in one array.

Both are checked against spaCy's own pipes on real sentences (tests/test_model_pipes.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

#: Token attributes the indexed ruler reads (what the packaged rules test), and the ones among
#: them it indexes by (an equality test on one of them picks a pattern's bucket).
_READ = ("LOWER", "TAG", "DEP", "IS_SPACE")
_INDEXED = ("LOWER", "TAG", "DEP")
_BOOLEAN = frozenset({"IS_SPACE"})


class UnknownRule(ValueError):
    """A pattern the index does not reproduce (an operator, an attribute or a predicate it does not know)."""


def install(nlp) -> None:
    """Give ``nlp``'s attribute ruler and lemmatizer their faster classes, where they are spaCy's
    own and their rules are of the kinds handled here (otherwise they stay as they are)."""
    if "attribute_ruler" in nlp.pipe_names:
        ruler = nlp.get_pipe("attribute_ruler")
        if type(ruler) is AttributeRuler:
            try:
                _PatternIndex(ruler)
            except UnknownRule:
                pass
            else:
                ruler.__class__ = IndexedAttributeRuler
    if "lemmatizer" in nlp.pipe_names:
        lemmatizer = nlp.get_pipe("lemmatizer")
        if type(lemmatizer) is EnglishLemmatizer and lemmatizer.mode == "rule":
            lemmatizer.__class__ = CachedLemmatizer


# --- the attribute ruler -------------------------------------------------------------------------


class IndexedAttributeRuler(AttributeRuler):
    """spaCy's AttributeRuler whose ``match`` looks patterns up by token instead of running the Matcher."""

    def match(self, doc: Doc):
        index = self.__dict__.get("_crisisdesk_index")
        if index is None:
            index = self.__dict__["_crisisdesk_index"] = _PatternIndex(self)
        return index.matches(doc)

    def add(self, patterns, attrs, index: int = 0) -> None:
        super().add(patterns, attrs, index)
        self.__dict__.pop("_crisisdesk_index", None)

    def clear(self) -> None:
        super().clear()
        self.__dict__.pop("_crisisdesk_index", None)


#: One token of a pattern: tests on a row of token attributes (in _READ order).
_Test = Callable[[tuple], bool]


class _PatternIndex:
    """The ruler's patterns by the value one of their first token's attributes must have."""

    def __init__(self, ruler: AttributeRuler) -> None:
        strings = ruler.vocab.strings
        self.strings = strings
        self.buckets: dict[tuple[int, int], list[tuple]] = {}
        self.anywhere: list[tuple] = []  # patterns without an equality test to index by
        self.longer: dict[tuple[int, int] | None, list[tuple]] = {}  # patterns of several tokens, by first token
        self.single: dict[tuple, tuple[tuple[int, int], ...]] = {}  # a row of _READ → its one-token matches
        for ordinal, rule in enumerate(ruler.patterns):
            label = strings.add(str(ordinal))
            for pattern in rule["patterns"]:
                length, index = len(pattern), rule["index"]
                if not -length <= index < length:
                    raise UnknownRule(f"index {index} outside a pattern of {length} tokens")
                tests = tuple(self._tests(token) for token in pattern)
                entry = (ordinal, label, length, index % length, tests)
                key = self._key(pattern[0])
                if length > 1:
                    self.longer.setdefault(key, []).append(entry)
                elif key is None:
                    self.anywhere.append(entry)
                else:
                    self.buckets.setdefault(key, []).append(entry)

    def _key(self, token: dict) -> tuple[int, int] | None:
        for attr in _INDEXED:
            value = token.get(attr)
            if isinstance(value, str):
                return _READ.index(attr), self.strings.add(value)
        return None

    def _tests(self, token: dict) -> tuple[_Test, ...]:
        tests = []
        for attr, value in token.items():
            if attr not in _READ:
                raise UnknownRule(f"attribute {attr}")
            tests.append(self._test(_READ.index(attr), attr, value))
        return tuple(tests)

    def _test(self, column: int, attr: str, value) -> _Test:
        # As the Matcher compares: strings by their hash, booleans as 0/1, set predicates on
        # hashes, a regular expression searched in the attribute's string.
        if attr in _BOOLEAN:
            if not isinstance(value, bool):
                raise UnknownRule(f"{attr}: {value!r}")
            wanted = int(value)
            return lambda row: row[column] == wanted
        if isinstance(value, str):
            wanted = self.strings.add(value)
            return lambda row: row[column] == wanted
        if isinstance(value, dict) and len(value) == 1:
            (predicate, argument), strings = next(iter(value.items())), self.strings
            if predicate in ("IN", "NOT_IN") and all(isinstance(v, str) for v in argument):
                members = frozenset(strings.add(v) for v in argument)
                if predicate == "IN":
                    return lambda row: row[column] in members
                return lambda row: row[column] not in members
            if predicate == "REGEX" and isinstance(argument, str):
                search = re.compile(argument).search
                return lambda row: bool(search(strings[row[column]]))
        raise UnknownRule(f"{attr}: {value!r}")

    def matches(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """(rule ordinal, match label, start, end) of every match, sorted as AttributeRuler.match sorts them."""
        from spacy.attrs import intify_attr

        rows = [tuple(r) for r in doc.to_array([intify_attr(a) for a in _READ]).tolist()]
        found = set()  # the Matcher reports a (label, start, end) once
        single, longer = self.single, self.longer
        for i, row in enumerate(rows):
            one = single.get(row)
            if one is None:
                one = single[row] = self._single_token_matches(row)
            for ordinal, label in one:
                found.add((ordinal, label, i, i + 1))
            for key in ((0, row[0]), (1, row[1]), (2, row[2]), None):
                for entry in longer.get(key, ()):
                    if _matches_at(entry, rows, i):
                        found.add((entry[0], entry[1], i, i + entry[2]))
        return sorted(found)

    def _single_token_matches(self, row: tuple) -> tuple[tuple[int, int], ...]:
        """The (ordinal, label) of every one-token pattern that matches a token of these attributes
        (they decide it alone: remembered by row)."""
        entries = [e for column in range(len(_INDEXED)) for e in self.buckets.get((column, row[column]), ())]
        return tuple(sorted({(e[0], e[1]) for e in entries + self.anywhere if e[2] == 1 and _matches_at(e, [row], 0)}))


def _matches_at(entry: tuple, rows: list[tuple], i: int) -> bool:
    tests = entry[4]
    if i + len(tests) > len(rows):
        return False
    return all(test(rows[i + k]) for k, token in enumerate(tests) for test in token)


# --- the lemmatizer ------------------------------------------------------------------------------


class CachedLemmatizer(EnglishLemmatizer):
    """spaCy's English rule lemmatizer with every lemma remembered by (word, part of speech,
    morphology): everything its rules read, so a remembered lemma is the one they would give."""

    def __call__(self, doc: Doc) -> Doc:
        import numpy
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        if not self._validated:
            self._validate_tables()
        error_handler = self.get_error_handler()
        try:
            memo = self.__dict__.setdefault("_crisisdesk_lemmas", {})
            columns = doc.to_array([ORTH, POS, MORPH, LEMMA])
            lemmas = columns[:, 3].copy()
            overwrite = self.overwrite
            for i, (orth, pos, morph, lemma) in enumerate(columns.tolist()):
                if not overwrite and lemma != 0:
                    continue
                key = (orth, pos, morph)
                found = memo.get(key)
                if found is None:
                    found = self.vocab.strings.add(self.lemmatize(doc[i])[0])
                    if pos != 0:  # without a part of speech spaCy warns each time: let it
                        memo[key] = found
                lemmas[i] = found
            doc.from_array([LEMMA], numpy.asarray(lemmas, dtype="uint64"))
            return doc
        except Exception as e:
            error_handler(self.name, self, [doc], e)
