"""The optional lane of real captures: real pages and PDFs saved from the live sites, kept outside the
repository (they are not ours to redistribute). Point ``A6WATCH_REAL_CAPTURES`` at the folder that holds
them (``samples/cdm/*.pdf``, ``real-text/``); by default it is ``../shared`` beside the checkout, where
the team keeps it. Tests that read it skip with the reason when it is absent."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

DEFAULT = Path(__file__).resolve().parents[2] / "shared"


def captures_dir() -> Path:
    return Path(os.environ.get("A6WATCH_REAL_CAPTURES") or DEFAULT)


def capture(*parts: str) -> Path:
    """A path inside the real captures (it may not exist)."""
    return captures_dir().joinpath(*parts)


def needs(*parts: str) -> pytest.MarkDecorator:
    """Skip unless this part of the real captures is present."""
    path = capture(*parts)
    return pytest.mark.skipif(not path.exists(), reason=f"needs the real captures ({path}; set A6WATCH_REAL_CAPTURES)")


def real_text(name: str) -> tuple[str, str]:
    """A real page's visible text (``real-text/<name>.txt``): (its real URL, the text after the first
    line). Skips the calling test, with the reason, when the captures are absent."""
    path = capture("real-text", f"{name}.txt")
    if not path.exists():
        pytest.skip(f"needs the real captures ({path}; set A6WATCH_REAL_CAPTURES)")
    first, _, rest = path.read_text(encoding="utf-8").partition("\n")
    found = re.search(r"URL (\S+)", first)
    if not found:
        raise ValueError(f"{path}: the first line names no URL")
    return found.group(1), rest
