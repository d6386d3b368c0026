"""The demo's browser pass says "skipped" with the reason when Debian's chromium wrapper is there but
the browser it starts is not (/usr/lib/chromium missing or hidden), instead of "failed"."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from a6watch.demo import _browser_pass


def wrapper(tmp_path: Path, target: str) -> str:
    """A stand-in for /usr/bin/chromium, Debian's shell wrapper that execs the real browser."""
    path = tmp_path / "chromium"
    path.write_text(f"#!/bin/sh\necho 'chromium: some wrapper noise' >&2\nexec {target} \"$@\"\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


def test_a_wrapper_without_its_browser_is_skipped_with_the_reason(tmp_path):
    missing = tmp_path / "lib" / "chromium" / "chromium"
    said = _browser_pass({"A6WATCH_DATA_DIR": str(tmp_path)}, False, chromium=wrapper(tmp_path, str(missing)))
    assert said.startswith("skipped: ") and "does not start" in said and str(missing) in said
    assert not (tmp_path / "browser.toml").exists()  # no crawl was attempted


def test_a_missing_wrapper_is_skipped_as_before(tmp_path):
    said = _browser_pass({"A6WATCH_DATA_DIR": str(tmp_path)}, False, chromium=str(tmp_path / "nothing"))
    assert said.startswith("skipped: ") and "not found" in said


def test_a_wrapper_that_cannot_be_run_is_skipped(tmp_path):
    path = tmp_path / "chromium"
    path.write_text("not a program")
    os.chmod(path, 0o644)
    said = _browser_pass({"A6WATCH_DATA_DIR": str(tmp_path)}, False, chromium=str(path))
    assert said.startswith("skipped: ") and "Permission denied" in said
