"""The fault-injection suite (docs/reliability.md): flaky networks, bot walls, crashes, broken files.

Every scenario runs the real crawler against the local sample site; time is injected where it matters
(the back-off tests in test_sniff_and_politeness.py never wait)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from sample_site.build import build_site
from sample_site.common import RESOURCE
from sample_site.server import SampleServer
from sample_site.unfccc_documents import EXPECTED_STATE2 as EXPECTED_STATE2_CHANGES
from tests.crawling import ROOT, crawl, last_run
from tests.databases import database_url_for, query

pytestmark = pytest.mark.slow
STATE1, STATE2, LATER = "2026-05-25T06:00:00Z", "2026-06-05T06:00:00Z", "2026-06-05T12:00:00Z"
SESSION = "https://unfccc.int/event/sbi-64"
FAST = "[politeness]\ntimeout_seconds = 1\nretries = 2\n"


@pytest.fixture
def baseline(tmp_path):
    with SampleServer(build_site(1)) as server:
        assert crawl(tmp_path, server.url, STATE1) == 0
        server.set_site(build_site(2))
        yield tmp_path, server


@pytest.mark.parametrize("faults", [
    [("status", 429, {"Retry-After": "0"})],
    [("reset",)],
    [("sleep", 1.5)],  # a timeout
    [("status", 502), ("reset",)],
])
def test_transient_faults_are_retried_and_the_run_completes(baseline, faults):
    data_dir, server = baseline
    server.fault(SESSION, *faults)
    assert crawl(data_dir, server.url, STATE2, config=FAST) == 0
    run, changes = last_run(data_dir)
    assert run.status == "complete" and changes == EXPECTED_STATE2_CHANGES
    assert run.stats["retry/count"] >= 1


def test_persistent_faults_make_a_partial_run_that_changes_nothing_and_the_next_run_completes(baseline):
    data_dir, server = baseline
    server.fault(SESSION, *[("reset",)] * 3)
    server.fault(RESOURCE + "sbi2026_03c01E.pdf", *[("status", 503)] * 3)
    assert crawl(data_dir, server.url, STATE2, config=FAST) == 3
    run, changes = last_run(data_dir)
    assert run.status == "partial" and run.errors >= 1
    assert ("document.withdrawn", "FCCC/SBI/2026/5") in changes  # explicit on its own page
    assert not any(kind == "document.withdrawn" and subject != "FCCC/SBI/2026/5" for kind, subject in changes)
    assert crawl(data_dir, server.url, LATER, config=FAST) == 0
    run, changes = last_run(data_dir)
    assert run.status == "complete"


def test_a_redirect_loop_is_cut_and_recorded_as_an_error(baseline):
    data_dir, server = baseline
    server.fault(SESSION, *[("redirect", "/unfccc.int/event/sbi-64")] * 30)
    assert crawl(data_dir, server.url, STATE2, config=FAST) == 3
    run, _ = last_run(data_dir)
    assert run.status == "partial" and run.stats.get("redirect/max_reached", 0) + run.errors >= 1


@pytest.mark.parametrize("target", ["http://127.0.0.1:9/x", "http://169.254.169.254/latest/meta-data/",
                                    "https://evil.example.org/unfccc.int/event/sbi-64", "file:///etc/passwd"])
def test_a_redirect_off_the_source_hosts_is_refused(baseline, target):
    data_dir, server = baseline
    server.fault(SESSION, ("redirect", target))
    assert crawl(data_dir, server.url, STATE2, config=FAST) == 3
    run, _ = last_run(data_dir)
    assert run.status == "partial" and run.errors >= 1  # refused, or (file:) not followed: never fetched


def test_the_bot_wall_appearing_mid_run_backs_off_and_records_nothing_from_it(baseline):
    data_dir, server = baseline
    for url in ("https://unfccc.int/documents/650501", "https://unfccc.int/documents/650502",
                "https://unfccc.int/documents/650515", "https://unfccc.int/documents/650390"):
        server.fault(url, ("block",))
    assert crawl(data_dir, server.url, STATE2, config=FAST + "block_threshold = 3\n") == 3
    run, changes = last_run(data_dir)
    assert run.status == "partial" and run.blocked >= 3
    assert not any(kind == "document.withdrawn" and "FCCC/SBI/2026/5" != subject for kind, subject in changes)


@pytest.mark.parametrize("body,ctype,reason", [
    (b"", "application/pdf", "not_a_document"),
    (b"%PDF-1.4\n" + b"\0" * 200, "application/pdf", None),  # malformed PDF: recorded as failed
])
def test_bad_files_are_recorded_with_a_reason_and_the_crawl_goes_on(baseline, body, ctype, reason):
    data_dir, server = baseline
    server.fault(RESOURCE + "sbsta2026_L02E.pdf", ("body", body, ctype))
    code = crawl(data_dir, server.url, STATE2, config=FAST)
    run, changes = last_run(data_dir)
    assert ("document.new", "FCCC/SBSTA/2026/L.2") in changes  # the document itself is recorded
    rows = query(data_dir, "SELECT f.extraction_status, f.extraction_error FROM document_file f JOIN document d "
                           "ON d.id = f.document_id WHERE d.symbol = 'FCCC/SBSTA/2026/L.2'")
    if reason:
        assert code == 3 and run.stats[f"a6watch/fetch/{reason}"] == 1 and rows == []
    else:
        assert rows and rows[0][0] == "failed" and "unreadable PDF" in rows[0][1]


def test_a_decompression_bomb_is_refused_within_the_size_limit(baseline):
    data_dir, server = baseline
    server.fault(RESOURCE + "sbsta2026_L02E.pdf", *[("gzip-bomb", 300 * 1024 * 1024)] * 4)
    started = time.monotonic()
    code = crawl(data_dir, server.url, STATE2, config=FAST)
    run, _ = last_run(data_dir)
    assert code == 3 and time.monotonic() - started < 120
    assert run.status == "partial"


def test_a_slow_trickle_is_cut_at_the_timeout(baseline):
    data_dir, server = baseline
    server.fault(SESSION, *[("trickle", 0.2)] * 3)
    assert crawl(data_dir, server.url, STATE2, config=FAST) == 3
    run, _ = last_run(data_dir)
    assert run.status == "partial" and run.stats.get("a6watch/fetch/failed", 0) >= 1


def _catalog_state(data_dir: Path) -> tuple[list, list, list]:
    docs = sorted(query(data_dir, "SELECT key, status, title FROM document"))
    files = sorted(query(data_dir, "SELECT d.key, f.language, f.sha256, f.is_current FROM document_file f "
                                   "JOIN document d ON d.id = f.document_id"))
    changes = sorted(query(data_dir, "SELECT uid, kind, subject FROM change WHERE kind NOT IN "
                                     "('baseline', 'watch.hit')"))
    return docs, files, changes


@pytest.mark.parametrize("delays", [(0.6,), (0.9, 1.6)])
def test_sigkill_during_crawls_and_extraction_then_restart_equals_an_uninterrupted_run(tmp_path, delays):
    reference, killed = tmp_path / "reference", tmp_path / "killed"
    reference.mkdir()
    killed.mkdir()
    with SampleServer(build_site(1)) as server:
        for data_dir in (reference, killed):
            server.set_site(build_site(1))
            assert crawl(data_dir, server.url, STATE1) == 0
        server.set_site(build_site(2))
        assert crawl(reference, server.url, STATE2) == 0
        for delay in delays:  # kill the crawl (and its extraction workers) at different moments
            cfg = killed / "a6watch.toml"
            cfg.write_text("")
            env = {**os.environ, "A6WATCH_CONFIG": str(cfg), "A6WATCH_DATA_DIR": str(killed),
                   "A6WATCH_MIRROR_URL": server.url, "A6WATCH_NOW": STATE2, "A6WATCH_LANGUAGES": "en,fr,es",
                   "A6WATCH_DATABASE_URL": database_url_for(killed)}
            proc = subprocess.Popen([sys.executable, "-m", "crawler.run", "unfccc_documents"], cwd=ROOT, env=env,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
            time.sleep(delay)
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        assert crawl(killed, server.url, LATER) == 0
    assert _catalog_state(killed) == _catalog_state(reference)


def test_a_file_that_answers_404_leaves_the_run_complete_and_removals_judged_on_complete_listings(tmp_path):
    """One broken PDF link must not hide a withdrawal: the session page is read completely in two runs
    in a row, so the document it no longer lists is withdrawn, while another document's file answers 404
    (noted on its document, a change because it had been fetched) and both runs stay complete."""
    import re

    with SampleServer(build_site(1)) as server:
        assert crawl(tmp_path, server.url, STATE1) == 0
        site = build_site(1)
        page = site[SESSION].body.decode()
        row = re.search(r"<tr><td>FCCC/SBI/2026/1</td>.*?</tr>", page, re.S)
        assert row is not None
        site[SESSION] = replace(site[SESSION], body=page.replace(row.group(0), "").encode())
        server.set_site(site)
        gone = RESOURCE + "sbi2026_03E.pdf"
        server.fault(gone, *[("status", 404)] * 50)
        assert crawl(tmp_path, server.url, STATE2, config="full_refresh_days = 0.0001\n") == 0
        first, changes = last_run(tmp_path)
        assert first.status == "complete" and ("document.file_missing", "FCCC/SBI/2026/3") in changes
        assert crawl(tmp_path, server.url, LATER, config="full_refresh_days = 0.0001\n") == 0
        second, changes = last_run(tmp_path)
    assert second.status == "complete" and ("document.withdrawn", "FCCC/SBI/2026/1") in changes
