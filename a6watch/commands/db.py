"""``a6watch db upgrade`` / ``a6watch db current``: the catalog's schema (Alembic migrations)."""

from __future__ import annotations

import argparse

from a6watch.commands import settings_from
from storage import db


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", choices=["upgrade", "current"], help="upgrade to the newest schema, or show it")


def run(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    settings.ensure_dirs()
    if args.action == "upgrade":
        db.upgrade(settings.database_url)
        print(f"catalog at {settings.database_url} is up to date")
        return 0
    engine = db.make_engine(settings.database_url)
    try:
        print("current" if db.is_current(engine) else "needs upgrade (run: a6watch db upgrade)")
    finally:
        engine.dispose()
    return 0
