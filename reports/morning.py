"""``a6watch report`` and the scheduler's morning job: write a meeting's next-morning report (HTML and
PDF under <data_dir>/reports/<meeting>/<local date>[-ja].html) and queue it by email in the outbox."""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.errors import A6WatchError
from core.settings import Settings
from core.sources import SOURCES
from notifications.digest import channels
from reports.collect import MorningReport, collect_report, meeting_venue
from reports.labels import LABELS
from reports.pdf import write_pdf
from reports.render import render_html, render_text
from reports.venues import zone_for
from storage.db import Catalog
from storage.models import Meeting, Outbox

log = logging.getLogger("a6watch.reports")
NOT_SITTING = ("cancelled", "postponed")


@dataclass
class Written:
    html: Path
    pdf: Path
    report: MorningReport
    font: str
    queued: bool  # an email was queued in the outbox now
    note: str = ""  # why no email was queued, when none was


def report_paths(data_dir: Path, slug: str, local_date: str, lang: str) -> tuple[Path, Path]:
    stem = local_date if lang == "en" else f"{local_date}-{lang}"
    folder = data_dir / "reports" / slug
    return folder / f"{stem}.html", folder / f"{stem}.pdf"


def _write_whole(path: Path, write: Callable[[Path], object]) -> None:
    """Write through a temporary file in the same folder, then rename: a reader never sees half a file."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(fd)
    try:
        write(Path(tmp))
        Path(tmp).chmod(0o644)
        Path(tmp).replace(path)
    finally:
        Path(tmp).unlink(missing_ok=True)


def message_id(report: MorningReport) -> str:
    return f"<a6watch-report-{report.slug}-{report.date.isoformat()}-{report.lang}@a6watch.invalid>"


def queue_email(s: Session, settings: Settings, report: MorningReport, html: str, url: str, now: datetime) -> str:
    """Queue the report once (its message id names the meeting, the local date and the language);
    returns "" when queued, else why not."""
    if "email" not in channels(settings):
        return "no email queued: notify.email.host and notify.email.to are not set"
    mid = message_id(report)
    if s.scalar(select(func.count()).select_from(Outbox).where(Outbox.message_id == mid)):
        return "no email queued: this report was queued already"
    t = LABELS[report.lang]
    count = sum(len(e.changes) for e in report.entries)
    subject = f"a6watch {t['title']}: {report.name}, {report.date:%Y-%m-%d} ({count})"
    s.add(Outbox(message_id=mid, channel="email", subject=subject, body=render_text(report, url),
                 payload={"html": html}, status="pending", attempts=0, next_attempt_at=now, created_at=now))
    s.flush()
    return ""


def write_report(catalog: Catalog, settings: Settings, spec: str, at: datetime, lang: str = "en",
                 email: bool = True) -> Written:
    if lang not in LABELS:
        raise A6WatchError(f"--lang: {lang!r} is not available ({' or '.join(LABELS)})")
    with catalog.session() as s:
        report = collect_report(s, spec, at, settings.timezone, lang)
        html_path, pdf_path = report_paths(settings.data_dir, report.slug, report.date.isoformat(), lang)
        html_path.parent.mkdir(parents=True, exist_ok=True)
        fonts: list[str] = []
        _write_whole(pdf_path, lambda tmp: fonts.append(write_pdf(report, tmp)))
        page = render_html(report, pdf_path.name)
        _write_whole(html_path, lambda tmp: tmp.write_text(page, encoding="utf-8"))
        note = "no email queued: --no-email" if not email else ""
        if email:
            base = f"{settings.public_base_url}reports/{report.slug}/"
            note = queue_email(s, settings, report, render_html(report, base + pdf_path.name),
                               base + html_path.name, at)
    return Written(html_path, pdf_path, report, fonts[0], email and not note, note)


def followed_bodies(settings: Settings) -> set[str]:
    return {body for source in settings.sources if source in SOURCES for body in SOURCES[source].bodies}


def due_reports(catalog: Catalog, settings: Settings, now: datetime) -> list[Written]:
    """The scheduler's job: for each meeting of a followed body that sits today at its venue (or ended
    yesterday: the last day's news), from report.hour local time, the day's report in each configured
    language unless it was written already."""
    bodies = followed_bodies(settings)
    with catalog.session() as s:
        rows = [(m.key, meeting_venue(s, m), m.start_date, m.end_date) for m in s.scalars(
            select(Meeting).where(Meeting.body.in_(bodies), Meeting.start_date.is_not(None),
                                  Meeting.status.not_in(NOT_SITTING),
                                  Meeting.start_date <= (now + timedelta(days=1)).date(),
                                  func.coalesce(Meeting.end_date, Meeting.start_date)
                                  >= (now - timedelta(days=2)).date())
            .order_by(Meeting.key))]
    written = []
    for key, venue, start, end in rows:
        zone, _known = zone_for(venue, settings.timezone)
        local = now.astimezone(zone)
        if start is None or not start <= local.date() <= (end or start) + timedelta(days=1):
            continue
        if local.hour < settings.report.hour:
            continue
        for lang in settings.report.languages:
            html, _pdf = report_paths(settings.data_dir, key, local.date().isoformat(), lang)
            if html.exists():
                continue
            written.append(write_report(catalog, settings, key, now, lang, settings.report.email))
            log.info("next-morning report of %s (%s) written: %s", key, lang, html)
    return written
