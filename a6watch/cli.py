"""The ``a6watch`` command. Each subcommand lives in ``a6watch/commands/<name>.py`` with
``add_arguments(parser)`` and ``run(args) -> int``; its --help shows an example."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from dataclasses import dataclass

from a6watch.errors import A6WatchError


@dataclass(frozen=True)
class Command:
    module: str
    help: str
    examples: tuple[str, ...]


COMMANDS: dict[str, Command] = {
    "demo": Command("demo", "crawl the bundled sample site in two states; write the catalog and feeds",
                    ("a6watch demo", "a6watch demo --data-dir /tmp/a6demo")),
    "crawl": Command("crawl", "crawl sources (each in its own subprocess) into the catalog",
                     ("a6watch crawl", "a6watch crawl unfccc_documents",
                      "A6WATCH_MIRROR_URL=http://127.0.0.1:8700 a6watch crawl unfccc_documents")),
    "parse": Command("parse", "parse a saved page offline and print its items as JSON lines",
                     ("a6watch parse --url https://unfccc.int/documents/639656 page.html",
                      "a6watch parse --url https://unfccc.int/node/180818 --kind session_page saved.html")),
    "import": Command("import_", "feed a page or file saved by hand through the crawl pipeline",
                      ("a6watch import --url https://unfccc.int/documents/650102 saved.html",
                       "a6watch import --url https://unfccc.int/sites/default/files/resource/sbsta2026_01E.pdf "
                       "--document FCCC/SBSTA/2026/1 --language en sbsta2026_01E.pdf")),
    "search": Command("search", "full-text search of the catalog, with filters and snippets",
                      ("a6watch search 'corresponding adjustment'",
                       "a6watch search ITMO --body SBSTA --type 'Draft conclusions' --since 2026-06-01")),
    "feeds": Command("feeds", "rebuild the Atom and RSS feeds from the change log",
                     ("a6watch feeds", "a6watch feeds --out /srv/www/a6watch")),
    "changes": Command("changes", "list the change log, newest first",
                       ("a6watch changes", "a6watch changes --since 2026-06-01 --kind document.revised")),
    "brief": Command("brief", "write the briefing pack of a meeting: HTML, PDF, XLSX/CSV and the files, zipped",
                     ("a6watch brief SBM022", "a6watch brief SB64 --lang ja")),
    "alerts": Command("alerts", "countdowns and late expected documents; rebuild feeds, calendars, open packs",
                      ("a6watch alerts", "A6WATCH_NOW=2026-06-01T08:00:00Z a6watch alerts")),
    "serve": Command("serve", "serve feeds, calendars, briefing packs and archived files (ETag, localhost)",
                     ("a6watch serve", "a6watch serve --port 8800")),
    "schedule": Command("schedule", "run unattended: crawl what is due, alerts, health, digests (foreground)",
                        ("a6watch schedule", "a6watch schedule --once")),
    "worker": Command("worker", "join the shared crawls under way (distributed.redis_url), as one more worker",
                      ("a6watch worker", "a6watch worker --once --wait 30")),
    "status": Command("status", "a table per source: last success, items, changes, blocked, errors, next run",
                      ("a6watch status",)),
    "backup": Command("backup", "back up the catalog and all files to one archive, or restore one",
                      ("a6watch backup backup a6watch-2026-06-05.tar.gz",
                       "a6watch backup restore a6watch-2026-06-05.tar.gz --force", "a6watch backup prune")),
    "sql": Command("sql", "read-only SQL on the catalog, or a named query; table, CSV, JSON or XLSX",
                   ("a6watch sql 'SELECT symbol, title FROM document LIMIT 5'",
                    "a6watch sql meeting-documents -p meeting=sbm-022 --format csv", "a6watch sql --list",
                    "a6watch sql --datasette data/datasette.json")),
    "db": Command("db", "catalog schema: upgrade (migrations), current revision; copy SQLite <-> PostgreSQL",
                  ("a6watch db upgrade", "a6watch db current",
                   "a6watch db copy --to postgresql://a6watch:secret@db.internal/a6watch",
                   "a6watch db copy --from postgresql://a6watch@db.internal/a6watch --to sqlite:////tmp/catalog.db")),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="a6watch",
        description="Monitor UNFCCC, Article 6 and CDM documents: crawl, catalog, change feeds.",
        epilog="Examples:\n  a6watch demo\n  a6watch crawl unfccc_documents\n"
               "  a6watch search 'corresponding adjustment'\n\nRun 'a6watch COMMAND --help' for details.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--config", help="path of a6watch.toml (default: ./a6watch.toml or $A6WATCH_CONFIG)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, cmd in COMMANDS.items():
        module = importlib.import_module(f"a6watch.commands.{cmd.module}")
        p = sub.add_parser(name, help=cmd.help, description=cmd.help,
                           epilog="Examples:\n" + "\n".join(f"  {e}" for e in cmd.examples),
                           formatter_class=argparse.RawDescriptionHelpFormatter)
        module.add_arguments(p)
        p.set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    try:
        return int(args.run(args) or 0)
    except A6WatchError as exc:
        print(f"a6watch: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("a6watch: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
