"""``a6watch changes``: the change log, newest first."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime

from a6watch.commands import settings_from
from a6watch.commands.search import _date
from core.errors import A6WatchError
from core.safe_output import for_terminal


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--since", type=_date, help="only changes on or after this date (YYYY-MM-DD)")
    p.add_argument("--kind", help="only this kind, e.g. document.revised")
    p.add_argument("--limit", type=int, default=50)


def run(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from storage.db import Catalog
    from storage.models import Change

    settings = settings_from(args)
    catalog = Catalog(settings.database_url)
    query = select(Change).order_by(Change.at.desc(), Change.id.desc()).limit(args.limit)
    if args.since:
        query = query.where(Change.at >= datetime.combine(args.since, datetime.min.time(), UTC))
    if args.kind:
        from storage.changes import KIND_LABELS

        if args.kind not in KIND_LABELS:
            raise A6WatchError(f"unknown change kind {args.kind!r}; known: {', '.join(KIND_LABELS)}")
        query = query.where(Change.kind == args.kind)
    try:
        with catalog.session() as s:
            for change in s.scalars(query):
                print(f"{change.at:%Y-%m-%d %H:%M}  {change.kind:<20} {for_terminal(change.summary)}")
    finally:
        catalog.close()
    return 0
