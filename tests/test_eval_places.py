"""The GeoWebNews scorer: what counts as found, as right, and how far off."""

from pathlib import Path

import pytest

from crisisdesk.eval.places import (
    MAX_ERROR_KM,
    GoldToponym,
    PlaceScores,
    Recognition,
    count_recognition,
    haversine_km,
    load_geowebnews,
    resolution_targets,
    score_ceiling,
    score_resolution,
)
from crisisdesk.model import Place, PlaceMention

GWN = Path(__file__).resolve().parents[2] / "shared" / "eval" / "geowebnews" / "GWN.xml"


def toponym(start, end, type_="Literal", gid=None, lat=None, lon=None, name="X"):
    return GoldToponym(start, end, name, type_, gid, lat, lon)


def test_exact_and_relaxed_matches_and_words_that_do_not_denote_places():
    gold = [
        toponym(0, 5),  # found exactly
        toponym(10, 20, "Metonymic"),  # found with a shorter span: relaxed only
        toponym(30, 35, "Non_Literal_Modifier"),  # missed
        toponym(40, 48, "Demonym"),  # found: neither right nor wrong
        toponym(50, 55, "Non_Toponym"),  # found: wrong
        toponym(60, 65, "Literal_Expression"),  # not a toponym: not counted as gold
    ]
    tally = Recognition()
    count_recognition(gold, [(0, 5), (12, 20), (40, 48), (50, 55), (90, 95)], tally)
    assert (tally.gold, tally.found, tally.neutral) == (3, 5, 1)
    assert (tally.exact_hits, tally.relaxed_hits) == (1, 2)
    assert (tally.gold_found_exact, tally.gold_found_relaxed) == (1, 2)
    scores = tally.scores()
    assert scores["exact_precision"] == pytest.approx(1 / 4) and scores["exact_recall"] == pytest.approx(1 / 3)
    assert scores["relaxed_precision"] == pytest.approx(2 / 4) and scores["relaxed_recall"] == pytest.approx(2 / 3)


def test_haversine_knows_a_real_distance():
    # London to Paris is about 344 km.
    assert haversine_km(51.5074, -0.1278, 48.8566, 2.3522) == pytest.approx(344, abs=3)
    assert haversine_km(10, 10, 10, 10) == 0


def place(gid, lat, lon):
    return Place("P", gid, "USA", lat, lon, "city")


def test_resolution_counts_distance_exact_id_and_unresolved():
    gold = [
        toponym(0, 1, gid=1, lat=40.0, lon=-100.0),
        toponym(2, 3, gid=2, lat=40.0, lon=-100.0),
        toponym(4, 5, gid=3, lat=40.0, lon=-100.0),
        toponym(6, 7, gid=4, lat=40.0, lon=-100.0),
    ]
    mentions = [
        PlaceMention("a", 0, 1, place(1, 45.0, -100.0)),  # the gold feature, another point: distance 0
        PlaceMention("b", 2, 3, place(99, 40.5, -100.0)),  # another feature 56 km away: within 161 km
        PlaceMention("c", 4, 5, place(98, 50.0, -100.0)),  # another feature 1,100 km away
        PlaceMention("d", 6, 7, None),  # unresolved
    ]
    scores = PlaceScores()
    score_resolution(zip(gold, mentions), scores)
    assert scores.resolution_spans == 4 and scores.unresolved == 1
    assert scores.within_161km == pytest.approx(0.5)
    assert scores.within_161km_by_points == pytest.approx(0.25)  # the same feature's point is 556 km off
    assert scores.exact_id == pytest.approx(0.25)
    assert scores.median_error_km == pytest.approx((haversine_km(40, -100, 40.5, -100) + haversine_km(40, -100, 50, -100)) / 2)
    assert {w["got"] for w in scores.worst} == {"P (USA, city)", "unresolved"}
    assert MAX_ERROR_KM > 20_000


def test_the_ceiling_is_the_best_reading_the_gazetteer_offers():
    gold = [
        toponym(0, 1, gid=1, lat=40.0, lon=-100.0),
        toponym(2, 3, gid=2, lat=40.0, lon=-100.0),
        toponym(4, 5, gid=3, lat=40.0, lon=-100.0),
    ]
    readings = [
        (place(9, 10.0, 10.0), place(1, 45.0, -100.0)),  # the gold feature is among the readings
        (place(8, 40.5, -100.0),),  # only another feature nearby
        (),  # nothing
    ]
    scores = PlaceScores()
    score_ceiling(zip(gold, readings), scores)
    assert scores.ceiling_exact_id == pytest.approx(1 / 3) and scores.ceiling_within_161km == pytest.approx(2 / 3)


def test_geowebnews_loads_with_its_offsets_pointing_at_the_names():
    articles = load_geowebnews(GWN)
    assert len(articles) == 200
    toponyms = [(a, t) for a in articles for t in a.toponyms]
    assert len(toponyms) > 6000
    assert all(a.text[t.start : t.end] == t.name for a, t in toponyms[:500])
    targets = [t for a in articles for t in resolution_targets(a)]
    assert len(targets) == 2401 and all(t.geonames_id and t.lat is not None for t in targets)


def test_the_scores_of_a_set_of_articles_add_up_over_its_parts():
    from crisisdesk.eval.places import GoldArticle, _place_scores
    from crisisdesk.eval.splits import part_of
    from crisisdesk.model import Article, Extraction

    paris = Place("Paris", 2988507, "FRA", 48.85, 2.35, "city")
    rows, found = [], {}
    for i in range(12):
        gold = toponym(0, 5, gid=2988507, lat=48.85, lon=2.35)
        article = GoldArticle(str(i), "Paris is far.", (gold,))
        right = part_of(str(i)) == "tuning"  # right in the tuning part only
        mention = PlaceMention("Paris", 0, 5, paris if right else None)
        rows.append((article, [gold], [mention], [(paris,)]))
        found[str(i)] = Extraction(article=Article(id=str(i), text=article.text), places=[mention] if right else [])
    whole = _place_scores(rows, found)
    tuning = _place_scores([r for r in rows if part_of(r[0].id) == "tuning"], found)
    checking = _place_scores([r for r in rows if part_of(r[0].id) == "checking"], found)
    assert tuning.articles + checking.articles == whole.articles == 12
    assert tuning.within_161km == 1 and checking.within_161km == 0 and checking.unresolved == checking.articles
    assert tuning.recognition["exact_f1"] == 1 and checking.recognition["exact_recall"] == 0
    assert whole.within_161km == tuning.articles / 12
