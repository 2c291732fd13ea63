"""The evidence of a fact (crisisdesk.nlp.evidence): its trimmed sentence, place, time and source,
on Docs built from fixed words, heads and labels, apart from the statistical model."""

from __future__ import annotations

from spacy.lang.en import English
from spacy.tokens import Doc

from crisisdesk.model import Place, PlaceMention, TimeExpression
from crisisdesk.nlp import evidence

VOCAB = English().vocab


def parsed(words: str, heads: list[int], deps: str, pos: str, lemmas: str | None = None, glued: set[int] = frozenset()) -> Doc:
    """A Doc with the given annotation (``heads`` absolute); ``glued``: tokens with no space after."""
    tokens = words.split()
    spaces = [i not in glued for i in range(len(tokens))]
    return Doc(VOCAB, words=tokens, heads=heads, deps=deps.split(), pos=pos.split(), lemmas=(lemmas or words).split(), spaces=spaces)


def mention(doc: Doc, i: int, country: str, kind: str = "admin1") -> PlaceMention:
    token = doc[i]
    place = Place(token.text, None, country, None, None, kind)
    return PlaceMention(token.text, token.idx, token.idx + len(token.text), place, 1.0)


def time(doc: Doc, i: int, kind: str = "DATE", value: str = "2024-03-04") -> TimeExpression:
    token = doc[i]
    return TimeExpression(token.text, token.idx, token.idx + len(token.text), kind, value)


def test_the_sentence_without_white_space_at_its_edges():
    doc = Doc(VOCAB, words=["\n", "Aid", "arrived", ".", "\n"], spaces=[False, True, False, False, False])
    assert evidence.trimmed_sentence(doc[0:5]) == (1, 13, "Aid arrived.")


# "Floods displaced 300 people in Rann, in Borno."
RANN = {
    "words": "Floods displaced 300 people in Rann , in Borno .",
    "heads": [1, 1, 3, 1, 1, 4, 5, 5, 7, 1],
    "deps": "nsubj ROOT nummod dobj prep pobj punct prep pobj punct",
    "pos": "NOUN VERB NUM NOUN ADP PROPN PUNCT ADP PROPN PUNCT",
    "glued": {5, 8},
}


def test_the_place_nearest_in_the_tree():
    doc = parsed(**RANN)
    rann, borno = mention(doc, 5, "NGA"), mention(doc, 8, "NGA")
    sentence = doc[0 : len(doc)]
    assert evidence.place_for(doc[3], sentence, [borno, rann]) is rann
    assert evidence.place_for(doc[3], sentence, [borno]) is borno
    assert evidence.place_for(doc[3], sentence, [rann], exclude=doc[5:6]) is None


def test_the_most_specific_place_written_inside_the_chosen_one():
    doc = parsed(**RANN)
    rann, borno = mention(doc, 5, "NGA"), mention(doc, 8, "NGA")
    sentence = doc[0 : len(doc)]
    # "Rann, in Borno": a monitor codes Rann, the place written inside Borno.
    assert evidence.most_specific(borno, sentence, [rann, borno]) is rann
    # A place of another country is not inside it, whatever the commas say.
    elsewhere = mention(doc, 5, "CMR")
    assert evidence.most_specific(borno, sentence, [elsewhere, borno]) is borno


# "Officials said on Tuesday that floods displaced 300 people on Monday."
SAID = {
    "words": "Officials said on Tuesday that floods displaced 300 people on Monday .",
    "heads": [1, 1, 1, 2, 6, 6, 1, 8, 6, 6, 9, 1],
    "deps": "nsubj ROOT prep pobj mark nsubj ccomp nummod dobj prep pobj punct",
    "pos": "NOUN VERB ADP PROPN SCONJ NOUN VERB NUM NOUN ADP PROPN PUNCT",
    "lemmas": "official say on Tuesday that flood displace 300 people on Monday .",
}


def test_the_time_nearest_in_the_tree_within_the_clause():
    doc = parsed(**SAID)
    sentence = doc[0 : len(doc)]
    tuesday, monday = time(doc, 3, value="2024-03-05"), time(doc, 10)
    said, displaced = doc[1], doc[6]
    assert evidence.time_for(displaced, said, sentence, [tuesday, monday]) is monday
    assert evidence.time_for(displaced, said, sentence, [tuesday]) is tuesday
    assert evidence.time_for(displaced, displaced, sentence, [tuesday]) is None  # not in what is said
    assert evidence.time_for(displaced, said, sentence, [time(doc, 10, "DURATION", "P1D")]) is None


def test_attribution_according_to():
    doc = parsed(
        "According to UNHCR , 300 people fled .",
        [6, 0, 1, 6, 5, 6, 6, 6],
        "prep prep pobj punct nummod nsubj ROOT punct",
        "VERB ADP PROPN PUNCT NUM NOUN VERB PUNCT",
        "accord to UNHCR , 300 people flee .",
    )
    assert evidence.attribution_for(doc[5], doc[0 : len(doc)]) == "UNHCR"


def test_attribution_to_the_subject_of_a_reporting_verb_above_the_fact():
    doc = parsed(
        "300 people fled , the ministry said .",
        [1, 2, 6, 6, 5, 6, 6, 6],
        "nummod nsubj ccomp punct det nsubj ROOT punct",
        "NUM NOUN VERB PUNCT DET NOUN VERB PUNCT",
        "300 people flee , the ministry say .",
    )
    assert evidence.attribution_for(doc[1], doc[0 : len(doc)]) == "the ministry"


def test_a_pronoun_is_no_source():
    doc = parsed(
        "They said 300 people fled .",
        [1, 1, 3, 4, 1, 1],
        "nsubj ROOT nummod nsubj ccomp punct",
        "PRON VERB NUM NOUN VERB PUNCT",
        "they say 300 people flee .",
    )
    assert evidence.attribution_for(doc[3], doc[0 : len(doc)]) is None


# Where people are, not where they come from (issue 16): "from" on the counted noun.
SOMALIA = {  # UNHCR Yemen updates
    "words": "8,000 refugees from Somalia live in Lahj .",
    "heads": [1, 4, 1, 2, 4, 4, 5, 4],
    "deps": "nummod nsubj prep pobj ROOT prep pobj punct",
    "pos": "NUM NOUN ADP PROPN VERB ADP PROPN PUNCT",
}
LAMPEDUSA = {  # Mediterranean arrivals as the press reports them
    "words": "1,500 migrants from Eritrea and Ethiopia arrived in Lampedusa .",
    "heads": [1, 6, 1, 2, 3, 3, 6, 6, 7, 6],
    "deps": "nummod nsubj prep pobj cc conj ROOT prep pobj punct",
    "pos": "NUM NOUN ADP PROPN CCONJ PROPN VERB ADP PROPN PUNCT",
}
ALEPPO = {  # a flight from a place happened there
    "words": "4,000 people fled from Aleppo .",
    "heads": [1, 2, 2, 2, 3, 2],
    "deps": "nummod nsubj ROOT prep pobj punct",
    "pos": "NUM NOUN VERB ADP PROPN PUNCT",
}


def test_where_people_come_from_is_not_where_they_are():
    doc = parsed(**SOMALIA)
    somalia, lahj = mention(doc, 3, "SOM", "country"), mention(doc, 6, "YEM")
    assert evidence.place_for(doc[1], doc[0 : len(doc)], [somalia, lahj]) is lahj
    # The only place the sentence gives stays its place ("evacuated 1,200 refugees from Libya").
    assert evidence.place_for(doc[1], doc[0 : len(doc)], [somalia]) is somalia
    doc = parsed(**LAMPEDUSA)
    eritrea, ethiopia, lampedusa = mention(doc, 3, "ERI", "country"), mention(doc, 5, "ETH", "country"), mention(doc, 8, "ITA", "city")
    assert evidence.place_for(doc[1], doc[0 : len(doc)], [eritrea, ethiopia, lampedusa]) is lampedusa
    assert evidence.is_provenance(doc[5])  # the second of a list after "from"


def test_a_verb_of_origin_names_where_people_come_from():
    # "most of them come from Somalia" (UNHCR Yemen), "families who hail from Darfur"
    doc = parsed("they come from Somalia", [1, 1, 1, 2], "nsubj ROOT prep pobj", "PRON VERB ADP PROPN", "they come from Somalia")
    assert evidence.is_provenance(doc[3])
    doc = parsed("families hail from Darfur", [1, 1, 1, 2], "nsubj ROOT prep pobj", "NOUN VERB ADP PROPN", "family hail from Darfur")
    assert evidence.is_provenance(doc[3])


def test_a_place_fled_from_is_where_the_flight_happened():
    doc = parsed(**ALEPPO)
    aleppo = mention(doc, 4, "SYR", "city")
    assert not evidence.is_provenance(doc[4])
    assert evidence.place_for(doc[1], doc[0 : len(doc)], [aleppo]) is aleppo


# A figure whose sentence names no place: the paragraph's last place, else the header's.
def test_a_figure_without_a_place_is_where_its_paragraph_last_put_things():
    words = "Clashes hit Faskari . Some 3,000 people fled ."
    doc = Doc(VOCAB, words=words.split(), spaces=[True, True, False, True, True, True, True, False, False])
    doc[4].is_sent_start = True
    faskari = mention(doc, 2, "NGA", "admin2")
    assert evidence.place_before(doc[4:9], [faskari]) is faskari
    # a new paragraph starts afresh
    doc = Doc(
        VOCAB,
        words=["Clashes", "hit", "Faskari", ".", "\n\n", "Some", "3,000", "fled", "."],
        spaces=[True, True, False, False, False, True, True, False, False],
    )
    faskari = mention(doc, 2, "NGA", "admin2")
    assert evidence.place_before(doc[5:9], [faskari]) is None


def test_the_header_of_a_document_is_its_short_first_lines():
    assert evidence.header_end("[9th June 2021, NIGERIA]\nGunmen attacked Kadisau village.") == 25
    assert evidence.header_end("Cholera situation report\nWeek ending January 13, 2019\n\nA total of 35 deaths.") == 54
    assert evidence.header_end("Floods hit Aceh Jaya district on 8 November.\n\nAbout 4,400 people were displaced.") == 0  # a sentence
    assert evidence.header_end("One paragraph and no line break at all") == 0
    long_line = " ".join(["word"] * 30)
    assert evidence.header_end(f"{long_line}\nMore.") == 0


def test_a_place_that_speaks_is_the_source_not_the_place():
    # "Russia said 150 civilians were evacuated from Belgorod"; "Kenya reported 300 deaths in Garissa"
    doc = parsed(
        "Russia said 150 civilians were evacuated from Belgorod .",
        [1, 1, 3, 5, 5, 1, 5, 6, 1],
        "nsubj ROOT nummod nsubjpass auxpass ccomp prep pobj punct",
        "PROPN VERB NUM NOUN AUX VERB ADP PROPN PUNCT",
        "Russia say 150 civilian be evacuate from Belgorod .",
    )
    russia, belgorod = mention(doc, 0, "RUS", "country"), mention(doc, 7, "RUS", "admin1")
    assert evidence.is_speaker(doc[0])
    assert evidence.place_for(doc[3], doc[0 : len(doc)], [russia, belgorod]) is belgorod
    doc = parsed(
        "Kenya reported 300 deaths in Garissa .",
        [1, 1, 3, 1, 1, 4, 1],
        "nsubj ROOT nummod dobj prep pobj punct",
        "PROPN VERB NUM NOUN ADP PROPN PUNCT",
        "Kenya report 300 death in Garissa .",
    )
    kenya, garissa = mention(doc, 0, "KEN", "country"), mention(doc, 5, "KEN")
    assert evidence.place_for(doc[3], doc[0 : len(doc)], [kenya, garissa]) is garissa
    assert evidence.place_for(doc[3], doc[0 : len(doc)], [kenya]) is kenya  # the only place it gives


# A wire report's dateline ("BEIRUT (AP) —") says where and by whom it was filed: never a speaker.
def test_a_dateline_before_the_speaker_is_not_part_of_the_source():
    # GeoWebNews (AP): "BEIRUT (AP) — A Kurdish militia spokesman says …", the dateline parsed into the subject
    doc = parsed(
        "BEIRUT ( AP ) — A Kurdish militia spokesman says 300 people fled .",
        [8, 0, 0, 0, 0, 8, 8, 8, 9, 9, 12, 12, 9, 9],
        "compound punct appos punct punct det amod compound nsubj ROOT nummod nsubj ccomp punct",
        "PROPN PUNCT PROPN PUNCT PUNCT DET ADJ NOUN NOUN VERB NUM NOUN VERB PUNCT",
        "BEIRUT ( AP ) — a kurdish militia spokesman say 300 people flee .",
        glued={1, 2},
    )
    assert evidence.attribution_for(doc[11], doc[0 : len(doc)]) == "A Kurdish militia spokesman"


def test_a_dateline_with_its_state_and_a_lost_dash_is_not_part_of_the_source():
    # "BOSTON (Reuters) - …", "SEOUL, South Korea (CNN) - …", a dash lost to the encoding: "\ufffd"
    doc = parsed(
        "SEOUL , South Korea ( CNN ) \ufffd Police said 12 people were arrested .",
        [8, 0, 3, 0, 0, 0, 0, 8, 9, 9, 11, 13, 13, 9, 9],
        "compound punct compound appos punct appos punct punct nsubj ROOT nummod nsubjpass auxpass ccomp punct",
        "PROPN PUNCT PROPN PROPN PUNCT PROPN PUNCT PUNCT NOUN VERB NUM NOUN AUX VERB PUNCT",
        "SEOUL , South Korea ( CNN ) \ufffd police say 12 people be arrest .",
        glued={0, 4, 5},
    )
    assert evidence.attribution_for(doc[11], doc[0 : len(doc)]) == "Police"


def test_a_dateline_parsed_as_the_speaker_is_the_agency():
    # "LONDON (Reuters) - reported 40 people were killed": the parser makes the place the subject
    doc = parsed(
        "LONDON ( Reuters ) - reported 40 people were killed .",
        [5, 0, 0, 0, 0, 5, 7, 9, 9, 5, 5],
        "nsubj punct appos punct punct ROOT nummod nsubjpass auxpass ccomp punct",
        "PROPN PUNCT PROPN PUNCT PUNCT VERB NUM NOUN AUX VERB PUNCT",
        "LONDON ( Reuters ) - report 40 people be kill .",
        glued={1, 2},
    )
    assert evidence.attribution_for(doc[7], doc[0 : len(doc)]) == "Reuters"
