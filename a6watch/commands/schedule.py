"""``a6watch schedule``: the unattended scheduler in the foreground, with readable logs."""

from __future__ import annotations

import argparse
import logging

from a6watch.commands import settings_from


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--once", action="store_true", help="run one pass (crawl what is due, alerts, digests) and exit")


def run(args: argparse.Namespace) -> int:
    from scheduler import Scheduler

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    settings = settings_from(args)
    settings.ensure_dirs()
    scheduler = Scheduler(settings)
    if args.once:
        result = scheduler.tick()
        print(f"crawled: {result.crawled or 'nothing due'}; {result.changes} change(s); "
              f"{result.queued} digest(s) queued, {result.sent} sent")
        return 0
    scheduler.run_forever()
    return 0
