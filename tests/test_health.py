"""Source health alerts: silence must be loud."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from core.settings import Health
from storage.health import check_run, check_stale
from storage.models import Change, CrawlRun

T0 = datetime(2026, 6, 1, tzinfo=UTC)


def _run(s, n, items, status="complete", blocked=0, stats=None):
    r = CrawlRun(source_id="a64_sbm", started_at=T0 + timedelta(hours=n), finished_at=T0 + timedelta(hours=n),
                 status=status, items=items, blocked=blocked, stats=stats or {})
    s.add(r)
    s.flush()
    return r


def _kinds(s):
    return [c.kind for c in s.scalars(select(Change).order_by(Change.id))]


def test_zero_items_fewer_than_usual_blocked_and_recovered(catalog, clock):
    from storage.models import Source

    with catalog.session() as s:
        s.add(Source(id="a64_sbm", title="SBM"))
        s.flush()
        for n in range(5):
            assert check_run(s, _run(s, n, 30), Health(), T0) == 0
        check_run(s, _run(s, 5, 0), Health(), T0)
        check_run(s, _run(s, 6, 10), Health(), T0)
        check_run(s, _run(s, 7, 30, status="partial", blocked=4), Health(), T0)
        check_run(s, _run(s, 8, 30, status="partial", stats={"a6watch/errors": 2}), Health(), T0)
        check_run(s, _run(s, 9, 30), Health(), T0)
        check_run(s, _run(s, 10, 30), Health(), T0)
        assert _kinds(s) == ["source.broken", "source.broken", "source.blocked", "source.broken", "source.recovered"]
        summaries = s.scalars(select(Change.summary).order_by(Change.id)).all()
    assert "found no items" in summaries[0] and "far fewer than the median 30" in summaries[1]
    assert "is partial: 2 page(s) or file(s) could not be fetched" in summaries[3]


def test_a_source_without_a_complete_run_for_too_long_is_stale(catalog, clock):
    from storage.models import Source

    with catalog.session() as s:
        s.add(Source(id="a64_sbm", title="SBM"))
        s.flush()
        _run(s, 0, 30)
        assert check_stale(s, ["a64_sbm"], Health(max_age_hours=48), T0 + timedelta(hours=40)) == 0
        assert check_stale(s, ["a64_sbm"], Health(max_age_hours=48), T0 + timedelta(hours=50)) == 1
        assert check_stale(s, ["a64_sbm"], Health(max_age_hours=48), T0 + timedelta(hours=51)) == 0
        assert _kinds(s) == ["source.stale"]
