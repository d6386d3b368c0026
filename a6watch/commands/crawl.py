"""``a6watch crawl [SOURCE ...]``: each source crawled in its own subprocess (the Twisted reactor
cannot restart in one process), one after the other, with progress on stderr."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from a6watch.clock import default_clock
from a6watch.commands import settings_from
from a6watch.config import KNOWN_SOURCES
from a6watch.errors import A6WatchError
from a6watch.outputs import refresh
from storage.db import Catalog

ROOT = Path(__file__).resolve().parents[2]
EXIT_MEANING = {0: "complete", 3: "partial (see errors above; nothing was removed)", 2: "configuration error"}


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("sources", nargs="*", metavar="SOURCE",
                   help=f"sources to crawl (default: the enabled ones; known: {', '.join(KNOWN_SOURCES)})")


def crawl_sources(sources: Sequence[str], env: dict[str, str] | None = None, quiet: bool = False) -> dict[str, int]:
    """Run one subprocess per source; returns {source: exit code}."""
    results = {}
    for source in sources:
        if not quiet:
            print(f"crawling {source} …", file=sys.stderr, flush=True)
        proc = subprocess.run([sys.executable, "-m", "crawler.run", source], cwd=ROOT,
                              env={**os.environ, **(env or {})},
                              stderr=subprocess.DEVNULL if quiet else None, check=False)
        results[source] = proc.returncode
        if not quiet:
            print(f"{source}: {EXIT_MEANING.get(proc.returncode, f'failed (exit {proc.returncode})')}",
                  file=sys.stderr, flush=True)
    return results


def run(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    sources = args.sources or list(settings.sources)
    unknown = [s for s in sources if s not in KNOWN_SOURCES]
    if unknown:
        raise A6WatchError(f"unknown source {unknown[0]!r}; known: {', '.join(KNOWN_SOURCES)}")
    env = {"A6WATCH_CONFIG": str(Path(args.config).resolve())} if args.config else {}
    started = default_clock().now()
    results = crawl_sources(sources, env)
    catalog = Catalog(settings.database_url)
    try:
        out = refresh(settings, catalog, default_clock().now(), changed_since=started)
    finally:
        catalog.close()
    print(f"outputs: {out.alerts} new alert(s), feeds and calendars rebuilt, {len(out.packs)} briefing pack(s)",
          file=sys.stderr)
    return 0 if all(code == 0 for code in results.values()) else 3
