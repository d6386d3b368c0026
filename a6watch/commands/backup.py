"""``a6watch backup`` / ``a6watch restore``: the catalog and every stored file, in one archive."""

from __future__ import annotations

import argparse
import sqlite3
import tarfile
import tempfile
from pathlib import Path

from a6watch.commands import settings_from
from a6watch.errors import A6WatchError


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", choices=["backup", "restore"])
    p.add_argument("archive", help="the .tar.gz to write (backup) or read (restore)")
    p.add_argument("--force", action="store_true", help="restore over an existing catalog")


def backup(data_dir: Path, database_url: str, archive: Path) -> int:
    if not database_url.startswith("sqlite:///"):
        raise A6WatchError("backup covers the SQLite catalog; for PostgreSQL use pg_dump (docs: deployment)")
    db = Path(database_url.removeprefix("sqlite:///"))
    if not db.exists():
        raise A6WatchError(f"no catalog at {db}")
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "catalog.db"
        src, dst = sqlite3.connect(db), sqlite3.connect(copy)
        with dst:
            src.backup(dst)  # a consistent copy, even while a crawl writes
        src.close()
        dst.close()
        count = 0
        with tarfile.open(archive, "w:gz") as tar:
            tar.add(copy, "catalog.db")
            for sub in ("files", "feeds", "calendars", "briefs"):
                if (data_dir / sub).exists():
                    tar.add(data_dir / sub, sub)
                    count += sum(1 for p in (data_dir / sub).rglob("*") if p.is_file())
    return count


def restore(data_dir: Path, database_url: str, archive: Path, force: bool) -> None:
    db = Path(database_url.removeprefix("sqlite:///"))
    if db.exists() and not force:
        raise A6WatchError(f"{db} exists; restore refuses to overwrite it without --force")
    data_dir.mkdir(parents=True, exist_ok=True)
    with tarfile.open(archive, "r:gz") as tar:
        for member in tar.getmembers():
            if member.name != "catalog.db" and member.name.split("/")[0] not in ("files", "feeds", "calendars",
                                                                                  "briefs"):
                raise A6WatchError(f"unexpected entry in the archive: {member.name}")
        tar.extractall(data_dir, filter="data")  # no absolute paths, no .., no links out
    if (data_dir / "catalog.db").resolve() != db.resolve():
        (data_dir / "catalog.db").replace(db)


def run(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    archive = Path(args.archive)
    if args.action == "backup":
        n = backup(settings.data_dir, settings.database_url, archive)
        print(f"backed up the catalog and {n} files to {archive}")
    else:
        if not archive.is_file():
            raise A6WatchError(f"no such archive: {archive}")
        restore(settings.data_dir, settings.database_url, archive, args.force)
        print(f"restored {archive} into {settings.data_dir}")
    return 0
