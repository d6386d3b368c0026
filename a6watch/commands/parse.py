"""``a6watch parse --url URL FILE [--kind K]``: the tool a maintainer uses when a site changes."""

from __future__ import annotations

import argparse
import json

from a6watch.commands import read_file


def add_arguments(p: argparse.ArgumentParser) -> None:
    from crawler.sources import PARSERS

    p.add_argument("--url", required=True, help="the page's real (canonical) URL")
    p.add_argument("--kind", choices=sorted(PARSERS), help="force a page kind instead of routing by URL")
    p.add_argument("--follow", action="store_true", help="also print the links the spider would follow")
    p.add_argument("file", help="the saved page")


def run(args: argparse.Namespace) -> int:
    from crawler.items import to_jsonable
    from crawler.sources import route

    body = read_file(args.file)
    source, kind, parser = route(args.url, body, args.kind)
    page = parser(args.url, body)
    for item in page.items:
        print(json.dumps(to_jsonable(item), ensure_ascii=False, sort_keys=True))
    if args.follow:
        for link in page.follow:
            print(json.dumps({"item": "Follow", "url": link.url, "kind": link.kind}))
    return 0
