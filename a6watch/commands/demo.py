"""``a6watch demo``: crawl the bundled sample site in two states and show what changed."""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from pathlib import Path


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data-dir", help="folder for the demo's catalog, files and feeds "
                                      "(default: ./demo-data; emptied first)")


def run(args: argparse.Namespace) -> int:
    from a6watch.demo import report, run_demo

    data_dir = args.data_dir or args.global_data_dir or "demo-data"
    result = run_demo(Path(data_dir).resolve())
    print(report(result, invoked_as(sys.argv[0])))
    return 0 if [c.status for c in result.crawls] == ["complete"] * 3 else 1


def invoked_as(argv0: str) -> str:
    """How the user can run a6watch again from where they are: as they typed it (``.venv/bin/a6watch``),
    or plain ``a6watch`` when it was found on the PATH."""
    if os.sep not in argv0 or Path(argv0).name != "a6watch":
        return "a6watch"
    return shlex.quote(argv0)
