"""Claims: who says what, with stance; and contested claims paired across articles."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from crisisdesk.analysis.claims import contested_claims, speaker_key
from crisisdesk.ingest import read_sources
from crisisdesk.model import POLARITIES, STANCES, Article, Claim, Extraction
from crisisdesk.nlp.pipeline import extract
from crisisdesk.nlp.prefilter import CLAIM, CONTEXT, tier_of

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def seed_articles() -> list[Article]:
    return [a for a in read_sources([str(SEEDS)]) if isinstance(a, Article)]


def claims_of(text: str, *, thorough: bool = False, published: date | None = None) -> list[Claim]:
    (extraction,) = extract([Article(id="t", text=text, published=published)], thorough=thorough)
    for claim in extraction.claims:  # every claim points at its evidence and its content
        assert text[claim.start : claim.end] == claim.text
        assert claim.content is None or text[claim.content_start : claim.content_end] == claim.content
        assert claim.stance in STANCES and claim.polarity in POLARITIES
    return extraction.claims


def only(claims: list[Claim], stance: str | None = None) -> Claim:
    found = [c for c in claims if stance is None or c.stance == stance]
    assert len(found) == 1, [(c.stance, c.text, c.speaker) for c in claims]
    return found[0]


# --- the seeds' sentences (fast path: the prefilter must send them to the parser) ---------------


def test_a_state_rejecting_allegations_denies_what_they_allege():
    claim = only(claims_of("Azerbaijan rejects allegations of “ethnic cleansing”."))
    assert (claim.stance, claim.speaker, claim.speaker_country, claim.topic, claim.polarity) == (
        "denial",
        "Azerbaijan",
        "AZE",
        "ethnic cleansing",
        "negative",
    )
    assert (claim.text, claim.content) == ("rejects", "ethnic cleansing")


def test_a_quote_with_the_speaker_after_it_french_style():
    text = ">> GREAT MAINTENANCE. Nagorno-Karabakh: “It is clear that this is ethnic cleansing,” denounces the Ambassador of the Republic of Armenia to France"
    claim = only(claims_of(text))
    assert (claim.stance, claim.text, claim.topic, claim.polarity) == ("allegation", "denounces", "ethnic cleansing", "positive")
    assert (claim.speaker, claim.speaker_country) == ("the Ambassador of the Republic of Armenia", "ARM")
    assert claim.content == "It is clear that this is ethnic cleansing"


def test_a_relative_clause_denies_and_promises_for_the_party_named_before_it():
    claims = claims_of(
        "Armenian residents had been living in fear for several weeks, despite promises from Azerbaijan, which rejects any "
        "accusations of “ethnic cleansing” in the region and reassured the enclave’s residents that they are free to leave or stay."
    )
    denial = only(claims, "denial")
    assert (denial.speaker, denial.speaker_country, denial.topic) == ("Azerbaijan", "AZE", "ethnic cleansing")
    promises = [c for c in claims if c.stance == "promise"]
    assert {c.text for c in promises} == {"promises", "reassured"} and {c.speaker for c in promises} == {"Azerbaijan"}
    reassured = next(c for c in promises if c.text == "reassured")
    assert reassured.content == "they are free to leave or stay"


def test_claiming_to_deliver_aid_is_a_claim_not_a_fact():
    claim = only(
        claims_of(
            "While Azerbaijan claims to be delivering humanitarian aid, including food and hygiene products, the situation on the ground remains dire."
        )
    )
    assert (claim.stance, claim.speaker, claim.speaker_country, claim.topic) == ("claim", "Azerbaijan", "AZE", "humanitarian aid delivery")


def test_saying_it_would_do_something_is_a_promise():
    claim = only(
        claims_of("The UN said it would send a mission this weekend to primarily assess humanitarian needs.", published=date(2023, 9, 28))
    )
    assert (claim.stance, claim.speaker, claim.topic, claim.time.text) == ("promise", "The UN", "mission deployed", "this weekend")


def test_he_stands_for_the_person_titled_just_before():
    claims = claims_of("But also the head of the region: He said he would stay until the end of the relief efforts for the victims.")
    claim = only(claims)
    assert (claim.stance, claim.speaker, claim.topic) == ("promise", "the head of the region", "stay")


def test_the_seed_articles():
    by_text = {}
    for extraction in extract(seed_articles()):
        for claim in extraction.claims:
            by_text.setdefault((claim.stance, claim.speaker_country or claim.speaker, claim.topic), claim)
    assert ("denial", "AZE", "ethnic cleansing") in by_text
    assert ("allegation", "ARM", "ethnic cleansing") in by_text
    assert ("claim", "AZE", "humanitarian aid delivery") in by_text
    assert ("promise", "The UN", "mission deployed") in by_text


# --- general English ----------------------------------------------------------------------------


def test_an_accusation_names_its_target_and_what_it_alleges():
    claim = only(claims_of("Armenia accused Azerbaijan of shelling villages near the border.", thorough=True))
    assert (claim.stance, claim.speaker, claim.target, claim.topic, claim.place) == (
        "allegation",
        "Armenia",
        "Azerbaijan",
        "village shelling",
        None,
    )


def test_a_reported_clause_after_the_statement():
    claim = only(claims_of("The army has shelled the town, the ministry said.", thorough=True))
    assert (claim.stance, claim.speaker, claim.content) == ("report", "the ministry", "The army has shelled the town")


def test_according_to_is_a_report_by_its_source():
    claim = only(claims_of("According to the UN, 300 people fled the city.", thorough=True))
    assert (claim.stance, claim.text, claim.speaker, claim.content, claim.topic) == (
        "report",
        "According to",
        "the UN",
        "300 people fled the city",
        "displacement",
    )


def test_a_negated_content_makes_a_negative_report():
    claim = only(claims_of("The government said there was no ethnic cleansing in the region.", thorough=True))
    assert (claim.stance, claim.polarity, claim.topic) == ("report", "negative", "ethnic cleansing")


def test_vows_and_denials_of_acts():
    assert only(claims_of("The president vowed to rebuild the city.")).topic == "city rebuilding"
    denial = only(claims_of("Russia has repeatedly denied targeting civilians."))
    assert (denial.stance, denial.speaker_country, denial.topic) == ("denial", "RUS", "civilian targeting")


def test_a_by_phrase_after_the_content_is_who_did_it_not_who_alleges():
    claim = only(claims_of("There were allegations of torture by the police."))
    assert (claim.stance, claim.speaker, claim.topic) == ("allegation", None, "torture")


def test_a_pronoun_in_a_clause_of_saying_is_that_clause_s_speaker():
    claims = claims_of(
        "In a statement released after the match, Liverpool said it condemned the damage inflicted on the bus.", thorough=True
    )
    condemned = only(claims, "allegation")
    assert (condemned.speaker, condemned.topic) == ("Liverpool", "damage")


def test_a_view_in_the_future_is_no_promise():
    claim = only(claims_of("Kinew also said he would be comfortable with a carbon tax.", thorough=True))
    assert claim.stance == "report"


def test_a_plain_statement_is_a_report_not_an_allegation():
    claim = only(claims_of("Yesterday he said he was tired.", thorough=True))
    assert (claim.stance, claim.polarity) == ("report", "positive")


@pytest.mark.parametrize(
    "text",
    [
        "The claims office was closed on Monday.",  # a noun modifier
        "Insurance claims rose sharply.",  # a claim with nothing claimed
        "Officials dismissed the minister.",  # dismissing a person, not a statement
        "Rebels rejected the peace proposal.",  # rejecting a proposal, not a statement
        "The attack claimed 12 lives.",  # claiming lives
        "The government did not deny the reports.",  # a negated cue
        "He told reporters.",  # nothing said
    ],
)
def test_no_claim(text):
    assert claims_of(text, thorough=True) == []


def test_the_prefilter_parses_every_word_of_saying_and_no_other():
    # Issue 21: the finder starts a claim from any verb or noun of saying, so the fast path parses
    # every sentence with one (plain "said" too) and finds the naive path's claims.
    assert tier_of("Azerbaijan rejects allegations of “ethnic cleansing”.") == CLAIM
    assert tier_of("He said he would stay until the end.") == CLAIM
    assert tier_of("According to the ministry, it rained.") == CLAIM
    assert tier_of("He said hello.") == CLAIM
    assert tier_of("The mayor told reporters the weather would be bad.") == CLAIM
    assert tier_of("He stayed until the end.") == CONTEXT
    assert tier_of("Denmark has dense forests.") == CONTEXT  # "deny" is matched as a word, not a stem


# --- contested claims ---------------------------------------------------------------------------


def _claim(stance: str, speaker: str | None, topic: str, polarity: str = "positive", country: str | None = None) -> Claim:
    return Claim(
        stance=stance,
        text="w",
        start=0,
        end=1,
        sentence="s",
        sentence_start=0,
        sentence_end=1,
        speaker=speaker,
        speaker_country=country,
        topic=topic,
        polarity=polarity,
    )


def _extraction(article_id: str, *claims: Claim) -> Extraction:
    return Extraction(Article(article_id, "text", date(2023, 9, 30), title=f"Article {article_id}"), claims=list(claims))


def test_an_allegation_and_a_denial_by_others_are_paired_across_articles():
    one = _extraction("a", _claim("allegation", "the Armenian ambassador", "ethnic cleansing", country="ARM"))
    two = _extraction(
        "b", _claim("denial", "Baku", "ethnic cleansing", "negative", country="AZE"), _claim("report", "Baku", "aid delivery")
    )
    (contested,) = contested_claims([one, two])
    assert contested.topic == "ethnic cleansing"
    assert [(s.speaker, s.source.id) for s in contested.asserted] == [("ARM", "a")]
    assert [(s.speaker, s.source.id) for s in contested.denied] == [("AZE", "b")]
    assert [s.id for s in contested.sources] == ["a", "b"]


def test_a_party_contradicting_itself_is_no_contest_and_reports_are_not_assertions():
    one = _extraction(
        "a",
        _claim("claim", "Azerbaijan", "aid delivery", country="AZE"),
        _claim("denial", "Azerbaijan", "aid delivery", "negative", country="AZE"),
    )
    two = _extraction("b", _claim("report", "the UN", "shelling"), _claim("denial", "Russia", "shelling", "negative", country="RUS"))
    assert contested_claims([one, two]) == []


def test_a_negated_report_denies_and_a_narrower_topic_is_the_same_topic():
    one = _extraction("a", _claim("allegation", "Human Rights Watch", "summary execution"))
    two = _extraction("b", _claim("report", "the army", "execution", "negative"))
    (contested,) = contested_claims([one, two])
    assert contested.topic == "execution" and len(contested.asserted) == len(contested.denied) == 1


def test_speaker_keys():
    assert speaker_key(_claim("report", "The UN", "x")) == "un"
    assert speaker_key(_claim("report", "Baku", "x", country="AZE")) == "AZE"
    assert speaker_key(_claim("report", None, "x")) is None


def test_the_seeds_contest_ethnic_cleansing():
    contested = contested_claims(extract(seed_articles()))
    cleansing = next(c for c in contested if c.topic == "ethnic cleansing")
    assert {s.speaker for s in cleansing.asserted} == {"ARM"} and {s.speaker for s in cleansing.denied} == {"AZE"}


# --- claims, figures and events agree on who reports -------------------------------------------


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Armenia alleges that 5,000 people were killed in the offensive.", "Armenia"),
        ("According to the ministry, 300 people were displaced.", "the ministry"),
        ("“More than 100,000 people have fled,” denounces the Ambassador of Armenia.", "the Ambassador of Armenia"),
    ],
)
def test_figures_and_events_a_party_reports_carry_its_attribution(text, speaker):
    (extraction,) = extract([Article(id="t", text=text)])
    assert [f.attribution for f in extraction.figures] == [speaker]
    # "were killed in the offensive": a killing and the offensive (issue 18), both reported by the speaker
    assert extraction.events and {e.attribution for e in extraction.events} == {speaker}
    assert [c.speaker for c in extraction.claims] == [speaker]
