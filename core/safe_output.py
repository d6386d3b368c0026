"""Text from crawled pages on its way out to a terminal or a spreadsheet, made harmless there.

A PDF's text layer or a page title can carry terminal escape sequences (which would recolour, retitle
or rewrite an analyst's terminal) and can start with ``=`` (which a spreadsheet would run as a formula).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # C0 and C1 controls but tab and newline
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def for_terminal(text: str) -> str:
    """``text`` with every control character but tab and newline shown as U+FFFD."""
    return _CONTROL.sub("\ufffd", text)


def csv_cell(value: Any) -> Any:
    """A CSV cell that a spreadsheet shows as written: text that would start a formula gets a leading
    apostrophe (the usual defence; numbers are left alone)."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_rows(rows: Iterable[Sequence[Any]]) -> list[list[Any]]:
    return [[csv_cell(v) for v in row] for row in rows]


def append_as_text(ws: Any, row: Sequence[Any]) -> None:
    """Append a row to an openpyxl worksheet; text that looks like a formula is stored as text."""
    ws.append(list(row))
    for cell in ws[ws.max_row]:
        if cell.data_type == "f":
            cell.data_type = "s"
