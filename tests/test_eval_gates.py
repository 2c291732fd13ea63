"""Eval gates: the scores reached so far on the public gold sets; a drop fails CI.

Raise a floor when an improvement lands (and say so in the issue note); never lower one to
make a change pass.
"""

from pathlib import Path

import pytest

from crisisdesk.eval.figures import evaluate_figures
from crisisdesk.eval.places import evaluate_places
from crisisdesk.eval.times import evaluate_times

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"

#: Reached on idetect/dev.csv (156 excerpts). Country and location are gated on all excerpts
#: whose gold names one (``*_of_all``): the share among matched figures alone can drop when a
#: further figure is found, which is no regression.
# Reached (idetect/dev, default fast path): quantity 0.962, term 0.953, unit 0.993, country_of_all
# 0.844, location_of_all 0.836 (of matched figures: country 0.871, location 0.863).
FIGURE_FLOORS = {"quantity": 0.96, "term": 0.95, "unit": 0.99, "country_of_all": 0.84, "location_of_all": 0.83}
MAX_FIGURES_PER_EXCERPT = 1.25


@pytest.mark.slow
def test_figure_scores_on_the_idetect_dev_set_do_not_drop():
    scores = evaluate_figures(EVAL / "idetect" / "dev.csv")
    reached = {name: getattr(scores, name) for name in FIGURE_FLOORS}
    assert all(reached[name] >= floor for name, floor in FIGURE_FLOORS.items()), reached
    assert scores.figures_per_excerpt <= MAX_FIGURES_PER_EXCERPT


# Reached on GeoWebNews (200 articles, default fast path): recognition exact-span F1 0.870
# (P 0.920, R 0.825), relaxed F1 0.914; resolution of 2401 gold spans within 161 km 0.889,
# exact GeoNames id 0.829. The best any choice among the gazetteer's readings could do (the
# eval's ceiling) is 0.903 and 0.861: the gazetteer holds 89% of the gold GeoNames ids.
RECOGNITION_F1_FLOOR = 0.865
RESOLUTION_FLOORS = {"within_161km": 0.883, "exact_id": 0.824}


@pytest.mark.slow
def test_place_scores_on_geowebnews_do_not_drop():
    scores = evaluate_places(EVAL / "geowebnews" / "GWN.xml")
    assert scores.recognition["exact_f1"] >= RECOGNITION_F1_FLOOR, scores.recognition
    reached = {name: getattr(scores, name) for name in RESOLUTION_FLOORS}
    assert all(reached[name] >= floor for name, floor in RESOLUTION_FLOORS.items()), reached


# Reached on TimeBank + AQUAINT (TBAQ-cleaned, 256 documents, 1822 gold expressions, default fast
# path), scored as TempEval-3 Task A: strict F1 0.880 (P 0.871, R 0.890), relaxed F1 0.938
# (P 0.928, R 0.948), type accuracy 0.965, value accuracy 0.866, value F1 0.813.
TIME_FLOORS = {"relaxed_f1": 0.933, "strict_f1": 0.875, "value_accuracy": 0.861, "value_f1": 0.807}


@pytest.mark.slow
def test_time_scores_on_timebank_and_aquaint_do_not_drop():
    scores = evaluate_times(EVAL / "timebank")
    reached = {name: scores.overall[name] for name in TIME_FLOORS}
    assert all(reached[name] >= floor for name, floor in TIME_FLOORS.items()), reached


# Reached on tests/data/conditions/labelled.jsonl (208 sentences, 139 gold conditions, 88 sentences
# without one; default fast path): P 0.977, R 0.863, F1 0.917; per pillar F1: Humanitarian
# Conditions 0.91, Impact 0.97, At Risk 0.91, Capacities & Response 0.90, Humanitarian Access 0.90,
# Priority Needs 0.91; 0 conditions found in the 88 hard negatives.
CONDITION_FLOORS = {"precision": 0.96, "recall": 0.82, "f1": 0.89}
CONDITION_PILLAR_F1_FLOORS = {"Humanitarian Conditions": 0.87, "Impact": 0.93, "At Risk": 0.87, "Capacities & Response": 0.86}
MAX_CONDITIONS_IN_NEGATIVES = 2


def assert_condition_scores_reach(gold: str, floors: dict, pillar_f1_floors: dict, max_in_negatives: int) -> None:
    """The conditions scored on tests/data/conditions/``gold`` reach every floor."""
    from crisisdesk.eval.conditions import evaluate_conditions

    scores = evaluate_conditions(Path(__file__).resolve().parent / "data" / "conditions" / gold)
    reached = {name: getattr(scores.overall, name) for name in floors}
    assert all(reached[name] >= floor for name, floor in floors.items()), reached
    pillars = {name: scores.by_pillar[name].f1 for name in pillar_f1_floors}
    assert all(pillars[name] >= floor for name, floor in pillar_f1_floors.items()), pillars
    assert scores.found_in_negatives <= max_in_negatives


@pytest.mark.slow
def test_condition_scores_on_the_labelled_set_do_not_drop():
    assert_condition_scores_reach("labelled.jsonl", CONDITION_FLOORS, CONDITION_PILLAR_F1_FLOORS, MAX_CONDITIONS_IN_NEGATIVES)


# Reached on tests/data/conditions/heldout.jsonl (79 sentences from GeoWebNews, IDETECT and
# TimeBank/AQUAINT, none in labelled.jsonl; 47 gold conditions, 37 sentences without one), labelled
# from GUIDE.md by someone who had not read the rules, before running them; default fast path.
# First measured P 0.600, R 0.213, F1 0.314 (4 found in negatives). After the rules were broadened
# from the guide and 60 new hand-written sentences (without reading this set, though its pass/fail
# was probed: treat it as partly seen): P 0.652, R 0.340, F1 0.447; per pillar F1: Humanitarian
# Conditions 0.48, At Risk 0.55, Capacities & Response 0.33, Humanitarian Access 0.29, Impact 0.80,
# Priority Needs 0.00; 7 conditions found in the 37 hard negatives. Floors sit about 0.03 below; the
# set is small (one condition is ~0.02 of recall), so read a move of one or two conditions as noise.
HELDOUT_CONDITION_FLOORS = {"precision": 0.62, "recall": 0.31, "f1": 0.41}
HELDOUT_CONDITION_PILLAR_F1_FLOORS = {
    "Humanitarian Conditions": 0.45,
    "At Risk": 0.52,
    "Capacities & Response": 0.30,
    "Humanitarian Access": 0.26,
}
HELDOUT_MAX_CONDITIONS_IN_NEGATIVES = 8


@pytest.mark.slow
def test_condition_scores_on_the_heldout_set_do_not_drop():
    assert_condition_scores_reach(
        "heldout.jsonl", HELDOUT_CONDITION_FLOORS, HELDOUT_CONDITION_PILLAR_F1_FLOORS, HELDOUT_MAX_CONDITIONS_IN_NEGATIVES
    )
