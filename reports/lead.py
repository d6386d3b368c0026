"""A document's first substantive paragraph, or its "Action requested" section: what an analyst reads
first. Cover-page lines (the symbol, "Distr.: General", "United Nations", the title) are passed over."""

from __future__ import annotations

import re

from core.diffs import paragraphs

MAX_CHARS = 700
_ACTION = re.compile(r"\baction(?:s)?\s+(?:requested|required|to\s+be\s+taken)\b", re.I)
_COVER = re.compile(r"Distr\.\s*:|^United Nations\b|^Page \d+|^GE\.\d|^Original\s*:|Advance unedited", re.I)
_NUMBERED = re.compile(r"^\s*(?:\d{1,3}\.|\([a-z]{1,4}\))\s+\S")


def _words(text: str) -> int:
    return len(re.findall(r"\w+", text))


def _clip(text: str) -> str:
    return text if len(text) <= MAX_CHARS else text[:MAX_CHARS].rsplit(" ", 1)[0] + " …"


def _cover(paragraph: str, title: str | None, symbol: str | None) -> bool:
    if _COVER.search(paragraph) or (symbol and symbol in paragraph[:len(symbol) + 40]):
        return True
    return bool(title) and paragraph.lower().startswith((title or "").lower()[:60]) and (
        len(paragraph) < len(title or "") + 60)


def lead_paragraph(text: str | None, title: str | None = None, symbol: str | None = None) -> tuple[str, bool]:
    """(paragraph, True) from the "Action requested" section when the document has one; else the first
    numbered paragraph of the body, else the first paragraph of eight words or more that is not the
    cover page; ("", False) when the text has none."""
    if not text:
        return "", False
    paras = paragraphs(text)
    for i, p in enumerate(paras):
        found = _ACTION.search(p)
        if found is None or found.start() > 40:  # a heading, not a mention in running text
            continue
        rest = p[found.end():].lstrip(" .:—–-")
        rest = re.sub(r"^(?:of|by)\s+the\s+[A-Z][\w ]{0,60}?(?=\s+\d{1,3}\.|\s*$)", "", rest).strip(" .:")
        if _words(rest) >= 8:
            return _clip(rest), True
        following = next((q for q in paras[i + 1:] if _words(q) >= 5), "")
        if following:
            return _clip(following), True
    body = [p for p in paras if not _cover(p, title, symbol)]
    for p in body:
        if _NUMBERED.match(p) and _words(p) >= 5:
            return _clip(p), False
    for p in body:
        if _words(p) >= 8:
            return _clip(p), False
    return "", False
