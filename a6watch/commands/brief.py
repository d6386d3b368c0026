"""``a6watch brief MEETING``: the briefing pack of a meeting (HTML, PDF, XLSX/CSV, files; one zip)."""

from __future__ import annotations

import argparse

from a6watch.commands import settings_from
from core.clock import default_clock


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("meeting", help="any common spelling: SBM022, 'SBM 022', sbm-022, EB129, SB64 (= SBSTA+SBI)")
    p.add_argument("--lang", choices=["en", "ja"], default="en", help="language of the headings (default en)")


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
    print(f"zip     {pack.zip}")
    return 0
