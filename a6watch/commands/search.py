"""``a6watch search QUERY``: full-text search with filters, one hit per line with a snippet."""

from __future__ import annotations

import argparse
from datetime import date

from a6watch.commands import settings_from
from core.safe_output import for_terminal


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"expected a date like 2026-06-01, got {text!r}") from exc


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("query", help='words (all must match) or "a quoted phrase"')
    p.add_argument("--body", help="COP, CMP, CMA, SBSTA, SBI or SB")
    p.add_argument("--meeting", help="any spelling: sbsta-64, 'SBSTA 64', SBM022, SB64 (= SBSTA 64 and SBI 64)")
    p.add_argument("--type", dest="doc_type", help="document type, e.g. 'Draft conclusions'")
    p.add_argument("--since", type=_date, help="published on or after (YYYY-MM-DD)")
    p.add_argument("--until", type=_date, help="published on or before (YYYY-MM-DD)")
    p.add_argument("--limit", type=int, default=20)


def run(args: argparse.Namespace) -> int:
    from core.meetings import parse_meeting
    from storage.db import Catalog
    from storage.search import search

    settings = settings_from(args)
    catalog = Catalog(settings.database_url)
    try:
        with catalog.session() as s:
            hits = search(s, args.query, body=args.body, meeting=parse_meeting(args.meeting) if args.meeting else None,
                          doc_type=args.doc_type, since=args.since, until=args.until, limit=args.limit)
    finally:
        catalog.close()
    if not hits:
        print("no matches")
        return 1
    for hit in hits:
        print(for_terminal(f"{hit.symbol or '-'}  [{hit.language}]  {hit.publication_date or ''}  {hit.title or ''}"))
        print(f"    {for_terminal(' '.join(hit.snippet.split()))}")
        if hit.url:
            print(f"    {for_terminal(hit.url)}")
    return 0
