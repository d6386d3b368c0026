"""The wheel is a complete install: every package of the tree is listed in pyproject.toml, and what the
code reads at run time (migrations, docs, the sample site's data) ships as package data. (``.ci/wheel``
builds the wheel and runs the demo, ``db upgrade`` and a crawl from it, outside the checkout.)"""

from __future__ import annotations

import tomllib
from pathlib import Path

from core.resources import DOCS, MIGRATIONS, package_dir, read_text

ROOT = Path(__file__).resolve().parents[1]
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]


def test_every_package_of_the_tree_is_listed():
    listed = set(CONFIG["packages"])
    mapped = {name: ROOT / folder for name, folder in CONFIG["package-dir"].items()}
    found = set()
    for init in ROOT.rglob("__init__.py"):
        rel = init.parent.relative_to(ROOT)
        if rel.parts[0] in {"tests", "benchmarks", ".venv", "build"} or rel.parts[0].startswith("."):
            continue
        found.add(".".join(rel.parts))
    assert found <= listed, sorted(found - listed)
    for name, folder in mapped.items():
        assert folder.is_dir() and name in listed
    assert f"{MIGRATIONS}.versions" in listed


def test_the_files_read_at_run_time_are_package_data():
    data = CONFIG["package-data"]
    assert "script.py.mako" in data[MIGRATIONS] and "*.md" in data[DOCS]
    assert (package_dir(MIGRATIONS) / "env.py").is_file() and (package_dir(MIGRATIONS) / "script.py.mako").is_file()
    assert "## document" in read_text(DOCS, "catalog.md")
    shipped = {p.name for p in (package_dir("sample_site.data")).iterdir()}
    patterns = data["sample_site.data"]
    assert shipped and all(any(Path(name).match(pattern) for pattern in patterns) for name in shipped)
