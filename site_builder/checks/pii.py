"""Detectors of personal data in story text: ID numbers, phones, cards, e-mail, plates, addresses.

Pure functions over one string, no I/O. The text is scanned after NFKC normalisation, so
full-width digits count, but every finding carries offsets into the original string. A finding
never holds the full value it found: only a masked form.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from site_builder.diagnostics import Severity
from site_builder.i18n import t

SILENCE_MARKER = "privacy-ok"

_LABELS: dict[str, tuple[str, str]] = {
    "id_number": ("身份证号", "resident ID number"),
    "mobile": ("手机号码", "mobile phone number"),
    "landline": ("固定电话", "landline phone number"),
    "bank_card": ("银行卡号", "bank card number"),
    "email": ("电子邮件地址", "e-mail address"),
    "plate": ("车牌号", "vehicle plate number"),
    "address_unit": ("住址(楼栋、单元、门牌)", "home address (building, unit, flat)"),
    "address_street": ("住址(街道门牌)", "street address"),
}

# Overlapping candidates keep the strongest reading: a valid ID that also passes Luhn is an ID.
_RANK = {kind: rank for rank, kind in enumerate(_LABELS)}


@dataclass(frozen=True, repr=False)
class PiiFinding:
    kind: str
    start: int
    end: int
    masked: str
    severity: Severity

    @property
    def label(self) -> str:
        zh, en = _LABELS[self.kind]
        return t(zh, en)

    def __repr__(self) -> str:
        return (
            f"PiiFinding(kind={self.kind!r}, start={self.start}, end={self.end}, "
            f"masked={self.masked!r})"
        )


def mask(value: str, keep_start: int = 3, keep_end: int = 4) -> str:
    """Replace the middle of `value` with `*`, one per hidden character.

    A value too short to keep both ends is masked entirely, so it is never shown whole.
    """
    if keep_start < 0 or keep_end < 0:
        raise ValueError(t("保留的字符数不能为负数", "the kept lengths must not be negative"))
    hidden = len(value) - keep_start - keep_end
    if hidden <= 0:
        return "*" * len(value)
    return value[:keep_start] + "*" * hidden + value[len(value) - keep_end :]


@dataclass(frozen=True)
class _Candidate:
    kind: str
    start: int  # offsets into the normalised text
    end: int
    masked: str
    numbers: tuple[str, ...] = field(default=(), repr=False)  # digits compared to the allow-list


# The number patterns open with a character class, so the regex engine can skip
# straight to candidate characters; a boundary is then checked by looking back past that first
# character. A number glued to letters, digits, `_` or a decimal point is part of a longer token
# (a hash, file name, order code or decimal), not a number of its own.
_BOUNDARY = r"(?<![0-9A-Za-z_].)(?<![0-9]\..)"
_AFTER = r"(?![0-9A-Za-z_])(?!\.[0-9])"

_ID_RE = re.compile(r"[1-8]" + _BOUNDARY + r"[0-9]{14}(?:[0-9]{2}[0-9Xx])?" + _AFTER)
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
# Province codes in use while 15-digit IDs were issued: without a check digit, the old form
# needs this stronger prefix test.
_OLD_ID_PROVINCES = frozenset(
    first + second
    for first, seconds in (
        ("1", "12345"),
        ("2", "123"),
        ("3", "1234567"),
        ("4", "123456"),
        ("5", "01234"),
        ("6", "12345"),
    )
    for second in seconds
)
_CARD_RE = re.compile(
    r"[0-9]"
    + _BOUNDARY
    + r"[0-9]{3}(?P<sep>[ -]?)[0-9]{4}(?:(?P=sep)[0-9]{4}){2}(?:(?P=sep)[0-9]{1,3})?"
    + _AFTER
)
# The first character decides the prefix: +86, 0086, 86 or none.
_MOBILE_RE = re.compile(
    r"[+081]"
    + _BOUNDARY
    + r"(?:(?<=\+)86[ -]?1|(?<=0)086[ -]?1|(?<=8)6[ -]?1|(?<=1))"
    + r"[3-9][0-9][ -]?[0-9]{4}[ -]?[0-9]{4}"
    + _AFTER
)
# A separator is required: a bare 0-led digit run is as likely a code as a phone number.
_LANDLINE_RE = re.compile(
    r"[(0]"
    + _BOUNDARY
    + r"(?:(?<=\()0[1-9][0-9]{1,2}\)[ -]?|(?<=0)[1-9][0-9]{1,2}[ -])(?P<local>[1-9][0-9]{6,7})"
    + _AFTER
)
_EMAIL_RE = re.compile(
    r"(?<![A-Za-z0-9._%+-])(?P<local>[A-Za-z0-9._%+-]+)@"
    r"(?P<domain>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})(?![A-Za-z0-9-])"
)
# Plates skip the letters I and O; new-energy plates have six characters with D/F first or last.
_PLATE_LETTER = "A-HJ-NP-Z"
_PLATE_RE = re.compile(
    rf"(?P<head>[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][{_PLATE_LETTER}])"
    r"[·・• -]?"
    rf"(?P<tail>[DF][{_PLATE_LETTER}0-9][0-9]{{4}}|[0-9]{{5}}[DF]|[{_PLATE_LETTER}0-9]{{5}})"
    r"(?![0-9A-Za-z_])"
)
# A bare room number must not read as a quantity: `74栋3660户` counts households.
_COUNTERS = "户人名位个次元角平米余多处件套栋幢间家辆台项条页岁年月日天时分秒万千百亿%.‰"
_ROOM = rf"(?:[0-9]{{1,4}}室|[0-9]{{3,4}}(?:号|房)|[0-9]{{3,4}}(?![0-9{_COUNTERS}]))"
# 栋 alone is a count in prose (`74栋居民楼`); it is an address only with a unit or room after
# it. `第2单元` is a lesson in a textbook, not a flat. Two patterns rather than one alternation,
# which would cost the quick skip to the first character.
_BUILDING_RE = re.compile(
    r"[第0-9](?<![0-9].)(?:(?<=第)[0-9]{1,3}|(?<=[0-9])[0-9]{0,2})(?:号楼|号栋|栋|幢)[- ]?"
    rf"(?:[0-9]{{1,2}}单元(?:[- ]?{_ROOM})?|{_ROOM})"
)
_UNIT_RE = re.compile(rf"[0-9](?<![0-9第].)[0-9]?单元[- ]?{_ROOM}")
# Only the suffix and number are matched; the road's name is taken from the Han characters
# before it, at most two (a longer name cannot be told apart from the prose before it).
_STREET_RE = re.compile(r"(?:大街|大道|胡同|路|街|巷)[0-9]{1,4}(?:-[0-9]{1,4})?号")
_STREET_NAME_CHARS = 2
# Numbers inside links are page and file identifiers of the site, except in tel:/mailto: links.
_LINK_RE = re.compile(
    r"(?:https?://|\]\((?!(?:tel|mailto|sms):))[^\x00-\x20\x7f-\U0010ffff<>\"'()\[\]{}]+"
)
_WORTH_SCANNING = re.compile(r"[0-9@]")
_NON_DIGITS = re.compile(r"[^0-9]")
_DIGIT = re.compile(r"[0-9]")
# Characters to leave as they are: those NFKC leaves alone that fill most of a story (ASCII, CJK
# unified ideographs, common Chinese punctuation), and the full-width ，：；！？ and …, which no
# pattern uses (a link should end at them, not run on as it would through `,`).
_KEPT_AS_IS = (
    r"\x00-\x7f\u4e00-\u9fff\u3001\u3002\u300a-\u3011\u2014\u2018-\u201d\u00b7\u2026"
    r"\uff01\uff0c\uff1a\uff1b\uff1f"
)
_TO_NORMALISE = re.compile(f"([^{_KEPT_AS_IS}]+)")


def _digits(value: str) -> str:
    return _NON_DIGITS.sub("", value)


def _birth_date_ok(yyyymmdd: str) -> bool:
    try:
        born = date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return False
    return date(1900, 1, 1) <= born <= date.today()


def _is_resident_id(value: str) -> bool:
    if len(value) == 15:
        return value[:2] in _OLD_ID_PROVINCES and _birth_date_ok("19" + value[6:12])
    if not _birth_date_ok(value[6:14]):
        return False
    total = sum(int(char) * weight for char, weight in zip(value[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == value[17]


def _luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def _find_ids(text: str) -> Iterator[_Candidate]:
    for match in _ID_RE.finditer(text):
        value = match.group().upper()
        if _is_resident_id(value):
            yield _Candidate(
                "id_number", match.start(), match.end(), mask(value, 4, 4), (_digits(value),)
            )


def _find_cards(text: str) -> Iterator[_Candidate]:
    for match in _CARD_RE.finditer(text):
        digits = _digits(match.group())
        if _luhn_ok(digits):
            yield _Candidate("bank_card", match.start(), match.end(), mask(digits, 4, 4), (digits,))


def _find_mobiles(text: str) -> Iterator[_Candidate]:
    for match in _MOBILE_RE.finditer(text):
        national = _digits(match.group())[-11:]
        # The allow-list may write the number with or without the country code.
        numbers = (national, "86" + national, "0086" + national)
        yield _Candidate("mobile", match.start(), match.end(), mask(national, 3, 4), numbers)


def _find_landlines(text: str) -> Iterator[_Candidate]:
    for match in _LANDLINE_RE.finditer(text):
        local = match["local"]
        area = _digits(match.group())[: -len(local)]
        yield _Candidate(
            "landline",
            match.start(),
            match.end(),
            f"{area}-{mask(local, 0, 4)}",
            (area + local, local),
        )


def _find_emails(text: str) -> Iterator[_Candidate]:
    if "@" not in text:
        return
    for match in _EMAIL_RE.finditer(text):
        masked = f"{match['local'][0]}***@{match['domain']}"
        yield _Candidate("email", match.start(), match.end(), masked)


def _find_plates(text: str) -> Iterator[_Candidate]:
    for match in _PLATE_RE.finditer(text):
        tail = match["tail"]
        # Ordinary plates carry at most two letters after the city letter; more reads as a word.
        if len(tail) == 5 and sum(char.isalpha() for char in tail) > 2:
            continue
        yield _Candidate("plate", match.start(), match.end(), mask(match["head"] + tail, 2, 2))


def _mask_address(value: str) -> str:
    return value[:2] + _DIGIT.sub("*", value[2:])


def _is_han(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def _find_addresses(text: str) -> Iterator[_Candidate]:
    for pattern in (_BUILDING_RE, _UNIT_RE):
        for match in pattern.finditer(text):
            value = match.group()
            yield _Candidate("address_unit", match.start(), match.end(), _mask_address(value))
    for match in _STREET_RE.finditer(text):
        start = match.start()
        while match.start() - start < _STREET_NAME_CHARS and start and _is_han(text[start - 1]):
            start -= 1
        if start < match.start():
            value = text[start : match.end()]
            yield _Candidate("address_street", start, match.end(), _mask_address(value))


_DETECTORS: tuple[Callable[[str], Iterator[_Candidate]], ...] = (
    _find_ids,
    _find_cards,
    _find_mobiles,
    _find_landlines,
    _find_emails,
    _find_plates,
    _find_addresses,
)


@lru_cache(maxsize=1024)
def _fold(char: str) -> str:
    # Category "No" (①, ², ½) is kept: a circled list marker must not merge into the number
    # written after it.
    return char if unicodedata.category(char) == "No" else unicodedata.normalize("NFKC", char)


def _normalise(text: str) -> tuple[str, list[int] | None]:
    """NFKC-normalise `text` character by character, except the characters kept as they are;
    return it with the original index of each character, or None when all kept their length."""
    if unicodedata.is_normalized("NFKC", text):
        return text, None
    pieces = _TO_NORMALISE.split(text)  # odd items: runs of characters to normalise
    normalised = "".join(
        piece if index % 2 == 0 else "".join(map(_fold, piece))
        for index, piece in enumerate(pieces)
    )
    # No character normalises to nothing, so equal lengths mean a one-to-one mapping.
    if len(normalised) == len(text):
        return normalised, None
    origin: list[int] = []
    position = 0
    for index, piece in enumerate(pieces):
        if index % 2 == 0:
            origin += range(position, position + len(piece))
        else:
            for offset, char in enumerate(piece):
                origin += [position + offset] * len(_fold(char))
        position += len(piece)
    return normalised, origin


def _overlaps(candidate: _Candidate, spans: Iterable[tuple[int, int]]) -> bool:
    return any(candidate.start < end and start < candidate.end for start, end in spans)


def _silenced(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return SILENCE_MARKER in text[line_start : len(text) if line_end < 0 else line_end]


def find_personal_data(text: str, allowed_numbers: Iterable[str] = ()) -> list[PiiFinding]:
    """Every piece of personal data in `text`, sorted by position, none overlapping."""
    return list(_findings(text, tuple(allowed_numbers)))


# `serve` scans every published text after each save; the texts that did not change (all but
# one, usually) are answered from here.
@lru_cache(maxsize=8192)
def _findings(text: str, allowed_numbers: tuple[str, ...]) -> tuple[PiiFinding, ...]:
    normalised, origin = _normalise(text)
    if not _WORTH_SCANNING.search(normalised):
        return ()
    candidates = [found for detector in _DETECTORS for found in detector(normalised)]
    if not candidates:
        return ()
    if "://" in normalised or "](" in normalised:
        links = [match.span() for match in _LINK_RE.finditer(normalised)]
        candidates = [found for found in candidates if not _overlaps(found, links)]

    kept: list[_Candidate] = []
    for found in sorted(candidates, key=lambda found: (_RANK[found.kind], found.start)):
        if not _overlaps(found, ((other.start, other.end) for other in kept)):
            kept.append(found)

    allowed = {digits for digits in map(_digits, allowed_numbers) if digits}
    check_silence = SILENCE_MARKER in text
    findings: list[PiiFinding] = []
    for found in kept:
        if allowed.intersection(found.numbers):
            continue
        start, end = found.start, found.end
        if origin is not None:
            start, end = origin[start], origin[end - 1] + 1
        if check_silence and _silenced(text, start, end):
            continue
        severity = Severity.WARNING if found.kind == "address_street" else Severity.ERROR
        findings.append(PiiFinding(found.kind, start, end, found.masked, severity))
    return tuple(sorted(findings, key=lambda finding: finding.start))
