"""``a6watch parse --url URL FILE [--kind K]``: the tool a maintainer uses when a site changes."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from a6watch.commands import read_file
from core.errors import A6WatchError


def add_arguments(p: argparse.ArgumentParser) -> None:
    from crawler.sources import PARSERS

    p.add_argument("--url", help="the page's real (canonical) URL (with --update-fixture: from its .meta.json)")
    p.add_argument("--kind", choices=sorted(PARSERS), help="force a page kind instead of routing by URL")
    p.add_argument("--follow", action="store_true", help="also print the links the spider would follow")
    p.add_argument("--update-fixture", action="store_true",
                   help="FILE is a test fixture (tests/fixtures/<source>/<name>.html): rewrite its "
                        "<name>.expected.json from what the parser now reads, after you have reviewed the change")
    p.add_argument("file", help="the saved page")


def expected_of(url: str, body: bytes, kind: str | None = None) -> dict[str, Any]:
    """What a fixture's .expected.json holds: the page kind, its items, the links it follows, its meta."""
    from core.items import to_jsonable
    from crawler.sources import route

    _source, routed, parser = route(url, body, kind)
    page = parser(url, body)
    return {"kind": routed, "items": to_jsonable(page.items), "follow": [f.url for f in page.follow],
            "meta": page.meta}


def update_fixture(page_file: Path) -> str:
    """Rewrite ``<name>.expected.json`` beside a fixture page (named by its ``<name>.meta.json``)."""
    name = page_file.name.split(".")[0]
    meta_path = page_file.with_name(f"{name}.meta.json")
    if not meta_path.is_file():
        raise A6WatchError(f"{meta_path} not found: a fixture page has a <name>.meta.json with its url and kind")
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    body = (meta_path.parent / meta.get("file", f"{name}.html")).read_bytes()
    target = page_file.with_name(f"{name}.expected.json")
    text = json.dumps(expected_of(meta["url"], body, meta.get("kind")), indent=1, sort_keys=True,
                      ensure_ascii=False) + "\n"
    before = target.read_text(encoding="utf-8") if target.exists() else None
    if before == text:
        return f"{target}: unchanged"
    target.write_text(text, encoding="utf-8")
    return f"{target}: {'written' if before is None else 'updated (review it with git diff)'}"


def run(args: argparse.Namespace) -> int:
    from core.items import to_jsonable
    from crawler.sources import route

    if args.update_fixture:
        print(update_fixture(Path(args.file)))
        return 0
    if not args.url:
        raise A6WatchError("--url is needed (the page's real URL), unless --update-fixture")
    body = read_file(args.file)
    source, kind, parser = route(args.url, body, args.kind)
    page = parser(args.url, body)
    for item in page.items:
        print(json.dumps(to_jsonable(item), ensure_ascii=False, sort_keys=True))
    if args.follow:
        for link in page.follow:
            print(json.dumps({"item": "Follow", "url": link.url, "kind": link.kind}))
    return 0
