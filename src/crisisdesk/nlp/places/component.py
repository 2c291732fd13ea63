"""The places component: its factory, the acceptance of candidates, and their resolution in the
article's context into the mention list ``doc._.crisisdesk_places`` (and ``doc._.crisisdesk_demonyms``).

See :mod:`crisisdesk.nlp.places` for the rules as a whole; which spans can be places is
:mod:`~crisisdesk.nlp.places.candidates`, demonyms :mod:`~crisisdesk.nlp.places.demonyms`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc

import crisisdesk.nlp.extensions  # noqa: F401  (registers the crisisdesk_* Doc extensions)
from crisisdesk.geo.gazetteer import Gazetteer, load_gazetteer, normalize
from crisisdesk.geo.resolve import CONTAINER_KINDS, ResolutionContext, choose, containers_after, contains, division_key
from crisisdesk.model import Place, PlaceMention
from crisisdesk.nlp.doctext import text_of
from crisisdesk.nlp.places.candidates import (
    CALENDAR_WORDS,
    DIRECTION_WORDS,
    PLACE_LABELS,
    PLACE_NOUNS,
    PROMINENT_KINDS,
    Candidate,
    CandidateFinder,
    after_a_comma_only,
    best_kind,
    common_words,
    container_start,
    ends_in_division_word,
    has_locative_cue,
    in_a_place,
    is_abbreviation,
    is_acronym,
    is_dateline,
    list_goes_on,
    modifies_common_noun,
    name_text,
    named_as_place,
    names_country_inside_sentence,
    person_name_parts,
    placed_by_its_words,
    singular,
    unseen_by_recogniser,
    wordnet_words,
)
from crisisdesk.nlp.places.demonyms import Demonym, DemonymFinder, adjectival_mentions

#: Kinds of place whose country settles the country of a place written inside it.
AREA_KINDS = frozenset({"country", "admin1", "admin2", "region", "island"})


@dataclass(frozen=True, slots=True)
class Thresholds:
    """The component's cut-offs (its ``default_config``; a pipeline may set others)."""

    #: Where the recogniser did not run, a city this large is believed on its name alone.
    major_city_population: int = 1_000_000
    #: A gazetteer-only city with a locative cue is believed from this population on.
    cued_city_population: int = 100_000
    #: Below this population, a town in a country the article does not otherwise mention is a stray.
    stray_population: int = 50_000
    #: Pass-one resolutions this confident give the article its countries.
    context_confidence: float = 0.5
    #: A name known only as lying in a place the text names ("Al-Shifa Hospital in Gaza City") gets
    #: that place at this share of its confidence.
    inside_only_confidence: float = 0.5
    #: An adjective names one place (the demonym table has one entry a word).
    adjectival_confidence: float = 0.9
    #: Longest place name tried, in tokens ("Bab al - Hawa border crossing").
    max_name_tokens: int = 7


@Language.factory(
    "crisisdesk_places",
    default_config=asdict(Thresholds()),
    # The recogniser's entities and the parse where they ran (the cheap first pass leaves some
    # sentences with neither; the rules then read the words alone). The rules also read
    # token.pos, which the model's attribute ruler sets without declaring it: listed here, it
    # would be a problem for analyze_pipes that is not one.
    requires=["doc.ents", "token.ent_iob", "token.ent_type", "token.dep", "token.head", "token.is_sent_start"],
    assigns=["doc._.crisisdesk_places", "doc._.crisisdesk_demonyms"],
)
def make_places(
    nlp: Language,
    name: str,
    major_city_population: int,
    cued_city_population: int,
    stray_population: int,
    context_confidence: float,
    inside_only_confidence: float,
    adjectival_confidence: float,
    max_name_tokens: int,
) -> PlacesComponent:
    thresholds = Thresholds(
        major_city_population=major_city_population,
        cued_city_population=cued_city_population,
        stray_population=stray_population,
        context_confidence=context_confidence,
        inside_only_confidence=inside_only_confidence,
        adjectival_confidence=adjectival_confidence,
        max_name_tokens=max_name_tokens,
    )
    return PlacesComponent(nlp, thresholds=thresholds)


class PlacesComponent:
    """Sets ``doc._.crisisdesk_places`` and ``doc._.crisisdesk_demonyms``. The gazetteer is loaded once, here."""

    def __init__(self, nlp: Language, gazetteer: Gazetteer | None = None, thresholds: Thresholds | None = None) -> None:
        self.gazetteer = gazetteer or load_gazetteer()
        self.thresholds = thresholds or Thresholds()
        self.common_words = common_words(nlp)
        self.english_words = self.common_words | wordnet_words(nlp, ("noun",))
        self.finder = CandidateFinder(
            self.gazetteer,
            self.common_words,
            max_name_tokens=self.thresholds.max_name_tokens,
            cued_city_population=self.thresholds.cued_city_population,
        )
        self.demonym_finder = DemonymFinder(self.gazetteer)

    def __call__(self, doc: Doc) -> Doc:
        candidates = self.candidates(doc)
        demonyms = self.demonyms(doc, candidates)
        demonym_tokens = {i for d in demonyms for i in range(*_token_range(doc, d.start, d.end))}
        candidates = [c for c in candidates if not demonym_tokens & set(range(c.span.start, c.span.end))]
        doc._.crisisdesk_demonyms = demonyms
        places = self.mentions(doc, candidates, demonyms) + adjectival_mentions(demonyms, self.thresholds.adjectival_confidence)
        doc._.crisisdesk_places = sorted(places, key=lambda m: m.start)
        return doc

    def candidates(self, doc: Doc) -> list[Candidate]:
        """Place candidates: gazetteer n-grams reconciled with the NER entities."""
        return self.finder.find(doc)

    def demonyms(self, doc: Doc, candidates: list[Candidate]) -> list[Demonym]:
        """Demonyms in ``doc``, not counting words inside longer place names."""
        return self.demonym_finder.find(doc, candidates)

    # --- given spans (crisisdesk geocode) ------------------------------------------------------

    def resolve_given(self, doc: Doc, spans: Sequence[tuple[int, int]]) -> list[PlaceMention]:
        """Resolve exactly the character spans given as toponyms (the toponym-resolution protocol).

        Recognition is not asked for: each span is a place. Its referent is chosen as in
        :meth:`mentions`, in the context of the other given spans and the article's demonyms; a
        name those rules would leave unresolved (a stray small town) still gets its best reading. Only
        tokens are needed: ``doc`` may come straight from the tokenizer.
        """
        candidates = []
        for start, end in spans:
            span = doc.char_span(start, end, alignment_mode="expand")
            entries = self.finder.entries_of_given(span) if span is not None else ()
            candidates.append(Candidate(span, "GPE", entries) if span is not None else None)
        known = [c for c in candidates if c is not None and c.entries]
        pass_one = {c.key: choose(c.entries, ResolutionContext()) for c in known}
        countries = _context_counts(dict(pass_one), self.demonyms(doc, known), self.thresholds.context_confidence)
        resolved, _ = self._resolve_names([c for c in candidates if c is not None], pass_one, countries)
        found = []
        for (start, end), c in zip(spans, candidates):
            place, confidence = (resolved.get(c.key) or pass_one.get(c.key) or (None, 0.0)) if c is not None else (None, 0.0)
            found.append(PlaceMention(text_of(doc)[start:end], start, end, place, confidence))
        return found

    def candidates_of_given(self, doc: Doc, spans: Sequence[tuple[int, int]]) -> list[tuple[Place, ...]]:
        """Every gazetteer reading of each given span, the choice :meth:`resolve_given` makes from
        (for measuring how good the best choice could be)."""
        found = []
        for start, end in spans:
            span = doc.char_span(start, end, alignment_mode="expand")
            found.append(tuple(e.place for e in self.finder.entries_of_given(span)) if span is not None else ())
        return found

    # --- acceptance and resolution ---------------------------------------------------------------

    def mentions(self, doc: Doc, candidates: list[Candidate], demonyms: list[Demonym]) -> list[PlaceMention]:
        """Resolve the accepted candidates, one referent per name, in the article's context."""
        named_people = self._forename_pairs(doc)
        in_people = {i for start, end in named_people for i in range(start, end)}
        candidates = [c for c in candidates if not (len(c.span) == 1 and c.span.start in in_people)]
        known = [c for c in candidates if c.entries]
        pass_one = {c.key: choose(c.entries, ResolutionContext()) for c in known}
        person_names = person_name_parts(doc) | {normalize(doc[i].text) for start, end in named_people for i in range(start, end)}
        # A division or region spelt like a person the text names ("Nelson", "Victoria") is that
        # person where the recogniser did not say otherwise; a country keeps its name ("Jordan").
        strong = [c for c in known if self._is_strong(c) and not (c.key in person_names and self._person_more_than_place(c))]
        context = _context_counts({c.key: pass_one[c.key] for c in strong}, demonyms, self.thresholds.context_confidence)
        accepted_keys = {c.key for c in strong} | {c.key for c in known if self._has_evidence(c, context, person_names)}
        accepted = [
            c
            for c in candidates
            if c.label == "FAC"
            or (not c.entries and c.label in PLACE_LABELS and placed_by_its_words(c.span))
            or (c.key in accepted_keys and self._may_be_place(c))
        ]
        all_countries = _context_counts({k: pass_one[k] for k in accepted_keys}, demonyms, self.thresholds.context_confidence)
        resolved, strays = self._resolve_names(accepted, pass_one, all_countries)
        return [
            PlaceMention(
                name_text(c.span),
                c.span.start_char,
                c.span.start_char + len(name_text(c.span)),
                *(resolved.get(c.key) or (None, 0.0)),
                embedded=c.embedded,
            )
            for c in accepted
            if not (c.key in strays and c.label is None)  # only the gazetteer's entry spoke for it
        ]

    def _resolve_names(
        self, accepted: list[Candidate], pass_one: dict, countries: Counter[str]
    ) -> tuple[dict[str, tuple[Place, float]], set[str]]:
        """Each name's referent, and the names left unresolved as strays (see :func:`_strays`)."""
        by_key: dict[str, Candidate] = {}
        for c in accepted:
            if c.entries:
                by_key.setdefault(c.key, c)

        divisions = _anchoring_divisions({k: pass_one.get(k) for k in by_key}, self.thresholds.cued_city_population)

        def context_for(key: str) -> ResolutionContext:
            # A name's own country and division do not count as support for themselves.
            counts = Counter(countries)
            if own := _country_of(pass_one.get(key), self.thresholds.context_confidence):
                counts[own] -= 1
            others = frozenset(d for k, ds in divisions.items() if k != key for d in ds)
            return ResolutionContext(+counts, others)

        resolved = {key: choose(c.entries, context_for(key)) for key, c in by_key.items()}
        # "Paris, Texas", "Atlanta, Georgia": the name after the comma contains the one before.
        containers = _containers(accepted, self.thresholds.major_city_population)
        for key, container_key in containers.items():
            if key not in by_key or container_key not in by_key:
                continue
            options = tuple(e.place for e in by_key[container_key].entries if e.place.kind in CONTAINER_KINDS)
            resolved[key] = choose(by_key[key].entries, context_for(key).within(options))
            inner = resolved[key][0] if resolved[key] else None
            if inner is not None:
                outer = replace(context_for(container_key), contents=(inner,))
                resolved[container_key] = choose(by_key[container_key].entries, outer)
            container = resolved[container_key][0] if resolved[container_key] else None
            if inner is not None and container is not None and container.kind in AREA_KINDS and inner.country != container.country:
                # "Nasir, in Upper Nile state": the text puts the name in a country where the
                # gazetteer has no place of that name; the Sudanese one it has is not meant.
                resolved[key] = None
        strays = _strays({key: (by_key[key], r[0]) for key, r in resolved.items() if r is not None}, self.thresholds.stray_population)
        resolved = {k: v for k, v in resolved.items() if v is not None and k not in strays}
        unknown = {c.key: c for c in accepted if not c.entries}
        for key, container_key in containers.items():
            if key not in unknown or container_key not in resolved:
                continue
            place, confidence = resolved[container_key]
            if after_a_comma_only(unknown[key].span) and place.kind not in AREA_KINDS:
                continue  # "Beyond Madinaty, Liverpool have other academies": a clause, not a place
            # "Al-Shifa Hospital in Gaza City", "Oulton Park, Cheshire": a building or street the
            # gazetteer does not know is where the text puts it, as far as the text says.
            resolved[key] = (place, round(confidence * self.thresholds.inside_only_confidence, 4))
        return resolved, strays

    def _is_strong(self, c: Candidate) -> bool:
        """Believed on its own: the NER calls it a place, or it names a country or region."""
        if not self._may_be_place(c):
            return False
        if c.label in {"GPE", "LOC"}:
            # A division spelt like a common word ("Centre", "Eastern") needs its country in the article.
            return not self.finder.is_common_word(c.span) or best_kind(c) in PROMINENT_KINDS - {"admin1"}
        if (
            (self.finder.is_common_word(c.span) and not names_country_inside_sentence(c))
            or is_acronym(c.span, c)
            or is_abbreviation(c.span)
        ):
            return False
        return best_kind(c) in PROMINENT_KINDS or (
            unseen_by_recogniser(c.span) and _is_major_city(c, self.thresholds.major_city_population)
        )

    @staticmethod
    def _person_more_than_place(c: Candidate) -> bool:
        """A name the article also gives a person: where the recogniser did not call it a place,
        anything but a country or continent ("Jordan") is the person; where it did, a lone town's
        name still is ("Nelson says"), unless a preposition only places take comes before it."""
        if c.label in (None, "PERSON"):
            return best_kind(c) not in {"country", "continent"}
        return len(c.span) == 1 and best_kind(c) == "city" and not in_a_place(c.span)

    def _has_evidence(self, c: Candidate, countries: Counter[str], person_names: set[str]) -> bool:
        """Whether a candidate that is not believed on its own has support in its sentence or article.

        A common word needs the NER to call it a place and the article to be about its country;
        any other name needs a locative cue ("in", "city of") and either the article's country, a
        large population, or several words to it.
        """
        in_context = any(e.place.country in countries for e in c.entries)
        if (is_acronym(c.span, c) and not is_dateline(c.span)) or is_abbreviation(c.span):
            # "N.J.", "Calif.": a division's dotted abbreviation in an article about its country
            # (undotted, "NJ", "NV" and "SK" stand for companies and gangs as often; "Gen." and
            # "Dr." are titles).
            return "." in c.span.text and in_context and best_kind(c) == "admin1"
        if not self._may_be_place(c):
            return False
        if self.finder.is_common_word(c.span):
            return c.label in {"GPE", "LOC"} and in_context
        if c.label in {"GPE", "LOC"}:
            return True
        if (c.key in person_names and not in_a_place(c.span)) or (modifies_common_noun(c.span) and not ends_in_division_word(c.span)):
            return False
        if is_dateline(c.span) or named_as_place(c.span) or self._written_in_its_container(c):
            return True
        if len(c.span) == 1 and c.span[0].is_sent_start and c.label is None:
            return False
        population = max((e.place.population or 0 for e in c.entries), default=0)
        return has_locative_cue(c.span) and (in_context or population >= self.thresholds.cued_city_population or len(c.span) > 1)

    def _written_in_its_container(self, c: Candidate) -> bool:
        """ "Goma, North Kivu": the name is followed by a country or division one of its readings lies
        in (or may: a town whose division the gazetteer does not know, in the division's country)."""
        containers = containers_after(text_of(c.span.doc), c.span.end_char, self.gazetteer)
        return any(
            contains(container, e.place)
            or (e.place.admin1 is None and e.place.country is not None and e.place.country == container.country)
            for container in containers
            for e in c.entries
        )

    def _may_be_place(self, c: Candidate) -> bool:
        # The model calls unfamiliar names NORP; "Laukkai town" says what it is (demonyms, the
        # real NORPs, were set apart before).
        return c.label != "NORP" or best_kind(c) == "country" or named_as_place(c.span)

    def _forename_pairs(self, doc: Doc) -> list[tuple[int, int]]:
        """Token ranges of a forename and the capitalised word after it ("Ashley Sutton", "Andrew
        Jordan"): a person's name, where the recogniser did not say otherwise."""
        found = []
        for token in doc[:-1]:
            after = doc[token.i + 1]
            if not (token.is_title and token.is_alpha and after.is_title and after.is_alpha and token.text in self.gazetteer.forenames):
                continue
            if token.ent_iob != 0 and token.ent_type_ != "PERSON":
                continue  # "Houston Rockets" as an ORG (a surname the model calls a GPE is still one: "Andrew Jordan")
            if (
                after.lower_ in PLACE_NOUNS
                or after.lower_ in CALENDAR_WORDS
                or after.lower_ in DIRECTION_WORDS
                or self.gazetteer.knows(f"{token.text} {after.text}")
            ):
                continue  # "Victoria Falls", "Aden Monday"
            readings = [e.place for e in self.gazetteer.entries(token.text) if e.primary]
            if any(p.kind in {"country", "continent"} or (p.population or 0) >= self.thresholds.major_city_population for p in readings):
                continue  # "Georgia", "Houston": more often the place than the forename
            if (
                any(
                    p.kind in {"admin1", "region", "island"} or (p.population or 0) >= self.thresholds.cued_city_population
                    for p in readings
                )
                and singular(after.lower_) in self.english_words
            ):
                continue  # "Washington Post", "Louisiana Purchase", "Atlanta Mayor"; not "Victoria Rowell"
            found.append((token.i, token.i + 2))
        return found


def _is_major_city(c: Candidate, population: int) -> bool:
    """The name's best reading is a national capital or a city of ``population`` people (a
    million by default): news uses these names bare, often for the government seated there ("Baku
    carried out arrests")."""
    best = choose(c.entries, ResolutionContext())
    if best is None or best[0].kind != "city":
        return False
    entry = next(e for e in c.entries if e.place == best[0])
    return entry.capital or (best[0].population or 0) >= population


def _strays(resolved: dict[str, tuple[Candidate, Place]], population: int) -> set[str]:
    """Names resolved to a small town in a country nothing else in the article supports, while
    the article is anchored elsewhere: "Panyang" (a Chinese village of 880) in a report on South
    Sudan, "Vale" (a Georgian village) in "the Vale do Paranhana area of Rio Grande do Sul".
    Unknown beats wrong. Anchors are countries, divisions and large towns (not demonyms: a local
    report on Dundalk may well mention "a Japanese man"); an article with none has no strays."""
    small = {key for key, (c, place) in resolved.items() if _is_small_town(c, place, population)}
    anchors = {place.country for key, (_, place) in resolved.items() if key not in small}
    if not anchors:
        return set()
    return {key for key in small if resolved[key][1].country not in anchors}


def _is_small_town(c: Candidate, place: Place, population: int) -> bool:
    """A city below ``population`` people that is no capital."""
    if place.kind != "city" or (place.population or 0) >= population:
        return False
    return not any(e.capital for e in c.entries if e.place == place)


def _anchoring_divisions(resolutions: dict[str, tuple[Place, float] | None], population: int) -> dict[str, set[tuple[str, str]]]:
    """The first-level divisions each name puts the article in: a division named outright ("New
    Jersey"), or the division of a large city, whose reading is reliable without context."""
    out: dict[str, set[tuple[str, str]]] = {}
    for key, resolution in resolutions.items():
        place = resolution[0] if resolution else None
        if place is None or place.country is None:
            continue
        if place.kind == "admin1" or (place.kind == "city" and (place.population or 0) >= population):
            if (division := division_key(place)) is not None:
                out[key] = {(place.country, division)}
    return out


def _country_of(resolution: tuple[Place, float] | None, confidence: float) -> str | None:
    if resolution is None or resolution[1] < confidence:
        return None
    return resolution[0].country


def _context_counts(resolutions: dict[str, tuple[Place, float] | None], demonyms: list[Demonym], confidence: float) -> Counter[str]:
    """Countries the article mentions: one count per distinct confident place name and demonym."""
    counts: Counter[str] = Counter()
    for resolution in resolutions.values():
        if country := _country_of(resolution, confidence):
            counts[country] += 1
    for country in {(normalize(d.text), d.country) for d in demonyms if d.country}:
        counts[country[1]] += 1
    return counts


def _containers(accepted: list[Candidate], major_city_population: int) -> dict[str, str]:
    """Name → the name the text writes as containing it ("Paris, Texas", "Laukkai town in northern
    Shan state", "Rann, in north-eastern Nigeria"). A capital or a city of a million in a list
    of names is listed, not contained: "stops in Washington, New York and Boston"."""
    found: dict[str, str] = {}
    by_start = {c.span.start: c for c in accepted}
    for c in accepted:
        after = by_start.get(container_start(c.span))
        if after is None or after.key == c.key:
            continue
        if best_kind(c) == "country" and best_kind(after) == "country":
            continue  # "Donors: Australia, Canada, Benin": a country lies in no other, a list goes on
        if list_goes_on(after.span) and _is_major_city(c, major_city_population):
            continue
        found.setdefault(c.key, after.key)
    return found


def _token_range(doc: Doc, start_char: int, end_char: int) -> tuple[int, int]:
    span = doc.char_span(start_char, end_char, alignment_mode="expand")
    return (span.start, span.end) if span is not None else (0, 0)
