"""Score figure extraction against an IDETECT-style gold set (one headline figure per excerpt),
and against whole documents labelled with every humanitarian figure (tests/data/figures_docs).

IDETECT: for each excerpt, is the gold quantity among the extracted figures (as the quantity or
the upper bound of a range)? For the matched figure: are its term, unit, country and location
right? Figures per excerpt is reported too, so over-extraction shows.

Whole documents (``--docs``): gold and extracted figures are paired one to one where the figure's
words overlap the gold quantity's characters. Precision is paired / extracted, recall paired /
gold; for the paired figures, the share with the right term, unit, place and date (and the same
shares of all gold figures that have a place or a date, which a missed figure also lowers).

Both report the whole set and its tuning and checking parts (:mod:`crisisdesk.eval.splits`).
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from crisisdesk.eval.splits import PARTS, part_of
from crisisdesk.model import Extraction, Figure

#: IDETECT's term labels as DESIGN.md's vocabulary.
GOLD_TERMS = {
    "displaced": "displaced",
    "evacuated": "evacuated",
    "forced to flee": "forced_to_flee",
    "sheltered": "sheltered",
    "in relief camp": "in_relief_camp",
    "relocated": "relocated",
    "homeless": "homeless",
    "destroyed housing": "destroyed_housing",
    "partially destroyed housing": "partially_destroyed_housing",
}


@dataclass(frozen=True)
class GoldFigure:
    excerpt_id: str
    excerpt: str
    quantity: float
    term: str
    unit: str
    location: str | None
    country: str | None


@dataclass
class FigureScores:
    excerpts: int = 0
    quantity: float = 0.0  # share of excerpts whose gold quantity was extracted as a figure
    term: float = 0.0  # of those matched: right term
    unit: float = 0.0
    country: float = 0.0  # of matched excerpts whose gold names a country
    location: float = 0.0  # of matched excerpts whose gold names a location
    # Of all excerpts whose gold names a country/location: the figure found with it right. Unlike
    # the two above, these cannot drop when another figure is found, so the eval gates use them.
    country_of_all: float = 0.0
    location_of_all: float = 0.0
    figures_per_excerpt: float = 0.0
    misses: list[str] = field(default_factory=list)  # excerpt ids with no matching figure
    parts: dict[str, dict] = field(default_factory=dict)  # the same scores of the tuning and checking parts

    def as_dict(self) -> dict:
        return asdict(self)


def load_idetect(path: Path) -> list[GoldFigure]:
    """The gold rows of an IDETECT CSV (excerpt_id, excerpt, quantity, term, unit, location, country)."""
    with open(path, newline="", encoding="utf-8") as handle:
        return [
            GoldFigure(
                excerpt_id=row["excerpt_id"],
                excerpt=row["excerpt"],
                quantity=float(row["quantity"]),
                term=GOLD_TERMS[row["term"].strip().lower()],
                unit=row["unit"].strip().lower(),
                location=row["location"].strip() or None,
                country=row["country"].strip() or None,
            )
            for row in csv.DictReader(handle)
        ]


def folded(name: str) -> str:
    """Lower case without accents, for comparing place names as written."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


def _matching_figure(gold: GoldFigure, figures: Sequence[Figure]) -> Figure | None:
    matches = [f for f in figures if gold.quantity in (f.quantity, f.quantity_max)]
    if not matches:
        return None
    # Several figures may carry the same number; prefer the one coded with the gold term.
    return next((f for f in matches if f.term == gold.term), matches[0])


def _location_matches(gold_location: str, figure: Figure) -> bool:
    if figure.place is None:
        return False
    written = {folded(figure.place.text)}
    if figure.place.place is not None:
        written.add(folded(figure.place.place.name))
    target = folded(gold_location)
    return any(target == w or target in w or (w and w in target) for w in written)


def score_figures(gold: Iterable[GoldFigure], extractions: dict[str, Extraction]) -> FigureScores:
    """Scores of ``extractions`` (by excerpt id) against ``gold``."""
    scores = FigureScores()
    matched = term = unit = 0
    countries = country_hits = locations = location_hits = total_figures = 0
    gold_countries = gold_locations = 0
    for row in gold:
        scores.excerpts += 1
        gold_countries += bool(row.country)
        gold_locations += bool(row.location)
        figures = extractions[row.excerpt_id].figures if row.excerpt_id in extractions else []
        total_figures += len(figures)
        figure = _matching_figure(row, figures)
        if figure is None:
            scores.misses.append(row.excerpt_id)
            continue
        matched += 1
        term += figure.term == row.term
        unit += figure.unit == row.unit
        if row.country:
            countries += 1
            country_hits += figure.country == row.country
        if row.location:
            locations += 1
            location_hits += _location_matches(row.location, figure)
    n = scores.excerpts or 1
    scores.quantity = matched / n
    scores.term = term / (matched or 1)
    scores.unit = unit / (matched or 1)
    scores.country = country_hits / (countries or 1)
    scores.location = location_hits / (locations or 1)
    scores.country_of_all = country_hits / (gold_countries or 1)
    scores.location_of_all = location_hits / (gold_locations or 1)
    scores.figures_per_excerpt = total_figures / n
    return scores


def evaluate_figures(gold_path: Path) -> FigureScores:
    """Run ingest + nlp over the gold excerpts and score the figures found."""
    from crisisdesk.ingest import read_sources
    from crisisdesk.model import Article
    from crisisdesk.nlp.pipeline import extract

    gold = load_idetect(gold_path)
    articles = (a for a in read_sources([str(gold_path)]) if isinstance(a, Article))
    found = {e.article.id: e for e in extract(articles) if isinstance(e, Extraction)}
    return score_figures_by_part(gold, found)


def score_figures_by_part(gold: Sequence[GoldFigure], extractions: dict[str, Extraction]) -> FigureScores:
    """:func:`score_figures` of the whole set, with the scores of each part in ``parts``."""
    scores = score_figures(gold, extractions)
    for part in PARTS:
        rows = [row for row in gold if part_of(row.excerpt_id) == part]
        scores.parts[part] = score_figures(rows, extractions).as_dict()
    return scores


# --- every humanitarian figure in whole documents ------------------------------------------------


@dataclass(frozen=True)
class DocFigure:
    """One labelled figure: its quantity's characters, value, term, unit, place and date."""

    text: str
    start: int
    end: int
    value: float | None
    term: str
    unit: str
    place: str | None = None  # as written in the document
    date: str | None = None  # ISO day, month or year ("2021-06-09", "2021-06", "2021"), or "start/end"


@dataclass(frozen=True)
class LabelledDoc:
    id: str
    source: str
    split_id: str  # the id the document's part is decided by (its id in its set)
    text: str
    figures: tuple[DocFigure, ...]
    published: str | None = None


@dataclass
class DocScores:
    documents: int = 0
    gold: int = 0
    found: int = 0
    paired: int = 0
    precision: float = 0.0
    recall: float = 0.0
    f1: float = 0.0
    term: float = 0.0  # of paired figures
    unit: float = 0.0
    place: float = 0.0  # of paired figures whose gold has a place
    date: float = 0.0  # of paired figures whose gold has a date
    place_of_all: float = 0.0  # of all gold figures with a place: found with the right place
    date_of_all: float = 0.0
    found_in_negatives: int = 0  # figures extracted from documents with no gold figure
    # The figures marked about a crisis (crisisdesk.nlp.relevance), the only ones a report headlines:
    # the gold counts crisis figures only, so these say how well relevance keeps the rest out.
    crisis_found: int = 0
    crisis_paired: int = 0
    crisis_precision: float = 0.0
    crisis_recall: float = 0.0
    crisis_in_negatives: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    errors: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)


def load_labelled_docs(path: Path) -> list[LabelledDoc]:
    """The labelled documents of a JSONL file (see tests/data/figures_docs/GUIDE.md)."""
    import json

    docs = []
    for line in path.read_text("utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        figures = tuple(
            DocFigure(f["text"], f["start"], f["end"], f.get("value"), f["term"], f["unit"], f.get("place"), f.get("date"))
            for f in record["figures"]
        )
        for figure in figures:
            if record["text"][figure.start : figure.end] != figure.text:
                raise ValueError(f"{path}: {record['id']}: figure {figure.text!r} is not at {figure.start}-{figure.end}")
        docs.append(
            LabelledDoc(
                record["id"], record["source"], str(record.get("split_id", record["id"])), record["text"], figures, record.get("published")
            )
        )
    return docs


def _overlap(figure: Figure, gold: DocFigure) -> int:
    return min(figure.end, gold.end) - max(figure.start, gold.start)


def pair_doc_figures(gold: Sequence[DocFigure], found: Sequence[Figure]) -> list[tuple[DocFigure, Figure]]:
    """One to one, largest overlap first; a figure only pairs with a gold quantity it overlaps."""
    candidates = sorted(
        ((_overlap(f, g), gi, fi) for gi, g in enumerate(gold) for fi, f in enumerate(found) if _overlap(f, g) > 0), key=lambda c: -c[0]
    )
    used_g: set[int] = set()
    used_f: set[int] = set()
    pairs = []
    for _, gi, fi in candidates:
        if gi not in used_g and fi not in used_f:
            used_g.add(gi)
            used_f.add(fi)
            pairs.append((gold[gi], found[fi]))
    return pairs


def _date_interval(value: str) -> tuple[str, str] | None:
    """The first and last day an ISO day, month, year or "start/end" covers, as ISO strings."""
    import calendar

    def bounds(piece: str) -> tuple[str, str]:
        parts = piece.split("-")
        if len(parts) == 1:
            return f"{parts[0]}-01-01", f"{parts[0]}-12-31"
        if len(parts) == 2:
            last = calendar.monthrange(int(parts[0]), int(parts[1]))[1]
            return f"{piece}-01", f"{piece}-{last:02d}"
        return piece, piece

    try:
        first, _, second = value.partition("/")
        start = bounds(first)[0]
        end = bounds(second or first)[1]
    except ValueError:
        return None
    return start, end


def date_right(gold: str, figure: Figure) -> bool:
    """The figure's date lies within the gold date (a day inside the gold month is right). A
    count "as of" or "by" a day (a span open at its start) is dated by that day, as the guide
    labels it ("as of 17 August 2020" is 2020-08-17)."""
    interval = _date_interval(gold)
    span = figure.date
    if interval is None or span is None or span.end is None:
        return False
    start = span.start if span.start is not None else span.end
    return interval[0] <= start.isoformat() and span.end.isoformat() <= interval[1]


def place_right(gold: str, figure: Figure) -> bool:
    """The figure's place is the gold place as written, or a place inside it: a district of the
    gold province, a town of the gold country ("Tripoli" for "Libya"). A place coarser than the
    gold one (the country for a district) is not right."""
    return _location_matches(gold, figure) or _inside_gold(gold, figure)


_GOLD_PLACE_SEPARATORS = re.compile(r",|\band\b|;|/")


def _inside_gold(gold: str, figure: Figure) -> bool:
    place = figure.place.place if figure.place is not None else None
    if place is None or place.kind == "country":
        return False
    from crisisdesk.geo.gazetteer import load_gazetteer  # deferred: opens the gazetteer

    gazetteer = load_gazetteer()
    for name in filter(None, (part.strip() for part in _GOLD_PLACE_SEPARATORS.split(gold))):
        for container in gazetteer.candidates(name):
            if container.kind == "country" and container.country == place.country:
                return True
            if (
                container.kind == "admin1"
                and container.country == place.country
                and place.admin1
                and folded(place.admin1) == folded(container.name)
            ):
                return True
    return False


def score_docs(docs: Sequence[LabelledDoc], extractions: dict[str, Extraction], max_errors: int = 200) -> DocScores:
    """Scores of the extracted figures against every labelled figure of ``docs``."""
    scores = DocScores(documents=len(docs))
    counts = dict.fromkeys(("term", "unit", "place", "date", "gold_places", "gold_dates", "paired_places", "paired_dates"), 0)
    for doc in docs:
        found = extractions[doc.id].figures if doc.id in extractions else []
        scores.gold += len(doc.figures)
        scores.found += len(found)
        if not doc.figures:
            scores.found_in_negatives += len(found)
            scores.crisis_in_negatives += sum(bool(f.crisis) for f in found)
        pairs = pair_doc_figures(doc.figures, found)
        scores.paired += len(pairs)
        scores.crisis_found += sum(bool(f.crisis) for f in found)
        scores.crisis_paired += sum(bool(f.crisis) for _, f in pairs)
        counts["gold_places"] += sum(g.place is not None for g in doc.figures)
        counts["gold_dates"] += sum(g.date is not None for g in doc.figures)
        for gold, figure in pairs:
            counts["term"] += figure.term == gold.term
            counts["unit"] += figure.unit == gold.unit
            if gold.place is not None:
                counts["paired_places"] += 1
                counts["place"] += place_right(gold.place, figure)
            if gold.date is not None:
                counts["paired_dates"] += 1
                counts["date"] += date_right(gold.date, figure)
            if len(scores.errors) < max_errors and not (figure.term == gold.term and figure.unit == gold.unit):
                scores.errors.append(
                    {
                        "doc": doc.id,
                        "error": "fields",
                        "gold": f"{gold.text} {gold.term} {gold.unit}",
                        "found": f"{figure.text} {figure.term} {figure.unit}",
                    }
                )
        paired_gold = {id(g) for g, _ in pairs}
        paired_found = {id(f) for _, f in pairs}
        for gold in doc.figures:
            if id(gold) not in paired_gold and len(scores.errors) < max_errors:
                scores.errors.append({"doc": doc.id, "error": "missed", "gold": f"{gold.text} {gold.term} {gold.unit}", "found": ""})
        for figure in found:
            if id(figure) not in paired_found and len(scores.errors) < max_errors:
                scores.errors.append(
                    {"doc": doc.id, "error": "spurious", "gold": "", "found": f"{figure.text} {figure.term} {figure.unit}"}
                )
    scores.precision = scores.paired / scores.found if scores.found else 0.0
    scores.recall = scores.paired / scores.gold if scores.gold else 0.0
    total = scores.precision + scores.recall
    scores.f1 = 2 * scores.precision * scores.recall / total if total else 0.0
    scores.crisis_precision = scores.crisis_paired / scores.crisis_found if scores.crisis_found else 0.0
    scores.crisis_recall = scores.crisis_paired / scores.gold if scores.gold else 0.0
    scores.term = counts["term"] / (scores.paired or 1)
    scores.unit = counts["unit"] / (scores.paired or 1)
    scores.place = counts["place"] / (counts["paired_places"] or 1)
    scores.date = counts["date"] / (counts["paired_dates"] or 1)
    scores.place_of_all = counts["place"] / (counts["gold_places"] or 1)
    scores.date_of_all = counts["date"] / (counts["gold_dates"] or 1)
    scores.counts = counts
    return scores


@dataclass
class DocReport:
    overall: DocScores
    parts: dict[str, DocScores]

    def as_dict(self) -> dict:
        return {"overall": self.overall.as_dict(), "parts": {k: v.as_dict() for k, v in self.parts.items()}}


def score_docs_by_part(docs: Sequence[LabelledDoc], extractions: dict[str, Extraction]) -> DocReport:
    """:func:`score_docs` of all documents and of each part; errors are listed for tuning only."""
    parts = {part: score_docs([d for d in docs if part_of(d.split_id) == part], extractions) for part in PARTS}
    parts["checking"].errors = []
    overall = score_docs(docs, extractions, max_errors=0)
    return DocReport(overall, parts)


def evaluate_figure_docs(path: Path) -> DocReport:
    """Run ingest + nlp over the labelled documents of ``path`` and score every figure found."""
    from datetime import date as Date

    from crisisdesk.ingest import make_article
    from crisisdesk.ingest.readers import RawArticle
    from crisisdesk.model import Article
    from crisisdesk.nlp.pipeline import extract

    docs = load_labelled_docs(path)
    raws = [RawArticle(d.text, f"{path}:{d.id}", published=Date.fromisoformat(d.published) if d.published else None, id=d.id) for d in docs]
    articles = [a for a in map(make_article, raws) if isinstance(a, Article)]
    found = {e.article.id: e for e in extract(articles) if isinstance(e, Extraction)}
    return score_docs_by_part(docs, found)
