"""The tree helpers of crisisdesk.nlp.syntax, on Docs built from fixed words, heads and labels (as
spaCy's own tests build them): the rules are tested apart from the statistical model."""

from __future__ import annotations

from spacy.lang.en import English
from spacy.tokens import Doc

from crisisdesk.nlp import syntax

#: The English vocabulary (lower case, shape, ...) without any model, as spaCy's own tests use it.
VOCAB = English().vocab


def parsed(words: str, heads: list[int], deps: str, pos: str, lemmas: str | None = None) -> Doc:
    """A Doc with the given annotation: ``heads`` are absolute token indices; words, labels, parts
    of speech and lemmas are space-separated."""
    tokens = words.split()
    return Doc(
        VOCAB, words=tokens, heads=heads, deps=deps.split(), pos=pos.split(), lemmas=(lemmas or words).split(), spaces=[True] * len(tokens)
    )


# "The UN said it would send a mission ."
REPORTED = {
    "words": "The UN said it would send a mission .",
    "heads": [1, 2, 2, 5, 5, 2, 7, 5, 2],
    "deps": "det nsubj ROOT nsubj aux ccomp det dobj punct",
    "pos": "DET PROPN VERB PRON AUX VERB DET NOUN PUNCT",
    "lemmas": "the UN say it would send a mission .",
}


def test_lemma_is_lower_case():
    doc = parsed(**REPORTED)
    assert syntax.lemma_of(doc[1]) == "un" and syntax.lemma_of(doc[2]) == "say"


def test_a_pronoun_subject_stands_for_the_speaker_of_the_clause_above():
    doc = parsed(**REPORTED)
    assert syntax.subject_of(doc[5]).text == "UN"  # "it would send": the UN
    assert syntax.subject_of(doc[2]).text == "UN"
    assert [t.text for t in syntax.governors(doc[7])] == ["send", "said"]


def test_a_pronoun_subject_with_no_one_named_above_is_no_one():
    doc = parsed("It shelled the town .", [1, 1, 3, 1, 1], "nsubj ROOT det dobj punct", "PRON VERB DET NOUN PUNCT", "it shell the town .")
    assert syntax.subject_of(doc[1]) is None


def test_a_verb_without_subject_takes_its_controllers_object():
    doc = parsed(
        "Rebels forced residents to flee .",
        [1, 1, 1, 4, 1, 1],
        "nsubj ROOT dobj aux xcomp punct",
        "NOUN VERB NOUN PART VERB PUNCT",
        "rebel force resident to flee .",
    )
    assert syntax.subject_of(doc[4]).text == "residents"


def test_a_relative_pronoun_stands_for_the_noun_its_clause_hangs_on():
    doc = parsed(
        "Troops who shelled the town withdrew .",
        [5, 2, 0, 4, 2, 5, 5],
        "nsubj nsubj relcl det dobj ROOT punct",
        "NOUN PRON VERB DET NOUN VERB PUNCT",
        "troop who shell the town withdraw .",
    )
    assert syntax.subject_of(doc[2]).text == "Troops"


def test_negation_by_not_and_by_no_are_told_apart():
    not_ = parsed("They did not arrest him .", [3, 3, 3, 3, 3, 3], "nsubj aux neg ROOT dobj punct", "PRON AUX PART VERB PRON PUNCT")
    assert syntax.is_negated(not_[3], by_no=False) and syntax.is_negated(not_[3], by_no=True)
    no = parsed("No arrests were made .", [1, 3, 3, 3, 3], "det nsubjpass auxpass ROOT punct", "DET NOUN AUX VERB PUNCT")
    assert syntax.is_negated(no[1], by_no=True)
    assert not syntax.is_negated(no[1], by_no=False)  # "no" alone is a lack for conditions, not a negation
    assert not syntax.is_negated(no[3], by_no=True)  # the determiner negates the noun, not the verb


def test_a_capitalised_word_inside_a_sentence_is_in_a_name_and_an_acronym_only_if_asked():
    doc = parsed(
        "The UN visited Tianjin Detention Centre .",
        [1, 2, 2, 5, 5, 2, 2],
        "det nsubj ROOT compound compound dobj punct",
        "DET PROPN VERB PROPN PROPN PROPN PUNCT",
    )
    assert syntax.in_a_name(doc[4], all_caps=False)
    assert not syntax.in_a_name(doc[1], all_caps=False) and syntax.in_a_name(doc[1], all_caps=True)
    assert not syntax.in_a_name(doc[0], all_caps=True)  # the first word of a sentence is capitalised anyway
    assert not syntax.in_a_name(doc[2], all_caps=True)


def test_the_by_phrase_of_a_passive_and_of_a_nominalisation():
    passive = parsed(
        "The town was shelled by rebels .",
        [1, 3, 3, 3, 3, 4, 3],
        "det nsubjpass auxpass ROOT agent pobj punct",
        "DET NOUN AUX VERB ADP NOUN PUNCT",
    )
    assert syntax.by_phrase(passive[3]).text == "rebels"
    assert syntax.by_phrase(passive[1]) is None
    noun = parsed("shelling by government forces", [0, 0, 3, 1], "ROOT prep compound pobj", "NOUN ADP NOUN NOUN")
    assert syntax.by_phrase(noun[0]).text == "forces"


def test_conjuncts_include_the_word_itself():
    doc = parsed(
        "They lack water , food and medicine .",
        [1, 1, 1, 2, 2, 4, 4, 1],
        "nsubj ROOT dobj punct conj cc conj punct",
        "PRON VERB NOUN PUNCT NOUN CCONJ NOUN PUNCT",
    )
    assert [t.text for t in syntax.conjuncts(doc[2])] == ["water", "food", "medicine"]
    assert syntax.conjuncts(None) == []


# "Residents of Stepanakert , who fled , returned ."
RESIDENTS = {
    "words": "Residents of Stepanakert , who fled , returned .",
    "heads": [7, 0, 1, 0, 5, 0, 0, 7, 7],
    "deps": "nsubj prep pobj punct nsubj relcl punct ROOT punct",
    "pos": "NOUN ADP PROPN PUNCT PRON VERB PUNCT VERB PUNCT",
}


def test_a_noun_phrase_keeps_its_of_phrase_and_leaves_its_clauses():
    doc = parsed(**RESIDENTS)
    assert syntax.noun_phrase(doc[0]) == "Residents of Stepanakert"
    assert syntax.subtree_span(doc[5]).text == "who fled"
    assert syntax.subtree_span(None) is None


def test_a_noun_phrase_leaves_other_prepositional_phrases():
    doc = parsed("forces in the region", [0, 0, 3, 1], "ROOT prep det pobj", "NOUN ADP DET NOUN")
    assert syntax.noun_phrase(doc[0]) == "forces"


def test_tree_distance_counts_arcs_and_sets_two_trees_far_apart():
    doc = parsed(**RESIDENTS)
    assert syntax.tree_distance(doc[0], doc[0]) == 0
    assert syntax.tree_distance(doc[0], doc[2]) == 2
    assert syntax.tree_distance(doc[2], doc[5]) == 3
    two = parsed(
        "Floods hit Aceh . Aid arrived .",
        [1, 1, 1, 1, 5, 5, 5],
        "nsubj ROOT dobj punct nsubj ROOT punct",
        "NOUN VERB PROPN PUNCT NOUN VERB PUNCT",
    )
    assert syntax.tree_distance(two[0], two[4]) > 100


def test_which_sentences_were_parsed_is_recorded_not_read_from_labels():
    doc = parsed(
        "Floods hit Aceh . Aid arrived .",
        [1, 1, 1, 1, 5, 5, 5],
        "nsubj ROOT dobj punct nsubj ROOT punct",
        "NOUN VERB PROPN PUNCT NOUN VERB PUNCT",
    )
    first, second = list(doc.sents)
    assert syntax.is_parsed(first) and syntax.is_parsed(second)  # no record: the Doc was parsed whole
    syntax.mark_parsed(doc, [(0, 4)])
    assert syntax.is_parsed(first) and syntax.is_parsed(doc[1:3])
    assert not syntax.is_parsed(second)
    syntax.mark_parsed(doc, [(4, 7)])
    assert not syntax.is_parsed(first) and syntax.is_parsed(second)


def test_a_sentence_the_parser_saw_is_parsed_whatever_its_labels():
    # A one-word sentence has no label but ROOT: only the record says whether the parser saw it.
    doc = parsed("Evacuate ! Floods hit .", [0, 0, 3, 3, 3], "ROOT punct nsubj ROOT punct", "VERB PUNCT NOUN VERB PUNCT")
    syntax.mark_parsed(doc, [(0, 2)])
    first, second = list(doc.sents)
    assert syntax.is_parsed(first) and not syntax.is_parsed(second)


def test_a_doc_without_a_parse_is_not_parsed():
    doc = Doc(VOCAB, words=["Floods", "hit", "Aceh", "."])
    assert not syntax.is_parsed(doc[0:4])
