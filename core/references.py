"""Article 6.4 and CDM document references, and the versions written next to them.

* Article 6.4 Supervisory Body meeting documents (sources.md §2.2): ``A6.4-SB0NN`` (meetings 1–11)
  and ``A6.4-SBM0NN`` (from the 12th), with ``-PA`` (proposed agenda), ``-AA`` (annotated agenda),
  ``-AA-Ann`` (its annexes: documents under consideration) or ``-Ann`` (annexes to the report);
  the bare meeting reference is the meeting report.
* Regulatory documents: ``A6.4-STAN-METH-001``, ``A6.4-PROC-AC-002``, ``A6.4-FORM-AC-028``,
  ``A6.4-TOOL-…``, ``A6.4-AMM-001`` (methodologies), ``A6.2-PROC-REGS-001``.
* CDM Executive Board: ``CDM-EB119-A04-AMEN``, ``CDM-EB129-AA-A02-STAN``.
* Versions: "v.01.0", "version 01.1", "(v.09.1)", "Version 01.0", "Ver 03.0".
Real irregular spellings are accepted: en dashes for hyphens, a missing separator before the title
(``A6.4-SB008-A03Procedure: …``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.errors import SymbolError
from core.meetings import meeting_key

_DASH = "[-\u2013\u2011]"
_A64_MEETING = re.compile(rf"A6\.4{_DASH}(SBM?)(\d{{3}})(?:{_DASH}(PA|AA))?(?:{_DASH}A(\d{{1,3}}))?(?![0-9])")
_REGULATORY = re.compile(
    rf"A6\.([24]){_DASH}(STAN|PROC|TOOL|FORM|GUID|INFO){_DASH}([A-Z]+){_DASH}(\d{{3}})|A6\.4{_DASH}(AMM){_DASH}(\d{{3}})"
)
_CDM = re.compile(rf"CDM{_DASH}EB(\d{{1,3}})(?:{_DASH}(PA|AA))?(?:{_DASH}A(\d{{1,3}}))?(?:{_DASH}([A-Z]{{3,5}}))?\b")
_VERSION = re.compile(r"\b(?:version|ver|v)\s*\.?\s*(\d{1,2})\s*\.\s*(\d{1,2})\b", re.IGNORECASE)
_SEPARATOR = re.compile(r"^\s*(?:[-\u2013\u2014:]\s*)?")

TITLE_KINDS = {
    "standard": "STAN", "draft standard": "STAN", "procedure": "PROC", "draft procedure": "PROC",
    "information note": "INFO", "concept note": "INFO", "recommendation": "INFO", "draft recommendation": "INFO",
    "draft tool": "TOOL", "tool": "TOOL", "guideline": "GUID", "guidelines": "GUID", "clarification": "CLAR",
    "amendment": "AMEN", "form": "FORM", "provisional agenda": "AGEN",
}


@dataclass(frozen=True)
class Reference:
    text: str  # normalised: ASCII hyphens, three-digit meeting numbers, two-digit annexes
    scheme: str  # "a64_meeting", "a64_regulatory", "cdm_eb"
    meeting_key: str | None = None  # "sbm-013", "eb-129"
    part: str | None = None  # "PA", "AA" or None
    annex: int | None = None
    kind: str | None = None  # STAN, PROC, TOOL, FORM, AMM, AMEN, INFO …

    @property
    def role(self) -> str | None:
        """agenda, annotated_agenda, annex (under consideration), report, report_annex, regulatory."""
        if self.scheme == "a64_regulatory":
            return "regulatory"
        if self.part == "PA":
            return "agenda"
        if self.part == "AA":
            return "annex" if self.annex is not None else "annotated_agenda"
        if self.scheme == "cdm_eb" and self.annex is not None and self.part is None:
            return "report_annex"
        return "report_annex" if self.annex is not None else "report"


def _meeting_ref(m: re.Match[str]) -> Reference:
    _prefix, number, part, annex = m.groups()
    n = int(number)
    code = "SBM" if n >= 12 else "SB"
    text = f"A6.4-{code}{n:03d}" + (f"-{part}" if part else "") + (f"-A{int(annex):02d}" if annex else "")
    return Reference(text, "a64_meeting", meeting_key("SBM", n), part, int(annex) if annex else None)


def _regulatory_ref(m: re.Match[str]) -> Reference:
    if m.group(5):
        return Reference(f"A6.4-AMM-{m.group(6)}", "a64_regulatory", kind="AMM")
    return Reference(f"A6.{m.group(1)}-{m.group(2)}-{m.group(3)}-{m.group(4)}", "a64_regulatory", kind=m.group(2))


def _cdm_ref(m: re.Match[str]) -> Reference:
    n, part, annex, kind = int(m.group(1)), m.group(2), m.group(3), m.group(4)
    text = f"CDM-EB{n}" + (f"-{part}" if part else "") + (f"-A{int(annex):02d}" if annex else "") + (
        f"-{kind}" if kind else "")
    return Reference(text, "cdm_eb", f"eb-{n}", part, int(annex) if annex else None, kind)


def find_reference(text: str) -> tuple[Reference, str] | None:
    """The first reference at the start of ``text`` and the title after it ("A6.4-SBM013-AA-A05 –
    Draft procedure: …" -> (A6.4-SBM013-AA-A05, "Draft procedure: …"))."""
    stripped = text.strip()
    for pattern, build in ((_REGULATORY, _regulatory_ref), (_A64_MEETING, _meeting_ref), (_CDM, _cdm_ref)):
        m = pattern.match(stripped)
        if m:
            rest = _SEPARATOR.sub("", stripped[m.end():], count=1).strip()
            return build(m), rest
    return None


def parse_reference(text: str) -> Reference:
    found = find_reference(text)
    if found is None or found[1]:
        raise SymbolError(f"not an Article 6.4 or CDM reference: {text!r} "
                          "(expected e.g. A6.4-SBM013-AA-A05, A6.4-STAN-METH-001 or CDM-EB119-A04-AMEN)")
    return found[0]


def find_references(text: str) -> list[Reference]:
    """Every reference anywhere in a text."""
    found = []
    for pattern, build in ((_REGULATORY, _regulatory_ref), (_A64_MEETING, _meeting_ref), (_CDM, _cdm_ref)):
        found += [build(m) for m in pattern.finditer(text)]
    return list(dict.fromkeys(found))


def parse_version(text: str | None) -> str | None:
    """'(version 01.1)', 'v.01.0', '(v.09.1)', 'Ver 3.0' -> '01.1', '01.0', '09.1', '03.0'."""
    if not text:
        return None
    m = _VERSION.search(text)
    return f"{int(m.group(1)):02d}.{int(m.group(2))}" if m else None


def strip_version(title: str) -> str:
    """The title without its version note: 'Standard: X (version 01.1)' -> 'Standard: X'."""
    return re.sub(r"\s*[,(]?\s*\b(?:version|ver|v)\s*\.?\s*\d{1,2}\s*\.\s*\d{1,2}\s*\)?", "", title,
                  flags=re.IGNORECASE).strip(" ,;")


# Only a version at the end of a title is the document's own: 'Amendments to version 02.0 of the CDM
# project standard' names another document's version.
_TRAILING_VERSION = re.compile(r"[\s,;(\[–-]*\b(?:version|ver|v)\s*\.?\s*\d{1,2}\s*\.\s*\d{1,2}\s*[)\]]?\s*$", re.I)


def split_own_version(title: str) -> tuple[str, str | None]:
    """('Standard: X', '01.1') for 'Standard: X (version 01.1)' or 'Standard: X, v.01.1'; a title that
    only speaks of a version ('Amendments to version 02.0 of the standard') keeps its words, no version."""
    found = _TRAILING_VERSION.search(title)
    if found is None:
        return title, None
    return title[: found.start()].strip(" ,;–-"), parse_version(found.group(0))


def title_kind(title: str) -> str | None:
    """'Draft procedure: Transition …' -> 'PROC'."""
    head = title.split(":", 1)[0].strip().lower()
    return TITLE_KINDS.get(head)
