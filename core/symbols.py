"""UNFCCC document symbols: parsing, normalisation and family relations.

Grammar:

* official: ``FCCC/<BODY>/<YYYY>/<n>`` with BODY in CP, KP/CMP, PA/CMA, SBSTA, SBI, SB; ``n`` is a
  number or ``L.n`` (limited), ``INF.n`` (information), ``MISC.n`` (miscellaneous); then any chain
  of ``/Add.n``, ``/Rev.n``, ``/Corr.n``;
* joint: official symbols joined by an en dash or " - " (one document answering to each part);
* in-session: ``IN.``, ``DT.DC.``, ``DT.DD.``, ``CRP.`` + ``<BODY><session>.i<item>`` parts joined
  by ``_`` + ``.<iteration>``.

Family relations (docs/changes.md): ``Rev.n`` supersedes the document it revises, ``Corr.n``
corrects it, ``Add.n`` is a sibling that adds to it; in-session iteration ``n`` supersedes
``n-1``. The family is the base symbol with every suffix (or the iteration) removed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from core.errors import SymbolError

BODIES = {"CP": "COP", "KP/CMP": "CMP", "PA/CMA": "CMA", "SBSTA": "SBSTA", "SBI": "SBI", "SB": "SB"}
SUFFIX_NAMES = {"ADD": "Add", "REV": "Rev", "CORR": "Corr"}
IN_SESSION_SERIES = ("IN", "DT.DC", "DT.DD", "CRP")
SESSION_BODIES = ("SBSTA", "SBI", "CMA", "CMP", "COP", "SB")

_OFFICIAL = re.compile(
    r"""^FCCC/(?P<body>CP|KP/CMP|PA/CMA|SBSTA|SBI|SB)
        /(?P<year>(?:19|20)\d\d)
        /(?P<number>(?:(?:L|INF|MISC)\.)?\d+)
        (?P<suffixes>(?:/(?:ADD|REV|CORR)\.\d+)*)$""",
    re.VERBOSE,
)
_SUFFIX = re.compile(r"/(ADD|REV|CORR)\.(\d+)")
_IN_SESSION = re.compile(
    r"""^(?P<series>IN|DT\.DC|DT\.DD|CRP)\.
        (?P<parts>(?:SBSTA|SBI|CMA|CMP|COP|SB)\d+\.I\d+[A-Z]*(?:_(?:SBSTA|SBI|CMA|CMP|COP|SB)\d+\.I\d+[A-Z]*)*)
        \.(?P<iteration>\d+)$""",
    re.VERBOSE,
)
_SESSION_PART = re.compile(r"^(SBSTA|SBI|CMA|CMP|COP|SB)(\d+)\.I(\d+[A-Z]*)$")
_JOINT_SPLIT = re.compile(r"\s*[–—]\s*|\s+-\s+")


@dataclass(frozen=True)
class SymbolPart:
    """One symbol (a joint symbol has several)."""

    text: str
    scheme: str  # "official" or "in_session"
    series: str  # "", "L", "INF", "MISC" (official) or "IN", "DT.DC", "DT.DD", "CRP"
    body: str  # "COP", "CMP", "CMA", "SBSTA", "SBI", "SB"; in-session: the first session's body
    year: int | None = None
    number: str = ""
    suffixes: tuple[tuple[str, int], ...] = ()
    sessions: tuple[tuple[str, int, str], ...] = ()  # in-session: (body, session, agenda item)
    iteration: int | None = None

    @property
    def base(self) -> str:
        if self.scheme == "in_session":
            return self.text.rsplit(".", 1)[0]
        return self.text.split("/Add.")[0].split("/Rev.")[0].split("/Corr.")[0]

    @property
    def relation(self) -> str | None:
        """``revision``, ``corrigendum``, ``addendum``, ``iteration`` or None for a base document."""
        if self.scheme == "in_session":
            return "iteration" if (self.iteration or 0) > 1 else None
        if not self.suffixes:
            return None
        return {"Rev": "revision", "Corr": "corrigendum", "Add": "addendum"}[self.suffixes[-1][0]]

    @property
    def parent(self) -> str | None:
        """The symbol this one revises, corrects, adds to, or iterates on."""
        if self.scheme == "in_session":
            if (self.iteration or 0) > 1:
                return f"{self.base}.{(self.iteration or 0) - 1}"
            return None
        if not self.suffixes:
            return None
        kind, n = self.suffixes[-1]
        head = self.text[: self.text.rindex("/")]
        if kind == "Rev" and n > 1:
            return f"{head}/Rev.{n - 1}"
        return head

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "scheme": self.scheme,
            "series": self.series,
            "body": self.body,
            "year": self.year,
            "number": self.number,
            "suffixes": [f"{k}.{n}" for k, n in self.suffixes],
            "sessions": [f"{b} {s} item {i}" for b, s, i in self.sessions],
            "iteration": self.iteration,
            "base": self.base,
            "relation": self.relation,
            "parent": self.parent,
        }


@dataclass(frozen=True)
class Symbol:
    """A parsed symbol: one part, or several for a joint symbol."""

    parts: tuple[SymbolPart, ...]

    @property
    def text(self) -> str:
        return "–".join(p.text for p in self.parts)

    @property
    def family(self) -> str:
        return "–".join(p.base for p in self.parts)

    @property
    def relation(self) -> str | None:
        return self.parts[0].relation

    @property
    def parent(self) -> str | None:
        parents = [p.parent for p in self.parts]
        if any(p is None for p in parents):
            return None
        return "–".join(p for p in parents if p)

    @property
    def is_joint(self) -> bool:
        return len(self.parts) > 1

    @property
    def bodies(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p.body for p in self.parts))

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "family": self.family,
            "relation": self.relation,
            "parent": self.parent,
            "parts": [p.to_dict() for p in self.parts],
        }

    def __str__(self) -> str:
        return self.text


def _clean(text: str) -> str:
    text = text.replace("\u00a0", " ").strip()
    text = re.sub(r"\s*/\s*", "/", text)  # "FCCC / SBI" -> "FCCC/SBI"
    text = re.sub(r"\.\s+(?=\d)", ".", text)  # "Add. 1" -> "Add.1"
    return text.upper()


def _parse_part(raw: str, original: str) -> SymbolPart:
    text = _clean(raw)
    if not text:
        raise SymbolError(f"empty symbol part in {original!r}")
    m = _OFFICIAL.match(text)
    if m:
        suffixes = tuple((SUFFIX_NAMES[k], int(n)) for k, n in _SUFFIX.findall(m["suffixes"]))
        number = m["number"]
        series = number.split(".")[0] if "." in number else ""
        norm = f"FCCC/{m['body']}/{m['year']}/{number}" + "".join(f"/{k}.{n}" for k, n in suffixes)
        return SymbolPart(norm, "official", series, BODIES[m["body"]], int(m["year"]), number, suffixes)
    m = _IN_SESSION.match(text)
    if m:
        sessions = []
        for chunk in m["parts"].split("_"):
            pm = _SESSION_PART.match(chunk)
            assert pm is not None  # guaranteed by _IN_SESSION
            sessions.append((pm[1], int(pm[2]), pm[3].lower()))
        norm = f"{m['series']}." + "_".join(f"{b}{s}.i{i}" for b, s, i in sessions) + f".{m['iteration']}"
        return SymbolPart(norm, "in_session", m["series"], sessions[0][0], None, "",
                          (), tuple(sessions), int(m["iteration"]))
    raise SymbolError(_explain(text, original))


def _explain(text: str, original: str) -> str:
    if text.startswith("FCCC/"):
        pieces = text.split("/")
        body = "/".join(pieces[1:3]) if len(pieces) > 2 and pieces[1] in ("KP", "PA") else pieces[1]
        if body not in BODIES:
            return f"not a UNFCCC symbol: {original!r} (unknown body {body!r}; expected one of {', '.join(BODIES)})"
        rest = text[len("FCCC/") + len(body) + 1:]
        if not re.match(r"(19|20)\d\d/", rest):
            return f"not a UNFCCC symbol: {original!r} (expected a four-digit year after FCCC/{body}/)"
        return (f"not a UNFCCC symbol: {original!r} (expected a number, L.n, INF.n or MISC.n after the "
                "year, then only /Add.n, /Rev.n or /Corr.n)")
    if text.startswith(("IN.", "DT.", "CRP.")):
        return (f"not an in-session symbol: {original!r} (expected e.g. IN.SBI60.i5a_SBSTA60.i3.6: "
                "series, <BODY><session>.i<item> parts joined by _, then .<iteration>)")
    return f"not a UNFCCC symbol: {original!r} (expected FCCC/<body>/<year>/<n> or an in-session symbol)"


def parse_symbol(text: str) -> Symbol:
    """Parse a symbol (or joint symbol) into parts; raise ``SymbolError`` with the reason."""
    if not isinstance(text, str) or not text.strip():
        raise SymbolError("empty symbol")
    raw_parts = [p for p in _JOINT_SPLIT.split(text.strip())]
    if any(not p.strip() for p in raw_parts):
        raise SymbolError(f"not a UNFCCC symbol: {text!r} (empty part in a joint symbol)")
    return Symbol(tuple(_parse_part(p, text) for p in raw_parts))


def try_parse_symbol(text: str | None) -> Symbol | None:
    if not text:
        return None
    try:
        return parse_symbol(text)
    except SymbolError:
        return None


def normalise_symbol(text: str) -> str:
    return parse_symbol(text).text
