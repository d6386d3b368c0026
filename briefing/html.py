"""The pack's HTML page: self-contained (no script, no remote asset); links stay inside the pack,
except each document's canonical page on the source site."""

from __future__ import annotations

from html import escape
from itertools import groupby

from briefing.collect import Brief, DocEntry

CSS = """body{font-family:'IPAGothic','Noto Sans CJK JP',system-ui,sans-serif;margin:2rem;max-width:70rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}th,td{border:1px solid #bbb;padding:.3rem;
vertical-align:top;text-align:left;font-size:.9rem}th{background:#eef}pre{white-space:pre-wrap;background:#f7f7f7;
padding:.5rem;font-size:.8rem}.late{color:#a00}"""


def file_name(entry: DocEntry, language: str) -> str:
    base = (entry.document.symbol or entry.document.title or str(entry.document.id))
    safe = "".join(c if c.isalnum() or c in "-._" else "_" for c in base)[:80]
    return f"files/{safe}.{language}.pdf"


def render(brief: Brief, t: dict[str, str], lang: str) -> str:
    out = [f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">',
           f"<title>{escape(t['title'])}: {escape(brief.name)}</title><style>{CSS}</style></head><body>",
           f"<h1>{escape(t['title'])}: {escape(brief.name)}</h1>",
           f"<p>{escape(t['generated'])}: {brief.generated:%Y-%m-%d %H:%M} UTC · "
           f'<a href="brief.pdf">{escape(t["pdf"])}</a> · <a href="documents.xlsx">{escape(t["spreadsheet"])}</a>'
           ' (<a href="documents.csv">CSV</a>)</p>',
           f"<table><tr><th>{escape(t['meeting'])}</th><th>{escape(t['dates'])}</th><th>{escape(t['venue'])}</th>"
           f"<th>{escape(t['status'])}</th></tr>"]
    for m in brief.meetings:
        out.append(f"<tr><td>{escape(m.code)} {escape(m.title or '')}</td><td>{m.start_date or ''} – "
                   f"{m.end_date or ''}</td><td>{escape(m.venue or '')}</td><td>{escape(m.status)}</td></tr>")
    out.append("</table>")
    if brief.since:
        out.append(f"<p>{escape(t['since'])} {brief.since:%Y-%m-%d})</p>")
    out.append(f"<h2>{escape(t['late'])}</h2>")
    out.append("<ul>" + "".join(f'<li class="late">{escape(c.summary)}</li>' for c in brief.late) + "</ul>"
               if brief.late else f"<p>{escape(t['none'])}</p>")
    out.append(f"<h2>{escape(t['documents'])}</h2>")
    for agenda, entries in groupby(brief.documents, key=lambda e: e.agenda):
        out.append(f"<h3>{escape(agenda or t['no_agenda'])}</h3>")
        out.append(f"<table><tr><th>{escape(t['symbol'])}</th><th>{escape(t['doc_title'])}</th>"
                   f"<th>{escape(t['date'])}</th><th>{escape(t['version'])}</th><th>{escape(t['file'])}</th>"
                   f"<th>{escape(t['changed'])}</th></tr>")
        diffs = []
        for e in entries:
            d = e.document
            files = " ".join(f'<a href="{escape(file_name(e, f.language))}">{f.language}</a>' for f in e.files)
            link = f' <a href="{escape(d.url)}">↗</a>' if d.url and d.url.startswith("https://") else ""
            out.append(f"<tr><td>{escape(d.symbol or '')}{link}</td><td>{escape(d.title or '')}</td>"
                       f"<td>{d.publication_date or ''}</td><td>{escape(d.version_label or '')}</td><td>{files}</td>"
                       f"<td>{escape(e.changed_since)}</td></tr>")
            diffs += [(d, c) for c in e.changes if c.diff]
        out.append("</table>")
        for d, c in diffs:
            out.append(f"<h4>{escape(t['diff'])}: {escape(d.symbol or d.title or '')}</h4><pre>{escape(c.diff or '')}"
                       "</pre>")
    out.append(f"<h2>{escape(t['hits'])}</h2>")
    if brief.hits:
        out.append(f"<table><tr><th>{escape(t['watchlist'])}</th><th>{escape(t['symbol'])}</th><th>"
                   f"{escape(t['languages'])}</th><th>{escape(t['page'])}</th><th>{escape(t['sentence'])}</th></tr>")
        out += [f"<tr><td>{escape(h.watchlist)}</td><td>{escape(d.symbol or d.title or '')}</td><td>{h.language}</td>"
                f"<td>{h.page}</td><td>{escape(h.sentence)}</td></tr>" for h, d in brief.hits]
        out.append("</table>")
    else:
        out.append(f"<p>{escape(t['none'])}</p>")
    out.append("</body></html>\n")
    return "\n".join(out)
