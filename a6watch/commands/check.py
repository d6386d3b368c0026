"""``a6watch check FOLDER`` / ``a6watch check --live``: does a6watch read the sites as they are today?"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from core.errors import A6WatchError


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("folder", nargs="?", help="a folder of pages saved from a browser; their URLs come from "
                                            "urls.txt ('FILE URL' per line), the browser's 'saved from' mark, "
                                            "the page's canonical link, or a file name that is the URL")
    p.add_argument("--live", action="store_true",
                   help="fetch one page of each page kind from the sites themselves (needs the network; "
                        "follows the mirror setting), politely: one request at a time, robots.txt obeyed")
    p.add_argument("--source", action="append", dest="sources", metavar="SOURCE",
                   help="with --live: only this source (repeatable)")
    p.add_argument("--delay", type=float, default=None, help="with --live: seconds between requests "
                                                            "(default: politeness.download_delay)")
    p.add_argument("--json", action="store_true", help="one JSON object per page instead of the readable report")
    p.add_argument("--items", type=int, default=5, help="items shown per page in the report (default 5)")


def run(args: argparse.Namespace) -> int:
    from a6watch.checking import check_folder, live_pages

    if bool(args.folder) == bool(args.live):
        raise A6WatchError("give a FOLDER of saved pages, or --live (not both)")
    if args.live:
        pages = list(live_pages(*_live_fetcher(args)))
    else:
        pages = check_folder(Path(args.folder))
    for page in pages:
        if args.json:
            print(json.dumps(page.as_json(), ensure_ascii=False, sort_keys=True))
            continue
        print(f"{'ok  ' if page.ok else 'FAIL'} {page.name}  [{page.kind or '?'}] {page.url or ''}")
        if page.error:
            print(f"     {page.error}")
            continue
        print(f"     {len(page.items)} item(s), {len(page.follow)} link(s) to follow")
        for item in page.items[:args.items]:
            print("     - " + "; ".join(f"{k}: {v}" for k, v in item.items()))
        if len(page.items) > args.items:
            print(f"     … and {len(page.items) - args.items} more (--items N, or --json)")
    failed = sum(not p.ok for p in pages)
    if not args.json:
        print(f"{len(pages)} page(s): {len(pages) - failed} read, {failed} not read")
    return 1 if failed or not pages else 0


def _live_fetcher(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    import httpx

    from a6watch.commands import settings_from
    from core.sources import known_sources
    from crawler.mirror import to_mirror

    settings = settings_from(args)
    sources = args.sources or list(settings.sources)
    unknown = [s for s in sources if s not in known_sources()]
    if unknown:
        raise A6WatchError(f"unknown source {unknown[0]!r}; known: {', '.join(known_sources())}")
    client = httpx.Client(headers={"User-Agent": settings.politeness.user_agent}, follow_redirects=True,
                          timeout=settings.politeness.timeout_seconds)

    def fetch(url: str) -> tuple[int, bytes]:
        target = to_mirror(settings.mirror_url, url) if settings.mirror_url else url
        try:
            response = client.get(target)
        except httpx.HTTPError as exc:
            raise OSError(str(exc) or type(exc).__name__) from exc
        return response.status_code, response.content

    delay = settings.politeness.download_delay if args.delay is None else args.delay
    return fetch, sources, delay
