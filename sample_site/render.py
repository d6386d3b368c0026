"""HTML of the sample site, with the real markup hooks of unfccc.int (sources.md §1)."""

from __future__ import annotations

from html import escape

from sample_site.content import CONFERENCE, RESOURCE, SESSIONS, SampleDoc, SampleSession

LANG_NAMES = {"ar": "Arabic", "zh": "Chinese", "en": "English", "fr": "French", "ru": "Russian", "es": "Spanish"}
LISTING_PATH = "https://unfccc.int/documents?f%5B0%5D=category%3AOfficial%20documents"
PAGE_SIZE = 5


def _page(title: str, body: str, body_class: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="en" dir="ltr">\n<head><meta charset="utf-8">'
            f"<title>{escape(title)} | UNFCCC</title>"
            '<link rel="stylesheet" href="/themes/custom/unfccc/css/style.css"></head>\n'
            f'<body class="{body_class}">\n<main role="main"><div class="region region-content">\n'
            f"{body}\n</div></main>\n</body>\n</html>\n")


def _options(doc: SampleDoc, sizes: dict[str, int]) -> str:
    opts = ['<option value="_none">- Select -</option>']
    for lang in ("ar", "zh", "en", "fr", "ru", "es"):
        if lang in doc.files:
            url = RESOURCE + doc.files[lang]
            size = sizes.get(url, 0) / 1_000_000
            opts.append(f'<option value="{escape(url)}">{LANG_NAMES[lang]} PDF {size:.2f} MB</option>')
    return ('<div class="select-wrapper"><select class="small-download form-select form-control">'
            + "".join(opts) + "</select></div>")


def _date(doc: SampleDoc) -> str:
    return doc.published.strftime("%d %b %Y").lstrip("0")


def listing_url(page: int) -> str:
    return LISTING_PATH if page == 0 else f"{LISTING_PATH}&page={page}"


def listing_pages(docs: tuple[SampleDoc, ...], sizes: dict[str, int]) -> dict[str, str]:
    ordered = sorted(docs, key=lambda d: (d.published, d.node), reverse=True)
    chunks = [ordered[i:i + PAGE_SIZE] for i in range(0, len(ordered), PAGE_SIZE)] or [[]]
    pages = {}
    for n, chunk in enumerate(chunks):
        rows = "".join(
            f"<tr><td>{escape(d.symbol)}</td><td><a href=\"/documents/{d.node}\">{escape(d.title)}</a></td>"
            f"<td>{escape(d.doc_type)}</td><td>{_date(d)}</td>"
            f"<td><a href=\"/documents/{d.node}\" class=\"button\">Access document</a>{_options(d, sizes)}</td></tr>\n"
            for d in chunk)
        pager = "".join(
            f'<li class="pager__item{" is-active" if i == n else ""}"><a href="{escape(listing_url(i)[18:])}">'
            f"{i + 1}</a></li>" for i in range(len(chunks)))
        if n + 1 < len(chunks):
            pager += (f'<li class="pager__item pager__item--next"><a href="{escape(listing_url(n + 1)[18:])}" '
                      'rel="next">Next</a></li>')
        pager += (f'<li class="pager__item pager__item--last"><a href="{escape(listing_url(len(chunks) - 1)[18:])}">'
                  "Last</a></li>")
        body = (
            '<h1 class="page-title">Documents</h1>\n'
            '<div class="facets-widget-links"><ul class="facet-conference"><li>'
            '<a href="/documents?f%5B0%5D=category%3AOfficial%20documents&amp;f%5B1%5D=conference%3A4540">'
            f"{escape(CONFERENCE)}</a></li></ul></div>\n"
            '<div class="views-element-container block block-views block-views-blockdocuments-block-1">\n'
            f'<div class="view-header"><span class="totalresults">{len(ordered)}</span> results</div>\n'
            '<table class="table"><thead><tr><th>Symbol</th><th>Title</th><th>Type</th><th>Date</th><th></th>'
            f"</tr></thead><tbody>\n{rows}</tbody></table>\n"
            f'<nav class="pager"><ul class="pager__items">{pager}</ul></nav>\n</div>')
        pages[listing_url(n)] = _page("Documents", body, "path-documents")
    return pages


def session_page(session: SampleSession, docs: tuple[SampleDoc, ...], sizes: dict[str, int]) -> str:
    parts = [
        f'<h1 class="page-title"><span>{escape(session.title)}</span></h1>',
        f'<div class="field field--name-field-event-date"><div class="field--item">{session.dates}</div></div>',
        f'<div class="field field--name-field-event-location"><div class="field--item">{session.venue}</div></div>',
        f'<div class="field field--name-field-conference"><div class="field--item">{CONFERENCE}</div></div>',
        "<h2>Other sessions at this conference</h2><ul>"
        + "".join(f'<li><a href="/event/{s.key}">{s.code}</a></li>' for s in SESSIONS if s.key != session.key)
        + "</ul>",
        f"<h2>Latest {session.code} documents</h2>",
    ]
    for number, title in session.agenda:
        mine = [d for d in docs if d.session == session.key and d.agenda[0] == number]
        parts.append(f'<div class="paragraph paragraph--type--agenda-item"><h3>{escape(number)}. {escape(title)}</h3>')
        if mine:
            rows = "".join(
                f"<tr><td>{escape(d.symbol)}</td><td><a href=\"/documents/{d.node}\">{escape(d.title)}</a></td>"
                f"<td>{escape(d.doc_type)}</td><td>{_date(d)}</td><td>{_options(d, sizes)}</td></tr>"
                for d in sorted(mine, key=lambda d: d.symbol))
            parts.append('<table class="table"><thead><tr><th>Symbol</th><th>Document name</th><th>Type</th>'
                         f"<th>Date</th><th></th></tr></thead><tbody>{rows}</tbody></table>")
        parts.append("</div>")
    return _page(session.code, "\n".join(parts), "path-node page-node-type-event")


def document_page(doc: SampleDoc, sizes: dict[str, int]) -> str:
    session = next(s for s in SESSIONS if s.key == doc.session)

    def field(name: str, label: str, value: str) -> str:
        return (f'<div class="field field--name-field-{name} field--label-inline"><div class="field--label">'
                f'{label}</div><div class="field--item">{value}</div></div>')

    langs = " ".join(LANG_NAMES[lang] for lang in ("ar", "zh", "en", "fr", "ru", "es") if lang in doc.files)
    body = "\n".join([
        f'<div class="document-title"><h1><span>{escape(doc.title)}</span></h1></div>',
        field("document-languages", "Languages", langs),
        f'<div class="document-download">{_options(doc, sizes)}</div>',
        field("document-symbol", "Symbol", escape(doc.symbol)),
        field("document-publication-date", "Publication date",
              f'<time datetime="{doc.published.isoformat()}T12:00:00Z">{_date(doc)}</time>'),
        field("document-type", "Document type", escape(doc.doc_type)),
        field("conference", "Conference", CONFERENCE),
        field("session", "Session", session.code),
        field("agenda-item", "Agenda item", f"{session.code} {escape(doc.agenda[0])}. {escape(doc.agenda[1])}"),
        *([field("document-status", "Status", "Withdrawn")] if doc.withdrawn else []),
    ])
    return _page(doc.title, body, "path-node page-node-type-document")


ROBOTS = "User-agent: *\nDisallow: /user/\nDisallow: /admin/\n"
