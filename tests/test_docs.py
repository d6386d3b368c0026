"""The documentation keeps up: every table and column in docs/catalog.md, every setting in the example."""

from pathlib import Path

import pytest

from core.config import ALLOWED
from storage.models import Base

ROOT = Path(__file__).resolve().parents[1]


def test_every_table_and_column_is_documented():
    text = (ROOT / "docs" / "catalog.md").read_text()
    for table in Base.metadata.tables.values():
        assert f"## {table.name}" in text or f"{table.name}," in text or f", {table.name}" in text, table.name
        for column in table.columns:
            assert f"| {column.name} " in text or f"`{column.name}`" in text or f"{column.name} /" in text \
                or f"/ {column.name}" in text, f"{table.name}.{column.name}"


def test_every_setting_is_in_the_example_config():
    text = (ROOT / "a6watch.example.toml").read_text()
    for key in ALLOWED:
        assert key.split(".")[-1] in text, key


def test_every_change_kind_is_in_the_change_contract():
    import storage.changes as ck

    text = (ROOT / "docs" / "changes.md").read_text()
    for kind in ck.KIND_LABELS:
        assert f"`{kind}`" in text, kind


def test_the_repository_stands_on_its_own():
    """A clone has everything it refers to: nothing outside it is needed, except by the optional lane
    of tests on real captures (tests/real_captures.py), which skips without them."""
    import subprocess

    allowed = {"tests/real_captures.py", "tests/test_docs.py"}
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True)
    if tracked.returncode != 0:
        pytest.skip("not a git checkout")
    offenders = [name for name in tracked.stdout.splitlines()
                 if name not in allowed and (ROOT / name).is_file()
                 and b"../shared" in (ROOT / name).read_bytes()]
    assert offenders == []
