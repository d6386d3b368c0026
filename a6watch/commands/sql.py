"""``a6watch sql``: read-only SQL on the catalog (or a named query), as a table, CSV, JSON or XLSX."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from typing import Any

from a6watch.commands import settings_from
from core.errors import A6WatchError
from core.safe_output import append_as_text, csv_rows, for_terminal


def _positive(kind: type) -> Any:
    def parse(text: str) -> Any:
        try:
            value = kind(text)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from exc
        if not value > 0 or value != value or value == float("inf"):
            raise argparse.ArgumentTypeError(f"must be a positive number, got {text!r}")
        return value

    return parse


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("query", nargs="?", help="SQL (SELECT …), or the name of a named query (see --list)")
    p.add_argument("-p", "--param", action="append", default=[], metavar="NAME=VALUE",
                   help="a named parameter, e.g. -p meeting=sbm-022")
    p.add_argument("--format", choices=["table", "csv", "json", "xlsx"], default="table")
    p.add_argument("--out", help="file to write (xlsx needs one)")
    p.add_argument("--max-rows", type=_positive(int), default=1000)
    p.add_argument("--timeout", type=_positive(float), default=10.0, help="seconds (at most 3600)")
    p.add_argument("--list", action="store_true", help="list the named queries")
    p.add_argument("--datasette", metavar="FILE", help="write Datasette metadata (table and column descriptions, "
                   "the named queries as canned queries) to FILE and print the command that opens the catalog")


def run(args: argparse.Namespace) -> int:
    from storage.sql import NAMED, named_parameters, run_query

    if args.datasette:
        return _datasette(args)
    if args.list or not args.query:
        for name, (what, named_sql) in NAMED.items():
            usage = " ".join(f"-p {p}=…" if required else f"[-p {p}=…]" for p, required in named_parameters(named_sql))
            print(f"{name:<20} {what}" + (f"   {usage}" if usage else ""))
        return 0
    settings = settings_from(args)
    sql = NAMED[args.query][1] if args.query in NAMED else args.query
    params: dict[str, str | None] = {}
    for pair in args.param:
        name, sep, value = pair.partition("=")
        if not sep:
            raise A6WatchError(f"--param: expected NAME=VALUE, got {pair!r}")
        params[name] = value
    if args.query in NAMED:
        wanted = named_parameters(sql)
        known = [p for p, _required in wanted]
        unknown = [p for p in params if p not in known]
        if unknown:
            raise A6WatchError(f"{args.query} has no parameter {unknown[0]!r}; its parameters: "
                               + (", ".join(known) or "none"))
        missing = [p for p, required in wanted if required and not params.get(p)]
        if missing:
            raise A6WatchError(f"{args.query} needs -p {missing[0]}=VALUE (its parameters: "
                               + ", ".join(p if r else f"{p} (optional)" for p, r in wanted) + ")")
        for name in known:
            params.setdefault(name, None)
    result = run_query(settings.database_url, sql, params,
                       max_rows=args.max_rows, timeout_s=args.timeout)
    rows = [[("" if v is None else v) for v in row] for row in result.rows]
    if args.format == "xlsx":
        if not args.out:
            raise A6WatchError("--format xlsx needs --out FILE.xlsx")
        import openpyxl

        wb = openpyxl.Workbook()
        wb.active.append(result.columns)
        for row in rows:
            append_as_text(wb.active, row)
        wb.save(args.out)
        print(f"{len(rows)} rows written to {args.out}")
    else:
        out = open(args.out, "w", newline="", encoding="utf-8") if args.out else sys.stdout
        try:
            if args.format == "csv":
                writer = csv.writer(out)
                writer.writerow(result.columns)
                writer.writerows([[for_terminal(v) if isinstance(v, str) and not args.out else v for v in row]
                                  for row in csv_rows(rows)])
            elif args.format == "json":
                json.dump([dict(zip(result.columns, r, strict=True)) for r in rows], out, ensure_ascii=False,
                          default=str, indent=1)
                out.write("\n")
            else:
                widths = [min(60, max([len(str(c))] + [len(str(r[i])) for r in rows])) for i, c in
                          enumerate(result.columns)]
                out.write("  ".join(for_terminal(str(c)).ljust(w) for c, w in zip(result.columns, widths, strict=True))
                          + "\n")
                for r in rows:
                    out.write("  ".join(for_terminal(str(v)[:60]).ljust(w) for v, w in zip(r, widths, strict=True))
                              + "\n")
        finally:
            if args.out:
                out.close()
    if result.truncated:
        print(f"(stopped at --max-rows {args.max_rows})", file=sys.stderr)
    return 0


def _datasette(args: argparse.Namespace) -> int:
    from storage.datasette import metadata
    from storage.db import sqlite_path

    settings = settings_from(args)
    database = sqlite_path(settings.database_url)
    if database is None:
        raise A6WatchError("Datasette opens SQLite files: copy the catalog first (a6watch db copy --to sqlite:///…)")
    name = database.stem
    with open(args.datasette, "w", encoding="utf-8") as out:
        json.dump(metadata(name), out, indent=1, ensure_ascii=False)
    print(f"metadata written to {args.datasette}; open the catalog read-only with:\n"
          f"  datasette serve -i {database} --metadata {args.datasette}")
    return 0
