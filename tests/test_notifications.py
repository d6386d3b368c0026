"""Digests through the outbox: grouped, at least once, stable ids, no secret in errors or the catalog."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from core.config import load_settings
from notifications.deliver import deliver
from notifications.digest import queue_digests
from storage.models import Outbox
from tests.receivers import SmtpReceiver, WebhookReceiver
from tests.test_recorder import doc, run
from tests.test_recorder_meetings import mdoc, meeting

NOW = datetime(2026, 6, 5, 8, tzinfo=UTC)


def settings_for(tmp_path, **notify):
    base = load_settings(None, env={"A6WATCH_CONFIG": str(tmp_path / "none"), "A6WATCH_DATA_DIR": str(tmp_path)})
    return replace(base, notify=replace(base.notify, **notify))


@pytest.fixture
def webhook():
    receiver = WebhookReceiver()
    yield receiver
    receiver.close()


def _news(catalog, clock):
    run(catalog, clock, doc("FCCC/SBI/2026/3"), meeting(), listing=False)
    run(catalog, clock, doc("FCCC/SBI/2026/3/Corr.1"), mdoc("A6.4-SBM022-AA", "Annotated agenda",
                                                            role="annotated_agenda"), listing=False)


def test_digest_groups_by_meeting_and_is_delivered_once_with_its_id(catalog, clock, tmp_path, webhook):
    settings = settings_for(tmp_path, webhook_url=webhook.url)
    _news(catalog, clock)
    with catalog.session() as s:
        assert queue_digests(s, settings, NOW) == 1
        assert queue_digests(s, settings, NOW) == 0  # the cursor moved: nothing twice
    assert deliver(catalog, settings, NOW) == 1
    assert deliver(catalog, settings, NOW) == 0
    [message] = webhook.accepted()
    text = message["json"]["text"]
    assert "== SBM 022 ==" in text and "annotated agenda published" in text and "FCCC/SBI/2026/3/Corr.1" in text
    assert message["key"] == message["json"]["id"] and message["key"].startswith("<a6watch-webhook-")


def test_a_failed_delivery_is_retried_later_with_the_same_id(catalog, clock, tmp_path, webhook):
    settings = settings_for(tmp_path, webhook_url=webhook.url)
    _news(catalog, clock)
    webhook.statuses.extend([500, 503])
    with catalog.session() as s:
        queue_digests(s, settings, NOW)
    assert deliver(catalog, settings, NOW) == 0
    assert deliver(catalog, settings, NOW + timedelta(seconds=30)) == 0  # backing off: not due yet
    assert deliver(catalog, settings, NOW + timedelta(minutes=2)) == 0  # second failure
    assert deliver(catalog, settings, NOW + timedelta(hours=1)) == 1
    keys = [r["key"] for r in webhook.received]
    assert [r["status"] for r in webhook.received] == [500, 503, 200] and len(set(keys)) == 1
    with catalog.session() as s:
        message = s.scalar(select(Outbox))
        assert (message.status, message.attempts) == ("sent", 3)


def test_email_through_a_local_smtp_server_carries_a_message_id(catalog, clock, tmp_path):
    smtp = SmtpReceiver()
    try:
        settings = settings_for(tmp_path, email_host="127.0.0.1", email_port=smtp.port, email_tls="none",
                                email_to=("delegation@example.org",))
        _news(catalog, clock)
        with catalog.session() as s:
            queue_digests(s, settings, NOW)
        assert deliver(catalog, settings, NOW) == 1
        [mail] = smtp.messages
        assert mail["Message-ID"].startswith("<a6watch-email-") and mail["To"] == "delegation@example.org"
        assert "== SBM 022 ==" in mail.get_payload(decode=True).decode("utf-8")
    finally:
        smtp.close()


def test_secrets_never_reach_errors_or_the_catalog(catalog, clock, tmp_path):
    secret_url = "http://127.0.0.1:9/hooks/T000/SECRET-TOKEN"
    settings = settings_for(tmp_path, webhook_url=secret_url, email_password="hunter2")
    _news(catalog, clock)
    with catalog.session() as s:
        queue_digests(s, settings, NOW)
    deliver(catalog, settings, NOW)  # connection refused
    with catalog.session() as s:
        message = s.scalar(select(Outbox))
        assert message.status == "pending" and message.last_error
        stored = f"{message.last_error} {message.payload} {message.body}"
    assert "SECRET-TOKEN" not in stored and "hunter2" not in stored


def test_daily_digest_waits_for_its_hour_in_the_configured_time_zone(catalog, clock, tmp_path, webhook):
    settings = replace(settings_for(tmp_path, webhook_url=webhook.url, digest="daily", daily_at="08:00"),
                       timezone="Europe/Berlin")
    _news(catalog, clock)
    with catalog.session() as s:
        assert queue_digests(s, settings, datetime(2026, 6, 5, 5, 30, tzinfo=UTC)) == 0  # 07:30 in Bonn
        assert queue_digests(s, settings, datetime(2026, 6, 5, 6, 5, tzinfo=UTC)) == 1  # 08:05
    run(catalog, clock, doc("FCCC/SBI/2026/9"))
    with catalog.session() as s:
        assert queue_digests(s, settings, datetime(2026, 6, 5, 15, tzinfo=UTC)) == 0  # once a day
        assert queue_digests(s, settings, datetime(2026, 6, 6, 6, 5, tzinfo=UTC)) == 1


@pytest.mark.parametrize("fmt,key", [("slack", "text"), ("teams", "@type"), ("json", "changes")])
def test_webhook_formats(catalog, clock, tmp_path, webhook, fmt, key):
    settings = settings_for(tmp_path, webhook_url=webhook.url, webhook_format=fmt)
    _news(catalog, clock)
    with catalog.session() as s:
        queue_digests(s, settings, NOW)
    deliver(catalog, settings, NOW)
    assert key in webhook.accepted()[0]["json"]
