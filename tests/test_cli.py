"""The CLI: every command documented with an example; errors are one clear line, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from a6watch.cli import COMMANDS, build_parser, main
from tests.cli import a6watch
from tests.conftest import FIXTURES, a6watch_command

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_help_with_an_example_and_is_in_the_readme(name, capsys):
    with pytest.raises(SystemExit):
        main([name, "--help"])
    out = capsys.readouterr().out
    assert "Examples:" in out and f"a6watch {name}" in out
    assert f"a6watch {name}" in README


def test_top_level_help_lists_commands():
    help_text = build_parser().format_help()
    assert all(name in help_text for name in COMMANDS)


def test_parse_prints_items_as_json_lines():
    page = FIXTURES / "unfccc_documents" / "session_sbsta64.html"
    proc = a6watch("parse", "--url", "https://unfccc.int/event/sbsta-64", str(page))
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert rows[0]["item"] == "MeetingItem" and rows[0]["key"] == "sbsta-64"
    assert [r["symbol"] for r in rows[1:]] == ["FCCC/SBSTA/2026/1", "FCCC/SBSTA/2026/L.4", "IN.SBSTA64.i12a.2",
                                               "DT.DC.SBSTA64.i12a.1"]


@pytest.mark.parametrize("args,message", [
    (["parse", "--url", "https://unfccc.int/documents/1", "/no/such/file.html"], "no such file"),
    (["parse", "--url", "https://example.org/x", "README.md"], "no route for https://example.org/x"),
    (["parse", "--url", "https://unfccc.int/documents/1", "README.md"], "layout error"),
    (["crawl", "nonsense"], "unknown source 'nonsense'"),
])
def test_errors_are_one_clear_line(args, message, tmp_path):
    proc = a6watch(*args, env={"A6WATCH_CONFIG": str(tmp_path / "none.toml"), "A6WATCH_DATA_DIR": str(tmp_path)},
                   cwd=ROOT)
    assert proc.returncode == 2
    assert message in proc.stderr and "Traceback" not in proc.stderr


def test_a_bad_config_value_is_reported_by_key(tmp_path):
    cfg = tmp_path / "a6watch.toml"
    cfg.write_text('languages = ["klingon"]\n')
    proc = a6watch("--config", str(cfg), "db", "upgrade")
    assert proc.returncode == 2 and "languages: 'klingon' is not a UN language" in proc.stderr


def test_status_shows_every_source_and_when_it_runs_next(tmp_path):
    proc = a6watch("status", env={"A6WATCH_CONFIG": str(tmp_path / "none.toml"), "A6WATCH_DATA_DIR": str(tmp_path),
                                  "A6WATCH_NOW": "2026-06-05T06:00:00Z"})
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].split()[:3] == ["source", "last", "success"]
    assert [line.split()[0] for line in lines[1:]] == ["unfccc_documents", "a64_sbm", "cdm_eb", "a6ip",
                                                       "a62_bilateral", "registries", "icvcm", "corsia", "sbti",
                                                       "iso", "jcm", "jcredit", "gx_ets", "pacm",
                                                       "coalitions"]
    assert all("never" in line and line.rstrip().endswith("now") for line in lines[1:])


@pytest.mark.parametrize("args", [["--help"], ["crawl", "--help"], ["demo", "--help"], ["sql", "--help"],
                                  ["search", "--help"], ["db", "--help"]])
def test_help_imports_no_crawler_and_no_database_code(args):
    """``--help`` starts in milliseconds because only the named command's module is imported: none of
    Scrapy, Twisted, SQLAlchemy, reportlab (BENCHMARKS.md has the timings)."""
    probe = ("import sys\nfrom a6watch.cli import main\ntry:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
             "heavy = sorted(m for m in ('scrapy', 'twisted', 'sqlalchemy', 'alembic', 'reportlab', 'openpyxl')"
             " if m in sys.modules)\nprint('HEAVY', heavy, file=sys.stderr)\n")
    proc = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and "usage: a6watch" in proc.stdout
    assert "HEAVY []" in proc.stderr, proc.stderr


def test_a_command_piped_into_head_stops_quietly(tmp_path):
    """``a6watch sql … | head -1``: the reader goes away; no BrokenPipeError traceback, exit 141."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("A6WATCH_")}
    env.update(A6WATCH_DATA_DIR=str(tmp_path), A6WATCH_CONFIG=str(tmp_path / "none.toml"))
    assert a6watch("db", "upgrade", env=env, cwd=tmp_path).returncode == 0
    many = ("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n LIMIT 900) "
            "SELECT i, printf('%.300c', 'x') AS filler FROM n")  # 270 kB: more than a pipe holds
    proc = subprocess.Popen([*a6watch_command(), "sql", many, "--format", "csv"], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.readline().startswith(b"i,")
    proc.stdout.close()  # what head does after its line
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 141
    assert "Traceback" not in stderr and "BrokenPipe" not in stderr
