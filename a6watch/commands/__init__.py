"""One module per subcommand: ``add_arguments(parser)`` and ``run(args) -> int``."""

from __future__ import annotations

import argparse
from pathlib import Path

from core.config import load_settings
from core.errors import A6WatchError
from core.settings import Settings


def settings_from(args: argparse.Namespace) -> Settings:
    return load_settings(getattr(args, "config", None))


def read_file(path: str) -> bytes:
    p = Path(path)
    if not p.is_file():
        raise A6WatchError(f"no such file: {path}")
    return p.read_bytes()
