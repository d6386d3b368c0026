"""``a6watch demo``: crawl the bundled sample site in two states and show what changed."""

from __future__ import annotations

import argparse
from pathlib import Path

from a6watch.demo import report, run_demo


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data-dir", default="demo-data",
                   help="folder for the demo's catalog, files and feeds (default: ./demo-data; emptied first)")


def run(args: argparse.Namespace) -> int:
    result = run_demo(Path(args.data_dir).resolve())
    print(report(result))
    return 0 if [c.status for c in result.crawls] == ["complete"] * 3 else 1
