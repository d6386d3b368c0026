"""Countdowns and expected documents with a controlled clock."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import select

from core.settings import ExpectedDocument
from storage.alerts import countdowns, expected_documents, late_documents
from storage.models import Change
from tests.test_recorder import run
from tests.test_recorder_meetings import mdoc, meeting

RULE = (ExpectedDocument("SBM", "annotated agenda", 28, role="annotated_agenda"),)


def at(day: int, month: int = 6) -> datetime:
    return datetime(2026, month, day, 8, tzinfo=UTC)


def _kinds(catalog, kind):
    with catalog.session() as s:
        return [(c.details.get("days"), c.summary) for c in s.scalars(select(Change).where(Change.kind == kind)
                                                                        .order_by(Change.id))]


def test_countdown_fires_once_per_point_and_only_the_nearest_when_late(catalog, clock):
    run(catalog, clock, meeting(start=date(2026, 6, 23), end=date(2026, 6, 26)), listing=False)
    with catalog.session() as s:
        assert countdowns(s, at(20, 5), (28, 14, 7, 1)) == 0  # 34 days before: nothing yet
        assert countdowns(s, at(27, 5), (28, 14, 7, 1)) == 1  # 27 days: the 28-day alert
        assert countdowns(s, at(28, 5), (28, 14, 7, 1)) == 0  # not again
        assert countdowns(s, at(18, 6), (28, 14, 7, 1)) == 1  # 5 days: the 7-day alert, not 14 and 7
        assert countdowns(s, at(23, 6), (28, 14, 7, 1)) == 1  # the day itself: the 1-day alert
    alerts = _kinds(catalog, "countdown")
    assert [days for days, _ in alerts] == [28, 7, 1]
    assert alerts[0][1].startswith("SBM 022 starts in 27 day(s) (23 Jun 2026, Bonn, Germany). Out: 0 document(s)")


def test_countdown_lists_what_is_out_and_what_changed_since_the_last_alert(catalog, clock):
    run(catalog, clock, meeting(start=date(2026, 6, 23), end=date(2026, 6, 26)), listing=False)
    with catalog.session() as s:
        countdowns(s, at(27, 5), (28, 14, 7, 1))
    clock.current = at(1)
    run(catalog, clock, mdoc("A6.4-SBM022-AA", "Annotated agenda", role="annotated_agenda"), listing=False)
    with catalog.session() as s:
        countdowns(s, at(10), (28, 14, 7, 1))
    summary = _kinds(catalog, "countdown")[-1][1]
    assert "Out: 1 document(s): A6.4-SBM022-AA" in summary
    assert "Changed since the last alert: 1: SBM 022: annotated agenda published" in summary


def test_expected_document_late_then_arrived(catalog, clock):
    run(catalog, clock, meeting(start=date(2026, 6, 23), end=date(2026, 6, 26)), listing=False)
    with catalog.session() as s:
        assert expected_documents(s, at(25, 5), RULE) == 0  # due 26 May: not late yet
        assert expected_documents(s, at(27, 5), RULE) == 1
        assert expected_documents(s, at(28, 5), RULE) == 0  # late only once
        assert [c.summary for c in late_documents(s, "sbm-022")] == [
            "SBM 022: the annotated agenda is not out 28 days before the meeting (usually by 26 May 2026; "
            "meeting 23 Jun 2026)"]
    clock.current = at(1)
    run(catalog, clock, mdoc("A6.4-SBM022-AA", "Annotated agenda", role="annotated_agenda"), listing=False)
    with catalog.session() as s:
        assert expected_documents(s, at(2), RULE) == 1
        assert late_documents(s, "sbm-022") == []
    assert [summary for _d, summary in _kinds(catalog, "expected.arrived")] == [
        "SBM 022: the annotated agenda has arrived — A6.4-SBM022-AA"]
