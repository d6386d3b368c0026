"""The report as a self-contained HTML page (no script, no remote asset; Jinja2 autoescapes every
text) and as plain text for the email."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from briefing.words import words_for
from feeds.entry_body import diff_html, read_stored_diff
from reports.collect import MorningReport
from reports.labels import LABELS
from storage.models import Meeting

CSS = """body{font-family:system-ui,'Noto Sans','IPAGothic','Noto Sans CJK JP',sans-serif;margin:2rem auto;
max-width:60rem;padding:0 1rem;line-height:1.45;color:#111}h1{font-size:1.5rem}h2{font-size:1.25rem;
border-bottom:2px solid #446;margin-top:2rem}h3{font-size:1.05rem;margin:1.2rem 0 .4rem}.entry{margin:.6rem 0 1rem}
.lead{border-left:3px solid #99b;padding-left:.6rem;margin:.3rem 0}.when{color:#555;font-size:.9rem}
ins{background:#dfd;text-decoration:none}del{background:#fdd}ol.diff li{margin:.2rem 0}
table{border-collapse:collapse}th,td{border:1px solid #bbb;padding:.25rem .5rem;text-align:left;vertical-align:top}
p,li,td{overflow-wrap:anywhere}"""


_ENV = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True, trim_blocks=True,
                   lstrip_blocks=True, undefined=StrictUndefined)


def _stamp(when: datetime) -> str:
    return when.strftime("%Y-%m-%d %H:%M")


def body_name(body: str, lang: str) -> str:
    """The body's name as the packs write it: "Article 6.4 Supervisory Body (SBM)", "6条4項監督機関（SBM）"."""
    return words_for(lang).body(body)


def meeting_line(report: MorningReport, m: Meeting) -> str:
    """The meeting, its dates and venue: "SBM 022 — title: 2026-06-17 – 2026-06-19, Bonn, Germany"; in
    Japanese "第22回6条4項監督機関（SBM）: 2026年6月17日 – 2026年6月19日, Bonn, Germany" (the title is the
    source's English one and is left out; the venue is a place name)."""
    w = words_for(report.lang)
    if report.lang == "en":
        head = m.code + (f" — {m.title}" if m.title else "")
        dates = f"{m.start_date or ''} – {m.end_date or ''}"
    else:
        head, dates = w.meeting_name(m.body, m.number), w.days(m.start_date, m.end_date)
    return f"{head}: {dates}" + (f", {m.venue}" if m.venue else "")


def _more(html: str, lang: str) -> str:
    """The feed's "… 3 more paragraph(s)" line in the report's language."""
    return _MORE.sub(lambda found: f"<li>… {LABELS[lang]['more'].format(n=found.group(1))}</li>", html)


_MORE = re.compile(r"<li>… (\d+) more paragraph\(s\)</li>")


def safe_link(url: str | None) -> str | None:
    return url if url and url.startswith(("https://", "http://")) else None


def render_html(report: MorningReport, pdf_name: str | None = None) -> str:
    t = LABELS[report.lang]
    for entry in report.entries:
        entry.link = safe_link(entry.link)
    for deadline in report.deadlines:
        deadline.url = safe_link(deadline.url)
    return _ENV.get_template("report.html").render(
        r=report, t=t, lang=report.lang, css=CSS, pdf=pdf_name, stamp=_stamp,
        body_name=lambda b: body_name(b, report.lang), meeting_line=lambda m: meeting_line(report, m),
        diff=lambda text: Markup(_more(diff_html(read_stored_diff(text)), report.lang)))  # noqa: S704 - escaped


def render_text(report: MorningReport, url: str | None = None) -> str:
    """The email: the same content, one line a change, without the paragraph diffs."""
    t = LABELS[report.lang]
    lines = [f"{t['title']}: {report.name}, {report.at:%Y-%m-%d}", *(meeting_line(report, m) for m in report.meetings),
             f"{t['window']} {_stamp(report.since)} {t['and']} {_stamp(report.at)} ({report.zone})", ""]
    if url:
        lines += [url, ""]
    if not report.sections:
        lines += [t["nothing"], ""]
    for section in report.sections:
        lines.append(f"== {body_name(section.body, report.lang)} ==")
        for g in section.groups:
            heading = t["meeting_news"] if g.agenda == "meeting" else (g.agenda or t["no_agenda"])
            lines.append(f"-- {heading}")
            for e in g.entries:
                lines.append(f"* {e.symbol}" + (f" — {e.title}" if e.title and e.title != e.symbol else "")
                             + (f" ({t['type']}: {e.type})" if e.type else ""))
                lines += [f"  {c.when} [{c.label}] {c.summary}" for c in e.changes]
                if e.brackets:
                    lines.append(f"  {t['brackets']}: {e.brackets}")
                if e.lead:
                    lines.append(f"  {t['action'] if e.lead_is_action else t['first']}: {e.lead}")
        lines.append("")
    lines.append(f"== {t['hits']} ==")
    lines += [f"[{h.watchlist}] {h.symbol} ({t['page']} {h.page}): {h.sentence}" for h in report.hits] or [t["none"]]
    lines += ["", f"== {t['deadlines']} =="]
    lines += [f"{d.due.isoformat()} ({t['today'] if d.days_left == 0 else t['days_left'].format(n=d.days_left)}) "
              f"{d.meeting}: {d.title}" for d in report.deadlines] or [t["none"]]
    return "\n".join(lines) + "\n"
