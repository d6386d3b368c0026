"""``a6watch brief MEETING``: the briefing pack of a meeting or a session (HTML, PDF, XLSX/CSV, files;
one zip)."""

from __future__ import annotations

import argparse

from a6watch.commands import settings_from
from core.clock import default_clock


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("meeting", help="a meeting in any common spelling (SBM022, 'SBM 022', sbm-022, EB129, "
                                   "SBSTA64) or a session held together: SB64 (= SBSTA 64 + SBI 64), "
                                   "COP31 (= COP 31 + CMP 21 + CMA 8 + SBSTA 65 + SBI 65)")
    p.add_argument("--lang", choices=["en", "ja"], default="en",
                   help="language of every label, status and sentence (titles stay as published; default en)")


def run(args: argparse.Namespace) -> int:
    from briefing.pack import build_pack
    from storage.db import Catalog

    settings = settings_from(args)
    catalog = Catalog(settings.database_url)
    try:
        pack = build_pack(catalog, settings.data_dir, args.meeting, default_clock().now(), args.lang)
    finally:
        catalog.close()
    print(f"{pack.documents} documents, {pack.files} files")
    print(f"folder  {pack.folder}  (open index.html)")
    for kind, path in (pack.outputs or {}).items():
        if kind != "html":
            print(f"{kind:<7} {path.name}")
    print(f"zip     {pack.zip}")
    if pack.note:
        print(f"note    {pack.note}")
    return 0
