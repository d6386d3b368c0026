"""The pack's HTML page: self-contained (no script, no remote asset); links stay inside the pack,
except each document's canonical page on the source site."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from briefing.collect import Brief, DocEntry

CSS = """body{font-family:'IPAGothic','Noto Sans CJK JP',system-ui,sans-serif;margin:2rem;max-width:70rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}th,td{border:1px solid #bbb;padding:.3rem;
vertical-align:top;text-align:left;font-size:.9rem}th{background:#eef}pre{white-space:pre-wrap;background:#f7f7f7;
padding:.5rem;font-size:.8rem}.late{color:#a00}"""


def file_name(entry: DocEntry, language: str) -> str:
    base = (entry.document.symbol or entry.document.title or str(entry.document.id))
    safe = "".join(c if c.isalnum() or c in "-._" else "_" for c in base)[:80]
    return f"files/{safe}.{language}.pdf"


@dataclass(frozen=True)
class Section:
    """The documents under one agenda item, and the diffs shown after them."""

    agenda: str | None
    entries: list[DocEntry]
    diffs: list[tuple[Any, Any]]


_TEMPLATES = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True,
                         trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                         undefined=StrictUndefined)


def render(brief: Brief, t: dict[str, str], lang: str) -> str:
    """The page, from templates/brief.html (autoescaped: every value is text, never markup)."""
    sections = []
    for agenda, group in groupby(brief.documents, key=lambda e: e.agenda):
        entries = list(group)
        sections.append(Section(agenda, entries, [(e.document, c) for e in entries for c in e.changes if c.diff]))
    return _TEMPLATES.get_template("brief.html").render(brief=brief, t=t, lang=lang, css=Markup(CSS),
                                                        sections=sections, file_name=file_name)
