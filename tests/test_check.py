"""a6watch check: pages saved from a browser (or fetched live, here through the mirror) go through the
crawl's router and parsers; each page says its kind and what was read, or why it could not be read."""

from __future__ import annotations

import json
from pathlib import Path

from sample_site.build import build_site
from sample_site.server import SampleServer
from tests.cli import a6watch

SBM_LIST = "https://unfccc.int/node/471573"
DOCUMENT = "https://unfccc.int/documents/650102"
EB_INDEX = "https://cdm.unfccc.int/EB/index.html"


def _save(folder: Path, site: dict, url: str, name: str, prefix: bytes = b"") -> Path:
    path = folder / name
    path.write_bytes(prefix + site[url].body)
    return path


def test_a_folder_of_saved_pages_is_read_page_by_page(tmp_path):
    site = build_site(1)
    _save(tmp_path, site, SBM_LIST, "Article 6.4 Supervisory Body _ UNFCCC.html")
    (tmp_path / "urls.txt").write_text(f"# saved by hand\nArticle 6.4 Supervisory Body _ UNFCCC.html {SBM_LIST}\n")
    # Chrome's "Save page as" records where the page came from
    _save(tmp_path, site, DOCUMENT, "document.html", f"<!-- saved from url=(0036){DOCUMENT} -->\n".encode())
    _save(tmp_path, site, EB_INDEX, "https%3A%2F%2Fcdm.unfccc.int%2FEB%2Findex.html.html")
    proc = a6watch("check", str(tmp_path))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "ok   Article 6.4 Supervisory Body _ UNFCCC.html  [sbm_meetings]" in proc.stdout
    assert f"[document_page] {DOCUMENT}" in proc.stdout and f"[eb_index] {EB_INDEX}" in proc.stdout
    assert "3 page(s): 3 read, 0 not read" in proc.stdout
    rows = [json.loads(line) for line in a6watch("check", str(tmp_path), "--json").stdout.splitlines()]
    assert {r["kind"] for r in rows} == {"sbm_meetings", "document_page", "eb_index"} and all(r["ok"] for r in rows)
    document = next(r for r in rows if r["kind"] == "document_page")
    assert document["items"][0]["item"] == "DocumentItem" and document["items"][0]["symbol"].startswith("FCCC/")


def test_a_page_that_changed_shape_or_has_no_url_is_said_not_read(tmp_path):
    site = build_site(1)
    body = site[SBM_LIST].body.decode()
    start, end = body.index("<body"), body.index("</body>")
    (tmp_path / "changed.html").write_text(body[:start] + "<body><p>We moved things around.</p>" + body[end:])
    (tmp_path / "urls.txt").write_text(f"changed.html {SBM_LIST}\n")
    (tmp_path / "mystery.html").write_text("<html><body>no address</body></html>")
    proc = a6watch("check", str(tmp_path))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "FAIL changed.html" in proc.stdout and "layout error" in proc.stdout
    assert "FAIL mystery.html" in proc.stdout and "no URL" in proc.stdout
    assert "2 page(s): 0 read, 2 not read" in proc.stdout


def test_bad_input_is_one_line(tmp_path):
    assert a6watch("check", str(tmp_path / "none")).stderr.strip().endswith(f"no such folder: {tmp_path / 'none'}")
    (tmp_path / "urls.txt").write_text("just-a-file.html\n")
    (tmp_path / "just-a-file.html").write_text("<html></html>")
    proc = a6watch("check", str(tmp_path))
    assert proc.returncode != 0 and "expected 'FILE URL'" in proc.stderr and len(proc.stderr.splitlines()) == 1
    assert "not both" in a6watch("check", str(tmp_path), "--live").stderr


def test_live_reads_one_page_of_each_kind_it_reaches_politely(tmp_path):
    with SampleServer(build_site(1)) as server:
        env = {"A6WATCH_MIRROR_URL": server.url, "A6WATCH_CONFIG": str(tmp_path / "none.toml"),
               "A6WATCH_DATA_DIR": str(tmp_path)}
        proc = a6watch("check", "--live", "--source", "a64_sbm", "--source", "cdm_eb", "--delay", "0", "--json",
                       env=env)
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert proc.returncode == 0, proc.stdout + proc.stderr
    kinds = [r["kind"] for r in rows]
    assert len(kinds) == len(set(kinds))  # one page per kind
    assert {"sbm_meetings", "sbm_meeting", "eb_index", "eb_meeting"} <= set(kinds)
    assert all(r["ok"] and r["items"] for r in rows)


def test_live_without_a_network_says_so_per_page(tmp_path):
    env = {"A6WATCH_MIRROR_URL": "http://127.0.0.1:9", "A6WATCH_CONFIG": str(tmp_path / "none.toml"),
           "A6WATCH_DATA_DIR": str(tmp_path)}
    proc = a6watch("check", "--live", "--source", "cdm_eb", "--delay", "0", env=env)
    assert proc.returncode == 1 and "Traceback" not in proc.stdout + proc.stderr
    assert "could not fetch it" in proc.stdout and "(no network here?)" in proc.stdout
