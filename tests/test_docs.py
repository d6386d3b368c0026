"""The documentation keeps up: every table and column in docs/catalog.md, every setting in the example."""

from pathlib import Path

from a6watch.config import ALLOWED
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
