"""DEEP pillars from meaning (crisisdesk.nlp.pillars): the shipped weights, what conditions and
articles carry, and where it is kept. The sentences are written for the tests or taken from the
evaluation corpora; the classifier saw the prototypes and the labelled set's tuning part only."""

from __future__ import annotations

import pytest

from crisisdesk.export.extract_json import extract_schema, extraction_json
from crisisdesk.model import CONDITION_PILLARS, PILLARS, Article
from crisisdesk.nlp import pillars
from crisisdesk.nlp.pipeline import extract


def test_the_shipped_weights_fit_the_lexicon_prototypes_and_pillars():
    model = pillars.load_model()
    assert model.pillars == PILLARS
    assert model.weights.shape == (pillars.feature_count(pillars.prototype_vectors()), len(PILLARS))


def test_prototypes_name_a_source_and_cover_every_pillar():
    from crisisdesk.lexicon import vocabulary

    assert "DEEP" in vocabulary("pillar_prototypes").source
    texts = pillars.prototype_texts()
    assert set(texts) == set(PILLARS) and all(len(t) >= 3 for t in texts.values())
    edited = {**texts, "Impact": texts["Impact"][:-1]}
    assert pillars.prototypes_fingerprint(edited) != pillars.prototypes_fingerprint(texts)


def test_a_prototype_read_as_training_text_is_not_compared_with_itself():
    prototypes = pillars.prototype_vectors()
    own = pillars.features(prototypes[0][:1], prototypes)
    left_out = pillars.features(prototypes[0][:1], prototypes, left_out=(0, 0))
    assert own[512] == pytest.approx(pillars.SIMILARITY_SCALE, abs=1e-4)  # cosine 1 with itself
    assert left_out[512] < own[512] and (left_out[513:523] == own[513:523]).all()


@pytest.mark.parametrize(
    "sentence, pillar",
    [
        ("Aid convoys could not reach the besieged town because the road was blocked.", "Humanitarian Access"),
        ("Thousands of families fled their villages and crossed the border.", "Displacement"),
        ("Phone lines and the internet have been cut in the region for a week.", "Information and Communication"),
    ],
)
def test_a_sentence_speaking_to_a_pillar_gets_it_first(sentence, pillar):
    (probabilities,) = pillars.pillar_probabilities([[sentence]])
    assert max(probabilities, key=probabilities.get) == pillar


def test_a_condition_keeps_its_kinds_pillar_and_carries_the_meanings_confidence(tmp_path):
    import jsonschema

    from crisisdesk.store import Store

    text = (
        "About 75 per cent of children arriving at the camp had acute malnutrition. "
        "The road to the town is blocked and aid convoys cannot reach it."
    )
    (extraction,) = extract([Article(id="t", text=text)])
    assert extraction.conditions and extraction.pillars
    assert set(extraction.pillars) <= set(PILLARS) and all(0 <= p <= 1 for p in extraction.pillars.values())
    for condition in extraction.conditions:
        assert condition.pillar == CONDITION_PILLARS[condition.kind]
        assert condition.pillar in condition.pillar_confidence
        assert all(p == condition.pillar or v >= pillars.THRESHOLD for p, v in condition.pillar_confidence.items())
    jsonschema.validate(extraction_json(extraction), extract_schema())
    assert extraction_json(extraction)["pillars"] == extraction.pillars
    store = Store(f"sqlite:///{tmp_path / 'db.sqlite'}")
    store.save(extraction)
    (stored,) = store.extractions()
    assert stored.pillars == extraction.pillars
    assert [c.pillar_confidence for c in stored.conditions] == [c.pillar_confidence for c in extraction.conditions]
