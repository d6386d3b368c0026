"""Keyword watchlists: matching that survives plurals, hyphenation, British/American spelling and the
line breaks of PDF text, and finds the sentence around each hit."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from core.text import CJK

# A list's terms may be in several languages: each is matched in its own language's way (Japanese and
# Chinese have no spaces between words, so a term is found inside running text).
DEFAULT_WATCHLISTS: dict[str, tuple[str, ...]] = {
    "jcm": ("JCM", "Joint Crediting Mechanism", "二国間クレジット制度"),
    "corresponding-adjustments": ("corresponding adjustment", "相当調整"),
    "itmos": ("ITMO", "internationally transferred mitigation outcome", "国際的に移転される緩和成果"),
    "authorization": ("authorization", "authorize"),
    "removals": ("removal",),
    "prior-consideration": ("prior consideration",),
    "first-transfer": ("first transfer",),
    "initial-report": ("initial report",),
    "a64er": ("A6.4ER",),
    "omge": ("OMGE", "overall mitigation in global emissions"),
    "share-of-proceeds": ("share of proceeds",),
}


@dataclass(frozen=True)
class WatchHit:
    watchlist: str
    term: str
    page: int  # 1-based; pages are separated by form feeds in extracted text
    sentence: str


def _word_pattern(word: str, last: bool) -> str:
    out = re.escape(word.lower())
    # British/American: -ise/-ize, -isation/-ization, -yse/-yze (authorise, authorisation, analyse)
    out = re.sub(r"i[sz](?=e|ation|ing|ed)", "i[sz]", out)
    out = re.sub(r"y[sz](?=e)", "y[sz]", out)
    if last:
        if out.endswith("y") and len(out) > 2:
            out = out[:-1] + "(?:y|ies)"
        elif out.endswith("e"):  # authorize -> authorized, authorizes, authorizing
            out = out[:-1] + "(?:e|es|ed|ing)"
        elif re.search(r"[a-z0-9]$", out):
            out += "(?:e?s)?"
    return out


@lru_cache(maxsize=512)
def compile_term(term: str) -> re.Pattern[str]:
    """'corresponding adjustment' -> a pattern for 'Corresponding Adjustments', 'corresponding-\\nadjustment'."""
    words = [w for w in re.split(r"[\s\-]+", term.strip()) if w]
    if not words:
        raise ValueError("empty watchlist term")
    if CJK.search(term):  # no spaces between words: the term as written, line breaks allowed inside
        return re.compile(r"\s*".join(re.escape(c) for c in re.sub(r"\s+", "", term)))
    body = r"[\s\-\u2010\u2011]+".join(_word_pattern(w, i == len(words) - 1) for i, w in enumerate(words))
    return re.compile(rf"(?<![\w.]){body}(?![\w])", re.IGNORECASE)


def normalise_pdf_text(text: str) -> str:
    """Join words broken by a hyphen at a line end ('authori-\\nzation'), then fold line breaks."""
    text = re.sub(r"(\w)[\-\u00ad\u2010]\s*\n\s*([a-z])", r"\1\2", text)
    # Japanese and Chinese put no space between words: a line break inside such text joins without one
    text = re.sub(rf"(?<={CJK.pattern})[ \t]*\n[ \t]*(?={CJK.pattern})", "", text)
    text = text.replace("\u00ad", "").replace("\x02", "")
    return re.sub(r"[ \t]*\n[ \t]*", " ", text)


_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=[\[\(A-Z0-9\"“])|(?<=[。！？])\s*")


def sentences(page_text: str) -> list[str]:
    flat = re.sub(r"\s+", " ", normalise_pdf_text(page_text)).strip()
    out: list[str] = []
    for piece in (s.strip() for s in _SENTENCE_END.split(flat) if s.strip()):
        if out and re.fullmatch(r"\(?[0-9a-zA-Z]{1,4}[.)]|[IVXL]{1,6}\.|(?:e\.g|i\.e|para|paras|No)\.", out[-1]):
            out[-1] = f"{out[-1]} {piece}"  # a paragraph number or an abbreviation is not a sentence
        else:
            out.append(piece)
    return out


def find_hits(text: str, watchlists: dict[str, tuple[str, ...]]) -> list[WatchHit]:
    """Every (watchlist, term, page, sentence) in a document's text; a sentence counts once per list."""
    compiled = {name: [(t, compile_term(t)) for t in terms] for name, terms in watchlists.items()}
    hits: list[WatchHit] = []
    for page_no, page in enumerate(text.split("\f"), start=1):
        flat = normalise_pdf_text(page)
        # only the lists with a match somewhere on the page are looked for sentence by sentence
        present = {name: terms for name, terms in compiled.items() if any(p.search(flat) for _t, p in terms)}
        if not present:
            continue
        for sentence in sentences(page):
            for name, terms in present.items():
                for term, pattern in terms:
                    if pattern.search(sentence):
                        hits.append(WatchHit(name, term, page_no, sentence))
                        break
    return hits


def sentence_key(sentence: str) -> str:
    """What makes two sentences 'the same' across versions: case, spacing and numbering ignored."""
    s = re.sub(r"^\s*(?:\d+\.|\([a-z]\))\s*", "", sentence.lower())
    return re.sub(r"\W+", " ", s).strip()
