"""Meeting keys and codes as analysts write them: 'SBM022', 'sbm-022', 'SBM 022', 'EB129', 'SB64'."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from core.errors import A6WatchError

PADDED_BODIES = {"SBM": 3}  # SBM meetings are numbered 001 …


def meeting_key(body: str, number: int) -> str:
    width = PADDED_BODIES.get(body.upper(), 0)
    return f"{body.lower()}-{number:0{width}d}"


def display_code(body: str, number: int) -> str:
    """'SBM 022', 'EB 129', 'SBSTA 64'."""
    width = PADDED_BODIES.get(body.upper(), 0)
    return f"{body.upper()} {number:0{width}d}"


def code_of_key(key: str) -> str:
    body, _, number = key.partition("-")
    return display_code(body, int(number))


def parse_meeting(text: str) -> list[str]:
    """Any common spelling -> meeting keys. 'SB64' means the June 2026 sessions: SBSTA 64 and SBI 64."""
    m = re.fullmatch(r"\s*([A-Za-z]+)\s*-?\s*(\d+)\s*", text or "")
    if not m:
        raise A6WatchError(f"not a meeting: {text!r} (expected e.g. 'SBM 022', EB129, sbsta-64 or SB64)")
    body, number = m.group(1).upper(), int(m.group(2))
    if body == "SB":
        return [meeting_key("SBSTA", number), meeting_key("SBI", number)]
    return [meeting_key(body, number)]


def conference_key(title: str | None) -> str | None:
    """'Bonn Climate Change Conference - June 2026' -> 'bonn-2026-06'."""
    if not title:
        return None
    m = re.match(r"\s*([A-Za-zÀ-ÿ' -]+?)\s+Climate Change Conference\s*[-–]\s*([A-Za-z]+)\s+(\d{4})", title)
    if not m:
        return None
    month = datetime.strptime(m.group(2)[:3], "%b").month
    place = re.sub(r"[^a-z]+", "-", m.group(1).lower()).strip("-")
    return f"{place}-{m.group(3)}-{month:02d}"


# -- combined sessions: the meetings held together, packed together -----------------------------------
# The COP, the CMP and the CMA meet together once a year, with the subsidiary bodies' second session
# of the year: COP 31 = CMP 21 = CMA 8 = SB 65 (Antalya, November 2026). The numbering has held since
# COP 27 (CMP 17, CMA 4, SB 57; 2022); where the catalog knows the conference a session belongs to, the
# pack takes its meetings from there instead (briefing.collect).
CMP_OFFSET = 10  # CMP n = COP n+10
CMA_OFFSET = 23  # CMA n = COP n+23
SB_WITH_COP = 3  # SB 2n+3 meets with COP n


@dataclass(frozen=True)
class Session:
    """What one pack covers: a single meeting, or meetings held together ('SB64', 'COP31')."""

    name: str  # "SB 64", "COP 31", "SBM 022"
    stem: str  # for file names: "SB64", "COP31", "SBM022"
    slug: str  # for folders: "sb-64", "cop-31", "sbm-022"
    keys: tuple[str, ...]  # the meetings, in the order they are shown

    @property
    def combined(self) -> bool:
        return len(self.keys) > 1


def session_of(text: str) -> Session:
    """Any common spelling -> the session a pack covers. 'SB64' is SBSTA 64 + SBI 64; 'COP31' is COP 31,
    CMP 21, CMA 8, SBSTA 65 and SBI 65 (the sessions held at the same conference)."""
    keys = parse_meeting(text)
    body, _, number_text = keys[0].partition("-")
    number = int(number_text)
    if len(keys) == 2:  # SB n
        return Session(f"SB {number}", f"SB{number}", f"sb-{number}", tuple(keys))
    if body == "cop":
        sb = 2 * number + SB_WITH_COP
        members = (keys[0], meeting_key("CMP", number - CMP_OFFSET), meeting_key("CMA", number - CMA_OFFSET),
                   meeting_key("SBSTA", sb), meeting_key("SBI", sb))
        return Session(f"COP {number}", f"COP{number}", f"cop-{number}", members)
    code = display_code(body, number)
    return Session(code, code.replace(" ", ""), keys[0], tuple(keys))


def combined_names(keys: list[str]) -> list[str]:
    """The combined sessions that the given meeting keys belong to: ['SB64', 'COP31'] (for error messages
    that list what a user can ask for)."""
    names: list[str] = []
    for key in keys:
        body, _, number_text = key.partition("-")
        if not number_text.isdigit():
            continue
        number = int(number_text)
        if body in ("sbsta", "sbi"):
            names.append(f"SB{number}")
            if number % 2 == 1 and (number - SB_WITH_COP) % 2 == 0:
                names.append(f"COP{(number - SB_WITH_COP) // 2}")
        elif body in ("cop", "cmp", "cma"):
            names.append(f"COP{number + {'cop': 0, 'cmp': CMP_OFFSET, 'cma': CMA_OFFSET}[body]}")
    return list(dict.fromkeys(names))


def pack_of(key: str) -> str:
    """The pack a meeting belongs to: 'sbsta-64' -> 'SB64' (the June sessions), 'sbi-65' and 'cma-8' ->
    'COP31' (the sessions held with the COP), any other meeting itself ('sbm-022')."""
    body, _, number_text = key.partition("-")
    if not number_text.isdigit():
        return key
    number = int(number_text)
    if body in ("sbsta", "sbi"):
        return f"COP{(number - SB_WITH_COP) // 2}" if number % 2 else f"SB{number}"
    if body in ("cop", "cmp", "cma"):
        return f"COP{number + {'cop': 0, 'cmp': CMP_OFFSET, 'cma': CMA_OFFSET}[body]}"
    return key
