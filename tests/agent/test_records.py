"""Interaction records keep their day number once parsed; a changed record parses its own."""

from __future__ import annotations

from agent.days import UNDATED, parse_day
from agent.records import Interaction, days_of


def record(at: object = "2025-11-15T09:30:00+02:00", **extra) -> Interaction:
    return Interaction(id="i1", person="p1", kind="dm", direction="me", at=at, **extra)  # type: ignore[arg-type]


def test_a_records_day_is_its_parsed_at_and_is_kept_after_first_use():
    item = record()
    assert item._day is None
    assert item.day == parse_day(item.at)
    assert item._day == item.day


def test_with_changes_forgets_the_day_of_the_old_at():
    item = record()
    assert item.day == parse_day("2025-11-15T09:30:00+02:00")
    moved = item.with_changes(at="2024-01-01")
    assert moved._day is None
    assert moved.day == parse_day("2024-01-01")
    assert item.day == parse_day("2025-11-15T09:30:00+02:00")


def test_the_kept_day_changes_neither_equality_nor_repr_nor_the_stored_form():
    fresh, used = record(), record()
    _ = used.day
    assert fresh == used and hash(fresh) == hash(used) and repr(fresh) == repr(used)
    assert "_day" not in used.to_json() and Interaction.from_json(used.to_record()) == used


def test_records_read_from_the_store_parse_their_day_on_first_use():
    loaded = Interaction.from_json(record().to_record())
    assert loaded._day is None
    assert loaded.day == parse_day("2025-11-15T09:30:00+02:00")


def test_days_of_parses_missing_and_unreadable_dates_as_undated_and_keeps_every_day():
    items = [record(at) for at in ("2025-11-15", None, "garbage", 20251115, "2025-11-15T09:30:00Z")]
    days = days_of(items)
    assert days == [parse_day(i.at) for i in items]
    assert days[1] == days[2] == days[3] == UNDATED
    assert [i._day for i in items] == days
    assert days_of(items) == days
