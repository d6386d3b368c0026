"""``a6watch schedule``: the unattended scheduler in the foreground, with readable logs."""

from __future__ import annotations

import argparse

from a6watch.commands import settings_from
from core.logs import configure as configure_logging


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--once", action="store_true", help="run one pass (crawl what is due, alerts, digests) and exit")


def run(args: argparse.Namespace) -> int:
    from a6watch.scheduling import Scheduler

    settings = settings_from(args)
    configure_logging(settings.secrets())
    settings.ensure_dirs()
    scheduler = Scheduler(settings)
    if args.once:
        result = scheduler.tick()
        print(f"crawled: {result.crawled or 'nothing due'}; "
              + (f"in-session pages polled: {result.polled}; " if result.polled else "")
              + f"{result.changes} change(s); "
              f"{result.queued} digest(s) queued, {result.sent} sent")
        return 0
    scheduler.run_forever()
    return 0
