"""``a6watch brief MEETING``: one folder and one zip under <data_dir>/briefs/."""

from __future__ import annotations

import shutil
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from a6watch.errors import A6WatchError
from briefing import html, pdf, tables
from briefing.collect import collect
from briefing.labels import LABELS
from storage.db import Catalog


@dataclass
class Pack:
    folder: Path
    zip: Path
    documents: int
    files: int
    note: str = ""  # one line when an optional system piece was missing (the PDF's Japanese font)


def build_pack(catalog: Catalog, data_dir: Path, spec: str, now: datetime, lang: str = "en") -> Pack:
    if lang not in LABELS:
        raise A6WatchError(f"--lang: {lang!r} is not available (en or ja)")
    t = LABELS[lang]
    with catalog.session() as s:
        brief = collect(s, spec, now)
        suffix = "" if lang == "en" else f"-{lang}"
        folder = data_dir / "briefs" / f"{brief.slug}{suffix}"
        if folder.exists():
            shutil.rmtree(folder)
        (folder / "files").mkdir(parents=True)
        copied = 0
        for entry in brief.documents:
            for f in entry.files:
                source = data_dir / f.storage_path
                if source.is_file():
                    shutil.copyfile(source, folder / html.file_name(entry, f.language))
                    copied += 1
        (folder / "index.html").write_text(html.render(brief, t, lang), encoding="utf-8")
        font = pdf.write_pdf(brief, t, lang, folder / "brief.pdf")
        tables.write_tables(brief, folder / "documents.xlsx", folder / "documents.csv")
    archive = folder.with_suffix(".zip")
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                zf.write(path, f"{folder.name}/{path.relative_to(folder).as_posix()}")
    return Pack(folder, archive, len(brief.documents), copied, pdf.font_note(font))
