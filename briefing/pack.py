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
from briefing.view import build_view, file_name
from briefing.words import words_for
from storage.db import Catalog


@dataclass
class Pack:
    folder: Path
    zip: Path
    documents: int
    files: int
    note: str = ""  # one line when an optional system piece was missing (the PDF's Japanese font)
    outputs: dict[str, Path] | None = None  # "html", "pdf", "xlsx", "csv" -> the file in the folder


def build_pack(catalog: Catalog, data_dir: Path, spec: str, now: datetime, lang: str = "en") -> Pack:
    """Write the pack into a new folder beside the old one and swap them only when everything is
    written (the zip likewise): a pack that fails half-way leaves the previous pack and zip intact."""
    w = words_for(lang)
    briefs = data_dir / "briefs"
    briefs.mkdir(parents=True, exist_ok=True)
    with catalog.session() as s:
        brief = collect(s, spec, now)
        view = build_view(brief, w)
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
                        shutil.copyfile(source, work / file_name(entry, f.language))
                        copied += 1
            for section in view.sections:  # link only the files the pack holds (a blob may be missing)
                for d in section.docs:
                    d.files = [(label, href) for label, href in d.files if (work / href).is_file()]
            (work / "index.html").write_text(html.render(view, w), encoding="utf-8")
            font = pdf.write_pdf(view, w, work / view.files["pdf"])
            tables.write_tables(view, w, work / view.files["xlsx"], work / view.files["csv"])
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
    outputs = {"html": folder / "index.html", **{k: folder / v for k, v in view.files.items()}}
    return Pack(folder, archive, len(brief.documents), copied, pdf.font_note(font), outputs)


def _swap(new: Path, folder: Path) -> None:
    """Put the finished folder in place of the old one (two renames; the old one is then deleted)."""
    old = folder.with_name(f".{folder.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if folder.exists():
        folder.rename(old)
    new.rename(folder)
    shutil.rmtree(old, ignore_errors=True)
