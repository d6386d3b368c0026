"""``a6watch evidence URL [--at DATE]``: what a page or file said on a given day, from the evidence
archive (every response every crawl received, in WARC files)."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime, time

from a6watch.commands import settings_from
from core.errors import A6WatchError
from core.safe_output import for_terminal


def _day_or_instant(text: str) -> datetime:
    """``2026-06-05`` (the end of that day, UTC) or an ISO instant."""
    try:
        if len(text) == 10:
            return datetime.combine(datetime.fromisoformat(text).date(), time.max, UTC)
        at = datetime.fromisoformat(text.replace("Z", "+00:00"))
        return at if at.tzinfo else at.replace(tzinfo=UTC)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"expected a date like 2026-06-05 or an instant, got {text!r}") from exc


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("url", help="the page's or file's real (canonical) URL")
    p.add_argument("--at", type=_day_or_instant, help="as it was on this day (YYYY-MM-DD, UTC) or at this instant "
                                                      "(default: the newest capture)")
    p.add_argument("--out", help="write the body to this file (default: standard output)")
    p.add_argument("--list", action="store_true", help="list every capture of the URL instead")


def run(args: argparse.Namespace) -> int:
    from storage.evidence import as_of, captures

    settings = settings_from(args)
    folder = settings.data_dir / "evidence"
    if args.list:
        found = sorted(captures(folder, args.url), key=lambda c: c.at)
        for c in found:
            print(f"{c.at:%Y-%m-%d %H:%M:%S}Z  {c.status}  {c.size:>9} bytes  {for_terminal(c.content_type)}"
                  f"  {c.warc.relative_to(folder)}")
        if not found:
            raise A6WatchError(f"no capture of {args.url} in {folder}")
        return 0
    result = as_of(folder, args.url, args.at)
    if result is None:
        when = f" at or before {args.at:%Y-%m-%d %H:%M}Z" if args.at else ""
        raise A6WatchError(f"no capture of {args.url}{when} in {folder} (try --list)")
    capture, confirmed = result
    body = capture.body()
    note = (f"; unchanged at {len(confirmed)} later check(s) up to {confirmed[-1].at:%Y-%m-%d %H:%M}Z"
            if confirmed else "")
    print(f"{args.url}: fetched {capture.at:%Y-%m-%d %H:%M:%S}Z, HTTP {capture.status}, {capture.content_type}, "
          f"{len(body)} bytes{note} ({capture.warc.relative_to(folder)})", file=sys.stderr)
    if args.out:
        with open(args.out, "wb") as out:
            out.write(body)
    else:
        sys.stdout.buffer.write(body)
        sys.stdout.flush()
    return 0

