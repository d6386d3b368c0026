"""``a6watch status``: one line per source — last success, items, changes, blocked, errors, next run."""

from __future__ import annotations

import argparse

from a6watch.commands import settings_from
from core.clock import default_clock


def add_arguments(p: argparse.ArgumentParser) -> None:
    return None


def run(args: argparse.Namespace) -> int:
    from a6watch.scheduling import Scheduler
    from storage.health import status_rows

    settings = settings_from(args)
    scheduler = Scheduler(settings)
    now = default_clock().now()
    with scheduler.catalog.session() as s:
        rows = status_rows(s, list(settings.sources), scheduler.next_runs(now))
    scheduler.catalog.close()
    header = f"{'source':<18}{'last success':<18}{'last run':<13}{'items':>6}{'changes':>8}{'blocked':>8}" \
             f"{'errors':>7}  next run"
    print(header)
    for r in rows:
        ok = f"{r.last_success:%Y-%m-%d %H:%M}" if r.last_success else "never"
        nxt = "now" if r.next_run and r.next_run <= now else (f"{r.next_run:%Y-%m-%d %H:%M}" if r.next_run else "-")
        print(f"{r.source:<18}{ok:<18}{r.last_status:<13}{r.items:>6}{r.changes:>8}{r.blocked:>8}{r.errors:>7}  {nxt}")
    return 0
