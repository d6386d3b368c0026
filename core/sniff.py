"""Classify every response: content, blocked (the Incapsula bot wall), missing or error; and decide a
file's media type by its magic bytes, never by its URL alone."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

BLOCK_MARKERS = (b"_Incapsula_Resource", b"Request unsuccessful", b"Incapsula incident", b"incap_ses")
BLOCK_MAX_BYTES = 10_000

CONTENT = "content"
BLOCKED = "blocked"
MISSING = "missing"
ERROR = "error"


@dataclass(frozen=True)
class Verdict:
    outcome: str  # content, blocked, missing, error
    reason: str = ""


def classify(status: int, body: bytes) -> Verdict:
    """What a response is, whatever its URL: a 200 can be a block page."""
    if status in (404, 410):
        return Verdict(MISSING, f"HTTP {status}")
    if len(body) <= BLOCK_MAX_BYTES and any(m in body for m in BLOCK_MARKERS):
        return Verdict(BLOCKED, "Incapsula challenge or block page")
    if status >= 400:
        return Verdict(ERROR, f"HTTP {status}")
    return Verdict(CONTENT)


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def media_type(body: bytes, declared: str | None = None) -> str:
    """The media type from the first bytes; the declared Content-Type only breaks ties."""
    if not body.strip():
        return "application/x-empty"  # an empty body is never a document, whatever the header says
    head = body[:1024].lstrip()
    if body[:1024].find(b"%PDF-") != -1:
        return "application/pdf"
    if body.startswith(b"PK\x03\x04"):
        try:
            names = zipfile.ZipFile(io.BytesIO(body)).namelist()
        except zipfile.BadZipFile:
            return "application/zip"
        if any(n.startswith("word/") for n in names):
            return DOCX
        if any(n.startswith("xl/") for n in names):
            return XLSX
        return "application/zip"
    if body.startswith(b"\xd0\xcf\x11\xe0"):
        return "application/msword"
    lowered = head[:200].lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<head", b"<body")) or b"<html" in lowered:
        return "text/html"
    if declared:
        return declared.split(";")[0].strip().lower()
    return "application/octet-stream"


TEXT = "text/plain"  # a watched page's text (crawler/pages/watch.py), versioned like a file
FILE_TYPES = {"application/pdf", DOCX, XLSX, "application/msword"}  # what a fetched document file may be
DOCUMENT_TYPES = FILE_TYPES | {TEXT}  # what is extracted
