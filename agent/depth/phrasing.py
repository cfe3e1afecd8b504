"""How the depth model writes counts, dates and time spans in its lines.

Fixed English tables rather than ``strftime``: ``%b`` follows the process locale, and the overlay's text
must not change with the machine it runs on.
"""

from __future__ import annotations

from datetime import date

from agent.depth.timeline import day_to_date

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
DAYS_PER_MONTH = 30.44
DAYS_PER_YEAR = 365.25


def month_year(day: float) -> str:
    """``Mar 2025``."""
    when = day_to_date(day)
    return f"{MONTHS[when.month - 1]} {when.year}"


def year(day: float) -> str:
    return str(day_to_date(day).year)


def iso_date(day: float) -> str:
    return day_to_date(day).isoformat()


def times(count: int) -> str:
    """``once``, ``twice``, ``3 times``."""
    return {1: "once", 2: "twice"}.get(count, f"{count} times")


def a_or_an(noun: str) -> str:
    """``a call``, ``an email``, ``an intro``."""
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


def plural(count: int, noun: str, many: str | None = None) -> str:
    """``1 call``, ``3 calls``; ``many`` for irregular plurals."""
    return f"{count} {noun if count == 1 else many or noun + 's'}"


def span(days: float) -> str:
    """A length of time in the largest unit that reads naturally: ``5 days``, ``3 weeks``, ``9 months``, ``5 years``.

    Months while they round to under two years (18 months is not "2 years"), then years: what would read
    "24 months" reads "2 years", so a longer time never reads as a smaller number than a shorter one."""
    days = max(0.0, days)
    if days < 14:
        return plural(round(days), "day")
    if days < 56:
        return plural(round(days / 7), "week")
    if not in_years(days):
        return plural(max(2, round(days / DAYS_PER_MONTH)), "month")
    return plural(max(2, round(days / DAYS_PER_YEAR)), "year")


def in_years(days: float) -> bool:
    """Whether a time span reads in years: from when it would round to 24 months."""
    return round(days / DAYS_PER_MONTH) >= 24


def ago(days: float) -> str:
    """``today``, ``yesterday``, ``4 days ago``, ``last week``, ``3 weeks ago``, ``9 months ago``, ``5 years ago``."""
    if days < 1:
        return "today"
    if days < 2:
        return "yesterday"
    if days < 7:
        return f"{int(days)} days ago"
    if days < 14:
        return "last week"
    return f"{span(days)} ago"


def years_short(first: float, now: float) -> str:
    """How long from day ``first`` to day ``now``: ``3 yrs`` from two years on; under that ``18 months``, ``5 weeks``.

    Years to the nearest, but never more than the calendar years between them: "Known since 2021" in December
    2026 is 5 years, not 6."""
    days = now - first
    if not in_years(days):
        return span(days)
    calendar = day_to_date(now).year - day_to_date(first).year
    return f"{max(2, min(round(days / DAYS_PER_YEAR), calendar))} yrs"


def in_days(target: date, today: date) -> str:
    """``today``, ``tomorrow``, ``in 3 days``, ``in 5 weeks``."""
    delta = (target - today).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "tomorrow"
    return f"in {span(delta)}"
