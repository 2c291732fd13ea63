"""DEEP sectors from meaning (crisisdesk.nlp.sectors) and their scorer (crisisdesk.eval.sectors).

The sentences are real ones from the evaluation corpora (GeoWebNews, TimeBank/AQUAINT, IDETECT)
that the classifier was not trained on (it saw HumSet excerpts of the tuning part only)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crisisdesk.analysis import embeddings
from crisisdesk.eval.sectors import CHECKING, TUNING, GoldExcerpt, load_gold, part_of, score_sectors
from crisisdesk.export.extract_json import extract_schema, extraction_json
from crisisdesk.model import SECTORS, Article
from crisisdesk.nlp import encoder, sectors
from crisisdesk.nlp.pipeline import extract

HUMSET = Path(__file__).resolve().parents[2] / "shared" / "eval" / "humset" / "sectors.jsonl"


def test_the_shipped_weights_fit_the_lexicon_prototypes_and_sectors():
    model = sectors.load_model()
    assert model.sectors == SECTORS
    assert model.weights.shape == (sectors.feature_count(sectors.prototype_vectors()), len(SECTORS))


def test_prototypes_name_a_source_and_cover_every_sector():
    from crisisdesk.lexicon import vocabulary

    entry = vocabulary("sector_prototypes")
    assert "DEEP" in entry.source
    assert set(sectors.prototype_texts()) == set(SECTORS)
    assert all(len(texts) >= 3 for texts in sectors.prototype_texts().values())


def test_the_fingerprint_changes_with_the_prototypes():
    prototypes = sectors.prototype_texts()
    edited = {**prototypes, "WASH": prototypes["WASH"][:-1]}
    assert sectors.prototypes_fingerprint(edited) != sectors.prototypes_fingerprint(prototypes)


@pytest.mark.parametrize(
    "sentence, sector",
    [
        # GeoWebNews
        ("With numbers growing, public services such as health care and sanitation are becoming stretched.", "Health"),
        # TimeBank (AQUAINT)
        ("The State Department has sent medical and other supplies as well as investigators to the two countries.", "Health"),
        # GeoWebNews
        (
            "Guhdar is heartbroken to see his children denied an education, doing little with their time but playing with junk and broken bikes.",
            "Education",
        ),
        # IDETECT
        ("Since mid-January, when schools resumed, displaced families use the schools only as a place to sleep.", "Education"),
        # TimeBank
        ("Foodstuffs are among the goods being blocked from entry; Iraq imports about three-quarters of its food.", "Food Security"),
        # IDETECT
        (
            "People fled the individual as well as the combined impacts of drought, rising food prices, dry weather forecasts and ongoing insecurity",
            "Food Security",
        ),
        # IDETECT
        ("About 75 per cent of children arriving at the camp had acute malnutrition.", "Nutrition"),
    ],
)
def test_a_sentence_about_a_sector_gets_it_first(sentence, sector):
    (probabilities,) = sectors.sector_probabilities([[sentence]])
    assert max(probabilities, key=probabilities.get) == sector
    assert probabilities[sector] >= sectors.THRESHOLD


def test_malnutrition_is_not_read_into_a_school_sentence():
    (school,) = sectors.sector_probabilities(
        [["Since mid-January, when schools resumed, displaced families use the schools only as a place to sleep."]]
    )
    assert school["Nutrition"] < sectors.THRESHOLD


def test_the_encoder_is_loaded_once():
    sectors.sector_probabilities([["Water supply systems were damaged."]])
    sectors.sector_probabilities([["Schools were closed."]])
    embeddings.encode(["Families lost their homes."])
    assert encoder.encoder.cache_info().misses == 1  # the analysis embeddings read the same copy


def test_an_article_and_its_conditions_get_sectors_with_a_confidence_in_the_extract_json_and_the_store(tmp_path):
    import jsonschema

    from crisisdesk.store import Store

    text = (
        "About 75 per cent of children arriving at the camp had acute malnutrition. "
        "No fewer than 30 persons have been infected with measles at the Internally Displaced Peoples' camp."
    )
    (extraction,) = extract([Article(id="t", text=text)])
    assert "Nutrition" in extraction.sectors and all(0 <= p <= 1 for p in extraction.sectors.values())
    assert extraction.conditions
    for condition in extraction.conditions:
        assert set(condition.sector_confidence) == set(condition.sectors)
    jsonschema.validate(extraction_json(extraction), extract_schema())
    store = Store(f"sqlite:///{tmp_path / 'db.sqlite'}")
    store.save(extraction)
    (stored,) = store.extractions()
    assert stored.sectors == extraction.sectors
    assert [c.sector_confidence for c in stored.conditions] == [c.sector_confidence for c in extraction.conditions]


def test_the_split_rule_is_fixed_and_halves_the_set():
    # First bytes of their SHA-256 digests, written down when the rule was: 116, 223, 228.
    assert [part_of(i) for i in ("a1_11177", "a1_11311", "a1_117566")] == [TUNING, CHECKING, TUNING]
    if not HUMSET.exists():
        pytest.skip("../shared/eval/humset is not here")
    parts = [part_of(g.id) for g in load_gold(HUMSET)]
    assert (parts.count(TUNING), parts.count(CHECKING)) == (192, 208)


def test_scores_are_per_excerpt_and_per_sector():
    gold = [GoldExcerpt("x1", frozenset({"Health", "WASH"})), GoldExcerpt("x2", frozenset({"Education"}))]
    found = {"x1": {"article": {"Health"}, "conditions": set()}, "x2": {"article": {"Education", "Health"}, "conditions": {"Education"}}}
    scores = score_sectors(gold, found)["readings"]["article"]["all"]
    assert scores["by_sector"]["Health"] == pytest.approx({"tp": 1, "fp": 1, "fn": 0, "precision": 0.5, "recall": 1.0, "f1": 2 / 3})
    assert scores["by_sector"]["WASH"]["fn"] == 1 and scores["by_sector"]["Education"]["f1"] == 1.0
    assert scores["excerpts"] == 2
    json.dumps(scores)


def test_an_article_also_gets_the_sectors_its_sentences_name_with_the_classifiers_confidence():
    article = {"Health": 0.8}
    probabilities = {"Health": 0.8, "Nutrition": 0.2, "Shelter": 0.1}
    named = {(0, 40): {"Nutrition"}, (41, 80): {"Nutrition", "Health"}}
    by_sentence = {(0, 40): {"Nutrition": 0.35, "Health": 0.1}, (41, 80): {"Nutrition": 0.3, "Health": 0.9}}
    found = sectors.with_named_sectors(article, probabilities, named, by_sentence)
    assert found == {"Health": 0.8, "Nutrition": 0.35}  # the classifier's own choice keeps its article probability
    assert list(found) == [s for s in SECTORS if s in found]
    assert sectors.with_named_sectors(article, probabilities, {}, {}) == article


@pytest.mark.parametrize(
    "text, named",
    [
        ("Unmet shelter/NFI (84%), livelihoods (71%) and food security (63%) needs.", {"Shelter", "Livelihoods", "Food Security"}),
        ("UNICEF dispatched WASH supplies to partners.", {"WASH"}),
        ("Volunteers showed children how to wash their hands.", set()),  # the verb, not the acronym
        ("Malnourished children were admitted; agricultural land was flooded.", {"Nutrition", "Agriculture"}),
        ("The Logistics Cluster moved 35 trucks of relief items.", {"Logistics"}),
    ],
)
def test_a_sector_named_in_so_many_words_is_found(text, named):
    assert sectors.named_sectors(text) == named


def test_an_article_that_names_a_sector_gets_it():
    text = "The Logistics Cluster said 35 trucks carrying relief items reached Aden on 4 May after the port reopened."
    (extraction,) = extract([Article(id="t", text=text)])
    assert "Logistics" in extraction.sectors and 0 <= extraction.sectors["Logistics"] <= 1
