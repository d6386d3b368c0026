"""One archive of the SQLite catalog and every stored file (``a6watch backup``), and its restore.

Backup follows links (a data folder whose files are links to another disk is backed up with their
bytes), writes the archive beside its destination and renames it when complete, and checks it by
reading it back. Restore verifies the whole archive before touching anything — every entry a plain file
or folder under the expected folders, every byte readable, the catalog a sound SQLite database — then
unpacks it beside the data, and only then swaps it in; the previous catalog stays until the new one is
complete in its place, and the previous folders are put back if anything fails on the way. Folders
the archive does not hold (an archive older than the evidence folder) are left as they are."""

from __future__ import annotations

import os
import shutil
import sqlite3
import tarfile
import tempfile
from pathlib import Path

from core.errors import A6WatchError

FOLDERS = ("files", "feeds", "calendars", "briefs", "evidence")
CATALOG = "catalog.db"


def backup(data_dir: Path, db: Path, archive: Path) -> int:
    """Write the archive; returns the number of files in it besides the catalog."""
    if not db.exists():
        raise A6WatchError(f"no catalog at {db}")
    archive.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / CATALOG
        src, dst = sqlite3.connect(db), sqlite3.connect(copy)
        with dst:
            src.backup(dst)  # a consistent copy, even while a crawl writes
        src.close()
        dst.close()
        partial = archive.with_name(f".{archive.name}.partial")
        count = 0
        try:
            with tarfile.open(partial, "w:gz") as tar:
                tar.add(copy, CATALOG)
                for name, path in _data_files(data_dir):
                    tar.add(path.resolve(), name, recursive=False)  # the bytes, not the link
                    count += 1
            if _count_files(partial) != count + 1:
                raise A6WatchError(f"the archive {archive} does not read back whole; nothing was replaced")
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
        partial.replace(archive)
    return count


def _data_files(data_dir: Path) -> list[tuple[str, Path]]:
    """(name in the archive, path) of every file under the data folders, links followed (cycles not)."""
    out = []
    for folder in FOLDERS:
        root = data_dir / folder
        seen: set[tuple[int, int]] = set()
        for current, dirs, files in os.walk(root, followlinks=True):
            st = os.stat(current)
            if (st.st_dev, st.st_ino) in seen:  # a link back up the tree
                dirs[:] = []
                continue
            seen.add((st.st_dev, st.st_ino))
            dirs.sort()
            for name in sorted(files):
                path = Path(current) / name
                if path.is_file():  # a dangling link is not a file
                    out.append((path.relative_to(data_dir).as_posix(), path))
    return out


def _count_files(archive: Path) -> int:
    with tarfile.open(archive, "r:gz") as tar:
        return sum(1 for m in tar if m.isfile())


def verify(archive: Path) -> int:
    """Read the whole archive: every entry a plain file or folder under the expected folders, every
    byte readable; A6WatchError naming what is wrong otherwise. Returns the number of files."""
    files = 0
    has_catalog = False
    try:
        with tarfile.open(archive, "r:gz") as tar:
            for member in tar:
                parts = member.name.split("/")
                if member.name == CATALOG and member.isfile():
                    has_catalog = True
                elif (parts[0] not in FOLDERS or ".." in parts or member.name.startswith("/")
                      or not (member.isfile() or member.isdir())):
                    raise A6WatchError(f"unexpected entry in the archive: {member.name}; nothing was restored")
                if member.isfile():
                    stream = tar.extractfile(member)
                    assert stream is not None
                    while stream.read(1 << 20):
                        pass
                    files += 1
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise A6WatchError(f"{archive} is damaged ({exc}); nothing was restored") from exc
    if not has_catalog:
        raise A6WatchError(f"{archive} holds no {CATALOG}; nothing was restored")
    return files


def _sound_catalog(path: Path) -> None:
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = con.execute("PRAGMA integrity_check").fetchone()
            con.execute("SELECT count(*) FROM alembic_version").fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise A6WatchError(f"the archive's {CATALOG} is not an a6watch catalog ({exc}); nothing was restored") \
            from exc
    if not result or result[0] != "ok":
        raise A6WatchError(f"the archive's {CATALOG} is damaged ({result}); nothing was restored")


def restore(data_dir: Path, db: Path, archive: Path, force: bool) -> int:
    """Restore the archive into ``data_dir`` and ``db``; returns the number of files restored."""
    if db.exists() and not force:
        raise A6WatchError(f"{db} exists; restore refuses to overwrite it without --force")
    files = verify(archive)
    data_dir.mkdir(parents=True, exist_ok=True)
    db.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".restore-", dir=data_dir))
    try:
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(work, filter="data")  # checked above; the filter is a second guard
        _sound_catalog(work / CATALOG)
        restored = [folder for folder in FOLDERS if (work / folder).exists()]
        aside = work / "previous"
        aside.mkdir()
        try:  # every old folder set aside first; they go only once the new catalog is in place
            for folder in restored:
                if (data_dir / folder).exists():
                    (data_dir / folder).rename(aside / folder)
                (work / folder).rename(data_dir / folder)
            _replace_catalog(work / CATALOG, db)
        except BaseException:
            for folder in restored:  # put the previous data back as it was
                if (aside / folder).exists():
                    if (data_dir / folder).exists():
                        shutil.rmtree(data_dir / folder)
                    (aside / folder).rename(data_dir / folder)
            raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return files - 1


def _replace_catalog(new: Path, db: Path) -> None:
    """The new catalog in place of the old one in one rename; the old one's journal files go with it
    (a write-ahead log left beside a replaced database would be read into it)."""
    staged = db.with_name(f".{db.name}.restoring")
    shutil.copyfile(new, staged)  # same folder as the catalog, so the rename below is atomic
    for suffix in ("-wal", "-shm", "-journal"):
        db.with_name(db.name + suffix).unlink(missing_ok=True)
    staged.replace(db)
