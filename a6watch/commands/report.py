"""``a6watch report --meeting SBM022``: the next-morning report of a meeting (HTML, PDF, an email)."""

from __future__ import annotations

import argparse

from a6watch.commands import settings_from
from core.clock import default_clock, parse_instant
from core.errors import A6WatchError


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--meeting", required=True,
                   help="any common spelling: SBM022, 'SBM 022', sbm-022, EB129, SB64 (= SBSTA+SBI)")
    p.add_argument("--lang", choices=["en", "ja"], default="en", help="language of the report (default en)")
    p.add_argument("--at", metavar="ISO-TIME",
                   help="the report as of this time (default now, or A6WATCH_NOW), e.g. 2026-06-18T06:00:00Z")
    p.add_argument("--no-email", action="store_true", help="write the files only; queue no email")


def run(args: argparse.Namespace) -> int:
    from reports.morning import write_report
    from storage.db import Catalog

    settings = settings_from(args)
    try:
        at = parse_instant(args.at) if args.at else default_clock().now()
    except A6WatchError as exc:
        raise A6WatchError(f"--at: not an ISO 8601 date-time: {args.at!r} (e.g. 2026-06-18T06:00:00Z)") from exc
    catalog = Catalog(settings.database_url)
    try:
        written = write_report(catalog, settings, args.meeting, at, args.lang, email=not args.no_email)
    finally:
        catalog.close()
    r = written.report
    print(f"{r.name}: {len(r.entries)} item(s), {len(r.hits)} watchlist hit(s), {len(r.deadlines)} deadline(s) "
          f"in the next 7 days; {r.since:%Y-%m-%d %H:%M} – {r.at:%Y-%m-%d %H:%M} {r.zone}")
    print(f"html   {written.html}")
    print(f"pdf    {written.pdf}")
    print("email  queued in the outbox" if written.queued else f"email  {written.note}")
    return 0
