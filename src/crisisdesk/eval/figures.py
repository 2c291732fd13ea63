"""Score figure extraction against an IDETECT-style gold set (one headline figure per excerpt).

For each excerpt: is the gold quantity among the extracted figures (as the quantity or the upper
bound of a range)? For the matched figure: are its term, unit, country and location right?
Figures per excerpt is reported too, so over-extraction shows.
"""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

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
    return score_figures(gold, found)
