"""Parsers for the date formats of export files, each returning ISO text or None when the text does not parse.

Datetimes come out in UTC with an explicit offset (``2023-06-11T15:33:58+00:00``), dates as ``2024-01-15``.
Month names and AM/PM are matched from fixed English tables rather than ``strptime``, whose ``%b`` and
``%p`` follow the process locale.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone

_MONTHS = {
    m: i + 1 for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"))
}
_DAY_MON_YEAR = re.compile(r"(\d{1,2})[ -]([A-Za-z]{3})[A-Za-z]*\.?[ -](\d{4})")  # 15 Jan 2024
_MON_DAY_YEAR = re.compile(r"([A-Za-z]{3})[A-Za-z]*\.? (\d{1,2}), (\d{4})")  # Jan 15, 2024
_SLASHED_CLOCK = re.compile(
    r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2}),?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?"
)  # 1/19/26, 9:15 AM
_TWEET_TIME = re.compile(
    r"[A-Za-z]{3} ([A-Za-z]{3}) (\d{1,2}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2}) (\d{4})"
)  # Sat Feb 18 12:33:11 +0000 2023


def _utc_iso(moment: datetime) -> str | None:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC).replace(microsecond=0).isoformat()
    except OverflowError:  # year 1 or 9999 shifted past the calendar's edge by the offset
        return None


def iso_utc_text(text: str) -> str | None:
    """``2023-06-11 15:33:58 UTC``, ``2023/06/18 14:24:54 UTC`` or ISO ``2018-12-11T12:30:54.437Z``."""
    text = text.strip()
    if len(text) == 23 and text[4] == "-" and text[10] == " " and text.endswith(" UTC"):
        # messages.csv's own format, by far the most common: validate, then rewrite without datetime work
        try:
            datetime.fromisoformat(text[:19])
        except ValueError:
            return None
        return f"{text[:10]}T{text[11:19]}+00:00"
    if text.endswith(" UTC"):
        text = text[:-4]
    if len(text) >= 10 and text[4:5] == "/" and text[7:8] == "/":
        text = text[:4] + "-" + text[5:7] + "-" + text[8:]
    try:
        return _utc_iso(datetime.fromisoformat(text))
    except ValueError:
        return None


def day_month_year(text: str) -> str | None:
    """A calendar date such as LinkedIn's ``Connected On`` (``15 Jan 2024``); also ``Jan 15, 2024`` and ISO."""
    text = text.strip()
    match = _DAY_MON_YEAR.fullmatch(text)
    if match:
        day, month, year = match.group(1), match.group(2), match.group(3)
    else:
        match = _MON_DAY_YEAR.fullmatch(text)
        if not match:
            return _iso_date(text)
        month, day, year = match.group(1), match.group(2), match.group(3)
    number = _MONTHS.get(month.lower())
    if number is None:
        return None
    try:
        return date(int(year), number, int(day)).isoformat()
    except ValueError:
        return None


def _iso_date(text: str) -> str | None:
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        return None


def slashed_clock(text: str) -> str | None:
    """US-style ``M/D/YY, H:MM AM`` (Invitations.csv, Recommendations). The export gives no zone: read as UTC."""
    match = _SLASHED_CLOCK.fullmatch(text.strip())
    if not match:
        return None
    month, day, year, hour, minute, second, half = match.groups()
    full_year = int(year) if len(year) == 4 else 2000 + int(year)
    hour_number = int(hour)
    if half:
        if not 1 <= hour_number <= 12:
            return None
        hour_number = hour_number % 12 + (12 if half.lower() == "pm" else 0)
    try:
        moment = datetime(full_year, int(month), int(day), hour_number, int(minute), int(second or 0))
    except ValueError:
        return None
    return _utc_iso(moment)


def tweet_time(text: str) -> str | None:
    """A tweet's ``created_at``: ``Sat Feb 18 12:33:11 +0000 2023``."""
    match = _TWEET_TIME.fullmatch(text.strip())
    if not match:
        return iso_utc_text(text)
    month, day, hour, minute, second, sign, off_h, off_m, year = match.groups()
    number = _MONTHS.get(month.lower())
    if number is None:
        return None
    offset = timedelta(hours=int(off_h), minutes=int(off_m))
    try:
        zone = timezone(-offset if sign == "-" else offset)
        moment = datetime(int(year), number, int(day), int(hour), int(minute), int(second), tzinfo=zone)
    except ValueError:
        return None
    return _utc_iso(moment)
