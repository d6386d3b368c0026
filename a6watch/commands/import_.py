"""``a6watch import --url URL FILE``: feed a page or file saved by hand through the crawl pipeline."""

from __future__ import annotations

import argparse

from a6watch.commands import read_file, settings_from
from core.clock import default_clock
from core.settings import UN_LANGUAGES


def add_arguments(p: argparse.ArgumentParser) -> None:
    from crawler.sources import PARSERS

    p.add_argument("--url", required=True, help="the real (canonical) URL the file was saved from")
    p.add_argument("--kind", choices=sorted(PARSERS), help="force a page kind")
    p.add_argument("--document", help="for a file: the document's symbol (or page URL) it belongs to")
    p.add_argument("--language", choices=UN_LANGUAGES, default="en", help="for a file: its language")
    p.add_argument("file", help="the saved page or file")


def run(args: argparse.Namespace) -> int:
    from a6watch.importing import import_file, import_page
    from crawler.sources import url_kind
    from storage.db import Catalog

    settings = settings_from(args)
    settings.ensure_dirs()
    body = read_file(args.file)
    catalog = Catalog(settings.database_url)
    try:
        if url_kind(args.url) == "file" and not args.kind:
            if not args.document:
                raise SystemExit("a6watch import: a file needs --document SYMBOL (and --language)")
            result = import_file(catalog, settings, args.url, body, args.document, args.language, default_clock())
        else:
            result = import_page(catalog, args.url, body, args.kind, default_clock())
    finally:
        catalog.close()
    print(f"imported {args.url} as {result.kind}: {result.items} items, {result.changes} changes "
          f"(run {result.run_id})")
    return 0
