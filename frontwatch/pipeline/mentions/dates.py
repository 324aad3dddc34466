"""Temporal expressions in news prose, resolved against the report's anchor date to closed intervals.

Rules, all relative to ``anchor`` (the date the report was written):

- absolute dates ("October 3, 2020", "3 October", "Oct. 3", "2020-10-03", "3/10/2020" when only one
  reading is a valid date); without a year the anchor's year, or the previous one when that would put the
  date more than 60 days after the anchor.
- weekdays → the latest such day on or before the anchor ("last Friday" on a Friday → a week before);
  "Thursday night" → Thu..Fri, "overnight into Sunday" → Sat..Sun, bare "overnight" → anchor-1..anchor.
- "today"/"this morning" → anchor, "yesterday" → anchor-1, "last night" → anchor-1..anchor,
  "two days ago" → anchor-2, "a week ago" → anchor-7; "since <date>" → <date>..anchor.
- weeks (Monday..Sunday): "earlier this week" → Monday..anchor, "last week", "over the weekend" → the last
  Saturday..Sunday; months ("in October", "last month"), years ("in 2020", "last year").

Without an anchor only expressions that carry their own year resolve. Times ("09:42") and counts are no dates;
month names must be capitalised and "May"/"March" without a day or year need a preposition ("in May").
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, timedelta

from frontwatch.model.mention import DateMention
from frontwatch.model.span import Span
from frontwatch.model.vocab import DatePrecision

_MONTHS = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
} | {"sept": 9}
_WEEKDAYS = {calendar.day_name[number].lower(): number for number in range(7)}
_YEAR_LAG_DAYS = 60

_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
)
_DAY = r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_SINCE = r"(?P<since>since\s+)?"
_NOT_TIME = r"(?![:.]?\d)"
_HISTORY = re.compile(
    rf"(?<!anniversary )\b(?:(?:in|during|between|from|of|by) (?:the )?(?:early |late |mid-)?(?:{_MONTH} )?"
    r"(?P<year>1[89]\d\d|20\d\d)s?\b|decades? ago|years ago|in the past|Soviet (?:era|times)|"
    r"(?:first|previous|earlier|last) (?:Nagorno-)?(?:Karabakh )?war|the war in the 1990s)",
    re.IGNORECASE,
)
_DAYS_OF_MONTH = (
    rf"{_MONTH}\s+{_DAY}{_NOT_TIME}(?:,?\s+{_YEAR})?(?!\d)",
    rf"(?<![\d:.,/]){_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?(?!\d)",
)
_PREPOSITION = (
    r"(?:in|since|during|until|till|by|from|throughout|through|of|to|and|or|between|before|after"
    r"|early|late|mid-?)"
)
_FUTURE_LOOKBACK = 40
_FUTURE_CUE = re.compile(
    r"\b(?:will|shall|should|would|is\s+to|are\s+to|set\s+to|due\s+to|expected\s+to|scheduled"
    r"|planned|plans?\s+to|until|till|next)\b[^.;:!?]*$",
    re.IGNORECASE,
)
_AMOUNT = r"(?P<amount>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)"

Interval = tuple[date, date, DatePrecision]
Resolver = Callable[["re.Match[str]", "date | None"], "Interval | None"]


def _month_number(match: re.Match[str]) -> int | None:
    """The month a match names, or None when the name is not capitalised (``may``, ``march``)."""
    name = match.group("month")
    return _MONTHS.get(name.rstrip(".").lower()) if name[0].isupper() else None


def _day(value: date) -> Interval:
    return value, value, DatePrecision.DAY


def _whole_month(year: int, month: int) -> Interval:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]), DatePrecision.MONTH


def _whole_week(day: date) -> Interval:
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6), DatePrecision.WEEK


def _whole_year(year: int) -> Interval:
    return date(year, 1, 1), date(year, 12, 31), DatePrecision.YEAR


def _year_for(month: int, day: int, anchor: date) -> int:
    """The anchor's year, or the previous one when the date would fall too far after the anchor."""
    try:
        candidate = date(anchor.year, month, day)
    except ValueError:
        candidate = date(anchor.year, month, 28)
    return anchor.year - 1 if candidate > anchor + timedelta(days=_YEAR_LAG_DAYS) else anchor.year


def _since(match: re.Match[str], start: date, anchor: date | None) -> Interval:
    """``start`` alone, or start..anchor when the expression says "since"."""
    if "since" in match.re.groupindex and match.group("since") and anchor is not None and start <= anchor:
        return start, anchor, DatePrecision.DAY
    return _day(start)


def _last_weekday(weekday: int, anchor: date, strictly_before: bool) -> date:
    back = (anchor.weekday() - weekday) % 7
    return anchor - timedelta(days=7 if back == 0 and strictly_before else back)


def _amount(text: str) -> int:
    words = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
             "eight": 8, "nine": 9, "ten": 10}  # fmt: skip
    return int(text) if text.isdigit() else words[text.lower()]


def _resolve_day_of_month(match: re.Match[str], anchor: date | None) -> Interval | None:
    month = _month_number(match)
    if month is None:
        return None
    day = int(match.group("day"))
    if match.group("year"):
        year = int(match.group("year"))
    elif anchor is not None:
        year = _year_for(month, day, anchor)
    else:
        return None
    try:
        value = date(year, month, day)
    except ValueError:
        return None
    return _since(match, value, anchor)


def _resolve_range(match: re.Match[str], anchor: date | None) -> Interval | None:
    """A span of days ("between November 4 and 7", "from 4 to 7 November", "Nov 4-7"): two days at day
    precision, up to a week at week precision, longer at month precision."""
    first = _resolve_day_of_month(match, anchor)
    if first is None:
        return None
    try:
        last = first[0].replace(day=int(match.group("day2")))
    except ValueError:
        return None
    if last <= first[0]:
        return None
    span = (last - first[0]).days
    precision = DatePrecision.DAY if span <= 1 else DatePrecision.WEEK if span <= 7 else DatePrecision.MONTH
    return first[0], last, precision


def _resolve_night_of(match: re.Match[str], anchor: date | None) -> Interval | None:
    day = _resolve_day_of_month(match, anchor)
    return None if day is None else (day[0], day[0] + timedelta(days=1), DatePrecision.DAY)


def _resolve_iso(match: re.Match[str], anchor: date | None) -> Interval | None:
    try:
        return _day(date(int(match.group("year")), int(match.group("m")), int(match.group("d"))))
    except ValueError:
        return None


def _resolve_slashed(match: re.Match[str], anchor: date | None) -> Interval | None:
    first, second, year = int(match.group("a")), int(match.group("b")), int(match.group("year"))
    readings = set()
    for month, day in ((first, second), (second, first)):
        try:
            readings.add(date(year, month, day))
        except ValueError:
            continue
    return _day(readings.pop()) if len(readings) == 1 else None


def _resolve_month_year(match: re.Match[str], anchor: date | None) -> Interval | None:
    month = _month_number(match)
    return None if month is None else _whole_month(int(match.group("year")), month)


def _is_future(match: re.Match[str]) -> bool:
    """True when the words just before the expression, in its clause, speak of what is still to come
    ("is set to begin on Wednesday", "should be completed in October", "closed until Friday")."""
    before = match.string[max(0, match.start() - _FUTURE_LOOKBACK) : match.start()]
    return _FUTURE_CUE.search(re.split(r"[.;:!?]", before)[-1]) is not None


def _resolve_month(match: re.Match[str], anchor: date | None) -> Interval | None:
    month = _month_number(match)
    if month is None or anchor is None:
        return None
    if _is_future(match) and month >= anchor.month:
        return _whole_month(anchor.year, month)
    return _whole_month(_year_for(month, 1, anchor), month)


def _resolve_year(match: re.Match[str], anchor: date | None) -> Interval | None:
    return _whole_year(int(match.group("year")))


def _resolve_weekday(match: re.Match[str], anchor: date | None) -> Interval | None:
    if anchor is None:
        return None
    modifier = (match.group("modifier") or "").lower()
    weekday = _WEEKDAYS[match.group("weekday").lower()]
    if not modifier and not match.group("since") and _is_future(match):
        return _day(anchor + timedelta(days=(weekday - anchor.weekday()) % 7))
    day = _last_weekday(weekday, anchor, modifier.startswith("last"))
    if (match.group("part") or "").lower() == "night":
        return day, day + timedelta(days=1), DatePrecision.DAY
    return _since(match, day, anchor)


def _resolve_overnight(match: re.Match[str], anchor: date | None) -> Interval | None:
    if anchor is None:
        return None
    weekday = match.group("weekday")
    day = anchor if weekday is None else _last_weekday(_WEEKDAYS[weekday.lower()], anchor, False)
    return day - timedelta(days=1), day, DatePrecision.DAY


def _resolve_deictic_day(match: re.Match[str], anchor: date | None) -> Interval | None:
    if anchor is None:
        return None
    text = match.group(0).lower()
    if text == "last night":
        return anchor - timedelta(days=1), anchor, DatePrecision.DAY
    if "before yesterday" in text:
        return _day(anchor - timedelta(days=2))
    return _day(anchor - timedelta(days=1) if text.startswith("yesterday") else anchor)


def _resolve_ago(match: re.Match[str], anchor: date | None) -> Interval | None:
    if anchor is None:
        return None
    amount, unit = _amount(match.group("amount")), match.group("unit").lower()
    if unit.startswith("day"):
        return _day(anchor - timedelta(days=amount))
    if unit.startswith("week"):
        return _day(anchor - timedelta(weeks=amount))
    if unit.startswith("month"):
        month_index = anchor.year * 12 + anchor.month - 1 - amount
        return _whole_month(month_index // 12, month_index % 12 + 1)
    return _whole_year(anchor.year - amount)


def _resolve_weekend(match: re.Match[str], anchor: date | None) -> Interval | None:
    if anchor is None:
        return None
    saturday = _last_weekday(5, anchor, False)
    if match.group(0).lower().startswith("next"):
        saturday = anchor + timedelta(days=(5 - anchor.weekday()) % 7)
    return saturday, saturday + timedelta(days=1), DatePrecision.WEEK


def _resolve_relative_unit(match: re.Match[str], anchor: date | None) -> Interval | None:
    """this/last/next/earlier this + week/month/year."""
    if anchor is None:
        return None
    relation, unit = match.group("relation").lower(), match.group("unit").lower()
    step = {"last": -1, "previous": -1, "past": -1, "next": 1, "coming": 1}.get(relation.split()[-1], 0)
    if unit == "week":
        earliest, latest, precision = _whole_week(anchor + timedelta(weeks=step))
    elif unit == "month":
        month_index = anchor.year * 12 + anchor.month - 1 + step
        earliest, latest, precision = _whole_month(month_index // 12, month_index % 12 + 1)
    else:
        earliest, latest, precision = _whole_year(anchor.year + step)
    if relation.startswith("earlier"):
        latest = anchor
    return earliest, latest, precision


_PATTERNS: tuple[tuple[re.Pattern[str], Resolver], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), resolver)
    for pattern, resolver in (
        *((rf"\b(?:on\s+)?the\s+night\s+of\s+{form}", _resolve_night_of) for form in _DAYS_OF_MONTH),
        (
            rf"\b(?:(?P<between>between\s+)|from\s+)?{_MONTH}\s+{_DAY}\s*(?:-|–|to|until|(?(between)and|(?!)))\s*"
            rf"(?P<day2>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?{_NOT_TIME}(?:,?\s+{_YEAR})?(?!\d)",
            _resolve_range,
        ),
        (
            rf"(?<![\d:.,/])\b(?:(?P<between>between\s+)|from\s+)?{_DAY}\s*(?:-|–|to|until|(?(between)and|(?!)))\s*"
            rf"(?P<day2>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?(?!\d)",
            _resolve_range,
        ),
        *((rf"\b{_SINCE}{form}", _resolve_day_of_month) for form in _DAYS_OF_MONTH),
        (rf"(?<![\d/-]){_YEAR}-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-3]\d)(?![\d/-])", _resolve_iso),
        (rf"(?<![\d/.:-])(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/{_YEAR}(?![\d/])", _resolve_slashed),
        (rf"\b(?:(?:early|late|mid-?)\s*)?{_MONTH}\s+(?:of\s+)?{_YEAR}(?!\d)", _resolve_month_year),
        (
            rf"\b(?:{_PREPOSITION}|last|this)\s+"
            rf"(?:(?:early|late|mid-?)\s*)?{_MONTH}(?!\.?\s*\d)\b",
            _resolve_month,
        ),
        (rf"(?<![\d$£€.,:/-]){_YEAR}(?![\d/%-]|,\d|\.\d|\s+[a-z])", _resolve_year),
        (rf"\b{_PREPOSITION}\s+{_YEAR}(?![\d/%-]|,\d|\.\d)", _resolve_year),
        (
            rf"\b{_SINCE}(?P<modifier>(?:late|early|earlier|later)\s+(?:on\s+)?|last\s+|this\s+past\s+)?"
            rf"{_WEEKDAY}(?:\s+(?P<part>morning|afternoon|evening|night))?\b",
            _resolve_weekday,
        ),
        (rf"\bovernight(?:\s+(?:into|on|to)\s+{_WEEKDAY})?\b", _resolve_overnight),
        (
            r"\b(?:(?:earlier|later)\s+)?today\b|\bthis\s+(?:morning|afternoon|evening)\b|\btonight\b"
            r"|\blast\s+night\b|\b(?:the\s+day\s+before\s+)?yesterday(?:\s+(?:morning|afternoon|evening))?\b",
            _resolve_deictic_day,
        ),
        (rf"\b{_AMOUNT}\s+(?P<unit>days?|weeks?|months?|years?)\s+ago\b", _resolve_ago),
        (r"\b(?:(?:over|during|at)\s+the|this|last|this\s+past|next)\s+weekend\b", _resolve_weekend),
        (
            r"\b(?P<relation>earlier\s+this|this|last|the\s+previous|the\s+past|next|the\s+coming)\s+"
            r"(?P<unit>week|month|year)\b",
            _resolve_relative_unit,
        ),
        (
            r"\b(?:the\s+)?(?:beginning|start|end)\s+of\s+(?P<relation>the|this|last)\s+(?P<unit>week|month|year)\b",
            _resolve_relative_unit,
        ),
    )
)


def find_dates(text: str, anchor: date | None, start: int = 0, end: int | None = None) -> list[DateMention]:
    """Dates mentioned in ``text[start:end]``, resolved against ``anchor``, in text order.

    Where expressions overlap, the longest one starting first wins ("late Thursday" over "Thursday").
    """
    end = len(text) if end is None else end
    candidates: list[tuple[int, int, Interval]] = []
    for pattern, resolver in _PATTERNS:
        for match in pattern.finditer(text, start, end):
            interval = resolver(match, anchor)
            if interval is not None:
                candidates.append((match.start(), match.end(), interval))
    candidates.sort(key=lambda c: (c[0], c[0] - c[1]))
    mentions: list[DateMention] = []
    covered_until = start
    for begin, finish, (earliest, latest, precision) in candidates:
        if begin >= covered_until:
            mentions.append(DateMention(Span(begin, finish), text[begin:finish], earliest, latest, precision))
            covered_until = finish
    return mentions


def is_history(sentence: str, year: int | None) -> bool:
    """True when the sentence is set in another, earlier year ("in 1992", "in the 1990s", "decades ago")."""
    for match in _HISTORY.finditer(sentence):
        stated = match.group("year")
        if stated is None or (year is not None and int(stated) < year - 1):
            return True
    return False
