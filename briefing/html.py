"""The pack's HTML page: self-contained (no script, no remote asset); links stay inside the pack,
except each document's page (or file) and each meeting's and deadline's page on the source site."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from briefing.labels import LABELS as LABEL_KEYS
from briefing.view import PackView
from briefing.words import Words

# Latin text in a proportional sans-serif; Japanese falls through to a Japanese font. Long symbols and
# URLs wrap anywhere rather than push the page wider than the window.
CSS = """body{font-family:system-ui,'Segoe UI',Roboto,'Helvetica Neue',Arial,'Noto Sans CJK JP','IPAPGothic',
'IPAGothic',sans-serif;margin:1.5rem auto;max-width:70rem;padding:0 1rem;line-height:1.45;overflow-wrap:anywhere}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem;table-layout:auto}th,td{border:1px solid #bbb;
padding:.3rem;vertical-align:top;text-align:left;font-size:.9rem}th{background:#eef}
.doc{border:1px solid #ccc;border-left:.4rem solid #888;padding:.4rem .8rem;margin:.8rem 0}
.doc h4{margin:.2rem 0}.doc dl{display:flex;flex-wrap:wrap;gap:.1rem 1rem;margin:.3rem 0;font-size:.9rem}
.doc dt{font-weight:bold}.doc dd{margin:0}.excerpt{margin:.4rem 0;padding:.3rem .6rem;background:#f7f7f7;
font-size:.9rem}.badge{display:inline-block;padding:0 .4rem;border-radius:.3rem;font-size:.8rem;color:#fff;
background:#666}.badge.new{background:#1a7f37}.badge.revised{background:#9a6700}.badge.superseded{background:#6e7781}
.badge.withdrawn{background:#cf222e}.status-new{border-left-color:#1a7f37}.status-revised{border-left-color:#9a6700}
.status-superseded .title,.status-withdrawn .title{text-decoration:line-through}
.status-withdrawn{border-left-color:#cf222e}.status-superseded{border-left-color:#6e7781}
.diff li.added{color:#1a7f37}.diff li.removed{color:#cf222e}.diff li{white-space:pre-wrap;font-size:.85rem}
.late{color:#a00}.closed{color:#777}.body{font-size:.8rem;font-weight:normal;color:#555}.note{color:#9a6700}
.countdown{font-weight:bold}"""

_TEMPLATES = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True,
                         trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                         undefined=StrictUndefined)


def render(view: PackView, w: Words) -> str:
    """The page, from templates/brief.html (autoescaped: every value is text, never markup)."""
    labels = {key: w[key] for key in LABEL_KEYS}
    return _TEMPLATES.get_template("brief.html").render(v=view, t=labels, css=Markup(CSS))
