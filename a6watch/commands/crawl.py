"""``a6watch crawl [SOURCE ...]``: the sources crawled one after the other in one subprocess (the
Twisted reactor cannot restart in this one), with progress on stderr."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from a6watch.commands import settings_from
from core.clock import default_clock
from core.errors import A6WatchError
from core.sources import known_sources


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("sources", nargs="*", metavar="SOURCE",
                   help=f"sources to crawl (default: the enabled ones; known: {', '.join(known_sources())})")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--deep", action="store_const", const="deep", dest="mode",
                      help="walk the whole archive of every listing (the full refresh does it on its cadence)")
    mode.add_argument("--session", action="store_const", const="session", dest="mode",
                      help="poll only the in-session pages of the meetings sitting today (what the scheduler "
                           "does every cadence.in_session_minutes while a body meets)")


# Each crawl is stopped at its own limit inside the process; the process is killed from outside only if
# it overruns them all by this much (a parser busy in the reactor's thread cannot stop itself).
BACKSTOP_SECONDS = 300.0


def crawl_sources(sources: Sequence[str], env: dict[str, str] | None = None, quiet: bool = False,
                  timeout_minutes: float = 180.0) -> dict[str, int]:
    """Crawl the sources in one subprocess (``python -m crawler.run``); returns {source: exit status}.
    The subprocess gets ``timeout_minutes`` per source; past that it is killed (a killed crawl loses
    nothing it recorded and its run is never complete). A source it never reported gets its exit
    status, or TIMED_OUT."""
    from crawler.run import TIMED_OUT

    if not sources:
        return {}
    with tempfile.TemporaryDirectory(prefix="a6watch-crawl-") as tmp:
        results_file = Path(tmp) / "results.json"
        try:
            proc = subprocess.run([sys.executable, "-m", "crawler.run", "--results", str(results_file), *sources],
                                  env={**os.environ, **(env or {}), "A6WATCH_CRAWL_PROGRESS": "0" if quiet else "1"},
                                  stderr=subprocess.DEVNULL if quiet else None, check=False,
                                  timeout=timeout_minutes * 60 * len(sources) + BACKSTOP_SECONDS)
            code = proc.returncode or 1
        except subprocess.TimeoutExpired:  # subprocess.run has killed it
            print(f"a6watch: the crawl of {', '.join(sources)} ran past crawl_timeout_minutes "
                  f"({timeout_minutes:g} per source) and was stopped", file=sys.stderr)
            code = TIMED_OUT
        reported = json.loads(results_file.read_text()) if results_file.exists() else {}
    return {source: int(reported.get(source, code)) for source in sources}


def run(args: argparse.Namespace) -> int:
    from a6watch.outputs import refresh
    from storage.db import Catalog

    settings = settings_from(args)
    sources = args.sources or list(settings.sources)
    unknown = [s for s in sources if s not in known_sources()]
    if unknown:
        raise A6WatchError(f"unknown source {unknown[0]!r}; known: {', '.join(known_sources())}")
    started = default_clock().now()
    results = crawl_sources(sources, env={"A6WATCH_CRAWL_MODE": args.mode} if args.mode else None,
                            timeout_minutes=settings.crawl_timeout_minutes)
    catalog = Catalog(settings.database_url)
    try:
        out = refresh(settings, catalog, default_clock().now(), changed_since=started)
    finally:
        catalog.close()
    print(f"outputs: {out.alerts} new alert(s), feeds and calendars rebuilt, {len(out.packs)} briefing pack(s)",
          file=sys.stderr)
    for failure in out.failures:
        print(f"a6watch: not rebuilt (the previous version is kept): {failure}", file=sys.stderr)
    from crawler.run import FAILED

    if FAILED in results.values() or out.failures:
        return 1  # a crawl could not write, or an output could not be rebuilt
    return 3 if any(code != 0 for code in results.values()) else 0
