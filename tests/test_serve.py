"""`a6watch serve`: only the output folders, no traversal or listing, ETags for cheap polling."""

from __future__ import annotations

import threading
from pathlib import Path

import httpx
import pytest

from a6watch.serve import make_server, resolve


@pytest.fixture
def served(tmp_path):
    (tmp_path / "feeds").mkdir()
    (tmp_path / "feeds" / "all.atom").write_text("<feed/>")
    (tmp_path / "files" / "ab").mkdir(parents=True)
    (tmp_path / "files" / "ab" / ("ab" * 32)).write_bytes(b"%PDF-1.4 test")
    (tmp_path / "catalog.db").write_text("secret")
    (tmp_path / "a6watch.toml").write_text("smtp_password = 'x'")
    server = make_server(tmp_path, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    yield f"http://{host}:{port}", tmp_path
    server.shutdown()
    server.server_close()


def test_feeds_and_files_are_served_with_etags(served):
    url, _ = served
    first = httpx.get(f"{url}/feeds/all.atom")
    assert first.status_code == 200 and first.headers["content-type"].startswith("application/atom+xml")
    again = httpx.get(f"{url}/feeds/all.atom", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304 and again.content == b""
    pdf = httpx.get(f"{url}/files/ab/{'ab' * 32}")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"


@pytest.mark.parametrize("path", ["/catalog.db", "/a6watch.toml", "/feeds/", "/feeds", "/files/ab/",
                                  "/feeds/../catalog.db", "/feeds/%2e%2e/catalog.db", "/feeds/..%2fcatalog.db",
                                  "/files/../../etc/passwd", "/briefs/x/../../catalog.db"])
def test_nothing_else_can_be_read_and_nothing_is_listed(served, path):
    url, _ = served
    response = httpx.get(url + path)
    assert response.status_code == 404 and b"secret" not in response.content


def test_symlinks_out_of_the_served_folders_are_refused(tmp_path):
    (tmp_path / "feeds").mkdir()
    (tmp_path / "secret.txt").write_text("secret")
    (tmp_path / "feeds" / "link.atom").symlink_to(tmp_path / "secret.txt")
    assert resolve(tmp_path, "/feeds/link.atom") is None


def test_default_binding_is_localhost(tmp_path):
    from core.config import load_settings

    settings = load_settings(None, env={"A6WATCH_CONFIG": str(tmp_path / "none"), "A6WATCH_DATA_DIR": str(tmp_path)})
    assert settings.serve_host == "127.0.0.1"


HOSTILE_PAGE = (b"<html><head><title>saved page</title></head><body><p id=x>kept</p>"
                b"<script>document.title = 'script ran'; fetch('/feeds/all.atom')</script></body></html>")


def _stored_page(data_dir):
    path = data_dir / "files" / "cd" / ("cd" * 32)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(HOSTILE_PAGE)
    return f"/files/cd/{'cd' * 32}"


def test_crawled_pages_are_served_in_a_sandbox_with_no_script(served):
    url, data_dir = served
    response = httpx.get(url + _stored_page(data_dir))
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    csp = response.headers["content-security-policy"]
    assert csp.startswith("sandbox") and "default-src 'none'" in csp and "script-src" not in csp
    own = httpx.get(f"{url}/feeds/all.atom").headers["content-security-policy"]
    assert "default-src 'none'" in own and "frame-ancestors 'none'" in own


@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="needs Debian's chromium (.ci/run installs it)")
def test_a_crawled_page_script_does_not_run_in_the_browser(served):
    from playwright.sync_api import sync_playwright

    url, data_dir = served
    page_url = url + _stored_page(data_dir)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        page = browser.new_page()
        page.goto(page_url)
        title, text = page.title(), page.inner_text("#x")
        browser.close()
    assert text == "kept" and title == "saved page"  # shown, and its script never ran


@pytest.mark.parametrize("header,status", [
    ("{etag}", 304), ("W/{etag}", 304), ('"other", {etag}', 304), ("*", 304), ('"other"', 200),
    ('"other",W/{etag}', 304), ('W/"other", "another"', 200), ("", 200),
])
def test_if_none_match_is_answered_as_http_says(served, header, status):
    url, _ = served
    etag = httpx.get(f"{url}/feeds/all.atom").headers["etag"]
    got = httpx.get(f"{url}/feeds/all.atom", headers={"If-None-Match": header.format(etag=etag)})
    assert got.status_code == status and got.headers["etag"] == etag


def test_last_modified_and_if_modified_since(served):
    url, _ = served
    first = httpx.get(f"{url}/feeds/all.atom")
    since = first.headers["last-modified"]
    assert httpx.get(f"{url}/feeds/all.atom", headers={"If-Modified-Since": since}).status_code == 304
    assert httpx.get(f"{url}/feeds/all.atom",
                     headers={"If-Modified-Since": "Sat, 01 Jan 2000 00:00:00 GMT"}).status_code == 200
    assert httpx.get(f"{url}/feeds/all.atom", headers={"If-Modified-Since": "yesterday"}).status_code == 200
    # If-None-Match decides when both are sent
    assert httpx.get(f"{url}/feeds/all.atom", headers={"If-None-Match": '"other"',
                                                       "If-Modified-Since": since}).status_code == 200


def test_an_identical_rebuild_keeps_the_etag_and_the_file(served):
    from feeds.build import write_if_changed

    url, data_dir = served
    path = data_dir / "feeds" / "all.atom"
    before = httpx.get(f"{url}/feeds/all.atom").headers
    mtime = path.stat().st_mtime_ns
    assert write_if_changed(path, path.read_bytes()) is False and path.stat().st_mtime_ns == mtime
    assert httpx.get(f"{url}/feeds/all.atom").headers["etag"] == before["etag"]
    assert write_if_changed(path, b"<feed>new</feed>") is True
    assert httpx.get(f"{url}/feeds/all.atom").headers["etag"] != before["etag"]


def test_a_304_carries_what_a_200_would_and_no_body(served):
    """RFC 9110 15.4.5: ETag, Last-Modified and Cache-Control as on the 200; GET and HEAD alike."""
    url, _ = served
    full = httpx.get(f"{url}/feeds/all.atom")
    for method in ("GET", "HEAD"):
        got = httpx.request(method, f"{url}/feeds/all.atom", headers={"If-None-Match": f'W/{full.headers["etag"]}'})
        assert got.status_code == 304 and got.content == b""
        for name in ("etag", "last-modified", "cache-control"):
            assert got.headers[name] == full.headers[name]


def test_reports_are_served_like_the_other_outputs(served):
    url, data_dir = served
    (data_dir / "reports" / "sbm-022").mkdir(parents=True)
    (data_dir / "reports" / "sbm-022" / "2026-06-18.html").write_text("<!doctype html><title>r</title>")
    got = httpx.get(f"{url}/reports/sbm-022/2026-06-18.html")
    assert got.status_code == 200 and got.headers["content-type"].startswith("text/html") and got.headers["etag"]
    assert httpx.get(f"{url}/reports/sbm-022/2026-06-18.html",
                     headers={"If-None-Match": got.headers["etag"]}).status_code == 304


def test_if_modified_since_in_utc_without_a_zone_name_is_read_as_utc(served, monkeypatch):
    """A date ending "-0000" (UTC, RFC 5322) is compared as UTC even on a server whose zone is not."""
    import time
    from email.utils import formatdate

    url, data_dir = served
    monkeypatch.setenv("TZ", "Asia/Tokyo")  # east of UTC: a naive reading would be 9 hours early
    time.tzset()
    try:
        stamp = formatdate((data_dir / "feeds" / "all.atom").stat().st_mtime, usegmt=True).replace("GMT", "-0000")
        got = httpx.get(f"{url}/feeds/all.atom", headers={"If-Modified-Since": stamp})
    finally:
        monkeypatch.undo()
        time.tzset()
    assert got.status_code == 304
