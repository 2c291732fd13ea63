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

Results: ``doc._.places`` (list[PlaceMention], doc character offsets, sorted) and
``doc._.demonyms`` (list[Demonym]).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from crisisdesk.geo.gazetteer import DIVISION_WORDS, Entry, Gazetteer, load_gazetteer, normalize
from crisisdesk.geo.resolve import CONTAINER_KINDS, ResolutionContext, choose, containers_after, contains, division_key, entries_with_demonym
from crisisdesk.model import Place, PlaceMention

#: NER labels that denote places; the others may hide a place the small model mislabels.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
OTHER_LABELS = frozenset({"PERSON", "ORG", "NORP"})
#: Labels the small model gives to names it does not know ("Manbij" as PRODUCT); a gazetteer
#: name under one of them needs the same evidence as a name the model did not tag at all.
MISFIRE_LABELS = frozenset({"PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "LANGUAGE"})
#: What joins the names of a list ("Sud, Nippes and Grand'Anse").
_LIST_JOINERS = frozenset({",", "and", "or", "&"})
#: Longest place name tried, in tokens ("Bab al - Hawa border crossing").
MAX_NGRAM = 7
#: Lowercase words allowed inside a multi-word name ("Dayr az Zawr", "Bosnia and Herzegovina").
CONNECTORS = frozenset(
    "of the and de del della la le les al el an ad ar as ash at az ur di du des da do dos das y e upon on sur en am im bin ibn bani ben 's ’s".split()
)
#: Lowercase words that may end a name ("Lachin corridor", "Shan state").
FEATURE_WORDS = DIVISION_WORDS | frozenset("corridor strip heights peninsula valley camp crossing sea basin gap plains".split())
#: Division words that make the name they end a place's ("Cuyahoga County").
NAMING_DIVISION_WORDS = DIVISION_WORDS - {"state", "territory", "region"}
#: Nouns that head the name of a street or a building ("Royal Street", "Colchester Hospital").
FACILITY_HEADS = frozenset(
    "Street Avenue Road Boulevard Lane Drive Square Bridge Hospital Clinic Church Cathedral Mosque Temple "
    "School College University Stadium Airport Park Hall Centre Center Museum Library Prison Market "
    "Palace Castle Tower Courthouse Station Hotel Camp".split()
)
#: Nouns that head the name of a natural feature ("Mississippi River", "Fire Island").
NATURAL_FEATURE_HEADS = frozenset("River Lake Lagoon Island Islands Bay Valley Mountains Hills Coast Peninsula Desert Forest Canal Falls Creek".split())
#: Words of direction that may end a street's name ("Eglinton Avenue West").
_COMPASS_POINTS = frozenset("North South East West".split())
#: Nouns a place name modifies or is apposed to ("Laukkai town", "the city of Stepanakert").
PLACE_NOUNS = FEATURE_WORDS | frozenset("town city village capital area suburb neighbourhood neighborhood settlement island islands port".split())
#: Words that put the next name in a place ("in Stepanakert", "the city of Stepanakert").
LOCATIVE_CUES = frozenset(
    "in at from to near into towards toward outside around across through via of inside within between throughout on".split()
)
#: Words of direction between "in" and a containing place ("in north-eastern Nigeria").
DIRECTION_WORDS = frozenset(
    "north south east west northern southern eastern western central far "
    "north-east north-west south-east south-west northeast northwest southeast southwest "
    "north-eastern north-western south-eastern south-western northeastern northwestern southeastern southwestern".split()
)
#: Kinds of place whose country settles the country of a place written inside it.
AREA_KINDS = frozenset({"country", "admin1", "admin2", "region", "island"})
#: Places a single city in a far country is unlikely to be mistaken for.
PROMINENT_KINDS = frozenset({"country", "continent", "region", "corridor", "admin1", "camp", "crossing", "sea", "island"})
#: Where the recogniser did not run, a city this large is believed on its name alone.
MAJOR_CITY_POPULATION = 1_000_000
#: A gazetteer-only city with a locative cue is believed from this population on.
CUED_CITY_POPULATION = 100_000
#: Below this population, a town in a country the article does not otherwise mention is a stray.
STRAY_POPULATION = 50_000
#: Pass-one resolutions this confident give the article its countries.
CONTEXT_CONFIDENCE = 0.5
#: A name known only as lying in a place the text names ("Al-Shifa Hospital in Gaza City") gets
#: that place at this share of its confidence.
INSIDE_ONLY_CONFIDENCE = 0.5
#: An adjective names one place (the demonym table has one entry a word).
ADJECTIVAL_CONFIDENCE = 0.9


@dataclass(frozen=True, slots=True)
class Demonym:
    """A demonym or adjective of a place ("Armenian", "Kurdish"), and the place it names."""

    text: str
    start: int
    end: int
    country: str | None  # ISO3; None for a region across borders ("Kurdish", "Central American")
    place: Place | None = None
    attributive: bool = False  # used before a noun it describes ("Turkish forces"), not as one ("the Turks")
    embedded: bool = False  # the first word of a name ("Syrian Democratic Forces")


@dataclass(frozen=True, slots=True)
class _Candidate:
    span: Span
    label: str | None  # the NER label that covers it, None for gazetteer-only
    entries: tuple[Entry, ...]
    embedded: bool = False  # inside an organisation's name ("Bank of England")

    @property
    def key(self) -> str:
        return normalize(self.span.text)


@Language.factory("crisisdesk_places")
def make_places(nlp: Language, name: str) -> PlacesComponent:
    return PlacesComponent(nlp)


class PlacesComponent:
    """Sets ``doc._.places`` and ``doc._.demonyms``. The gazetteer is loaded once, here."""

    def __init__(self, nlp: Language, gazetteer: Gazetteer | None = None) -> None:
        for ext in ("places", "demonyms"):
            if not Doc.has_extension(ext):
                Doc.set_extension(ext, default=None)
        self.gazetteer = gazetteer or load_gazetteer()
        self.common_words = _common_words(nlp)
        self.english_words = self.common_words | wordnet_words(nlp, ("noun",))

    def __call__(self, doc: Doc) -> Doc:
        candidates = self.candidates(doc)
        demonyms = self.demonyms(doc, candidates)
        demonym_tokens = {i for d in demonyms for i in range(*_token_range(doc, d.start, d.end))}
        candidates = [c for c in candidates if not demonym_tokens & set(range(c.span.start, c.span.end))]
        doc._.demonyms = demonyms
        places = self.mentions(doc, candidates, demonyms) + _adjectival_mentions(demonyms)
        doc._.places = sorted(places, key=lambda m: m.start)
        return doc

    # --- recognition ---------------------------------------------------------------------------

    def candidates(self, doc: Doc) -> list[_Candidate]:
        """Place candidates: gazetteer n-grams reconciled with the NER entities."""
        ents = [trimmed for ent in doc.ents if (trimmed := _trim(ent)) is not None]
        found: list[_Candidate] = []
        matches = list(self._gazetteer_ngrams(doc))
        spelt_out = [name for name in _names_before_acronyms(doc) if not _only_place_names(doc, name, matches)]
        claimed: set[int] = set()
        for match in matches:
            if match.start in claimed:
                continue  # inside a longer place already taken whole ("Barada" of "Wadi Barada")
            if _inside_a_name(match, spelt_out):
                claimed.update(range(match.start, match.end))
                continue  # "Iraq" of "Islamic State in Iraq and the Levant (ISIL)"
            cand = self._reconcile(match, ents)
            if cand is not None:
                found.append(cand)
                claimed.update(range(cand.span.start, cand.span.end))
            claimed.update(range(match.start, match.end))
        taken = {i for c in found for i in range(c.span.start, c.span.end)}
        for ent in ents:
            tokens = set(range(ent.start, ent.end))
            if ent.label_ in PLACE_LABELS and not claimed & tokens and not _inside_a_name(ent, spelt_out):
                entries = self.gazetteer.entries(ent.text) if _is_name(ent) else ()
                if entries or ent.label_ != "FAC":
                    found.append(_Candidate(ent, ent.label_, entries))
            elif ent.label_ in OTHER_LABELS and not taken & tokens and _is_name(ent) and _named_as_place(ent):
                # "the town of Pital de la Conta" (an ORG to the model, "Conta" a town elsewhere):
                # unknown to the gazetteer, but the text says it is a place.
                found.append(_Candidate(ent, "GPE", ()))
        facilities = list(self._named_facilities(doc))
        inside = {i for f in facilities for i in range(f.span.start, f.span.end)}
        found = [c for c in found if not inside & set(range(c.span.start, c.span.end))] + facilities
        return sorted(found, key=lambda c: c.span.start)

    def _named_facilities(self, doc: Doc) -> Iterable[_Candidate]:
        """Streets and buildings: a capitalised name headed by a facility noun ("Royal Street",
        "the Montgomery County History Center", "Eglinton Avenue West", "the Guildhall School of
        Music"). A place named inside it is where it is ("Colchester Hospital"); a place before a
        possessive is a place of its own ("Seoul's Jamsil Stadium")."""
        for token in doc:
            if (token.text not in FACILITY_HEADS and token.text not in NATURAL_FEATURE_HEADS) or token.i == 0:
                continue
            start = token.i
            while start > 0 and token.i - start < 6:
                if _starts_name(doc[start - 1]) and doc[start - 1].lower_ not in LOCATIVE_CUES:
                    start -= 1
                elif doc[start - 1].text in {"-", "–"} and start > 1 and _starts_name(doc[start - 2]):
                    start -= 2  # "Al-Shifa Hospital"
                else:
                    break
            if start == token.i or doc[start].lower_.rstrip(".") in _PERSON_TITLES:
                continue  # a bare "Hospital"; "President Park"
            end = token.i + 1
            if end + 1 < len(doc) and doc[end].lower_ == "of" and _starts_name(doc[end + 1]):
                end += 2  # "School of Music"
            elif end < len(doc) and doc[end].text in _COMPASS_POINTS:
                end += 1  # "Eglinton Avenue West"
            if end < len(doc) and _starts_name(doc[end]) and not doc[end].is_sent_start:
                continue  # the name goes on: "Queens Park Rangers", "Money Market Division"
            span = doc[start:end]
            if token.text in NATURAL_FEATURE_HEADS:
                # "Mississippi River" is not in the state it shares a name with: only the whole name resolves.
                yield _Candidate(span, "FAC", self.gazetteer.entries(span.text))
            else:
                yield _Candidate(span, "FAC", self._entries_of_given(span))

    def _gazetteer_ngrams(self, doc: Doc) -> Iterable[Span]:
        i = 0
        while i < len(doc):
            match = self._longest_name_at(doc, i) if _starts_name(doc[i]) else None
            if match is None:
                i += 1
            else:
                yield match
                i = match.end

    def _longest_name_at(self, doc: Doc, i: int) -> Span | None:
        end = i + 1
        while end < min(len(doc), i + MAX_NGRAM) and _continues_name(doc[end]):
            end += 1
        for j in range(end, i, -1):
            if _ends_name(doc[j - 1]) and self.gazetteer.knows(doc[i:j].text):
                return doc[i:j]
        return None

    def _reconcile(self, match: Span, ents: list[Span]) -> _Candidate | None:
        """The candidate a gazetteer match makes, given the NER entity that overlaps it."""
        ent = next((e for e in ents if e.start < match.end and match.start < e.end), None)
        entries = self.gazetteer.entries(match.text)
        if ent is None:
            if _unseen_by_recogniser(match) and _runs_into_longer_name(match) and _is_small_town_name(entries):
                # "Wadi" of "Wadi Hajar", "Abu" of "Abu Saif village": where the recogniser did not
                # run, a small town's name running into more capitalised words is part of another name.
                return None
            return _Candidate(match, None, entries)
        if match.start <= ent.start and ent.end <= match.end and len(match) > len(ent):
            # The gazetteer knows more of the name than the NER saw ("Shan" of "Shan state").
            # The NER's label was for the shorter name ("Aleppo" as NORP in "Aleppo governorate").
            return _Candidate(match, ent.label_ if ent.label_ in PLACE_LABELS else None, entries)
        if ent.label_ in MISFIRE_LABELS or self._lists_names(ent):
            # Judged on its context, as if the NER had not seen it; "Sud and Nippes" as an ORG is
            # a list of names the gazetteer knows, not an organisation.
            return _Candidate(match, None, entries)
        if ent.label_ not in PLACE_LABELS | OTHER_LABELS:
            return None  # a date, a number ("June", "Ten")
        if match.start <= ent.start and ent.end <= match.end:
            return _Candidate(match, ent.label_, entries)
        if ent.start <= match.start and match.end <= ent.end:
            if ent.label_ in PLACE_LABELS:
                whole = self.gazetteer.entries(ent.text)
                if whole or (match.start == ent.start and not _only_place_nouns(ent[len(match) :])):
                    # "Wadi Barada", "Eastern Bieh state": the first words of a longer place the
                    # gazetteer does not know are not that place (Algeria's Wadi, Fiji's Eastern).
                    return _Candidate(ent, ent.label_, whole)
                return _Candidate(match, ent.label_, entries)
            if ent.label_ == "ORG" and not _named_as_place(ent):
                # "Bank of England", "Liverpool FC": the place the organisation is named after,
                # judged as if the recogniser had not seen it, and never where anything is.
                return _Candidate(match, None, entries, embedded=True)
            return None  # a place inside a person's name ("Charlotte" of "Charlotte Smith")
        return _Candidate(match, None, entries)

    def _lists_names(self, ent: Span) -> bool:
        """Whether ``ent`` is two or more names the gazetteer knows, joined by commas, "and", "or"."""
        parts, start = [], ent.start
        for token in ent:
            if token.lower_ in _LIST_JOINERS:
                parts.append(ent.doc[start : token.i])
                start = token.i + 1
        parts.append(ent.doc[start : ent.end])
        return len(parts) > 1 and all(len(p) and _is_name(p) and self.gazetteer.knows(p.text) for p in parts)

    def demonyms(self, doc: Doc, candidates: list[_Candidate]) -> list[Demonym]:
        """Demonyms in ``doc``, not counting words inside longer place names."""
        in_longer_place = {i for c in candidates if len(c.span) > 1 and not self._is_demonym(c.span.text) for i in range(c.span.start, c.span.end)}
        found: list[Demonym] = []
        i = 0
        while i < len(doc):
            if not doc[i].text[:1].isupper() or doc[i].lower_ == "the":
                i += 1
                continue
            for n in (3, 2, 1):
                span = doc[i : i + n]
                if len(span) == n and _is_demonym_shaped(span) and not in_longer_place & set(range(span.start, span.end)):
                    place = self.gazetteer.demonym_place(span.text)
                    if place is not None:
                        plural = self._is_plural_demonym(span.text)  # people ("Syrians"), not an adjective
                        attributive = not plural and _is_attributive(span)
                        found.append(Demonym(span.text, span.start_char, span.end_char, place.country, place, attributive, self._starts_a_name(span)))
                        i += n - 1
                        break
            i += 1
        return found

    def _is_demonym(self, text: str) -> bool:
        return self.gazetteer.demonym_place(text) is not None

    def _starts_a_name(self, span: Span) -> bool:
        """Whether a demonym is the first word of a name ("Syrian Democratic Forces", "European
        Commission"): a place inside an organisation's name is not a place mention. Where the
        recogniser ran, its entity says so; elsewhere, a capitalised word follows that is neither
        a place nor another adjective ("Syrian Kurdish enclave")."""
        doc = span.doc
        if span.end >= len(doc):
            return False
        after = doc[span.end]
        if any(t.ent_iob != 0 for t in span) or after.ent_iob != 0:
            return after.ent_iob_ == "I" and after.ent_type_ not in {"NORP", "GPE", "LOC"}
        return _starts_name(after) and not after.is_sent_start and not self._is_demonym(after.text) and not self.gazetteer.knows(after.text)

    def _is_plural_demonym(self, text: str) -> bool:
        return text.endswith("s") and self._is_demonym(text[:-1])

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
            entries = self._entries_of_given(span) if span is not None else ()
            candidates.append(_Candidate(span, "GPE", entries) if span is not None else None)
        known = [c for c in candidates if c is not None and c.entries]
        pass_one = {c.key: choose(c.entries, ResolutionContext()) for c in known}
        countries = _context_counts(dict(pass_one), self.demonyms(doc, known))
        resolved, _ = self._resolve_names([c for c in candidates if c is not None], pass_one, countries)
        found = []
        for (start, end), c in zip(spans, candidates):
            place, confidence = (resolved.get(c.key) or pass_one.get(c.key) or (None, 0.0)) if c is not None else (None, 0.0)
            found.append(PlaceMention(doc.text[start:end], start, end, place, confidence))
        return found

    def candidates_of_given(self, doc: Doc, spans: Sequence[tuple[int, int]]) -> list[tuple[Place, ...]]:
        """Every gazetteer reading of each given span, the choice :meth:`resolve_given` makes from
        (for measuring how good the best choice could be)."""
        found = []
        for start, end in spans:
            span = doc.char_span(start, end, alignment_mode="expand")
            found.append(tuple(e.place for e in self._entries_of_given(span)) if span is not None else ())
        return found

    def _entries_of_given(self, span: Span) -> tuple[Entry, ...]:
        """A given span's candidates: its own, else those of the longest place name or adjective
        inside it. A building, event or body named after a place is in or of that place ("Dubai
        World Cup", "Colorado State University", "Lake Manassas"), and a part of a place written
        with a direction is in it ("West Surrey")."""
        entries = entries_with_demonym(span.text, self.gazetteer)
        if entries or len(span) < 2:
            return entries
        head = _head_words(span)
        for n in range(len(span) - 1, 0, -1):
            for i in range(span.start, span.end - n + 1):
                part = span.doc[i : i + n]
                if head & set(range(i, i + n)) or not (_starts_name(part[0]) and _ends_name(part[-1])):
                    continue
                found = entries_with_demonym(part.text, self.gazetteer)
                if n == 1 and self._is_common_word(part) and not any(e.place.kind in PROMINENT_KINDS for e in found):
                    continue  # "West" of "West Wing"; not "European" of "European Commission", "US" of "US Federal Reserve"
                if n == 1 and part[0].lower_ in CONNECTORS:
                    continue  # "Al" of "Al-Shifa Hospital" is an article, not Ål in Norway
                if found:
                    return found
        return ()

    # --- acceptance and resolution ---------------------------------------------------------------

    def mentions(self, doc: Doc, candidates: list[_Candidate], demonyms: list[Demonym]) -> list[PlaceMention]:
        """Resolve the accepted candidates, one referent per name, in the article's context."""
        named_people = self._forename_pairs(doc)
        in_people = {i for start, end in named_people for i in range(start, end)}
        candidates = [c for c in candidates if not (len(c.span) == 1 and c.span.start in in_people)]
        known = [c for c in candidates if c.entries]
        pass_one = {c.key: choose(c.entries, ResolutionContext()) for c in known}
        person_names = _person_name_parts(doc) | {normalize(doc[i].text) for start, end in named_people for i in range(start, end)}
        # A division or region spelt like a person the text names ("Nelson", "Victoria") is that
        # person where the recogniser did not say otherwise; a country keeps its name ("Jordan").
        strong = [c for c in known if self._is_strong(c) and not (c.key in person_names and self._person_more_than_place(c))]
        context = _context_counts({c.key: pass_one[c.key] for c in strong}, demonyms)
        accepted_keys = {c.key for c in strong} | {c.key for c in known if self._has_evidence(c, context, person_names)}
        accepted = [c for c in candidates if c.label == "FAC" or (not c.entries and c.label in PLACE_LABELS and _placed_by_its_words(c.span)) or (c.key in accepted_keys and self._may_be_place(c))]
        all_countries = _context_counts({k: pass_one[k] for k in accepted_keys}, demonyms)
        resolved, strays = self._resolve_names(accepted, pass_one, all_countries)
        return [
            PlaceMention(_name_text(c.span), c.span.start_char, c.span.start_char + len(_name_text(c.span)), *(resolved.get(c.key) or (None, 0.0)), embedded=c.embedded)
            for c in accepted
            if not (c.key in strays and c.label is None)  # only the gazetteer's entry spoke for it
        ]

    def _resolve_names(self, accepted: list[_Candidate], pass_one: dict, countries: Counter[str]) -> tuple[dict[str, tuple[Place, float]], set[str]]:
        """Each name's referent, and the names left unresolved as strays (see :func:`_strays`)."""
        by_key: dict[str, _Candidate] = {}
        for c in accepted:
            if c.entries:
                by_key.setdefault(c.key, c)

        divisions = _anchoring_divisions({k: pass_one.get(k) for k in by_key})

        def context_for(key: str) -> ResolutionContext:
            # A name's own country and division do not count as support for themselves.
            counts = Counter(countries)
            if own := _country_of(pass_one.get(key)):
                counts[own] -= 1
            others = frozenset(d for k, ds in divisions.items() if k != key for d in ds)
            return ResolutionContext(+counts, others)

        resolved = {key: choose(c.entries, context_for(key)) for key, c in by_key.items()}
        # "Paris, Texas", "Atlanta, Georgia": the name after the comma contains the one before.
        containers = _containers(accepted)
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
        strays = _strays({key: (by_key[key], r[0]) for key, r in resolved.items() if r is not None})
        resolved = {k: v for k, v in resolved.items() if v is not None and k not in strays}
        unknown = {c.key: c for c in accepted if not c.entries}
        for key, container_key in containers.items():
            if key not in unknown or container_key not in resolved:
                continue
            place, confidence = resolved[container_key]
            if _after_a_comma_only(unknown[key].span) and place.kind not in AREA_KINDS:
                continue  # "Beyond Madinaty, Liverpool have other academies": a clause, not a place
            # "Al-Shifa Hospital in Gaza City", "Oulton Park, Cheshire": a building or street the
            # gazetteer does not know is where the text puts it, as far as the text says.
            resolved[key] = (place, round(confidence * INSIDE_ONLY_CONFIDENCE, 4))
        return resolved, strays

    def _is_strong(self, c: _Candidate) -> bool:
        """Believed on its own: the NER calls it a place, or it names a country or region."""
        if not self._may_be_place(c):
            return False
        if c.label in {"GPE", "LOC"}:
            # A division spelt like a common word ("Centre", "Eastern") needs its country in the article.
            return not self._is_common_word(c.span) or _best_kind(c) in PROMINENT_KINDS - {"admin1"}
        if (self._is_common_word(c.span) and not _names_country_inside_sentence(c)) or _is_acronym(c.span, c) or _is_abbreviation(c.span):
            return False
        return _best_kind(c) in PROMINENT_KINDS or (_unseen_by_recogniser(c.span) and _is_major_city(c))

    @staticmethod
    def _person_more_than_place(c: _Candidate) -> bool:
        """A name the article also gives a person: where the recogniser did not call it a place,
        anything but a country or continent ("Jordan") is the person; where it did, a lone town's
        name still is ("Nelson says"), unless a preposition only places take comes before it."""
        if c.label in (None, "PERSON"):
            return _best_kind(c) not in {"country", "continent"}
        return len(c.span) == 1 and _best_kind(c) == "city" and not _in_a_place(c.span)

    def _has_evidence(self, c: _Candidate, countries: Counter[str], person_names: set[str]) -> bool:
        """Whether a candidate that is not believed on its own has support in its sentence or article.

        A common word needs the NER to call it a place and the article to be about its country;
        any other name needs a locative cue ("in", "city of") and either the article's country, a
        large population, or several words to it.
        """
        in_context = any(e.place.country in countries for e in c.entries)
        if (_is_acronym(c.span, c) and not _is_dateline(c.span)) or _is_abbreviation(c.span):
            # "N.J.", "Calif.": a division's dotted abbreviation in an article about its country
            # (undotted, "NJ", "NV" and "SK" stand for companies and gangs as often; "Gen." and
            # "Dr." are titles).
            return "." in c.span.text and in_context and _best_kind(c) == "admin1"
        if not self._may_be_place(c):
            return False
        if self._is_common_word(c.span):
            return c.label in {"GPE", "LOC"} and in_context
        if c.label in {"GPE", "LOC"}:
            return True
        if (c.key in person_names and not _in_a_place(c.span)) or (_modifies_common_noun(c.span) and not _ends_in_division_word(c.span)):
            return False
        if _is_dateline(c.span) or _named_as_place(c.span) or self._written_in_its_container(c):
            return True
        if len(c.span) == 1 and c.span[0].is_sent_start and c.label is None:
            return False
        population = max((e.place.population or 0 for e in c.entries), default=0)
        return _has_locative_cue(c.span) and (in_context or population >= CUED_CITY_POPULATION or len(c.span) > 1)

    def _written_in_its_container(self, c: _Candidate) -> bool:
        """"Goma, North Kivu": the name is followed by a country or division one of its readings lies
        in (or may: a town whose division the gazetteer does not know, in the division's country)."""
        containers = containers_after(c.span.doc.text, c.span.end_char, self.gazetteer)
        return any(
            contains(container, e.place) or (e.place.admin1 is None and e.place.country is not None and e.place.country == container.country)
            for container in containers
            for e in c.entries
        )

    def _may_be_place(self, c: _Candidate) -> bool:
        # The model calls unfamiliar names NORP; "Laukkai town" says what it is (demonyms, the
        # real NORPs, were set apart before).
        return c.label != "NORP" or _best_kind(c) == "country" or _named_as_place(c.span)

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
            if after.lower_ in PLACE_NOUNS or after.lower_ in _CALENDAR_WORDS or after.lower_ in DIRECTION_WORDS or self.gazetteer.knows(f"{token.text} {after.text}"):
                continue  # "Victoria Falls", "Aden Monday"
            readings = [e.place for e in self.gazetteer.entries(token.text) if e.primary]
            if any(p.kind in {"country", "continent"} or (p.population or 0) >= MAJOR_CITY_POPULATION for p in readings):
                continue  # "Georgia", "Houston": more often the place than the forename
            if any(p.kind in {"admin1", "region", "island"} or (p.population or 0) >= CUED_CITY_POPULATION for p in readings) and _singular(after.lower_) in self.english_words:
                continue  # "Washington Post", "Louisiana Purchase", "Atlanta Mayor"; not "Victoria Rowell"
            found.append((token.i, token.i + 2))
        return found

    def _is_common_word(self, span: Span) -> bool:
        if len(span) != 1:
            return False
        token = span[0]
        if len(token) > 1 and token.text.isupper() and token.text.isalpha():
            return False  # an acronym is not the word it spells: "US" is not "us"
        return token.is_stop or token.lower_ in self.common_words


# --- helpers -----------------------------------------------------------------------------------


def _common_words(nlp: Language) -> frozenset[str]:
    """English adjectives, adverbs and verbs ("most", "central", "hope") from the lemmatizer's
    WordNet index; nouns are left out because that index also holds proper names ("paris")."""
    return wordnet_words(nlp, ("adj", "adv", "verb"))


def wordnet_words(nlp: Language, parts_of_speech: Iterable[str]) -> frozenset[str]:
    """The words of the lemmatizer's WordNet index for ``parts_of_speech`` ("noun", "verb"…);
    empty when the pipeline has no such index."""
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = nlp.get_pipe("lemmatizer").lookups
    if not lookups.has_table("lemma_index"):
        return frozenset()
    index = lookups.get_table("lemma_index")
    return frozenset(w for pos in parts_of_speech if pos in index for w in index[pos])


def _trim(ent: Span) -> Span | None:
    """The entity without a leading article or a trailing possessive or punctuation."""
    start, end = ent.start, ent.end
    while start < end and ent.doc[start].lower_ in {"the", "a", "an"}:
        start += 1
    while end > start and (ent.doc[end - 1].lower_ in {"'s", "’s", "'"} or ent.doc[end - 1].is_punct):
        end -= 1
    if start >= end:
        return None
    span = ent.doc[start:end]
    span.label_ = ent.label_
    return span


def _name_text(span: Span) -> str:
    """The span's text without dashes a token carried along ("Calif.--" of "PLEASANTON, Calif.--(")."""
    return span.text.rstrip("-–—") or span.text


def _is_name(span: Span) -> bool:
    return span[0].text[:1].isupper()


def _starts_name(token: Token) -> bool:
    return token.text[:1].isupper() and token.text[:1].isalpha() and token.lower_ not in {"the", "a", "an"}


def _continues_name(token: Token) -> bool:
    return _starts_name(token) or token.text in {"-", "–"} or token.lower_ in CONNECTORS or token.lower_ in FEATURE_WORDS


def _ends_name(token: Token) -> bool:
    return _starts_name(token) or token.lower_ in FEATURE_WORDS


#: Capitalised words that may follow a place name without being part of it ("in Baghdad Monday").
_CALENDAR_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june "
    "july august september october november december".split()
)


#: Lower-case words inside an organisation's name ("Office for the Coordination of Humanitarian Affairs").
_NAME_FUNCTION_WORDS = CONNECTORS | frozenset("in for to against with".split())
#: An acronym in brackets after the name it abbreviates ("Syrian Democratic Forces (SDF)").
_ACRONYM = re.compile(r"[A-Z]{2,7}")


def _names_before_acronyms(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of names spelt out before their acronym, whose capitalised words' initials
    make it: "Islamic State in Iraq and the Levant (ISIL)". Such a name is an organisation's (a
    place's own, "Democratic Republic of the Congo (DRC)", is matched whole before)."""
    found = []
    for i in range(1, len(doc) - 2):
        if doc[i].text != "(" or doc[i + 2].text != ")" or not _ACRONYM.fullmatch(doc[i + 1].text):
            continue
        letters = doc[i + 1].text.lower()
        initials = ""
        j = i - 1
        while j >= 0 and len(initials) < len(letters) and (doc[j].text[:1].isupper() or doc[j].lower_ in _NAME_FUNCTION_WORDS):
            if doc[j].text[:1].isupper():
                initials = doc[j].text[0].lower() + initials
                if initials == letters:
                    found.append((j, i))
                    break
            j -= 1
    return found


def _only_place_names(doc: Doc, name: tuple[int, int], matches: list[Span]) -> bool:
    # "the Middle East and Africa (MEA)": every capitalised word is a place the gazetteer knows.
    in_places = {i for m in matches for i in range(m.start, m.end)}
    return all(i in in_places for i in range(*name) if doc[i].text[:1].isupper())


def _inside_a_name(span: Span, names: list[tuple[int, int]]) -> bool:
    return any(start <= span.start and span.end <= end and (span.start, span.end) != (start, end) for start, end in names)


def _is_small_town_name(entries: tuple[Entry, ...]) -> bool:
    best = choose(entries, ResolutionContext())
    return best is not None and best[0].kind == "city" and (best[0].population or 0) < CUED_CITY_POPULATION


def _runs_into_longer_name(span: Span) -> bool:
    """Whether a capitalised word right after ``span`` continues the name (a day or month, a place
    noun such as "City" or "State", or an acronym does not)."""
    doc = span.doc
    if span.end >= len(doc):
        return False
    after = doc[span.end]
    # An acronym after a name is rarely its continuation ("Immokalee TIGER grant").
    return _starts_name(after) and not after.text.isupper() and not after.is_sent_start and after.lower_ not in _CALENDAR_WORDS and not _is_place_noun(after)


def _names_country_inside_sentence(c: _Candidate) -> bool:
    """"Japan", "Atlantic": a common word ("to japan", "atlantic") capitalised inside a sentence,
    where capitals mark names, is the country or sea it names."""
    return not c.span[0].is_sent_start and _best_kind(c) in {"country", "sea"}


def _is_acronym(span: Span, c: _Candidate) -> bool:
    # "UN", "AP", "MoD": all capitals (or a short word with capitals after its first letter), a
    # place only when it is a country's or a continent's abbreviation ("US", "DRC", "EU") or one
    # the curated supplement lists ("FATA").
    text = span.text.replace(".", "")
    if not ((text.isupper() or (len(text) <= 4 and text[-1:].isupper() and not text[1:].islower())) and len(text) <= 5):
        return False
    return _best_kind(c) not in {"country", "continent"} and not any(e.place.source == "curated" for e in c.entries)


#: First words of a name whose place is the rest of it ("Lake Manassas", "West Surrey").
_NAME_BEFORE_PLACE = DIRECTION_WORDS | frozenset("lake mount mt fort port cape greater upper lower".split())


def _head_words(span: Span) -> set[int]:
    """The token indices of what a multi-word name is (the place it is named after is not):
    "Center" of "Barclays Center", "University of" of "University of California" and of "Manitoba
    Chambers of Commerce", the first word of "West Surrey" or "Lake Manassas"."""
    if span[0].lower_ in _NAME_BEFORE_PLACE:
        return {span.start}
    of = next((t.i for t in span[1:] if t.lower_ in {"of", "for", "at", "in"}), None)
    return {of - 1, of} if of is not None else {span.end - 1}


def _is_demonym_shaped(span: Span) -> bool:
    # "South Sudanese", "Bissau-Guinean": capitalised words, hyphens only inside.
    return span[0].text[:1].isupper() and span[-1].text[:1].isupper() and all(t.text[:1].isupper() or t.text == "-" for t in span)


def _is_dateline(span: Span) -> bool:
    """"BEIRUT (AP) —": a capitalised place at the start of a report, before the agency or a dash."""
    doc = span.doc
    at_start = span.start == 0 or "\n" in doc[span.start - 1].text_with_ws
    after = doc[span.end].text if span.end < len(doc) else ""
    return at_start and span.text.isupper() and after in {"(", ",", "-", "–", "—", ":"}


def _is_abbreviation(span: Span) -> bool:
    # "Dr.", "Gen.": a titled abbreviation, never a place on its own.
    return len(span) == 1 and span.text.endswith(".") and not span.text.replace(".", "").isupper()


def _person_name_parts(doc: Doc) -> set[str]:
    """Words of multi-word person names in ``doc`` ("Kelly" of "John Kelly"): a bare "Kelly"
    elsewhere is the person again. Names come from the recogniser and, where it did not run, from
    the words English puts around a person's name (see :func:`_cued_person_names`)."""
    found = {normalize(t.text) for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1 for t in ent}
    return found | {normalize(t.text) for name in _cued_person_names(doc) for t in name}


#: Titles and roles written before a person's name ("chief of staff John Kelly", "Sgt Matt Tonroe").
_PERSON_TITLES = frozenset(
    "mr mrs ms miss dr sir dame lord lady prof professor rev father sheikh sgt sergeant cpl corporal lt "
    "lieutenant capt captain maj major col colonel gen general adm admiral president minister premier "
    "senator sen rep representative congressman congresswoman governor gov mayor councillor councilman "
    "councilwoman judge justice spokesman spokeswoman spokesperson chairman chairwoman chair director "
    "secretary chief staff economist analyst researcher coach manager actor actress singer author king queen "
    "prince princess pope ceo founder owner officer detective inspector chancellor ambassador envoy".split()
)
#: Verbs of saying after a person's name ("Paul Brewbaker said").
_SAYING = frozenset("said says told added wrote explained noted argued according asked".split())


def _cued_person_names(doc: Doc) -> list[Span]:
    """Runs of two or three capitalised words the recogniser did not see that the text marks as a
    person's name: a title or role before them ("councillor Dewly Nelson"), a verb of saying or
    an apposition after them ("Paul Brewbaker, an economist", "Kelly said")."""
    names = []
    i = 0
    while i < len(doc):
        j = i
        while j < len(doc) and j - i < 4 and doc[j].is_title and doc[j].is_alpha and doc[j].ent_iob == 0:
            j += 1
        if 2 <= j - i <= 3:
            before = doc[i - 1].lower_.rstrip(".") if i > 0 else ""
            after = [t.lower_ for t in doc[j : j + 3]]
            said = bool(after) and (after[0] in _SAYING or (after[0] == "," and len(after) > 1 and after[1] in _SAYING | {"a", "an", "who", "aged"}))
            if before in _PERSON_TITLES or said:
                names.append(doc[i:j])
        i = max(j, i + 1)
    return names


def _best_kind(c: _Candidate) -> str | None:
    best = choose(c.entries, ResolutionContext())
    return best[0].kind if best else None


def _only_place_nouns(span: Span) -> bool:
    return all(t.lower_ in PLACE_NOUNS or t.is_punct for t in span)


def _unseen_by_recogniser(span: Span) -> bool:
    # The cheap first pass keeps the entity recogniser off sentences that cannot hold a figure;
    # there a name gets no NER label at all (not even "O").
    return all(t.ent_iob == 0 for t in span)


def _is_major_city(c: _Candidate) -> bool:
    """The name's best reading is a national capital or a city of a million people: news uses
    these names bare, often for the government seated there ("Baku carried out arrests")."""
    best = choose(c.entries, ResolutionContext())
    if best is None or best[0].kind != "city":
        return False
    entry = next(e for e in c.entries if e.place == best[0])
    return entry.capital or (best[0].population or 0) >= MAJOR_CITY_POPULATION


def _modifies_common_noun(span: Span) -> bool:
    # "the Al-Jazeera channel": a name used as a modifier of a common noun names a thing, not a place.
    last = span[-1]
    head = last.head
    return last.dep_ == "compound" and head.i >= span.end and head.pos_ == "NOUN" and head.lower_ not in PLACE_NOUNS


def _named_as_place(span: Span) -> bool:
    """The text says what kind of place it is: "Chibok town", "the city of Avdiivka", "the
    capital, Banjul" (an apposition)."""
    doc = span.doc
    after = _after_coordinated_names(span)
    before = doc[span.start - 2 : span.start] if span.start >= 2 else None
    # Where the tagger did not run (pos_ empty), the place noun alone says it.
    return (
        (after is not None and _is_place_noun(after) and after.pos_ in ("NOUN", ""))
        or (before is not None and before[1].lower_ in ("of", ",") and before[0].lower_ in PLACE_NOUNS)
        or _ends_in_division_word(span)
    )


def _ends_in_division_word(span: Span) -> bool:
    """"Cuyahoga County", "Idlib Governorate": the name's own last word says it is a place, even
    as a modifier ("Cuyahoga County employees"). "Mississippi State" is a team as often as a state."""
    return len(span) > 1 and span[-1].lower_ in NAMING_DIVISION_WORDS


def _strays(resolved: dict[str, tuple[_Candidate, Place]]) -> set[str]:
    """Names resolved to a small town in a country nothing else in the article supports, while
    the article is anchored elsewhere: "Panyang" (a Chinese village of 880) in a report on South
    Sudan, "Vale" (a Georgian village) in "the Vale do Paranhana area of Rio Grande do Sul".
    Unknown beats wrong. Anchors are countries, divisions and large towns (not demonyms: a local
    report on Dundalk may well mention "a Japanese man"); an article with none has no strays."""
    small = {key for key, (c, place) in resolved.items() if _is_small_town(c, place)}
    anchors = {place.country for key, (_, place) in resolved.items() if key not in small}
    if not anchors:
        return set()
    return {key for key in small if resolved[key][1].country not in anchors}


def _is_small_town(c: _Candidate, place: Place) -> bool:
    if place.kind != "city" or (place.population or 0) >= STRAY_POPULATION:
        return False
    return not any(e.capital for e in c.entries if e.place == place)


#: Longest list of names one place noun may follow ("Ancash, Cajamarca, … and Tumbes provinces").
_MAX_COORDINATED = 16


def _after_coordinated_names(span: Span) -> Token | None:
    """The token after ``span`` and any names coordinated with it ("Dhubab and Mokha districts"
    → "districts")."""
    doc = span.doc
    i = span.end
    while i < min(len(doc), span.end + _MAX_COORDINATED) and (doc[i].lower_ in (",", "and") or doc[i].text[:1].isupper()):
        i += 1
    return doc[i] if i < len(doc) else None


def _is_place_noun(token: Token) -> bool:
    return token.lower_ in PLACE_NOUNS or _singular(token.lower_) in PLACE_NOUNS


def _singular(word: str) -> str:
    """A plural noun's singular, roughly ("cities" → "city", "rangers" → "ranger")."""
    return word[:-3] + "y" if word.endswith("ies") else word[:-1] if word.endswith("s") and not word.endswith("ss") else word


#: Prepositions that put what follows in a place, never in a person ("in", not "to" or "from").
_PLACE_ONLY_PREPOSITIONS = frozenset("in near outside inside throughout".split())


def _in_a_place(span: Span) -> bool:
    """"in Riverdale": a name after a preposition only places take, and not a possessive ("in
    Kelly's view"), is a place even where the article also names a person with it."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    return before is not None and before.lower_ in _PLACE_ONLY_PREPOSITIONS and not (after is not None and after.lower_ in {"'s", "’s"})


def _placed_by_its_words(span: Span) -> bool:
    """A name the gazetteer does not know, which the model calls a place, is one where the words
    around it say so too ("in Torkula", "Torkula village"): the model also calls people, storms
    and words places ("Heiden", "El Niño")."""
    return _has_locative_cue(span) or _named_as_place(span) or _is_dateline(span)


def _has_locative_cue(span: Span) -> bool:
    """A preposition of place before the name, or a place noun right after it ("Laukkai town")."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    listed = _before_coordinated_names(span)
    after = doc[span.end] if span.end < len(doc) else None
    return (
        (before is not None and before.lower_ in LOCATIVE_CUES)
        # "of" heads lists of people and things too ("the deaths of Helen, Clarence and Irene").
        or (listed is not None and listed.lower_ in LOCATIVE_CUES - {"of"})
        or (after is not None and after.lower_ in PLACE_NOUNS)
    )


def _before_coordinated_names(span: Span) -> Token | None:
    """The token before ``span`` and any names coordinated before it: a list shares its
    preposition ("in Žilina, Nitra, Prešov and Košice" → "in")."""
    doc = span.doc
    i = span.start - 1
    while i > 0 and span.start - i < _MAX_COORDINATED and doc[i].lower_ in (",", "and", "or") and doc[i - 1].text[:1].isupper():
        i -= 1  # the joiner, then the name before it, back to its first word
        while i > 0 and doc[i - 1].text[:1].isupper() and doc[i - 1].lower_ not in LOCATIVE_CUES:
            i -= 1
        i -= 1
    return doc[i] if i >= 0 else None


def _anchoring_divisions(resolutions: dict[str, tuple[Place, float] | None]) -> dict[str, set[tuple[str, str]]]:
    """The first-level divisions each name puts the article in: a division named outright ("New
    Jersey"), or the division of a large city, whose reading is reliable without context."""
    out: dict[str, set[tuple[str, str]]] = {}
    for key, resolution in resolutions.items():
        place = resolution[0] if resolution else None
        if place is None or place.country is None:
            continue
        if place.kind == "admin1" or (place.kind == "city" and (place.population or 0) >= CUED_CITY_POPULATION):
            if (division := division_key(place)) is not None:
                out[key] = {(place.country, division)}
    return out


def _country_of(resolution: tuple[Place, float] | None) -> str | None:
    if resolution is None or resolution[1] < CONTEXT_CONFIDENCE:
        return None
    return resolution[0].country


def _context_counts(resolutions: dict[str, tuple[Place, float] | None], demonyms: list[Demonym]) -> Counter[str]:
    """Countries the article mentions: one count per distinct confident place name and demonym."""
    counts: Counter[str] = Counter()
    for resolution in resolutions.values():
        if country := _country_of(resolution):
            counts[country] += 1
    for country in {(normalize(d.text), d.country) for d in demonyms if d.country}:
        counts[country[1]] += 1
    return counts


#: Words after a demonym that show it is not describing a noun ("the Irish who", "Armenians are").
_NOT_DESCRIBED = frozenset(
    "who whom whose which that and or but nor is are was were be been has have had do does did "
    "say says said will would can could may might must shall should to of in on at for by with from as than".split()
)


def _is_attributive(span: Span) -> bool:
    """Whether a demonym stands before a word it describes ("Turkish forces", "Syrian-Turkish
    border", "Kurdish-led"), rather than as a noun ("a Nigerian who", "the British,")."""
    doc = span.doc
    if span.end >= len(doc):
        return False
    after = doc[span.end]
    if after.text in {"-", "–"} and span.end + 1 < len(doc):
        return doc[span.end + 1].is_alpha
    return after.is_alpha and after.lower_ not in _NOT_DESCRIBED


def _adjectival_mentions(demonyms: list[Demonym]) -> list[PlaceMention]:
    """Attributive demonyms as adjectival place mentions, resolved to the place they name."""
    return [
        PlaceMention(d.text, d.start, d.end, d.place, ADJECTIVAL_CONFIDENCE, adjectival=True, embedded=d.embedded)
        for d in demonyms
        if d.attributive and d.place is not None
    ]


def _containers(accepted: list[_Candidate]) -> dict[str, str]:
    """Name → the name the text writes as containing it ("Paris, Texas", "Laukkai town in northern
    Shan state", "Rann, in north-eastern Nigeria"). A capital or a city of a million in a list
    of names is listed, not contained: "stops in Washington, New York and Boston"."""
    found: dict[str, str] = {}
    by_start = {c.span.start: c for c in accepted}
    for c in accepted:
        after = by_start.get(container_start(c.span))
        if after is None or after.key == c.key:
            continue
        if _list_goes_on(after.span) and _is_major_city(c):
            continue
        found.setdefault(c.key, after.key)
    return found


def _after_a_comma_only(span: Span) -> bool:
    """Whether the place :func:`container_start` finds for ``span`` follows a bare comma ("Goma,
    North Kivu"), not "in" ("Goma in North Kivu", "Nasir, in Upper Nile state")."""
    after = span.doc[span.end : span.end + 2]
    return len(after) == 2 and after[0].text == "," and after[1].lower_ != "in"


def _list_goes_on(span: Span) -> bool:
    """Whether another name follows ``span`` in a list ("New York" of "Washington, New York and Boston")."""
    doc = span.doc
    i = span.end
    if i < len(doc) and doc[i].text == ",":
        i += 1
    if i < len(doc) and doc[i].lower_ in ("and", "or"):
        i += 1
    return i > span.end and i < len(doc) and _starts_name(doc[i])


def container_start(span: Span) -> int | None:
    """Where the text after a place name would name the place containing it: the token after
    ", " ("Goma, DR Congo"), or after "in"/"of" following the name, its place noun or a comma
    ("Bima city in West Nusa Tenggara", "Butig municipality of Lanao del Sur", "Nasir, in Upper
    Nile state"), skipping "the" and words of direction. None when no such words follow."""
    doc = span.doc
    i = span.end
    with_noun = i < len(doc) and doc[i].lower_ in PLACE_NOUNS
    i += with_noun
    comma = i < len(doc) and doc[i].text == ","
    i += comma
    word = doc[i].lower_ if i < len(doc) else ""
    if word == "in" or (word == "of" and with_noun):
        i += 1
    elif not comma or with_noun:
        return None
    if i < len(doc) and doc[i].lower_ == "the":
        i += 1
    # Lower case only: capitalised, the word is part of the name ("North Kivu", "Upper Nile").
    while i < len(doc) and (doc[i].text in DIRECTION_WORDS or (doc[i].text == "-" and i + 1 < len(doc) and doc[i + 1].text in DIRECTION_WORDS)):
        i += 1
    return i if i < len(doc) else None


def written_inside(inner: Span, outer: Span) -> bool:
    """Whether the text writes ``inner`` as lying in ``outer`` (see :func:`container_start`)."""
    return inner.doc is outer.doc and container_start(inner) == outer.start


def _token_range(doc: Doc, start_char: int, end_char: int) -> tuple[int, int]:
    span = doc.char_span(start_char, end_char, alignment_mode="expand")
    return (span.start, span.end) if span is not None else (0, 0)

