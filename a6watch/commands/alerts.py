"""``a6watch alerts``: countdowns, late expected documents; then feeds, calendars and open packs rebuilt."""

from __future__ import annotations

import argparse
import sys

from a6watch.commands import settings_from
from core.clock import default_clock


def add_arguments(p: argparse.ArgumentParser) -> None:
    return None


def run(args: argparse.Namespace) -> int:
    from a6watch.outputs import refresh
    from storage.db import Catalog

    settings = settings_from(args)
    settings.ensure_dirs()
    catalog = Catalog(settings.database_url)
    try:
        out = refresh(settings, catalog, default_clock().now())
    finally:
        catalog.close()
    print(f"{out.alerts} new alert(s); {len(out.feeds)} feed files, {len(out.calendars)} calendars, "
          f"{len(out.packs)} briefing pack(s) rebuilt")
    for failure in out.failures:
        print(f"a6watch: not rebuilt (the previous version is kept): {failure}", file=sys.stderr)
    return 1 if out.failures else 0
