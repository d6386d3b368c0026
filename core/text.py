"""Text helpers shared by every layer."""

from __future__ import annotations

import re

_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def clean_text(value: str) -> str:
    """Text safe for XML 1.0: forbidden control characters become spaces; runs of blanks fold."""
    return re.sub(r"[ \t\u00a0]+", " ", _XML_FORBIDDEN.sub(" ", value)).strip()
