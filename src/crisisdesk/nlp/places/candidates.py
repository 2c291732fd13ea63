"""Which spans of a Doc can be places: gazetteer n-grams reconciled with the NER entities, streets
and buildings named by a facility noun, and the evidence in the words around a name (a locative
cue, a place noun, a dateline, a person's title) that the component weighs when it accepts them.

Part of :mod:`crisisdesk.nlp.places` (see its docstring for the rules as a whole). The words these
rules read are in ``lexicon/places.toml``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from crisisdesk import lexicon
from crisisdesk.geo.gazetteer import DIVISION_WORDS, Entry, Gazetteer, normalize
from crisisdesk.geo.resolve import ResolutionContext, choose, entries_with_demonym

#: NER labels that denote places; the others may hide a place the small model mislabels.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
OTHER_LABELS = frozenset({"PERSON", "ORG", "NORP"})
#: Labels the small model gives to names it does not know ("Manbij" as PRODUCT); a gazetteer
#: name under one of them needs the same evidence as a name the model did not tag at all.
MISFIRE_LABELS = frozenset({"PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "LANGUAGE"})
#: What joins the names of a list ("Sud, Nippes and Grand'Anse").
_LIST_JOINERS = frozenset({",", "and", "or", "&"})
#: Lowercase words allowed inside a multi-word name ("Dayr az Zawr", "Bosnia and Herzegovina").
CONNECTORS = lexicon.words("place_name_connectors")
#: Lowercase words that may end a name ("Lachin corridor", "Shan state").
FEATURE_WORDS = DIVISION_WORDS | lexicon.words("place_feature_words")
#: Division words that make the name they end a place's ("Cuyahoga County"); "Mississippi State"
#: is a team as often as a state.
NAMING_DIVISION_WORDS = DIVISION_WORDS - {"state", "territory", "region"}
#: Nouns that head the name of a street or a building ("Royal Street", "Colchester Hospital").
FACILITY_HEADS = lexicon.words("place_facility_heads")
#: Nouns that head the name of a natural feature ("Mississippi River", "Fire Island").
NATURAL_FEATURE_HEADS = lexicon.words("place_natural_feature_heads")
#: Generic nouns of street, building and feature names: inside a longer name they are words of
#: that name, never the place it is named after.
NAME_NOUNS = FACILITY_HEADS | NATURAL_FEATURE_HEADS
#: Words of direction that may end a street's name ("Eglinton Avenue West").
_COMPASS_POINTS = frozenset("North South East West".split())
#: Nouns a place name modifies or is apposed to ("Laukkai town", "the city of Stepanakert").
PLACE_NOUNS = FEATURE_WORDS | lexicon.words("place_nouns")
CURRENCY_NAMES = lexicon.words("place_currency_names")
#: Words that put the next name in a place ("in Stepanakert", "the city of Stepanakert").
LOCATIVE_CUES = lexicon.words("place_locative_cues")
#: Words of direction between "in" and a containing place ("in north-eastern Nigeria").
DIRECTION_WORDS = lexicon.words("place_direction_words")
#: Places a single city in a far country is unlikely to be mistaken for.
PROMINENT_KINDS = frozenset({"country", "continent", "region", "corridor", "admin1", "camp", "crossing", "sea", "island"})


@dataclass(frozen=True, slots=True)
class Candidate:
    """A span that may be a place, the NER label that covers it, and the gazetteer's entries for it."""

    span: Span
    label: str | None  # the NER label that covers it, None for gazetteer-only
    entries: tuple[Entry, ...]
    embedded: bool = False  # inside an organisation's name ("Bank of England")

    @property
    def key(self) -> str:
        return normalize(self.span.text)


class CandidateFinder:
    """Finds the place candidates of a Doc against the gazetteer.

    ``common_words`` are the English words a one-word name must not be on its own ("Most",
    "Hope"); ``max_name_tokens`` is the longest name tried; a gazetteer-only city below
    ``cued_city_population`` is a small town, whose name running into more capitalised words is
    part of another name.
    """

    def __init__(self, gazetteer: Gazetteer, common_words: frozenset[str], *, max_name_tokens: int, cued_city_population: int) -> None:
        self.gazetteer = gazetteer
        self.common_words = common_words
        self.max_name_tokens = max_name_tokens
        self.cued_city_population = cued_city_population

    def find(self, doc: Doc) -> list[Candidate]:
        """Place candidates: gazetteer n-grams reconciled with the NER entities."""
        ents = [trimmed for ent in doc.ents if (trimmed := _trim(ent)) is not None]
        # A Doc's entities are in order and apart: the one a match overlaps is found by bisection.
        ends = [e.end for e in ents] if all(a.end <= b.start for a, b in zip(ents, ents[1:])) else None
        found: list[Candidate] = []
        matches = list(self._gazetteer_ngrams(doc))
        spelt_out = [name for name in _names_before_acronyms(doc) if not _only_place_names(doc, name, matches)]
        claimed: set[int] = set()
        for match in matches:
            if match.start in claimed:
                continue  # inside a longer place already taken whole ("Barada" of "Wadi Barada")
            if _inside_a_name(match, spelt_out):
                claimed.update(range(match.start, match.end))
                continue  # "Iraq" of "Islamic State in Iraq and the Levant (ISIL)"
            if is_numbered_site(match) or is_money(match):
                claimed.update(range(match.start, match.end))
                continue  # "Kilo 16" is no Kiel, "50,000 Naira" no Naila
            cand = self._reconcile(match, ents, ends)
            if cand is not None and is_compound_adjective(cand.span):
                cand = Candidate(cand.span, cand.label, cand.entries, embedded=True)
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
                    found.append(Candidate(ent, ent.label_, entries))
            elif ent.label_ in OTHER_LABELS and not taken & tokens and _is_name(ent) and named_as_place(ent):
                # "the town of Pital de la Conta" (an ORG to the model, "Conta" a town elsewhere):
                # unknown to the gazetteer, but the text says it is a place.
                found.append(Candidate(ent, "GPE", ()))
        facilities = list(self._named_facilities(doc))
        inside = {i for f in facilities for i in range(f.span.start, f.span.end)}
        found = [c for c in found if not inside & set(range(c.span.start, c.span.end))] + facilities
        return sorted(found, key=lambda c: c.span.start)

    def _named_facilities(self, doc: Doc) -> Iterable[Candidate]:
        """Streets and buildings: a capitalised name headed by a facility noun ("Royal Street",
        "the Montgomery County History Center", "Eglinton Avenue West", "the Guildhall School of
        Music"). A place named inside it is where it is ("Colchester Hospital"); a place before a
        possessive is a place of its own ("Seoul's Jamsil Stadium")."""
        for token in doc:
            if (token.text not in FACILITY_HEADS and token.text not in NATURAL_FEATURE_HEADS) or token.i == 0:
                continue
            start = token.i
            while start > 0 and token.i - start < 6:
                if starts_name(doc[start - 1]) and doc[start - 1].lower_ not in LOCATIVE_CUES:
                    start -= 1
                elif doc[start - 1].text in {"-", "–"} and start > 1 and starts_name(doc[start - 2]):
                    start -= 2  # "Al-Shifa Hospital"
                else:
                    break
            if start == token.i or doc[start].lower_.rstrip(".") in _PERSON_TITLES:
                continue  # a bare "Hospital"; "President Park"
            end = token.i + 1
            if end + 1 < len(doc) and doc[end].lower_ == "of" and starts_name(doc[end + 1]):
                end += 2  # "School of Music"
            elif end < len(doc) and doc[end].text in _COMPASS_POINTS:
                end += 1  # "Eglinton Avenue West"
            if end < len(doc) and starts_name(doc[end]) and not doc[end].is_sent_start:
                continue  # the name goes on: "Queens Park Rangers", "Money Market Division"
            span = doc[start:end]
            if token.text in NATURAL_FEATURE_HEADS:
                # "Mississippi River" is not in the state it shares a name with: only the whole name resolves.
                yield Candidate(span, "FAC", self.gazetteer.entries(span.text))
            else:
                yield Candidate(span, "FAC", self.entries_of_given(span))

    def _gazetteer_ngrams(self, doc: Doc) -> Iterable[Span]:
        i = 0
        while i < len(doc):
            match = self._longest_name_at(doc, i) if starts_name(doc[i]) else None
            if match is None:
                i += 1
            else:
                yield match
                i = match.end

    def _longest_name_at(self, doc: Doc, i: int) -> Span | None:
        end = i + 1
        while end < min(len(doc), i + self.max_name_tokens) and _continues_name(doc[end]):
            end += 1
        for j in range(end, i, -1):
            if _ends_name(doc[j - 1]) and self.gazetteer.knows(doc[i:j].text):
                return doc[i:j]
        return None

    def _reconcile(self, match: Span, ents: list[Span], ends: list[int] | None = None) -> Candidate | None:
        """The candidate a gazetteer match makes, given the NER entity that overlaps it."""
        ent = first_overlapping(match, ents, ends)
        entries = self.gazetteer.entries(match.text)
        if ent is None:
            if unseen_by_recogniser(match) and _runs_into_longer_name(match) and _is_small_town_name(entries, self.cued_city_population):
                # "Wadi" of "Wadi Hajar", "Abu" of "Abu Saif village": where the recogniser did not
                # run, a small town's name running into more capitalised words is part of another name.
                return None
            return Candidate(match, None, entries)
        if match.start <= ent.start and ent.end <= match.end and len(match) > len(ent):
            # The gazetteer knows more of the name than the NER saw ("Shan" of "Shan state").
            # The NER's label was for the shorter name ("Aleppo" as NORP in "Aleppo governorate").
            return Candidate(match, ent.label_ if ent.label_ in PLACE_LABELS else None, entries)
        if ent.label_ in MISFIRE_LABELS or self._lists_names(ent):
            # Judged on its context, as if the NER had not seen it; "Sud and Nippes" as an ORG is
            # a list of names the gazetteer knows, not an organisation.
            return Candidate(match, None, entries)
        if ent.label_ not in PLACE_LABELS | OTHER_LABELS:
            return None  # a date, a number ("June", "Ten")
        if match.start <= ent.start and ent.end <= match.end:
            return Candidate(match, ent.label_, entries)
        if ent.start <= match.start and match.end <= ent.end:
            if ent.label_ in PLACE_LABELS:
                whole = self.gazetteer.entries(ent.text)
                if whole or (match.start == ent.start and not _only_place_nouns(ent[len(match) :])):
                    # "Wadi Barada", "Eastern Bieh state": the first words of a longer place the
                    # gazetteer does not know are not that place (Algeria's Wadi, Fiji's Eastern).
                    return Candidate(ent, ent.label_, whole)
                return Candidate(match, ent.label_, entries)
            if ent.label_ == "ORG" and not named_as_place(ent):
                # "Bank of England", "Liverpool FC": the place the organisation is named after,
                # judged as if the recogniser had not seen it, and never where anything is.
                return Candidate(match, None, entries, embedded=True)
            return None  # a place inside a person's name ("Charlotte" of "Charlotte Smith")
        return Candidate(match, None, entries)

    def _lists_names(self, ent: Span) -> bool:
        """Whether ``ent`` is two or more names the gazetteer knows, joined by commas, "and", "or"."""
        parts, start = [], ent.start
        for token in ent:
            if token.lower_ in _LIST_JOINERS:
                parts.append(ent.doc[start : token.i])
                start = token.i + 1
        parts.append(ent.doc[start : ent.end])
        return len(parts) > 1 and all(len(p) and _is_name(p) and self.gazetteer.knows(p.text) for p in parts)

    def entries_of_given(self, span: Span) -> tuple[Entry, ...]:
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
                if head & set(range(i, i + n)) or not (starts_name(part[0]) and _ends_name(part[-1])):
                    continue
                found = entries_with_demonym(part.text, self.gazetteer)
                if n == 1 and self.is_common_word(part) and not any(e.place.kind in PROMINENT_KINDS for e in found):
                    continue  # "West" of "West Wing"; not "European" of "European Commission", "US" of "US Federal Reserve"
                if n == 1 and part[0].lower_ in CONNECTORS:
                    continue  # "Al" of "Al-Shifa Hospital" is an article, not Ål in Norway
                if n == 1 and part[0].text in NAME_NOUNS:
                    # "River" of "River Avenue", "Park" of "Park Road": a generic noun of the name, not
                    # the town GeoNames also calls so (New Brunswick, New Jersey, is "River" there).
                    continue
                if found:
                    return found
        return ()

    def is_common_word(self, span: Span) -> bool:
        """Whether a one-word span is an English stop word, adjective, adverb or verb (not an acronym)."""
        if len(span) != 1:
            return False
        token = span[0]
        if len(token) > 1 and token.text.isupper() and token.text.isalpha():
            return False  # an acronym is not the word it spells: "US" is not "us"
        return token.is_stop or token.lower_ in self.common_words


def common_words(nlp: Language) -> frozenset[str]:
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


def first_overlapping(span: Span, ents: list[Span], ends: list[int] | None = None) -> Span | None:
    """The first of ``ents`` that overlaps ``span``. With ``ends`` (the ends of ``ents``, given
    when they are in order and do not overlap one another, as a Doc's entities), by bisection: the
    first entity ending after ``span`` starts is the only one that can."""
    if ends is None:
        return next((e for e in ents if e.start < span.end and span.start < e.end), None)
    k = bisect_right(ends, span.start)
    return ents[k] if k < len(ents) and ents[k].start < span.end else None


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


def name_text(span: Span) -> str:
    """The span's text without dashes a token carried along ("Calif.--" of "PLEASANTON, Calif.--(")."""
    return span.text.rstrip("-–—") or span.text


def _is_name(span: Span) -> bool:
    return span[0].text[:1].isupper()


def starts_name(token: Token) -> bool:
    return token.text[:1].isupper() and token.text[:1].isalpha() and token.lower_ not in {"the", "a", "an"}


def _continues_name(token: Token) -> bool:
    return starts_name(token) or token.text in {"-", "–"} or token.lower_ in CONNECTORS or token.lower_ in FEATURE_WORDS


def _ends_name(token: Token) -> bool:
    return starts_name(token) or token.lower_ in FEATURE_WORDS


#: Capitalised words that may follow a place name without being part of it ("in Baghdad Monday").
CALENDAR_WORDS = lexicon.words("place_calendar_words")


#: Lower-case words inside an organisation's name ("Office for the Coordination of Humanitarian Affairs").
_NAME_FUNCTION_WORDS = CONNECTORS | lexicon.words("place_org_name_function_words")
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


def _is_small_town_name(entries: tuple[Entry, ...], population: int) -> bool:
    best = choose(entries, ResolutionContext())
    return best is not None and best[0].kind == "city" and (best[0].population or 0) < population


def _runs_into_longer_name(span: Span) -> bool:
    """Whether a capitalised word right after ``span`` continues the name (a day or month, a place
    noun such as "City" or "State", or an acronym does not)."""
    doc = span.doc
    if span.end >= len(doc):
        return False
    after = doc[span.end]
    # An acronym after a name is rarely its continuation ("Immokalee TIGER grant").
    return (
        starts_name(after)
        and not after.text.isupper()
        and not after.is_sent_start
        and after.lower_ not in CALENDAR_WORDS
        and not is_place_noun(after)
    )


def names_country_inside_sentence(c: Candidate) -> bool:
    """ "Japan", "Atlantic": a common word ("to japan", "atlantic") capitalised inside a sentence,
    where capitals mark names, is the country or sea it names."""
    return not c.span[0].is_sent_start and best_kind(c) in {"country", "sea"}


def is_acronym(span: Span, c: Candidate) -> bool:
    # "UN", "AP", "MoD": all capitals (or a short word with capitals after its first letter), a
    # place only when it is a country's or a continent's abbreviation ("US", "DRC", "EU") or one
    # the curated supplement lists ("FATA").
    text = span.text.replace(".", "")
    if not ((text.isupper() or (len(text) <= 4 and text[-1:].isupper() and not text[1:].islower())) and len(text) <= 5):
        return False
    return best_kind(c) not in {"country", "continent"} and not any(e.place.source == "curated" for e in c.entries)


#: First words of a name whose place is the rest of it ("Lake Manassas", "West Surrey").
_NAME_BEFORE_PLACE = DIRECTION_WORDS | lexicon.words("place_name_prefixes")


def _head_words(span: Span) -> set[int]:
    """The token indices of what a multi-word name is (the place it is named after is not):
    "Center" of "Barclays Center", "University of" of "University of California" and of "Manitoba
    Chambers of Commerce", the first word of "West Surrey" or "Lake Manassas"."""
    if span[0].lower_ in _NAME_BEFORE_PLACE:
        return {span.start}
    of = next((t.i for t in span[1:] if t.lower_ in {"of", "for", "at", "in"}), None)
    return {of - 1, of} if of is not None else {span.end - 1}


def is_dateline(span: Span) -> bool:
    """ "BEIRUT (AP) —": a capitalised place at the start of a report, before the agency or a dash."""
    doc = span.doc
    at_start = span.start == 0 or "\n" in doc[span.start - 1].text_with_ws
    after = doc[span.end].text if span.end < len(doc) else ""
    return at_start and span.text.isupper() and after in {"(", ",", "-", "–", "—", ":"}


def is_abbreviation(span: Span) -> bool:
    # "Dr.", "Gen.": a titled abbreviation, never a place on its own.
    return len(span) == 1 and span.text.endswith(".") and not span.text.replace(".", "").isupper()


def person_name_parts(doc: Doc) -> set[str]:
    """Words of multi-word person names in ``doc`` ("Kelly" of "John Kelly"): a bare "Kelly"
    elsewhere is the person again. Names come from the recogniser and, where it did not run, from
    the words English puts around a person's name (see :func:`_cued_person_names`)."""
    found = {normalize(t.text) for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1 for t in ent}
    return found | {normalize(t.text) for name in _cued_person_names(doc) for t in name}


#: Titles and roles written before a person's name ("chief of staff John Kelly", "Sgt Matt Tonroe").
_PERSON_TITLES = lexicon.words("place_person_titles")
#: Verbs of saying after a person's name ("Paul Brewbaker said").
_SAYING = lexicon.words("place_saying_verbs") | frozenset(lexicon.irregular("place_saying_verbs"))


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
            said = bool(after) and (
                after[0] in _SAYING or (after[0] == "," and len(after) > 1 and after[1] in _SAYING | {"a", "an", "who", "aged"})
            )
            if before in _PERSON_TITLES or said:
                names.append(doc[i:j])
        i = max(j, i + 1)
    return names


def best_kind(c: Candidate) -> str | None:
    best = choose(c.entries, ResolutionContext())
    return best[0].kind if best else None


def _only_place_nouns(span: Span) -> bool:
    return all(t.lower_ in PLACE_NOUNS or t.is_punct for t in span)


def unseen_by_recogniser(span: Span) -> bool:
    # The cheap first pass keeps the entity recogniser off sentences that cannot hold a figure;
    # there a name gets no NER label at all (not even "O").
    return all(t.ent_iob == 0 for t in span)


def modifies_common_noun(span: Span) -> bool:
    # "the Al-Jazeera channel": a name used as a modifier of a common noun names a thing, not a place.
    last = span[-1]
    head = last.head
    return last.dep_ == "compound" and head.i >= span.end and head.pos_ == "NOUN" and head.lower_ not in PLACE_NOUNS


def named_as_place(span: Span) -> bool:
    """The text says what kind of place it is: "Chibok town", "the city of Avdiivka", "the
    capital, Banjul" (an apposition)."""
    doc = span.doc
    after = _after_coordinated_names(span)
    before = doc[span.start - 2 : span.start] if span.start >= 2 else None
    # Where the tagger did not run (pos_ empty), the place noun alone says it.
    return (
        (after is not None and is_place_noun(after) and after.pos_ in ("NOUN", ""))
        or (before is not None and before[1].lower_ in ("of", ",") and before[0].lower_ in PLACE_NOUNS)
        or ends_in_division_word(span)
    )


def ends_in_division_word(span: Span) -> bool:
    """ "Cuyahoga County", "Idlib Governorate": the name's own last word says it is a place, even
    as a modifier ("Cuyahoga County employees"). "Mississippi State" is a team as often as a state."""
    return len(span) > 1 and span[-1].lower_ in NAMING_DIVISION_WORDS


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


def is_place_noun(token: Token) -> bool:
    return token.lower_ in PLACE_NOUNS or singular(token.lower_) in PLACE_NOUNS


def singular(word: str) -> str:
    """A plural noun's singular, roughly ("cities" → "city", "rangers" → "ranger")."""
    return word[:-3] + "y" if word.endswith("ies") else word[:-1] if word.endswith("s") and not word.endswith("ss") else word


#: Prepositions that put what follows in a place, never in a person ("in", not "to" or "from").
_PLACE_ONLY_PREPOSITIONS = lexicon.words("place_only_prepositions")


def in_a_place(span: Span) -> bool:
    """ "in Riverdale": a name after a preposition only places take, and not a possessive ("in
    Kelly's view"), is a place even where the article also names a person with it."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    return before is not None and before.lower_ in _PLACE_ONLY_PREPOSITIONS and not (after is not None and after.lower_ in {"'s", "’s"})


def placed_by_its_words(span: Span) -> bool:
    """A name the gazetteer does not know, which the model calls a place, is one where the words
    around it say so too ("in Torkula", "Torkula village"): the model also calls people, storms
    and words places ("Heiden", "El Niño")."""
    return has_locative_cue(span) or named_as_place(span) or is_dateline(span)


def has_locative_cue(span: Span) -> bool:
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


def after_a_comma_only(span: Span) -> bool:
    """Whether the place :func:`container_start` finds for ``span`` follows a bare comma ("Goma,
    North Kivu"), not "in" ("Goma in North Kivu", "Nasir, in Upper Nile state")."""
    after = span.doc[span.end : span.end + 2]
    return len(after) == 2 and after[0].text == "," and after[1].lower_ != "in"


def is_compound_adjective(span: Span) -> bool:
    """Whether a place name is joined by a hyphen to a lower-case word, making an adjective that
    locates nothing there ("the Britain-based monitor", "the Saudi-led coalition", "Iran-backed
    militias", "a Kabul-based reporter")."""
    doc = span.doc
    if span.end + 1 >= len(doc) or span[-1].whitespace_:
        return False
    hyphen, word = doc[span.end], doc[span.end + 1]
    return hyphen.text in {"-", "‑"} and not hyphen.whitespace_ and word.is_lower and word.is_alpha


def is_money(span: Span) -> bool:
    """Whether a one-word name is a currency after an amount ("50,000 Naira", "20,000 Kwacha"):
    money, not the town spelt like it."""
    doc = span.doc
    return len(span) == 1 and span[0].lower_ in CURRENCY_NAMES and span.start > 0 and doc[span.start - 1].like_num


def is_numbered_site(span: Span) -> bool:
    """Whether a one-word name is followed by a site's number, naming a place of its own the
    gazetteer does not know ("Kilo 16", "Block 9", "Sector 4"): not the town spelt like the word."""
    doc = span.doc
    if len(span) != 1 or span.end >= len(doc) or not span[-1].whitespace_:
        return False
    number = doc[span.end]
    return number.is_digit and len(number.text) <= 3 and not _counts_something(number)


def _counts_something(number: Token) -> bool:
    # "in Aleppo 300 people fled": the number counts the word after it, and the name stands
    # alone; "Kilo 16 in", "Block 9 and": a function word or a stop follows a site's number.
    nxt = number.doc[number.i + 1] if number.i + 1 < len(number.doc) else None
    return nxt is not None and nxt.is_alpha and not nxt.is_stop


def list_goes_on(span: Span) -> bool:
    """Whether another name follows ``span`` in a list ("New York" of "Washington, New York and Boston")."""
    doc = span.doc
    i = span.end
    if i < len(doc) and doc[i].text == ",":
        i += 1
    if i < len(doc) and doc[i].lower_ in ("and", "or"):
        i += 1
    return i > span.end and i < len(doc) and starts_name(doc[i])


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
    while i < len(doc) and (
        doc[i].text in DIRECTION_WORDS or (doc[i].text == "-" and i + 1 < len(doc) and doc[i + 1].text in DIRECTION_WORDS)
    ):
        i += 1
    return i if i < len(doc) else None


def written_inside(inner: Span, outer: Span) -> bool:
    """Whether the text writes ``inner`` as lying in ``outer`` (see :func:`container_start`)."""
    return inner.doc is outer.doc and container_start(inner) == outer.start
