"""``a6watch worker``: on a crawler machine of a team deployment, join every shared crawl that the
scheduler (or anyone) has started, as one more worker; until stopped (SIGTERM lets the crawls in hand
close cleanly), or once with ``--once``."""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from a6watch.commands import settings_from
from core.errors import A6WatchError
from crawler.run import TIMED_OUT


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--once", action="store_true",
                   help="join the crawls open now (waiting up to --wait seconds for one), then exit when they end")
    p.add_argument("--wait", type=float, default=0.0, help="with --once: seconds to wait for an open crawl")
    p.add_argument("--poll", type=float, default=2.0, help="seconds between two looks for open crawls")


def run(args: argparse.Namespace) -> int:
    from crawler.distributed import open_crawls, redis_from

    settings = settings_from(args)
    if not settings.distributed.redis_url:
        raise A6WatchError("a6watch worker needs distributed.redis_url (or A6WATCH_REDIS_URL): the shared crawls "
                           "live in Redis (docs/deployment.md)")
    server = redis_from(settings.distributed.redis_url)
    children: dict[str, subprocess.Popen[bytes]] = {}
    stopping = False

    def stop(_signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True
        for child in children.values():
            child.send_signal(signal.SIGTERM)  # Scrapy closes the crawl cleanly and leaves the shared run

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    env = {**os.environ, "A6WATCH_JOIN_ONLY": "1",  # a worker joins crawls; only the scheduler starts them
           **({"A6WATCH_CONFIG": str(Path(args.config).resolve())} if args.config else {})}
    deadline = time.monotonic() + args.wait
    joined = 0
    worst = 0
    started: dict[str, float] = {}
    while not stopping:
        for source in open_crawls(server, settings.sources):
            if source not in children:
                print(f"joining the crawl of {source}", file=sys.stderr, flush=True)
                children[source] = subprocess.Popen([sys.executable, "-m", "crawler.run", source], env=env)
                started[source] = time.monotonic()
                joined += 1
        for source, child in list(children.items()):
            if child.poll() is None and time.monotonic() - started[source] > settings.crawl_timeout_minutes * 60:
                print(f"{source}: past crawl_timeout_minutes ({settings.crawl_timeout_minutes:g}); stopped",
                      file=sys.stderr, flush=True)
                child.kill()
                child.wait()
                worst = max(worst, TIMED_OUT)
            if child.poll() is not None:
                worst = max(worst, child.returncode)
                print(f"{source}: worker done (exit {child.returncode})", file=sys.stderr, flush=True)
                del children[source]
        if args.once and not children and (joined or time.monotonic() > deadline):
            break
        time.sleep(args.poll)
    for child in children.values():
        worst = max(worst, child.wait())
    if args.once and not joined:
        print("no open crawl to join", file=sys.stderr)
    return worst
