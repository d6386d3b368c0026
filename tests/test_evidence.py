"""The evidence archive: what a page or file said on a given day, as the crawl received it."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest
from warcio.archiveiterator import ArchiveIterator

from sample_site.build import build_site
from sample_site.server import SampleServer, site_key
from storage.evidence import EvidenceWriter, prune
from tests.cli import a6watch
from tests.crawling import crawl

STATE1, STATE2, LATER = "2026-05-25T06:00:00Z", "2026-06-05T06:00:00Z", "2026-06-05T12:00:00Z"
PAGE = "https://unfccc.int/event/sbsta-64"
PDF = "https://unfccc.int/sites/default/files/resource/sbsta2026_03E.pdf"  # replaced under the same URL


def _served(site, url):
    key = site_key(url)
    return next(res.body for u, res in site.items() if site_key(u) == key)


@pytest.mark.slow
def test_every_response_is_kept_and_replayed_as_of_a_day(tmp_path):
    with SampleServer(build_site(1)) as server:
        assert crawl(tmp_path, server.url, STATE1) == 0
        server.set_site(build_site(2))
        assert crawl(tmp_path, server.url, STATE2) == 0
        assert crawl(tmp_path, server.url, LATER) == 0
    warcs = sorted((tmp_path / "evidence" / "unfccc_documents").glob("*.warc.gz"))
    assert len(warcs) == 3
    for path in warcs:  # what any WARC tool reads: request/response pairs, digests that check
        with path.open("rb") as fh:
            kinds = [r.rec_type for r in ArchiveIterator(fh, check_digests="raise")]
        assert kinds and kinds.count("request") == kinds.count("response")
    env = {"A6WATCH_DATA_DIR": str(tmp_path), "A6WATCH_CONFIG": str(tmp_path / "none.toml")}
    for day, state in (("2026-05-25", 1), ("2026-06-05", 2)):
        for url in (PAGE, PDF):
            out = tmp_path / f"{day}.body"
            proc = a6watch("evidence", url, "--at", day, "--out", str(out), env=env, cwd=tmp_path)
            assert proc.returncode == 0, proc.stderr
            assert out.read_bytes() == _served(build_site(state), url), (url, day)
    listing = a6watch("evidence", PDF, "--list", env=env, cwd=tmp_path)
    assert [line.split()[2] for line in listing.stdout.splitlines()] == ["200", "200", "304"]
    late = a6watch("evidence", PDF, "--out", str(tmp_path / "x"), env=env, cwd=tmp_path)
    assert "unchanged at 1 later check(s)" in late.stderr  # the 304 confirms the newest body
    missing = a6watch("evidence", PAGE, "--at", "2026-01-01", env=env, cwd=tmp_path)
    assert missing.returncode == 2 and "no capture" in missing.stderr


def test_old_evidence_files_are_deleted_past_keep_days(tmp_path):
    now = datetime(2026, 6, 5, 6, tzinfo=UTC)
    for started in (datetime(2025, 1, 1, tzinfo=UTC), datetime(2026, 6, 1, tzinfo=UTC)):
        writer = EvidenceWriter(tmp_path, started)
        writer.exchange(PAGE, started, "GET", [], 200, [("Content-Type", "text/html")], b"<p>x</p>")
        writer.close()
    (tmp_path / "notes.txt.warc.gz").write_text("not ours")
    assert prune(tmp_path, 400, now) == 1
    assert sorted(p.name[:10] for p in tmp_path.glob("*.warc.gz")) == ["2026-06-01", "notes.txt."]
    assert prune(tmp_path, 0, now) == 0  # 0 keeps everything


def test_a_file_cut_short_by_a_full_disk_is_read_up_to_its_last_whole_record(tmp_path):
    from storage.evidence import as_of

    folder = tmp_path / "evidence" / "unfccc_documents"
    at = datetime(2026, 6, 5, 6, tzinfo=UTC)
    writer = EvidenceWriter(folder, at)
    writer.exchange(PAGE, at, "GET", [], 200, [("Content-Type", "text/html")], b"<p>first</p>")
    body = b"%PDF-1.4 " + random.Random(1).randbytes(5000)  # does not compress: its record is long
    writer.exchange(PDF, at, "GET", [], 200, [("Content-Type", "application/pdf")], body)
    writer.close()
    path = writer.path
    path.write_bytes(path.read_bytes()[:-2000])  # the disk filled up while the last exchange was written
    found = as_of(tmp_path / "evidence", PAGE, None)
    assert found is not None and found[0].body() == b"<p>first</p>"
    assert as_of(tmp_path / "evidence", PDF, None) is None
