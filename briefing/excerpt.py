"""The paragraph an analyst reads first: a document's "Action requested" section where it has one,
else its first substantive paragraph (not the masthead, the symbol or the title)."""

from __future__ import annotations

import re

from core.diffs import paragraphs

LIMIT = 700  # characters shown; the whole text is in the file
MIN_WORDS = 6
_ACTION = re.compile(r"(?im)^[ \t]*(?:[IVXL]{1,5}\.|[A-H]\.|\d{1,2}\.)?[ \t]*"
                     r"(?:action(?:s)? requested|proposed action|action to be taken|recommended action)"
                     r"[^\n]*$")
_MASTHEAD = re.compile(r"^(?:United Nations\b|Distr\.|Original:|GE\.\d|Advance unedited version|Page \d)", re.I)


def first_paragraph(text: str | None, title: str | None = None, symbol: str | None = None) -> str:
    if not text or not text.strip():
        return ""
    action = _ACTION.search(text)
    if action:
        following = [p for p in paragraphs(text[action.end():]) if _substantive(p, title, symbol)]
        if following:
            return _cut(following[0])
    for paragraph in paragraphs(text):
        if _substantive(paragraph, title, symbol):
            return _cut(paragraph)
    return ""


def _substantive(paragraph: str, title: str | None, symbol: str | None) -> bool:
    """A paragraph of the text itself: not the masthead, nor the symbol and title set as a heading."""
    if _MASTHEAD.match(paragraph):
        return False
    rest = _fold(paragraph)
    for heading in (symbol, title):
        if heading:
            rest = rest.replace(_fold(heading), " ")
    if len(rest.split()) < MIN_WORDS:
        return False
    return bool(re.search(r"[.;:。]\s*$|[.;。]\s", paragraph))


def _fold(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()


def _cut(paragraph: str) -> str:
    if len(paragraph) <= LIMIT:
        return paragraph
    cut = paragraph[:LIMIT]
    return cut[:cut.rfind(" ")].rstrip(",;:") + " …" if " " in cut else cut + " …"
