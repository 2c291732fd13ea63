"""Score the geoparser against GeoWebNews (Gritta et al. 2019), the way its guide recommends.

Recognition: the toponyms that denote places, the literal types (Literal, Literal_Modifier, Mixed,
Coercion, Embedded_Literal) and the associative ones (Metonymic, Non_Literal_Modifier,
Embedded_Non_Lit), against the place mentions ``extract`` finds. A found mention is right when its
span is a gold toponym's (exact) or overlaps one (relaxed). Mentions over words GeoWebNews types
as demonyms, languages or homonyms are neither right nor wrong: those words come from place names
but do not denote places, and the guide leaves them out of geotagging.

Resolution: the gold spans of those types that carry a GeoNames id are given to the geocoder
(``crisisdesk geocode``, the standard toponym-resolution protocol); accuracy within 161 km (100
miles) of the gold point, the share resolved to the exact GeoNames id, and the median error in km,
an unresolved span counting as the largest error on Earth. A span resolved to the gold's own
GeoNames feature is at distance 0: crisisdesk's gazetteer takes some points from other sources
(countries from ``countryinfo``, divisions as the median of their towns), and a different point
for the same feature is not a resolution error. ``within_161km_by_points`` is the same measure on
the raw points, for comparison. The ceiling is what the best choice among the gazetteer's readings
of each span would reach: how much the gazetteer, not the resolver, leaves out.

Every score is also given for the tuning and checking parts of the articles
(:mod:`crisisdesk.eval.splits`).
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from crisisdesk.eval.splits import PARTS, part_of
from crisisdesk.model import Place, PlaceMention

LITERAL_TYPES = frozenset({"Literal", "Literal_Modifier", "Mixed", "Coercion", "Embedded_Literal"})
ASSOCIATIVE_TYPES = frozenset({"Metonymic", "Non_Literal_Modifier", "Embedded_Non_Lit"})
PLACE_TYPES = LITERAL_TYPES | ASSOCIATIVE_TYPES
#: Words derived from place names that do not denote a place: neither right nor wrong to find.
NEUTRAL_TYPES = frozenset({"Demonym", "Language", "Homonym"})
#: The usual tolerance of toponym resolution: 100 miles.
TOLERANCE_KM = 161.0
#: The error of an unresolved toponym: half the Earth's circumference.
MAX_ERROR_KM = 20_037.5
EARTH_RADIUS_KM = 6371.0


@dataclass(frozen=True)
class GoldToponym:
    start: int
    end: int
    name: str
    type: str
    geonames_id: int | None
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class GoldArticle:
    id: str
    text: str
    toponyms: tuple[GoldToponym, ...]


@dataclass
class Recognition:
    gold: int = 0
    found: int = 0
    neutral: int = 0  # found mentions over demonyms, languages, homonyms
    exact_hits: int = 0  # found mentions with a gold toponym's exact span
    relaxed_hits: int = 0  # found mentions overlapping a gold toponym
    gold_found_exact: int = 0
    gold_found_relaxed: int = 0

    def scores(self) -> dict[str, float]:
        judged = self.found - self.neutral
        out = {}
        for mode, hits, recalled in (
            ("exact", self.exact_hits, self.gold_found_exact),
            ("relaxed", self.relaxed_hits, self.gold_found_relaxed),
        ):
            p = hits / judged if judged else 0.0
            r = recalled / self.gold if self.gold else 0.0
            out[f"{mode}_precision"], out[f"{mode}_recall"] = p, r
            out[f"{mode}_f1"] = 2 * p * r / (p + r) if p + r else 0.0
        return out


@dataclass
class PlaceScores:
    articles: int = 0
    recognition: dict[str, float] = field(default_factory=dict)
    recognition_counts: dict[str, int] = field(default_factory=dict)
    resolution_spans: int = 0
    within_161km: float = 0.0
    within_161km_by_points: float = 0.0
    exact_id: float = 0.0
    median_error_km: float = 0.0
    unresolved: int = 0
    # The best any choice among the gazetteer's readings of the gold spans could reach: what the
    # gazetteer allows, apart from how the resolver chooses.
    ceiling_within_161km: float = 0.0
    ceiling_exact_id: float = 0.0
    by_kind: dict[str, dict[str, float]] = field(default_factory=dict)  # accuracy by the gold type
    worst: list[dict] = field(default_factory=list)  # the most frequent wrong resolutions
    parts: dict[str, dict] = field(default_factory=dict)  # the same scores of the tuning and checking parts

    def as_dict(self) -> dict:
        return asdict(self)


def load_geowebnews(path: Path) -> list[GoldArticle]:
    """The articles of a GeoWebNews XML file with their typed toponyms."""
    from lxml import etree  # deferred

    articles = []
    for number, node in enumerate(etree.parse(str(path)).getroot().iter("article")):
        toponyms = []
        for t in node.iter("toponym"):
            gid, lat, lon = t.findtext("geonamesID"), t.findtext("latitude"), t.findtext("longitude")
            toponyms.append(
                GoldToponym(
                    start=int(t.findtext("start")),
                    end=int(t.findtext("end")),
                    name=t.findtext("extractedName") or "",
                    type=t.findtext("type") or "",
                    geonames_id=int(gid) if gid and gid.strip().isdigit() else None,
                    lat=float(lat) if lat else None,
                    lon=float(lon) if lon else None,
                )
            )
        articles.append(GoldArticle(node.get("file") or str(number), node.findtext("text") or "", tuple(toponyms)))
    return articles


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def count_recognition(gold: Sequence[GoldToponym], found: Iterable[tuple[int, int]], tally: Recognition) -> None:
    """Add one article's recognition counts to ``tally``."""
    places = [(t.start, t.end) for t in gold if t.type in PLACE_TYPES]
    neutral = [(t.start, t.end) for t in gold if t.type in NEUTRAL_TYPES]
    found = sorted(set(found))
    tally.gold += len(places)
    tally.found += len(found)
    for span in found:
        if span in places:
            tally.exact_hits += 1
            tally.relaxed_hits += 1
        elif any(_overlaps(span, p) for p in places):
            tally.relaxed_hits += 1
        elif any(_overlaps(span, n) for n in neutral):
            tally.neutral += 1
    tally.gold_found_exact += sum(p in found for p in places)
    tally.gold_found_relaxed += sum(any(_overlaps(p, f) for f in found) for p in places)


def resolution_targets(article: GoldArticle) -> list[GoldToponym]:
    """The gold spans resolution is scored on: place-denoting types with a GeoNames id and a point."""
    return [t for t in article.toponyms if t.type in PLACE_TYPES and t.geonames_id is not None and t.lat is not None and t.lon is not None]


def score_resolution(pairs: Iterable[tuple[GoldToponym, PlaceMention]], scores: PlaceScores) -> None:
    """Fill the resolution scores from (gold toponym, resolved mention) pairs."""
    errors, within, by_points, exact, unresolved = [], 0, 0, 0, 0
    by_type: dict[str, list[int]] = {}
    wrong: Counter[tuple[str, str]] = Counter()
    for gold, mention in pairs:
        place = mention.place
        same_feature = place is not None and place.geonames_id == gold.geonames_id
        if place is None or place.lat is None or place.lon is None:
            point_error = MAX_ERROR_KM
            unresolved += place is None
        else:
            point_error = haversine_km(gold.lat, gold.lon, place.lat, place.lon)
        error = 0.0 if same_feature else point_error
        errors.append(error)
        hit = error <= TOLERANCE_KM
        within += hit
        by_points += point_error <= TOLERANCE_KM
        exact += same_feature
        by_type.setdefault(gold.type, []).append(hit)
        if not hit:
            wrong[(gold.name, f"{place.name} ({place.country}, {place.kind})" if place else "unresolved")] += 1
    n = len(errors)
    scores.resolution_spans = n
    scores.within_161km = within / n if n else 0.0
    scores.within_161km_by_points = by_points / n if n else 0.0
    scores.exact_id = exact / n if n else 0.0
    scores.median_error_km = statistics.median(errors) if errors else 0.0
    scores.unresolved = unresolved
    scores.by_kind = {t: {"spans": len(h), "within_161km": sum(h) / len(h)} for t, h in sorted(by_type.items())}
    scores.worst = [{"gold": g, "got": got, "times": k} for (g, got), k in wrong.most_common(25)]


def score_ceiling(pairs: Iterable[tuple[GoldToponym, Sequence[Place]]], scores: PlaceScores) -> None:
    """Fill the ceiling scores from (gold toponym, every reading the gazetteer offers) pairs."""
    within = exact = n = 0
    for gold, readings in pairs:
        n += 1
        same = any(p.geonames_id == gold.geonames_id for p in readings)
        exact += same
        within += same or any(
            p.lat is not None and p.lon is not None and haversine_km(gold.lat, gold.lon, p.lat, p.lon) <= TOLERANCE_KM for p in readings
        )
    scores.ceiling_within_161km = within / n if n else 0.0
    scores.ceiling_exact_id = exact / n if n else 0.0


def evaluate_places(gold_path: Path, *, thorough: bool = False) -> PlaceScores:
    """Recognition by ``extract`` over the GeoWebNews texts, and resolution of the gold spans."""
    from crisisdesk.ingest import make_article
    from crisisdesk.ingest.readers import RawArticle
    from crisisdesk.model import Article, Extraction
    from crisisdesk.nlp.pipeline import extract, geocode, geocode_candidates

    gold = load_geowebnews(gold_path)
    made = (make_article(RawArticle(a.text, f"{gold_path.name}#{a.id}", id=a.id)) for a in gold if a.text.strip())
    articles = [a for a in made if isinstance(a, Article)]
    found = {e.article.id: e for e in extract(articles, thorough=thorough) if isinstance(e, Extraction)}
    targets = [resolution_targets(a) for a in gold]
    given = [(a.text, [(t.start, t.end) for t in ts]) for a, ts in zip(gold, targets)]
    resolved = list(geocode(given))
    readings = list(geocode_candidates(given))
    rows = list(zip(gold, targets, resolved, readings))
    scores = _place_scores(rows, found)
    for part in PARTS:
        part_scores = _place_scores([row for row in rows if part_of(row[0].id) == part], found)
        scores.parts[part] = {k: v for k, v in part_scores.as_dict().items() if k not in ("by_kind", "worst", "parts")}
    return scores


def _place_scores(
    rows: Sequence[tuple[GoldArticle, list[GoldToponym], list[PlaceMention], list[Sequence[Place]]]], found: dict
) -> PlaceScores:
    """Recognition, resolution and ceiling over ``rows`` (article, targets, resolved, readings)."""
    scores = PlaceScores(articles=len(rows))
    tally = Recognition()
    for article, _, _, _ in rows:
        mentions = found[article.id].places if article.id in found else []
        count_recognition(article.toponyms, [(m.start, m.end) for m in mentions], tally)
    scores.recognition = tally.scores()
    scores.recognition_counts = asdict(tally)
    score_resolution(((t, m) for _, ts, ms, _ in rows for t, m in zip(ts, ms)), scores)
    score_ceiling(((t, r) for _, ts, _, rs in rows for t, r in zip(ts, rs)), scores)
    return scores
