"""No secret in any log, at any level: the scheduler's logging masks the webhook URL (a credential in
itself), the SMTP password and database passwords, whichever library logs them."""

from __future__ import annotations

import subprocess
import sys

from core.config import load_settings
from tests.receivers import WebhookReceiver

TOKEN = "T0A6W4TCH/B0S3CR3T/xoxbS3cr3tT0k3n"

SCRIPT = """
import logging, sys
from types import SimpleNamespace
from core.config import load_settings
from core.logs import configure
from notifications.deliver import send_webhook

settings = load_settings()
configure(settings.secrets(), level=logging.DEBUG)
send_webhook(SimpleNamespace(payload={"changes": []}, message_id="m-1"), settings)
try:
    raise RuntimeError(f"webhook {settings.notify.webhook_url} answered 500")
except RuntimeError:
    logging.getLogger("a6watch.scheduler").exception("delivery failed: %s", settings.notify.webhook_url)
logging.getLogger("a6watch.scheduler").info("catalog %s", settings.database_url)
"""


def test_the_webhook_url_and_passwords_never_reach_the_log(tmp_path):
    receiver = WebhookReceiver()
    try:
        url = receiver.url + "/" + TOKEN
        env = {"A6WATCH_CONFIG": str(tmp_path / "none.toml"), "A6WATCH_DATA_DIR": str(tmp_path),
               "A6WATCH_WEBHOOK_URL": url, "A6WATCH_DATABASE_URL": "postgresql://a6watch:pgS3cr3tPass@db/a6watch",
               "PATH": "/usr/bin:/bin"}
        proc = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=60)
    finally:
        receiver.close()
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert receiver.accepted()  # the webhook was called, and httpx logged the request …
    assert "HTTP Request: POST" in proc.stderr and "delivery failed" in proc.stderr and "Traceback" in proc.stderr
    for secret in ("xoxbS3cr3tT0k3n", "B0S3CR3T", "pgS3cr3tPass"):  # … with every secret masked
        assert secret not in proc.stderr, secret
    assert "***" in proc.stderr


def test_the_secrets_of_a_configuration(tmp_path):
    settings = load_settings(None, env={
        "A6WATCH_CONFIG": str(tmp_path / "none.toml"), "A6WATCH_DATA_DIR": str(tmp_path),
        "A6WATCH_WEBHOOK_URL": "https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXX",
        "A6WATCH_SMTP_PASSWORD": "mail-pass", "A6WATCH_REDIS_URL": "redis://:redis-pass@cache:6379/0"})
    secrets = settings.secrets()
    assert {"https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXX", "XXXXXXXXXXXXXXXX", "mail-pass",
            "redis-pass"} <= set(secrets)
    assert secrets == sorted(secrets, key=len, reverse=True)  # a longer secret is masked before its parts
