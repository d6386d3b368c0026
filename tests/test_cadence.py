"""The crawl cadence rises as a meeting approaches and while it sits (controlled clock, no waiting)."""

from datetime import UTC, date, datetime, timedelta

from core.cadence import MeetingWindow, interval, next_run
from core.settings import Cadence

SBM022 = [MeetingWindow("SBM", date(2026, 6, 17), date(2026, 6, 19))]
C = Cadence()


def at(month: int, day: int, hour: int = 8) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=UTC)


def test_cadence_across_a_meetings_approach():
    hours = {d: interval("a64_sbm", at(*d), SBM022, C) / timedelta(hours=1)
             for d in [(5, 20), (6, 2), (6, 3), (6, 10), (6, 17), (6, 18), (6, 19), (6, 20)]}
    assert hours == {(5, 20): 24, (6, 2): 24, (6, 3): 3, (6, 10): 3, (6, 17): 1, (6, 18): 1, (6, 19): 1,
                     (6, 20): 24}


def test_other_bodies_meetings_do_not_speed_a_source_up():
    assert interval("cdm_eb", at(6, 18), SBM022, C) == timedelta(hours=24)
    assert interval("a6ip", at(6, 18), SBM022, C) == timedelta(hours=24)


def test_next_run_follows_the_last_start_and_a_new_source_is_due_at_once():
    assert next_run("a64_sbm", None, at(6, 1), SBM022, C) == at(6, 1)
    assert next_run("a64_sbm", at(6, 10, 6), at(6, 10, 8), SBM022, C) == at(6, 10, 9)
    assert next_run("a64_sbm", at(5, 1, 6), at(5, 1, 8), SBM022, C) == at(5, 2, 6)


def test_configurable_cadence():
    fast = Cadence(default_hours=12, approach_days=30, approach_hours=2, sitting_hours=0.5)
    assert interval("a64_sbm", at(5, 20), SBM022, fast) == timedelta(hours=2)
    assert interval("a64_sbm", at(6, 18), SBM022, fast) == timedelta(minutes=30)
