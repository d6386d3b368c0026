"""A local server for the sample site: serves <mirror>/<host>/<path>?<query> from a site map.

Files carry ETag and Last-Modified and answer conditional requests with 304; pages carry no
validators. Tests inject faults per URL (status codes, block pages, slow or wrong bodies)."""

from __future__ import annotations

import gzip
import hashlib
import socket
import threading
import time
from collections import deque
from collections.abc import Callable
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from w3lib.url import canonicalize_url

from sample_site.common import Resource

INCAPSULA_PAGE = (b'<html>\r\n<head>\r\n<META NAME="robots" CONTENT="noindex,nofollow">\r\n'
                  b'<script src="/_Incapsula_Resource?SWJIYLWA=5074a744e2e3d891814e9a2dace20bd4,'
                  b'719d34d31c8e3a6e6fffd425f7e032f3">\r\n</script>\r\n<body>\r\n</body></html>\r\n')

Fault = tuple[Any, ...]


def site_key(url: str) -> str:
    """The scheme-less canonical form under which a URL is served."""
    return canonicalize_url(url).split("://", 1)[1]


class SampleServer:
    def __init__(self, site: dict[str, Resource], last_modified: float = 1_780_000_000.0) -> None:
        self.faults: dict[str, deque[Fault]] = {}
        self.requests: list[tuple[str, str]] = []  # (method, canonical key)
        self.arrivals: list[tuple[float, str]] = []  # (time.monotonic(), canonical key) of every request
        self.last_modified = last_modified
        self.set_site(site)
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    def set_site(self, site: dict[str, Resource]) -> None:
        self.site = {site_key(url): res for url, res in site.items()}

    def fault(self, url: str, *faults: Fault) -> None:
        """Queue faults for a canonical URL: ("status", 500[, headers]), ("block",), ("body", bytes, ctype),
        ("sleep", seconds), ("redirect", location), ("reset",), ("trickle", seconds per 64 bytes),
        ("gzip-bomb", inflated size)."""
        prepared = [("gzip-bomb", gzip.compress(b"\0" * f[1], compresslevel=9)) if f[0] == "gzip-bomb" else f
                    for f in faults]  # compress once, before any request waits for it
        self.faults.setdefault(site_key(url), deque()).extend(prepared)

    @property
    def url(self) -> str:
        assert self._httpd is not None
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self, port: int = 0) -> str:
        handler = _make_handler(self)
        self._httpd = ThreadingHTTPServer(("127.0.0.1", port), handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                        daemon=True)  # stops within 50 ms
        self._thread.start()
        return self.url

    def stop(self) -> None:
        if self._httpd:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self) -> SampleServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def _make_handler(server: SampleServer) -> Callable[..., BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # quiet
            return

        def _send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8",
                  headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def do_HEAD(self) -> None:
            self.do_GET()

        def do_GET(self) -> None:
            key = site_key("https:/" + self.path)
            server.requests.append((self.command, key))
            server.arrivals.append((time.monotonic(), key))
            queue = server.faults.get(key)
            if queue:
                fault = queue.popleft()
                if fault[0] == "status":
                    self._send(fault[1], b"<html><body>Service unavailable</body></html>",
                               headers=fault[2] if len(fault) > 2 else None)
                    return
                if fault[0] == "block":
                    self._send(200, INCAPSULA_PAGE, headers={"X-Iinfo": "12-345678-0 0NNN RT(1) q(0 -1 -1 -1)"})
                    return
                if fault[0] == "body":
                    self._send(200, fault[1], fault[2])
                    return
                if fault[0] == "reset":  # the connection drops without an answer
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                if fault[0] == "trickle":  # a body that arrives a few bytes at a time
                    body = server.site[key].body if key in server.site else b"<html></html>"
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html; charset=utf-8")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    for i in range(0, len(body), 64):
                        self.wfile.write(body[i:i + 64])
                        self.wfile.flush()
                        time.sleep(fault[1])
                    return
                if fault[0] == "gzip-bomb":  # a small gzip body that inflates past the size limit
                    self._send(200, fault[1], "application/pdf", headers={"Content-Encoding": "gzip"})
                    return
                if fault[0] == "sleep":
                    time.sleep(fault[1])
                elif fault[0] == "redirect":
                    self._send(302, b"", headers={"Location": fault[1]})
                    return
            res = server.site.get(key)
            if res is None:
                self._send(404, b"<html><body><h1>Page not found</h1></body></html>")
                return
            headers: dict[str, str] = {}
            if res.validators:
                etag = '"' + hashlib.sha256(res.body).hexdigest()[:16] + '"'
                headers = {"ETag": etag, "Last-Modified": formatdate(server.last_modified, usegmt=True)}
                if self.headers.get("If-None-Match") == etag:
                    self.send_response(304)
                    for k, v in headers.items():
                        self.send_header(k, v)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
            self._send(200, res.body, res.content_type, headers)

    return Handler


def main(argv: list[str] | None = None) -> int:
    """``python -m sample_site.server [--state 1|2] [--port P]``: serve the sample site until Ctrl-C, so
    that ``A6WATCH_MIRROR_URL=<printed URL> a6watch crawl`` can be tried on it (the demo starts its own)."""
    import argparse

    from sample_site.build import STATES, build_site

    parser = argparse.ArgumentParser(prog="python -m sample_site.server", description=main.__doc__)
    parser.add_argument("--state", type=int, choices=STATES, default=1, help="the site as of 25 May (1) or 5 June (2)")
    parser.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: any free one)")
    args = parser.parse_args(argv)
    server = SampleServer(build_site(args.state))
    print(server.start(args.port), flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        return 0
    finally:
        server.stop()


if __name__ == "__main__":
    import sys

    sys.exit(main())
