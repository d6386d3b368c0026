"""``a6watch db upgrade|current|copy``: the catalog's schema (Alembic migrations), and moving a catalog
between SQLite and PostgreSQL, verified row for row."""

from __future__ import annotations

import argparse

from a6watch.commands import settings_from
from core.errors import A6WatchError


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", choices=["upgrade", "current", "copy"],
                   help="upgrade to the newest schema, show whether it is current, or copy the catalog")
    p.add_argument("--from", dest="source", metavar="URL",
                   help="copy: the catalog to read (default: the configured database_url)")
    p.add_argument("--to", dest="target", metavar="URL",
                   help="copy: an empty catalog to fill, e.g. postgresql://a6watch@db.example/a6watch "
                        "or sqlite:////srv/a6watch/catalog.db")


def run(args: argparse.Namespace) -> int:
    from storage import db

    settings = settings_from(args)
    settings.ensure_dirs()
    if args.action == "copy":
        return _copy(args.source or settings.database_url, args.target)
    if args.action == "upgrade":
        with db.reachable(settings.database_url):
            engine = db.make_engine(settings.database_url)
            try:
                before = db.revision_of(engine)
                db.upgrade(settings.database_url)
                after = db.revision_of(engine)
            finally:
                engine.dispose()
        what = ("created" if before is None else "already up to date" if before == after
                else f"upgraded from {before}")
        print(f"catalog at {db.display_url(settings.database_url)}: {what} (schema {after})")
        return 0
    engine = db.make_engine(settings.database_url)
    try:
        with db.reachable(settings.database_url):
            print("current" if db.is_current(engine) else "needs upgrade (run: a6watch db upgrade)")
    finally:
        engine.dispose()
    return 0


def _copy(source: str, target: str | None) -> int:
    from storage import db
    from storage.copy import copy_catalog

    if not target:
        raise A6WatchError("db copy needs --to URL (an empty SQLite or PostgreSQL catalog)")
    for url in (source, target):
        if not url.startswith(("sqlite:///", "postgresql", "postgres:")):
            raise A6WatchError(f"not a catalog URL: {db.display_url(url)} (sqlite:///PATH or postgresql://…)")
    report = copy_catalog(source, target, progress=lambda name, n: print(f"  {name:<22} {n:>9} rows"))
    print(f"copied {report.rows} rows in {len(report.tables)} tables from {report.source} to {report.target}; "
          "verified row for row")
    return 0
