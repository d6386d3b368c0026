"""The evidence archive: every response a crawl received, with its request, in WARC files (warcio), so
an analyst can show what a page or file said on a given day.

One file per crawl of a source: ``<data_dir>/evidence/<source>/<YYYY-MM-DDTHHMMSSZ>-<pid>.warc.gz``,
each exchange a ``request`` and a ``response`` record (status line, headers and body as received,
before any decompression or retry; a 304 is kept as the proof that nothing changed). ``WARC-Date`` is
the crawl's clock. Files older than ``evidence.keep_days`` are deleted when the source is next crawled.
"""

from __future__ import annotations

import io
import os
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from http import HTTPStatus
from pathlib import Path
from typing import Any, BinaryIO

from warcio.exceptions import ArchiveLoadFailed

STAMP = "%Y-%m-%dT%H%M%SZ"


def warc_date(at: datetime) -> str:
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class EvidenceWriter:
    """Appends exchanges to one WARC file, opened on the first one."""

    def __init__(self, folder: Path, started: datetime) -> None:
        self.path = folder / f"{started.astimezone(UTC).strftime(STAMP)}-{os.getpid()}.warc.gz"
        self._fh: BinaryIO | None = None
        self._writer: Any = None
        self.records = 0

    def _open(self) -> Any:
        if self._writer is None:
            from warcio.warcwriter import WARCWriter

            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._fh = self.path.open("ab")
            self._writer = WARCWriter(self._fh, gzip=True)
        return self._writer

    def exchange(self, url: str, at: datetime, method: str, request_headers: list[tuple[str, str]],
                 status: int, response_headers: list[tuple[str, str]], body: bytes) -> None:
        from warcio.statusandheaders import StatusAndHeaders

        writer = self._open()
        date = warc_date(at)
        target = url.split("://", 1)[-1].partition("/")[2]
        request = writer.create_warc_record(
            url, "request", payload=io.BytesIO(b""), warc_headers_dict={"WARC-Date": date},
            http_headers=StatusAndHeaders(f"{method} /{target} HTTP/1.1", request_headers, is_http_request=True))
        try:
            reason = HTTPStatus(status).phrase
        except ValueError:
            reason = "Unknown"
        response = writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), warc_headers_dict={"WARC-Date": date},
            http_headers=StatusAndHeaders(f"{status} {reason}", response_headers, protocol="HTTP/1.1"))
        writer.write_request_response_pair(request, response)
        self.records += 2

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = self._writer = None


def prune(folder: Path, keep_days: float, now: datetime) -> int:
    """Delete the WARC files of crawls older than ``keep_days`` (0 keeps everything)."""
    if keep_days <= 0 or not folder.is_dir():
        return 0
    removed = 0
    for path in folder.glob("*.warc.gz"):
        stamp = path.name.removesuffix(".warc.gz").rsplit("-", 1)[0]  # <stamp>-<pid>
        try:
            started = datetime.strptime(stamp, STAMP).replace(tzinfo=UTC)
        except ValueError:
            continue  # not one of ours
        if now - started > timedelta(days=keep_days):
            path.unlink()
            removed += 1
    return removed


@dataclass
class Capture:
    """One recorded response; its body is read from the WARC file only when asked for."""

    url: str
    at: datetime
    status: int
    content_type: str
    size: int
    warc: Path
    offset: int

    def body(self) -> bytes:
        from warcio.archiveiterator import ArchiveIterator

        with self.warc.open("rb") as fh:
            fh.seek(self.offset)
            record = next(iter(ArchiveIterator(fh)))
            return bytes(record.content_stream().read())


def _length(stream: Any) -> int:
    """A body's length, read in pieces (never whole in memory)."""
    total = 0
    while chunk := stream.read(1 << 20):
        total += len(chunk)
    return total


def captures(evidence_dir: Path, url: str) -> Iterator[Capture]:
    """Every response recorded for ``url``, oldest file first; one body in memory at a time."""
    for path in sorted(evidence_dir.glob("*/*.warc.gz")):
        yield from _captures_in(path, url)


def _captures_in(path: Path, url: str) -> Iterator[Capture]:
    """The captures of ``url`` in one file, up to its last whole record (a crawl that ran out of disk
    leaves a file that ends mid-record)."""
    from warcio.archiveiterator import ArchiveIterator

    with path.open("rb") as fh:
        records = ArchiveIterator(fh, check_digests=True)
        try:
            for record in records:
                if record.rec_type != "response" or record.rec_headers.get_header("WARC-Target-URI") != url:
                    continue
                at = datetime.strptime(record.rec_headers.get_header("WARC-Date"), "%Y-%m-%dT%H:%M:%SZ")
                status = int(record.http_headers.get_statuscode())
                size = _length(record.content_stream())
                if record.digest_checker.passed is not True:  # cut short (or no digest): not as received
                    return
                yield Capture(url, at.replace(tzinfo=UTC), status,
                              record.http_headers.get_header("Content-Type") or "", size, path,
                              records.get_record_offset())
        except (EOFError, OSError, ValueError, zlib.error, ArchiveLoadFailed):
            return


def as_of(evidence_dir: Path, url: str, at: datetime | None) -> tuple[Capture, list[Capture]] | None:
    """The capture a URL had at ``at`` (the newest 200 at or before it; a later 304 confirms it), with the
    captures that confirmed it unchanged since; None when nothing was recorded."""
    best: Capture | None = None
    confirmed: list[Capture] = []
    for capture in sorted(captures(evidence_dir, url), key=lambda c: c.at):
        if at is not None and capture.at > at:
            break
        if capture.status == 200:
            best, confirmed = capture, []
        elif capture.status == 304 and best is not None:
            confirmed.append(capture)
    return (best, confirmed) if best is not None else None
