"""``a6watch serve``: feeds, calendars, briefing packs and archived files over HTTP.

Only the output folders of the data directory are served (no traversal, no listing); every
response carries an ETag and answers If-None-Match with 304, so feed readers poll cheaply. Bound to
localhost unless configured otherwise."""

from __future__ import annotations

import hashlib
import mimetypes
from collections.abc import Callable
from datetime import UTC
from email.utils import formatdate, parsedate_to_datetime
from functools import lru_cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from core.sniff import media_type

SERVED = ("feeds", "calendars", "briefs", "reports", "files")
# Crawled bytes (files/ holds pages as well as PDFs) never run on this origin: a sandbox with no script,
# no fetch, nothing but the page's own inline styles and data: images.
CRAWLED_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:"
# Our own outputs (packs with inline styles, feeds, calendars) need nothing more either.
OWN_CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; "
           "form-action 'none'; frame-ancestors 'none'")
TYPES = {".atom": "application/atom+xml; charset=utf-8", ".rss": "application/rss+xml; charset=utf-8",
         ".ics": "text/calendar; charset=utf-8", ".html": "text/html; charset=utf-8",
         ".csv": "text/csv; charset=utf-8"}


def resolve(data_dir: Path, request_path: str) -> Path | None:
    """The file a request may read, or None: only regular files inside the served folders."""
    path = unquote(urlsplit(request_path).path)
    parts = [p for p in path.split("/") if p]
    if not parts or parts[0] not in SERVED or any(p in (".", "..") or "\\" in p or "\x00" in p for p in parts):
        return None
    root = (data_dir / parts[0]).resolve()
    target = (data_dir / Path(*parts)).resolve()
    if not target.is_file() or not target.is_relative_to(root):
        return None
    return target


@lru_cache(maxsize=4096)
def _content_etag(path: str, size: int, mtime_ns: int) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return '"' + digest.hexdigest()[:32] + '"'


def etag_of(path: Path) -> str:
    """A strong ETag from the content (a rebuilt feed with the same bytes keeps its ETag), computed
    once per version of the file."""
    st = path.stat()
    return _content_etag(str(path), st.st_size, st.st_mtime_ns)


def not_modified(headers: Any, etag: str, modified: float) -> bool:
    """RFC 9110 13.1: If-None-Match (a list, weak comparison, ``*``) decides; without it,
    If-Modified-Since against the file's modification time (to the second)."""
    if_none_match = headers.get("If-None-Match")
    if if_none_match is not None:
        tags = [t.strip().removeprefix("W/") for t in if_none_match.split(",")]
        return "*" in tags or etag in tags
    since = headers.get("If-Modified-Since")
    if since:
        try:
            when = parsedate_to_datetime(since)
            if when.tzinfo is None:  # "-0000": a time in UTC, whatever the server's own zone
                when = when.replace(tzinfo=UTC)
            return int(modified) <= int(when.timestamp())
        except (TypeError, ValueError, IndexError, OverflowError):
            return False  # an unreadable date is ignored, as HTTP says
    return False


def make_handler(data_dir: Path) -> Callable[..., BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "a6watch"
        sys_version = ""

        def log_message(self, format: str, *args: Any) -> None:
            return

        def _plain(self, status: int, text: str) -> None:
            body = text.encode()
            self.send_response(status)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command == "GET":
                self.wfile.write(body)

        def do_HEAD(self) -> None:
            self.do_GET()

        def do_GET(self) -> None:
            if self.path in ("/", ""):
                self._plain(200, "a6watch: /feeds/all.atom, /calendars/all.ics, /briefs/<meeting>/index.html, "
                                 "/reports/<meeting>/<date>.html\n")
                return
            target = resolve(data_dir, self.path)
            if target is None:
                self._plain(404, "not found\n")
                return
            etag = etag_of(target)
            modified = target.stat().st_mtime
            if not_modified(self.headers, etag, modified):
                self.send_response(304)  # RFC 9110 15.4.5: the validators and caching fields a 200 would carry
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", formatdate(modified, usegmt=True))
                self.send_header("Cache-Control", "no-cache")
                self.end_headers()
                return
            body = target.read_bytes()
            ctype = TYPES.get(target.suffix) or mimetypes.guess_type(target.name)[0] or (
                media_type(body[:4096]) if not target.suffix else "application/octet-stream")
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", formatdate(modified, usegmt=True))
            self.send_header("Cache-Control", "no-cache")
            self.send_header("X-Content-Type-Options", "nosniff")
            # by the requested path, not the resolved one (files/ may be a link to another disk); a pack's
            # copies of documents (briefs/<pack>/files/) are crawled bytes too
            crawled = "files" in [p for p in unquote(urlsplit(self.path).path).split("/") if p]
            self.send_header("Content-Security-Policy", CRAWLED_CSP if crawled else OWN_CSP)
            self.end_headers()
            if self.command == "GET":
                self.wfile.write(body)

        def _refuse(self) -> None:
            self._plain(405, "method not allowed\n")

        do_POST = do_PUT = do_DELETE = _refuse

    return Handler


def make_server(data_dir: Path, host: str = "127.0.0.1", port: int = 8765) -> ThreadingHTTPServer:
    server = ThreadingHTTPServer((host, port), make_handler(data_dir.resolve()))
    server.daemon_threads = True
    return server
