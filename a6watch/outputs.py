"""Everything rebuilt from the catalog after a crawl: time-driven alerts, feeds, calendars, and the
briefing packs of upcoming meetings whose documents changed (one per session: SB64, COP31, SBM022).

Each output is built on its own: one that fails (a pack whose PDF cannot be laid out, a full disk) is
reported in ``Outputs.failures`` and the others are still built; each writes its files whole or not
at all (a pack swaps its folder when complete), so a failure leaves the previous version in place."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from sqlalchemy import select

from a6watch.landscape import write_landscape
from briefing.pack import build_pack
from core.meetings import pack_of
from core.settings import Settings
from feeds.build import build_feeds
from feeds.calendar import build_calendars
from storage.alerts import run_alerts
from storage.db import Catalog
from storage.models import Change, Meeting

log = logging.getLogger("a6watch.outputs")
T = TypeVar("T")


@dataclass
class Outputs:
    alerts: int = 0
    feeds: list[Path] = field(default_factory=list)
    calendars: list[Path] = field(default_factory=list)
    packs: list[Path] = field(default_factory=list)
    landscape: list[Path] = field(default_factory=list)  # the credit-landscape XLSX and CSV
    failures: list[str] = field(default_factory=list)  # one line per output that could not be built


def _attempt(out: Outputs, what: str, build: Callable[[], T], default: T) -> T:
    try:
        return build()
    except Exception as exc:  # noqa: BLE001 - one output's failure must not stop the others
        log.exception("%s could not be built", what)
        out.failures.append(f"{what}: {type(exc).__name__}: {str(exc)[:300]}")
        return default


def refresh(settings: Settings, catalog: Catalog, now: datetime, changed_since: datetime | None = None) -> Outputs:
    out = Outputs()
    out.alerts = _attempt(out, "alerts", lambda: run_alerts(catalog, now, settings.countdown_days,
                                                            settings.expected), 0)
    out.feeds = _attempt(out, "feeds", lambda: build_feeds(catalog, settings.feeds_dir, settings.public_base_url,
                                                           settings.watchlists, now), [])
    out.calendars = _attempt(out, "calendars", lambda: build_calendars(catalog, settings.data_dir / "calendars"), [])
    out.landscape = _attempt(out, "credit landscape",
                             lambda: write_landscape(catalog, settings.data_dir / "landscape", now), [])
    with catalog.session() as s:
        query = (select(Meeting.key).distinct().join(Change, Change.meeting_key == Meeting.key)
                 .where(Meeting.start_date >= now.date(), Meeting.status.in_(("tentative", "confirmed"))))
        if changed_since is not None:
            query = query.where(Change.at >= changed_since)
        upcoming = sorted(s.scalars(query))
    # one pack per session: SBSTA 64 and SBI 64 in the SB64 pack, the sessions held with COP 31 in COP31
    for spec in dict.fromkeys(pack_of(key) for key in upcoming):
        def one_pack(spec: str = spec) -> Path | None:
            return build_pack(catalog, settings.data_dir, spec, now).folder

        folder = _attempt(out, f"briefing pack {spec}", one_pack, None)
        if folder is not None:
            out.packs.append(folder)
    return out
