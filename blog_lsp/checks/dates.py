"""The loose-date reader: the one day a frontmatter date written some other way can mean
('31/12/2025', 'Dec 31, 2025', '2025-2-3'), for the frontmatter-date fix."""

from __future__ import annotations

import datetime
import re

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_YEAR_FIRST = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})|(\d{4})(\d{2})(\d{2})")
_YEAR_LAST = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_DAY_MONTH = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})", re.IGNORECASE)
_MONTH_DAY = re.compile(r"([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", re.IGNORECASE)


def make_date(year: int, month: int, day: int) -> datetime.date | None:
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


class AmbiguousDateError(ValueError):
    """A date that reads as two different days (03/04/2025: 3 April or 4 March)."""

    def __init__(self, first: int, second: int) -> None:
        self.readings = (_day_name(first, second), _day_name(second, first))
        super().__init__(f"{self.readings[0]} or {self.readings[1]}")


def read_loose_date(text: str) -> datetime.date | None:
    """The one date a string can mean, or None; raises AmbiguousDateError for day/month
    puzzles."""
    text = text.strip()
    match = _YEAR_FIRST.fullmatch(text)
    if match:
        parts = [int(part) for part in match.groups() if part is not None]
        return make_date(*parts)
    match = _YEAR_LAST.fullmatch(text)
    if match:
        first, second, year = (int(part) for part in match.groups())
        if first == second or (first > 12 and second <= 12):
            return make_date(year, second, first)  # day first, the British way
        if second > 12 and first <= 12:
            return make_date(year, first, second)
        if first <= 12 and second <= 12:
            raise AmbiguousDateError(first, second)
        return None
    match = _DAY_MONTH.fullmatch(text)
    if match and match.group(2).casefold() in _MONTHS:
        day_text, month_name, year_text = match.groups()
        return make_date(int(year_text), _MONTHS[month_name.casefold()], int(day_text))
    match = _MONTH_DAY.fullmatch(text)
    if match and match.group(1).casefold() in _MONTHS:
        month_name, day_text, year_text = match.groups()
        return make_date(int(year_text), _MONTHS[month_name.casefold()], int(day_text))
    return None


def _day_name(day: int, month: int) -> str:
    name = datetime.date(2000, month, 1).strftime("%B") if 1 <= month <= 12 else str(month)
    return f"{day} {name}"
