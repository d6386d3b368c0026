"""The sample pages of the shipped watch sources (core/watch_defaults.toml): one template per watched page,
templates/watch/<source id>/<table id>.html, rendered for each state. A page keeps the encoding it
declares (a Japanese page in Shift_JIS stays Shift_JIS); every file a page links on its own host is
served as a small PDF that names it, so a new version of a document is a new file."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import urljoin, urlsplit

from core.sources import SOURCES
from sample_site.common import PDF, TEMPLATES, Resource
from sample_site.pdfs import simple_pdf

DECLARED = re.compile(r"<meta[^>]+charset=[\"']?([A-Za-z0-9_-]+)", re.I)
LINK = re.compile(r"<a[^>]+href=\"([^\"]+)\"[^>]*>(.*?)</a>", re.I | re.S)


def template_name(source_id: str, table_id: str) -> str:
    return f"watch/{source_id}/{table_id}.html"


def _encoded(html: str) -> tuple[str, bytes]:
    declared = DECLARED.search(html)
    encoding = declared.group(1).lower() if declared else "utf-8"
    return "text/html", html.encode(encoding)  # the charset said in the page only, as many sites do


def pages(source_id: str, state: int) -> dict[str, Resource]:
    site: dict[str, Resource] = {}
    for page in SOURCES[source_id].watch:
        html = TEMPLATES.get_template(template_name(source_id, page.table_id)).render(state=state)
        content_type, body = _encoded(html)
        site[page.url] = Resource(content_type, body)
        host = urlsplit(page.url).hostname
        for href, label in LINK.findall(html):
            target = urljoin(page.url, unescape(href))
            if urlsplit(target).hostname == host and re.search(page.links, target, re.I) and target not in site:
                title = unescape(re.sub(r"<[^>]+>", "", label)).strip() or target
                site[target] = Resource(PDF, simple_pdf(target.rsplit("/", 1)[-1], title, (
                    f"{title}.", "This file stands for the document the page links, as the sample site serves it.")),
                    validators=True)
    return site


# What a crawl of state 2 after a baseline of state 1 must report, per shipped watch source.
EXPECTED_STATE2: dict[str, list[tuple[str, str]]] = {
    "icvcm": [("record.changed", "Global Carbon Council (GCC)")],  # Under assessment → CCP-Eligible
    "corsia": [("record.changed", "Joint Crediting Mechanism (JCM)")],  # first phase: eligible
    "sbti": [("document.updated", "Corporate Net-Zero Standard")],  # V1.3 → V2.0, a new file
    "iso": [("document.updated", "ISO 14064-1:2018")],  # stage 90.93 → 90.92 (14068-1: only its footer)
    "jcm": [("document.updated", "二国間クレジット制度"),  # 30 → 31 partner countries (METI, Japanese)
            ("record.added", "Decision by the Joint Committee (Electronic Decision) – 03 Jun 26")],
    "jcredit": [("record.changed", "実施要綱")],  # Ver. 6.2 → 6.3 (its "NEW" mark and file size are no key)
    "gx_ets": [("document.new", "第10回（2026年6月3日）"),  # the subcommittee's 10th meeting (EUC-JP page)
               ("document.updated", "排出量取引制度")],  # a paragraph on JCM credits (Shift_JIS page)
    "pacm": [("document.updated", "Transition of CDM activities"), ("record.added", "Thailand"),
             ("record.changed", "1134")],
    "coalitions": [("document.updated", "Principles for voluntary carbon and nature market integrity")],
}
