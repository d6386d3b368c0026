"""``a6watch brief MEETING``: one folder and one zip under <data_dir>/briefs/."""

from __future__ import annotations

import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from briefing import html, pdf, tables
from briefing.collect import collect
from briefing.labels import LABELS
from core.errors import A6WatchError
from storage.db import Catalog


@dataclass
class Pack:
    folder: Path
    zip: Path
    documents: int
    files: int
    note: str = ""  # one line when an optional system piece was missing (the PDF's Japanese font)


def build_pack(catalog: Catalog, data_dir: Path, spec: str, now: datetime, lang: str = "en") -> Pack:
    """Write the pack into a new folder beside the old one and swap them only when everything is
    written (the zip likewise): a pack that fails half-way leaves the previous pack and zip intact."""
    if lang not in LABELS:
        raise A6WatchError(f"--lang: {lang!r} is not available (en or ja)")
    t = LABELS[lang]
    briefs = data_dir / "briefs"
    briefs.mkdir(parents=True, exist_ok=True)
    with catalog.session() as s:
        brief = collect(s, spec, now)
        suffix = "" if lang == "en" else f"-{lang}"
        folder = briefs / f"{brief.slug}{suffix}"
        work = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=briefs))
        work.chmod(0o755)  # mkdtemp makes it private; a pack is served and shared
        try:
            (work / "files").mkdir()
            copied = 0
            for entry in brief.documents:
                for f in entry.files:
                    source = data_dir / f.storage_path
                    if source.is_file():
                        shutil.copyfile(source, work / html.file_name(entry, f.language))
                        copied += 1
            (work / "index.html").write_text(html.render(brief, t, lang), encoding="utf-8")
            font = pdf.write_pdf(brief, t, lang, work / "brief.pdf")
            tables.write_tables(brief, work / "documents.xlsx", work / "documents.csv")
            archive = folder.with_suffix(".zip")
            partial_zip = work.with_name(work.name + ".zip")  # unique, as the work folder is
            with zipfile.ZipFile(partial_zip, "w", zipfile.ZIP_DEFLATED) as zf:
                for path in sorted(work.rglob("*")):
                    if path.is_file():
                        zf.write(path, f"{folder.name}/{path.relative_to(work).as_posix()}")
        except BaseException:
            shutil.rmtree(work, ignore_errors=True)
            work.with_name(work.name + ".zip").unlink(missing_ok=True)
            raise
    _swap(work, folder)
    os.replace(partial_zip, archive)
    return Pack(folder, archive, len(brief.documents), copied, pdf.font_note(font))


def _swap(new: Path, folder: Path) -> None:
    """Put the finished folder in place of the old one (two renames; the old one is then deleted)."""
    old = folder.with_name(f".{folder.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if folder.exists():
        folder.rename(old)
    new.rename(folder)
    shutil.rmtree(old, ignore_errors=True)
