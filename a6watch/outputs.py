"""Everything rebuilt from the catalog after a crawl: time-driven alerts, feeds, calendars, and the
briefing packs of upcoming meetings whose documents changed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from a6watch.config import Settings
from briefing.pack import build_pack
from feeds.build import build_feeds
from feeds.calendar import build_calendars
from storage.alerts import run_alerts
from storage.db import Catalog
from storage.models import Change, Meeting


@dataclass
class Outputs:
    alerts: int = 0
    feeds: list[Path] = field(default_factory=list)
    calendars: list[Path] = field(default_factory=list)
    packs: list[Path] = field(default_factory=list)


def refresh(settings: Settings, catalog: Catalog, now: datetime, changed_since: datetime | None = None) -> Outputs:
    out = Outputs()
    out.alerts = run_alerts(catalog, now, settings.countdown_days, settings.expected)
    out.feeds = build_feeds(catalog, settings.feeds_dir, settings.public_base_url, settings.watchlists)
    out.calendars = build_calendars(catalog, settings.data_dir / "calendars")
    with catalog.session() as s:
        query = (select(Meeting.key).distinct().join(Change, Change.meeting_key == Meeting.key)
                 .where(Meeting.start_date >= now.date(), Meeting.status.in_(("tentative", "confirmed"))))
        if changed_since is not None:
            query = query.where(Change.at >= changed_since)
        upcoming = sorted(s.scalars(query))
    for key in upcoming:
        out.packs.append(build_pack(catalog, settings.data_dir, key, now).folder)
    return out
