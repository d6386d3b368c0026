"""Where a meeting sits, and so which clock its next-morning report follows: a venue's city to its IANA
time zone. A venue not listed here is on the configured time zone (and the report says so)."""

from __future__ import annotations

import re
import unicodedata
from zoneinfo import ZoneInfo

# Cities that host UNFCCC sessions and constituted bodies' meetings (past, present and announced).
CITY_ZONES = {
    "bonn": "Europe/Berlin", "berlin": "Europe/Berlin", "belem": "America/Belem", "baku": "Asia/Baku",
    "dubai": "Asia/Dubai", "sharm el-sheikh": "Africa/Cairo", "cairo": "Africa/Cairo", "glasgow": "Europe/London",
    "london": "Europe/London", "madrid": "Europe/Madrid", "katowice": "Europe/Warsaw",
    "marrakech": "Africa/Casablanca", "paris": "Europe/Paris", "antalya": "Europe/Istanbul",
    "istanbul": "Europe/Istanbul", "adelaide": "Australia/Adelaide",
    "addis ababa": "Africa/Addis_Ababa", "nairobi": "Africa/Nairobi", "geneva": "Europe/Zurich",
    "new york": "America/New_York", "panama city": "America/Panama", "bangkok": "Asia/Bangkok",
    "tokyo": "Asia/Tokyo", "seoul": "Asia/Seoul", "incheon": "Asia/Seoul", "singapore": "Asia/Singapore",
    "bali": "Asia/Makassar", "lima": "America/Lima", "buenos aires": "America/Argentina/Buenos_Aires",
    "rio de janeiro": "America/Sao_Paulo", "brasilia": "America/Sao_Paulo", "marseille": "Europe/Paris",
    "warsaw": "Europe/Warsaw", "copenhagen": "Europe/Copenhagen", "cancun": "America/Cancun",
    "durban": "Africa/Johannesburg", "doha": "Asia/Qatar", "abu dhabi": "Asia/Dubai", "riyadh": "Asia/Riyadh",
    "montreal": "America/Toronto", "vienna": "Europe/Vienna", "rome": "Europe/Rome",
}


def _plain(text: str) -> str:
    """Lower case, accents dropped (Belém -> belem), runs of blanks one space."""
    decomposed = unicodedata.normalize("NFKD", text)
    return re.sub(r"\s+", " ", "".join(c for c in decomposed if not unicodedata.combining(c))).lower().strip()


def venue_zone(venue: str | None) -> str | None:
    """The IANA zone of the first listed city named in ``venue`` ("Bonn, Germany" -> Europe/Berlin)."""
    if not venue:
        return None
    plain = _plain(venue)
    for city in sorted(CITY_ZONES, key=len, reverse=True):  # "abu dhabi" before any shorter name inside it
        if re.search(rf"(?<![a-z]){re.escape(city)}(?![a-z])", plain):
            return CITY_ZONES[city]
    return None


def zone_for(venue: str | None, fallback: str) -> tuple[ZoneInfo, bool]:
    """The venue's zone (True), or the fallback's (False) when the venue is unknown or missing."""
    name = venue_zone(venue)
    return (ZoneInfo(name), True) if name else (ZoneInfo(fallback), False)
