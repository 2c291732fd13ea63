"""The places component: finds toponyms in a Doc and resolves them against the gazetteer.

Candidates come from the NER (GPE, LOC, FAC — and PERSON, ORG, NORP, which the small model gives
to places such as "Stepanakert" or "Nagorno-Karabakh") and from capitalised token n-grams the
gazetteer knows. The traps of news text are handled by general rules:

- demonyms and adjectives ("Armenian residents", "Azerbaijani forces") are demonyms: never a
  place where something is, but, used before a noun, a place mention of their own kind — an
  *adjectival* toponym in GeoWebNews' sense ("the English city of Salisbury", "Turkish forces"),
  resolved to the place the adjective names and marked so that no figure takes it as its location;
- a place inside an organisation's name ("Syrian Democratic Forces", "Bank of England") is a
  mention of its own kind, *embedded* (GeoWebNews' Embedded_Non_Lit): resolved, but never where
  anything is; a place inside a person's name is none ("Charlotte" of "Charlotte Smith"), nor is
  a place spelt like a forename before a surname ("Victoria Rowell", "Andrew Jordan");
- a common English word that is also a town ("Of", "Most", "Hope") is a place only when the NER
  says GPE/LOC and the article supports it; a lone sentence-initial word needs the NER too;
- a candidate only the gazetteer knows needs evidence: a country or region name, a locative cue
  before it ("in", "city of"), or a country the rest of the article mentions.

Resolution runs in two passes: the confident places and the demonyms give the article's countries,
then every name is resolved once in that context (one referent per name per article), with a
containing place written after it ("Paris, Texas") taken into account.

Results: ``doc._.crisisdesk_places`` (list[PlaceMention], doc character offsets, sorted) and
``doc._.crisisdesk_demonyms`` (list[Demonym]).

The package splits these by concern: :mod:`.candidates` (which spans can be places, and the
evidence in the words around them), :mod:`.demonyms` (adjectival mentions) and :mod:`.component`
(the factory, acceptance, the resolution context and the mention list). Importing the package
registers the ``crisisdesk_places`` factory. The words the rules read are in ``lexicon/places.toml``.
"""

from crisisdesk.nlp.places.candidates import Candidate, CandidateFinder, container_start, wordnet_words, written_inside
from crisisdesk.nlp.places.component import PlacesComponent, Thresholds, make_places
from crisisdesk.nlp.places.demonyms import Demonym, DemonymFinder

__all__ = [
    "Candidate",
    "CandidateFinder",
    "Demonym",
    "DemonymFinder",
    "PlacesComponent",
    "Thresholds",
    "container_start",
    "make_places",
    "wordnet_words",
    "written_inside",
]
