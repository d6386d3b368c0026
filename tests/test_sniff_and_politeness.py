"""Response classification (the bot wall), magic-byte media types, back-off and retry delays."""

from datetime import timedelta

import pytest

from core.sniff import DOCX, classify, media_type
from crawler.politeness import HostBackoff, retry_delay
from sample_site.server import INCAPSULA_PAGE
from tests.pdfs import text_pdf


def test_incapsula_challenge_served_with_200_is_blocked():
    assert classify(200, INCAPSULA_PAGE).outcome == "blocked"
    body = b"<html><body>Request unsuccessful. Incapsula incident ID: 123-456</body></html>"
    assert classify(200, body).outcome == "blocked"


def test_large_pages_mentioning_incapsula_are_content():
    body = b"<html>" + b"x" * 20000 + b"Request unsuccessful</html>"
    assert classify(200, body).outcome == "content"


@pytest.mark.parametrize("status,outcome", [(404, "missing"), (410, "missing"), (500, "error"), (403, "error"),
                                            (200, "content")])
def test_status_codes(status, outcome):
    assert classify(status, b"<html><body>hello</body></html>").outcome == outcome


def test_media_type_comes_from_magic_bytes_not_the_header():
    assert media_type(text_pdf(["x"]), "text/html") == "application/pdf"
    assert media_type(b"<!DOCTYPE html><html></html>", "application/pdf") == "text/html"
    import io

    import docx

    buf = io.BytesIO()
    docx.Document().save(buf)
    assert media_type(buf.getvalue(), "application/octet-stream") == DOCX
    assert media_type(b"\x00\x01binary", None) == "application/octet-stream"


def test_host_backoff_after_threshold_then_recovers(clock):
    backoff = HostBackoff(clock, threshold=3, minutes=10)
    assert not backoff.record_block("unfccc.int")
    assert not backoff.record_block("unfccc.int")
    assert backoff.record_block("unfccc.int")
    assert backoff.backed_off("unfccc.int") and not backoff.backed_off("cdm.unfccc.int")
    assert backoff.remaining_seconds("unfccc.int") == 600
    clock.advance(timedelta(minutes=9, seconds=59).total_seconds())
    assert backoff.backed_off("unfccc.int")
    clock.advance(1)
    assert not backoff.backed_off("unfccc.int")


def test_a_success_resets_the_block_count(clock):
    backoff = HostBackoff(clock, threshold=2, minutes=5)
    backoff.record_block("unfccc.int")
    backoff.record_success("unfccc.int")
    assert not backoff.record_block("unfccc.int")


def test_retry_delay_is_exponential_capped_and_honours_retry_after():
    assert [retry_delay(n, base=2) for n in (1, 2, 3, 4)] == [2, 4, 8, 16]
    assert retry_delay(20, base=2, cap=120) == 120
    assert retry_delay(1, base=2, retry_after="30") == 30
    assert retry_delay(1, base=2, retry_after="Wed, 21 Oct 2026 07:28:00 GMT") == 2
