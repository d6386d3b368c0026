"""``a6watch feeds``: rebuild the Atom and RSS feeds from the change log."""

from __future__ import annotations

import argparse
from pathlib import Path

from a6watch.commands import settings_from


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", help="output folder (default: <data_dir>/feeds)")


def run(args: argparse.Namespace) -> int:
    from feeds.build import build_feeds
    from storage.db import Catalog

    settings = settings_from(args)
    catalog = Catalog(settings.database_url)
    try:
        paths = build_feeds(catalog, Path(args.out) if args.out else settings.feeds_dir, settings.public_base_url,
                            settings.watchlists)
    finally:
        catalog.close()
    for path in paths:
        print(path)
    return 0
