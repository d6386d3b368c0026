"""The optional lane of real captures: real pages and PDFs saved from the live sites, kept outside the
repository (they are not ours to redistribute). Point ``A6WATCH_REAL_CAPTURES`` at the folder that holds
them (``samples/cdm/*.pdf``, ``real-text/``); by default it is ``../shared`` beside the checkout, where
the team keeps it. Tests that read it skip with the reason when it is absent."""

from __future__ import annotations

import os
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
