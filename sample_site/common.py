"""What the sources' sample pages share: the Resource type, the unfccc.int file store, robots.txt, the
meeting documents of the SBM and EB pages, and the one Jinja2 environment that renders every page
(templates/<source id>/*.html; the layouts shared by several sources are in templates/*.html)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

RESOURCE = "https://unfccc.int/sites/default/files/resource/"  # unfccc.int's file store (documents, SBM files)
HTML = "text/html; charset=utf-8"
CDM_HTML = "text/html; charset=iso-8859-1"
PDF = "application/pdf"
ROBOTS = "User-agent: *\nDisallow: /user/\nDisallow: /admin/\n"  # served on every host of every source


@dataclass(frozen=True)
class Resource:
    content_type: str
    body: bytes
    validators: bool = False  # files get ETag / Last-Modified, pages do not (as dynamic pages often)


@dataclass(frozen=True)
class MeetingDoc:
    """A document of an SBM (a64_sbm) or EB (cdm_eb) meeting."""

    reference: str  # A6.4-SBM022-AA-A01; for EB the link text decides ("Annex 3 - …")
    title: str
    version: str | None
    file: str  # absolute URL
    agenda: str | None = None  # agenda item number on the meeting page
    section: str = "consideration"  # or "report"
    text: tuple[str, ...] = ()


class HasMeetingDocs:
    """An SBM or EB meeting's documents, by the section of its page they are listed in."""

    docs: tuple[MeetingDoc, ...]

    @property
    def report(self) -> tuple[MeetingDoc, ...]:
        return tuple(d for d in self.docs if d.section == "report")

    @property
    def consideration(self) -> tuple[MeetingDoc, ...]:
        return tuple(d for d in self.docs if d.section == "consideration")


def ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def relative(url: str) -> str:
    """The path (and query) of an absolute URL, as the pages link within their own site."""
    return url[url.index("/", len("https://")):]


def _escape(value: Any) -> Any:
    """Autoescaping, with the entities the sample pages have always had: markupsafe writes quotes as
    &#34; and &#39;, html.escape (which wrote these pages first) as &quot; and &#x27;; the crawler's
    fixtures and end-to-end tests hold the exact bytes. Runs as the environment's ``finalize``, on every
    ``{{ value }}``: the escaped text is marked Markup so that autoescape does not escape it twice; Markup
    (macros, ``{% set %}`` blocks) and non-strings pass to autoescape as they are."""
    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    return Markup(str(escape(value)).replace("&#34;", "&quot;").replace("&#39;", "&#x27;"))


TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).with_name("templates")),  # package data, beside this module
    autoescape=True,
    finalize=_escape,
    undefined=StrictUndefined,
    keep_trailing_newline=True,
    trim_blocks=True,
    lstrip_blocks=True,
)
TEMPLATES.filters["ordinal"] = ordinal
TEMPLATES.filters["relative"] = relative


def render(template: str, **context: Any) -> str:
    return TEMPLATES.get_template(template).render(**context)


def cdm_page(template: str, **context: Any) -> bytes:
    """A cdm.unfccc.int page (templates/cdm_page.html): ISO-8859-1, other characters as references."""
    return render(template, **context).encode("iso-8859-1", "xmlcharrefreplace")
