"""The ``a6watch`` command. Each subcommand lives in ``a6watch/commands/<name>.py`` with
``add_arguments(parser)`` and ``run(args) -> int``; its --help shows an example."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from core.errors import A6WatchError


@dataclass(frozen=True)
class Command:
    module: str
    help: str
    examples: tuple[str, ...]


COMMANDS: dict[str, Command] = {
    "demo": Command("demo", "crawl the bundled sample site in two states; write the catalog and feeds",
                    ("a6watch demo", "a6watch demo --data-dir /tmp/a6demo")),
    "crawl": Command("crawl", "crawl sources into the catalog, then rebuild the outputs (exit 0 complete, "
                              "3 a crawl partial or stopped at its time limit, 1 a crawl failed or an output "
                              "was not rebuilt)",
                     ("a6watch crawl", "a6watch crawl unfccc_documents", "a6watch crawl --deep unfccc_documents",
                      "a6watch crawl --session a64_sbm",
                      "A6WATCH_MIRROR_URL=http://127.0.0.1:8700 a6watch crawl unfccc_documents")),
    "parse": Command("parse", "parse a saved page offline and print its items as JSON lines",
                     ("a6watch parse --url https://unfccc.int/documents/639656 page.html",
                      "a6watch parse --url https://unfccc.int/node/180818 --kind session_page saved.html",
                      "a6watch parse --update-fixture tests/fixtures/a64_sbm/sbm_meeting_022.html")),
    "check": Command("check", "does a6watch read the sites as they are today? saved pages (or --live): kind, "
                              "fields read, layout errors (exit 1 if any page is not read)",
                     ("a6watch check ~/saved-pages", "a6watch check ~/saved-pages --json",
                      "a6watch check --live --source a64_sbm")),
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
    "report": Command("report", "write the next-morning report of a meeting (last 24 hours): HTML, PDF, an email",
                      ("a6watch report --meeting SBM022", "a6watch report --meeting SBM022 --lang ja "
                       "--at 2026-06-18T06:00:00Z")),
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
    "evidence": Command("evidence", "what a page or file said on a given day, from the evidence archive (WARC)",
                        ("a6watch evidence https://unfccc.int/event/sbsta-64 --at 2026-06-05",
                         "a6watch evidence https://unfccc.int/documents/650412 --list",
                         "a6watch evidence https://unfccc.int/sites/default/files/resource/sbsta2026_03E.pdf "
                         "--at 2026-05-25 --out sbsta2026_03E-as-of-25-May.pdf")),
    "sql": Command("sql", "read-only SQL on the catalog, or a named query; table, CSV, JSON or XLSX",
                   ("a6watch sql 'SELECT symbol, title FROM document LIMIT 5'",
                    "a6watch sql meeting-documents -p meeting=sbm-022 --format csv", "a6watch sql --list",
                    "a6watch sql --datasette data/datasette.json")),
    "db": Command("db", "catalog schema: upgrade (migrations), current revision; copy SQLite <-> PostgreSQL",
                  ("a6watch db upgrade", "a6watch db current",
                   "a6watch db copy --to postgresql://a6watch:secret@db.internal/a6watch",
                   "a6watch db copy --from postgresql://a6watch@db.internal/a6watch --to sqlite:////tmp/catalog.db")),
}


def _command_in(argv: Sequence[str]) -> str | None:
    """The subcommand named on the command line (the first word that is not a global option)."""
    words = list(argv)
    i = 0
    while i < len(words):
        word = words[i]
        if word in GLOBAL_OPTIONS:
            i += 2
            continue
        if word.startswith("-"):
            i += 1
            continue
        return word
    return None


GLOBAL_OPTIONS = ("--config", "--data-dir")


def build_parser(loaded: Iterable[str] = tuple(COMMANDS)) -> argparse.ArgumentParser:
    """The parser, with the arguments of the commands in ``loaded``: only their modules are imported, so
    ``a6watch --help`` and ``a6watch X --help`` stay fast."""
    parser = argparse.ArgumentParser(
        prog="a6watch",
        description="Monitor UNFCCC, Article 6 and CDM documents: crawl, catalog, change feeds.",
        epilog="Examples:\n  a6watch demo\n  a6watch crawl unfccc_documents\n"
               "  a6watch search 'corresponding adjustment'\n"
               "  a6watch --data-dir demo-data changes\n\nRun 'a6watch COMMAND --help' for details.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--config", help="path of a6watch.toml (default: ./a6watch.toml or $A6WATCH_CONFIG)")
    parser.add_argument("--data-dir", dest="global_data_dir", metavar="DIR",
                        help="the data folder (catalog, files, feeds); overrides data_dir and $A6WATCH_DATA_DIR")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, cmd in COMMANDS.items():
        p = sub.add_parser(name, help=cmd.help, description=cmd.help,
                           epilog="Examples:\n" + "\n".join(f"  {e}" for e in cmd.examples),
                           formatter_class=argparse.RawDescriptionHelpFormatter)
        if name in loaded:
            module = importlib.import_module(f"a6watch.commands.{cmd.module}")
            module.add_arguments(p)
            p.set_defaults(run=module.run)
    return parser


def _export_globals(args: argparse.Namespace) -> None:
    """``--config`` and ``--data-dir`` reach every crawl subprocess too, through the environment,
    whatever directory it runs in."""
    if args.config:
        os.environ["A6WATCH_CONFIG"] = str(Path(args.config).resolve())
    if args.global_data_dir:
        os.environ["A6WATCH_DATA_DIR"] = str(Path(args.global_data_dir).resolve())


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    command = _command_in(argv)
    parser = build_parser([command] if command in COMMANDS else [])
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    try:
        _export_globals(args)
        return int(args.run(args) or 0)
    except A6WatchError as exc:
        print(f"a6watch: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("a6watch: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return _reader_went_away()


def _reader_went_away() -> int:
    """The reader of our output closed the pipe (``a6watch changes | head``): stop quietly, as Unix
    tools do, and keep Python from complaining while it flushes stdout at exit."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return 141  # 128 + SIGPIPE, what a shell reports for a tool stopped by a closed pipe


if __name__ == "__main__":
    sys.exit(main())
