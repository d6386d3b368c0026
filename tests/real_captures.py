"""The optional lane of real captures: real pages and PDFs saved from the live sites, kept outside the
repository (they are not ours to redistribute). Point ``A6WATCH_REAL_CAPTURES`` at the folder that holds
them (``samples/cdm/*.pdf``, ``real-text/``); by default it is ``../shared`` beside the checkout, where
the team keeps it. Tests that read it skip with the reason when it is absent."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

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


MISSING = object()  # a field the reader does not see at all


def _shown(value: object) -> str:
    return "missing" if value is MISSING else repr(value)


def score(expected: dict[str, Any], actual: dict[str, Any]) -> tuple[int, int, list[str]]:
    """(fields right, fields counted, what is wrong) of what a reader sees (``actual``) against what the real page
    says (``expected``). A list counts one field per element, plus one for extra elements (or, expected empty,
    one for being empty); a page rejected (an ``error`` in ``actual``) scores 0."""
    right = total = 0
    wrong: list[str] = []
    for name, want in expected.items():
        got = actual.get(name, MISSING)
        if not isinstance(want, list):
            total += 1
            right += got == want
            if got != want:
                wrong.append(f"{name}: {_shown(got)} != {want!r}")
            continue
        gots = got if isinstance(got, list) else []
        for i, w in enumerate(want):
            total += 1
            g = gots[i] if i < len(gots) else MISSING
            right += g == w
            if g != w:
                wrong.append(f"{name}[{i}]: {_shown(g)} != {w!r}")
        if len(gots) > len(want):
            total += 1
            wrong.append(f"{name}: extra {gots[len(want):]!r}")
        elif not want:
            total += 1
            right += isinstance(got, list)
            if not isinstance(got, list):
                wrong.append(f"{name}: {_shown(got)} != []")
    if "error" in actual:  # a page rejected: nothing of it reaches the reader
        return 0, total, [str(actual["error"]), *wrong]
    return right, total, wrong


def check(expected: dict[str, Any], actual: dict[str, Any]) -> None:
    """Every field a reader sees is as the real page says (see :func:`score`)."""
    right, total, wrong = score(expected, actual)
    assert not wrong, f"{right}/{total} fields right; wrong: " + "; ".join(wrong)
