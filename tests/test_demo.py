"""The README's demo: state 2 yields exactly the expected changes, the third crawl none; deterministic."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import feedparser
import pytest

from sample_site.content import EXPECTED_STATE2_CHANGES
from sample_site.content_meetings import EXPECTED_STATE2
from sample_site.content_records import EXPECTED_STATE2_RECORDS

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]


def demo(data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("A6WATCH_")}
    return subprocess.run([sys.executable, "-m", "a6watch.cli", "demo", "--data-dir", str(data_dir)], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=600)


def test_demo_reports_the_expected_changes_and_is_deterministic(tmp_path):
    first = demo(tmp_path / "demo")
    assert first.returncode == 0, first.stderr[-3000:]
    out = first.stdout
    sections = out.split("\n2. ")[1].split("\n3. ")
    state2, state3 = sections[0], sections[1]
    expected = EXPECTED_STATE2_CHANGES + EXPECTED_STATE2["a64_sbm"] + EXPECTED_STATE2["cdm_eb"] + [
        change for changes in EXPECTED_STATE2_RECORDS.values() for change in changes]
    for kind, subject in expected:
        assert any(f"[{kind}]" in line and subject in line for line in state2.splitlines()), (kind, subject)
    assert f"{len(expected)} change(s)" in state2 and "0 change(s)" in state3.splitlines()[0]
    assert "Browser fetcher:" in out
    for name, entries in (("all.atom", 6 + len(expected)), ("all.rss", 6 + len(expected)),
                          ("unfccc_documents.atom", 8), ("meetings/sbm-022.rss", 5)):
        parsed = feedparser.parse(tmp_path / "demo" / "feeds" / name)
        assert not parsed.bozo and len(parsed.entries) == entries, name
    assert (tmp_path / "demo" / "catalog.db").exists()
    second = demo(tmp_path / "demo")
    assert second.returncode == 0 and second.stdout == out


def test_demo_refuses_to_empty_a_folder_it_did_not_make(tmp_path):
    (tmp_path / "precious.txt").write_text("keep me")
    proc = demo(tmp_path)
    assert proc.returncode == 2 and "not made by the demo" in proc.stderr
    assert (tmp_path / "precious.txt").read_text() == "keep me"
