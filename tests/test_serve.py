"""`a6watch serve`: only the output folders, no traversal or listing, ETags for cheap polling."""

from __future__ import annotations

import threading

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
    thread = threading.Thread(target=server.serve_forever, daemon=True)
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
    from a6watch.config import load_settings

    settings = load_settings(None, env={"A6WATCH_CONFIG": str(tmp_path / "none"), "A6WATCH_DATA_DIR": str(tmp_path)})
    assert settings.serve_host == "127.0.0.1"
