"""Deliver the outbox: at least once, with back-off; each message keeps its id (Message-ID header,
Idempotency-Key) so that a receiver can drop a repeat. Errors never carry a secret."""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Callable
from datetime import datetime, timedelta
from email.message import EmailMessage

import httpx
from sqlalchemy import select

from core.settings import Settings
from crawler.politeness import retry_delay
from storage.db import Catalog
from storage.models import Outbox

Sender = Callable[[Outbox, Settings], None]


def send_email(message: Outbox, settings: Settings) -> None:
    n = settings.notify
    mail = EmailMessage()
    mail["Subject"] = message.subject
    mail["From"] = n.email_from
    mail["To"] = ", ".join(n.email_to)
    mail["Message-ID"] = message.message_id
    mail.set_content(message.body)
    if isinstance(message.payload, dict) and message.payload.get("html"):  # a report: its page as the HTML part
        mail.add_alternative(str(message.payload["html"]), subtype="html")
    if n.email_tls == "ssl":
        smtp: smtplib.SMTP = smtplib.SMTP_SSL(n.email_host, n.email_port, timeout=30,
                                              context=ssl.create_default_context())
    else:
        smtp = smtplib.SMTP(n.email_host, n.email_port, timeout=30)
    with smtp:
        if n.email_tls == "starttls":
            smtp.starttls(context=ssl.create_default_context())
        if n.email_username:
            smtp.login(n.email_username, n.email_password)
        smtp.send_message(mail)


def send_webhook(message: Outbox, settings: Settings) -> None:
    response = httpx.post(settings.notify.webhook_url, json=message.payload, timeout=15,
                          headers={"Idempotency-Key": message.message_id, "X-A6watch-Message-Id": message.message_id})
    if response.status_code >= 300:
        raise RuntimeError(f"webhook answered HTTP {response.status_code}")


SENDERS: dict[str, Sender] = {"email": send_email, "webhook": send_webhook}


def redact(text: str, settings: Settings) -> str:
    for secret in settings.secrets():
        text = text.replace(secret, "***")
    return text[:500]


def deliver(catalog: Catalog, settings: Settings, now: datetime, senders: dict[str, Sender] | None = None) -> int:
    """Try every due message once; returns how many were sent."""
    senders = senders or SENDERS
    sent = 0
    with catalog.session() as s:
        due = [m.id for m in s.scalars(select(Outbox).where(Outbox.status == "pending", Outbox.next_attempt_at <= now)
                                       .order_by(Outbox.id))]
    for message_id in due:
        with catalog.session() as s:
            message = s.get(Outbox, message_id)
            if message is None or message.status != "pending":
                continue
            message.attempts += 1
            try:
                senders[message.channel](message, settings)
            except Exception as exc:  # any failure is retried later, never lost
                message.last_error = redact(f"{type(exc).__name__}: {exc}", settings)
                if message.attempts >= settings.notify.max_attempts:
                    message.status = "failed"
                else:
                    message.next_attempt_at = now + timedelta(seconds=retry_delay(message.attempts, 60, 6 * 3600))
                continue
            message.status, message.sent_at, message.last_error = "sent", now, None
            sent += 1
    return sent
