"""One ledger cell into a record value: what can be converted without guessing, and only that.

Everything not recognised is passed on as written, so the content model reports it with the
same message as in a YAML log.
"""

from __future__ import annotations

import datetime as dt
import re

from site_builder.model.vocabulary import AUDIENCE_WORDS, GENERAL_AUDIENCE_WORDS

_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
# "3月5日" with no year: the year comes from the sheet's name or title (`sheet_year`).
_DAY_IN_YEAR = re.compile(r"(?<![\d年./-])(\d{1,2})\s*月\s*(\d{1,2})\s*日?")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_INTEGER = re.compile(r"[-+]?\d+")
_DECIMAL = re.compile(r"[-+]?\d*\.\d+")
# "30余", "50多", "200+", "100以上", "约50", "约50余": a lower bound, or a round figure.
_APPROXIMATE = re.compile(r"(约|大约)?\s*(\d+(?:\.\d+)?)\s*(余|多|\+|以上)?")
SEPARATORS = "、,\uff0c;\uff1b/\n"  # with the full-width comma and semicolon
_SPLIT = re.compile(f"[{SEPARATORS}]+")
_YES = {"是", "√", "✓", "✔", "y", "yes", "true", "1", "约"}
_NO = {"否", "×", "n", "no", "false", "0"}
# Excel keeps a date as a day count; one in a cell not formatted as a date arrives as a number.
_EXCEL_SERIALS = range(20_000, 80_000)  # 1954 to 2119


def text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def date_value(value: object) -> object:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and int(value) in _EXCEL_SERIALS:
        return (dt.datetime(1899, 12, 30) + dt.timedelta(days=int(value))).date()
    return text(value)


def _parse_day(match: re.Match[str], year: int | None = None) -> dt.date | str:
    numbers = [int(part) for part in match.groups()]
    try:
        return dt.date(*numbers) if year is None else dt.date(year, *numbers)
    except ValueError:
        return match.group(0)  # 2025-02-30: the model reports it as not a valid date


def years_named(text: str) -> set[int]:
    """The years a sheet name or title row names: "2025年" and "丰泽社区2025年台账" -> {2025}."""
    return {int(year) for year in _YEAR.findall(text)}


def lacks_year(value: object) -> bool:
    """A date cell written without its year: "3月5日", "3月5日-5月15日"."""
    converted = date_value(value)
    return (
        isinstance(converted, str)
        and not _DATE.search(converted)
        and _DAY_IN_YEAR.search(converted) is not None
    )


def dates(value: object, year: int | None = None) -> dict[str, object]:
    """A date cell: one day, or a range written "2025.1.2-2025.5.15" or "2025-01-02至2025-05-15";
    with `year`, also days written without it ("3月5日", "3月5日至5月15日")."""
    converted = date_value(value)
    if not isinstance(converted, str):
        return {"date": converted}
    days = list(_DATE.finditer(converted))
    if not days and year is not None:
        return _days_in_year(converted, year)
    if len(days) == 1 and days[0].group(0) == converted:
        return {"date": _parse_day(days[0])}
    if len(days) == 2:
        return {"start": _parse_day(days[0]), "end": _parse_day(days[1])}
    return {"date": converted}


def _days_in_year(written: str, year: int) -> dict[str, object]:
    days = list(_DAY_IN_YEAR.finditer(written))
    if len(days) == 1 and days[0].group(0) == written:
        return {"date": _parse_day(days[0], year)}
    if len(days) == 2:
        return {"start": _parse_day(days[0], year), "end": _parse_day(days[1], year)}
    return {"date": written}


def _plain_number(written: str) -> int | float | None:
    if _INTEGER.fullmatch(written):
        return int(written)
    if _DECIMAL.fullmatch(written):
        return float(written)
    return None


def number(value: object) -> tuple[object, bool]:
    """A figure and whether it was written as approximate ("30余", "约50"); else as written."""
    if isinstance(value, (int, float)):
        return value, False
    written = text(value)
    plain = _plain_number(written)
    if plain is not None:
        return plain, False
    match = _APPROXIMATE.fullmatch(written)
    if match and (match.group(1) or match.group(3)):
        figure = _plain_number(match.group(2))
        if figure is not None:
            return figure, True
    return written, False


# The ledger matches words inside a cell ("老年人和儿童"), so the ids count as words too.
_AUDIENCE_WORDS = {**AUDIENCE_WORDS, "elderly": ("elderly",), "children": ("children",)}
# Longest first, so 一老一小 is taken whole and 中小学生 before 学生.
_LONGEST_FIRST = sorted(_AUDIENCE_WORDS, key=len, reverse=True)
_AUDIENCE_ORDER = ("elderly", "children")
_AUDIENCE_GLUE = re.compile(f"[{SEPARATORS}和与及一人年\\s]")


def audiences(value: object) -> list[str] | None:
    """`老年人` -> [elderly], `一老一小` -> [elderly, children]; None when not recognised."""
    written = text(value)
    if not written or written in GENERAL_AUDIENCE_WORDS:
        return []
    found: set[str] = set()
    # Whatever is left after taking out the recognised words must be separators only.
    rest = written
    for word in _LONGEST_FIRST:
        if word in rest:
            found.update(_AUDIENCE_WORDS[word])
            rest = rest.replace(word, "")
    if not found or _AUDIENCE_GLUE.sub("", rest):
        return None
    return [audience for audience in _AUDIENCE_ORDER if audience in found]


def category(value: object, categories: dict[str, tuple[str, str]]) -> str:
    """A category id from its id or its Chinese or English label; unknown text as written."""
    written = text(value)
    for key, (zh, en) in categories.items():
        if written.lower() in (key.lower(), zh.lower(), en.lower()):
            return key
    return written


def names(value: object) -> list[str]:
    """A list cell ("平山街道、本溪开放大学") as its items."""
    return [item.strip() for item in _SPLIT.split(text(value)) if item.strip()]


def flag(value: object) -> bool | str:
    written = text(value).lower()
    if written in _YES:
        return True
    if not written or written in _NO:
        return False
    return written
