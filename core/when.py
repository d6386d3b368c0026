"""Dates and times as the real sites write them: one tolerant module for every parser.

Real examples (tests/test_when.py has the table): "10 Jun 2024", "15 - 18 Jul. 2024",
"Monday, 11 July to Friday, 15 July 2011", "11 to 13 May, 27 to 29 May and 12 June 2020" (the
meeting starts 11 May), "27 April 2020 (2 weeks prior to the meeting)", "February 22, 2024",
"May 10th, 2023, from 20:00 to 22:15 JST (…)", "7:00pm-9:30pm JST / 11:00am-1:30pm CET",
"09:00h - 18:00h", "21 September 2020 at 14:00hrs (CEST)", "15:46 21 Nov 24"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time

MONTHS = {name: i for i, names in enumerate(
    (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
     ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
     ("dec", "december")), start=1) for name in names}
_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?" \
         r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY = r"(?:[012]?\d|3[01])(?:st|nd|rd|th)?"
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|wed|thu|fri|sat|sun)\.?,?\s*"
_DASH = r"\s*(?:[–—-]|to|until|till)\s*"

# One day written in full, in the orders the sites use: "10 June 2024", "June 10th, 2024", "2024-06-10",
# "10/06/2024" (day first, as the UN writes it), "13 Apr 23".
_DMY = re.compile(rf"(?<!\d)({_DAY})\s*({_MONTH})(?:\s*,?\s*(\d{{4}})|\s+(\d{{2}})(?![\d:]|\s*(?:[–—-]|to)\b))",
                  re.I)  # a two-digit year ('13 Apr 23') never after a comma: '13 May, 27 to 29 May' is two days
_MDY = re.compile(rf"\b({_MONTH})\s+({_DAY}),?\s+(\d{{4}})\b", re.I)
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_SLASH = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})\b")


def _day(text: str) -> int:
    return int(re.match(r"\d+", text).group(0))  # type: ignore[union-attr]


def _year(text: str) -> int:
    return int(text) + (2000 if len(text) == 2 else 0)


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month(text: str) -> int:
    return MONTHS[text.lower().rstrip(".")]


def _found(text: str) -> list[tuple[int, date]]:
    """Every full date in the text, with where it starts."""
    out: list[tuple[int, date]] = []
    for m in _DMY.finditer(text):
        d = _make(_year(m.group(3) or m.group(4)), _month(m.group(2)), _day(m.group(1)))
        if d:
            out.append((m.start(), d))
    for m in _MDY.finditer(text):
        d = _make(int(m.group(3)), _month(m.group(1)), _day(m.group(2)))
        if d and not any(start <= m.start() < start + 12 for start, _ in out):
            out.append((m.start(), d))
    for m in _ISO.finditer(text):
        d = _make(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if d:
            out.append((m.start(), d))
    for m in _SLASH.finditer(text):
        d = _make(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if d:
            out.append((m.start(), d))
    return sorted(out, key=lambda found: found[0])


def clean(text: str | None) -> str:
    return re.sub(r"\s+", " ", (text or "").replace("\u00a0", " ")).strip()


def parse_date(text: str | None) -> date | None:
    """The text is one date, perhaps with a weekday, an ordinal, a time or a remark in parentheses:
    '10 Jun 2024', 'Friday, 15 July 2011', 'May 10th, 2023', '27 April 2020 (2 weeks prior…)',
    '2024-06-10T09:00:00Z', '15:46 21 Nov 24'. None when it holds no date or more than one."""
    cleaned = re.sub(r"\([^)]*\)", " ", clean(text))
    found = _found(cleaned)
    if len({d for _, d in found}) != 1:
        return None
    return found[0][1]


def first_date(text: str | None) -> date | None:
    """The first full date written anywhere in the text ('Deadline: 31 August 2020 (3 weeks…)')."""
    found = _found(clean(text))
    return found[0][1] if found else None


def all_dates(text: str | None) -> list[date]:
    return [d for _, d in _found(clean(text))]


# A span whose first day lacks its month or year: "15 - 18 Jul. 2024", "30 Oct – 2 Nov 2023",
# "29 April - 2 May 2024", "11 to 13 May, … 2020", "Monday, 11 July to Friday, 15 July 2011".
_SPAN = re.compile(rf"(?<!\d)({_DAY})(?:\s+({_MONTH}))?(?:\s*,?\s*(\d{{4}}))?{_DASH}(?:{_WEEKDAY})?"
                   rf"({_DAY})\s+({_MONTH})(?:\s*,?\s*(\d{{4}}))?", re.I)


def parse_date_range(text: str | None) -> tuple[date | None, date | None]:
    """(first day, last day) of what a meeting page says: one day, a span, or several spans
    ('11 to 13 May, 27 to 29 May and 12 June 2020' -> 11 May 2020 .. 12 June 2020). Years missing from
    the early parts are taken from the next year written; a start after its end is in the year before."""
    cleaned = re.sub(r"\([^)]*\)", " ", clean(text))
    cleaned = re.sub(rf"\b{_WEEKDAY}", "", cleaned, flags=re.I)
    years = [(m.start(), int(m.group(0))) for m in re.finditer(r"(?<![\d:])\d{4}(?![\d:])", cleaned)]
    if not years:
        return None, None

    def year_after(pos: int) -> int:
        return next((y for at, y in years if at >= pos), years[-1][1])

    days: list[date] = []
    for m in _SPAN.finditer(cleaned):
        d1, m1, y1, d2, m2, y2 = m.groups()
        end_year = int(y2) if y2 else year_after(m.end())
        end = _make(end_year, _month(m2), _day(d2))
        start = _make(int(y1) if y1 else end_year, _month(m1 or m2), _day(d1))
        if start and end and start > end and not y1:
            start = _make(end_year - 1, start.month, start.day)
        days += [d for d in (start, end) if d]
    for m in re.finditer(rf"(?<![\d–-])({_DAY})\s+({_MONTH})(?!\s*[–-])(?:\s*,?\s*(\d{{4}}))?", cleaned, re.I):
        d = _make(int(m.group(3)) if m.group(3) else year_after(m.end()), _month(m.group(2)), _day(m.group(1)))
        if d:
            days.append(d)
    days += [d for _, d in _found(cleaned)]
    if not days:
        return None, None
    return min(days), max(days)


@dataclass(frozen=True)
class Times:
    """The first time span a page gives ('7:00pm-9:30pm JST / 11:00am-1:30pm CET' -> 19:00-21:30 JST)."""

    start: time
    end: time | None = None
    zone: str | None = None  # as written: 'JST', 'CEST', 'GMT', 'ET'

    def __str__(self) -> str:
        span = f"{self.start:%H:%M}" + (f"–{self.end:%H:%M}" if self.end else "")
        return f"{span} {self.zone}" if self.zone else span


_CLOCK = r"(\d{1,2})(?:[:.h](\d{2}))?\s*(?:h(?:rs)?\b)?\s*([ap]\.?m\.?)?"
_TIMES = re.compile(rf"(?<![\d/.:])(?:@\s*)?{_CLOCK}(?:\s*(?:[–—-]|to)\s*{_CLOCK})?(?:\s*\(?\s*([A-Z]{{2,5}})\b)?",
                    re.I)


def _clock(hour: str, minute: str | None, half: str | None) -> time | None:
    h, m = int(hour), int(minute or 0)
    if half:
        if not 1 <= h <= 12:
            return None
        h = h % 12 + (12 if half.lower().startswith("p") else 0)
    elif minute is None:
        return None  # a bare number is not a time
    return time(h, m) if h < 24 and m < 60 else None


def parse_times(text: str | None) -> Times | None:
    """The first time span written in the text, with its zone when one follows."""
    for m in _TIMES.finditer(clean(text)):
        h1, m1, p1, h2, m2, p2, zone = m.groups()
        start = _clock(h1, m1, p1 or (p2 if h2 else None))
        if start is None:
            continue
        end = _clock(h2, m2, p2) if h2 else None
        zone = zone.upper() if zone and zone.upper() not in ("AM", "PM", "TO") else None
        return Times(start, end, zone)
    return None
