"""Configuration: one TOML file (``a6watch.toml``) plus ``A6WATCH_*`` environment overrides.

Every key is documented in ``a6watch.example.toml``. A wrong value raises ``ConfigError`` with a
message that names the key, which the CLI prints as one line.
"""

from __future__ import annotations

import math
import os
import re
import tomllib
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from core.errors import ConfigError
from core.settings import (
    DEFAULT_EXPECTED,
    UN_LANGUAGES,
    Browser,
    Cadence,
    Distributed,
    Evidence,
    ExpectedDocument,
    Extraction,
    Health,
    Notify,
    Politeness,
    Report,
    Settings,
    Walk,
)
from core.sources import install_watch_sources, known_sources
from core.watch import DEFAULT_WATCHLISTS, compile_term
from core.watch_sources import read_watch_sources


def _want(kind: type | tuple[type, ...], key: str, value: Any) -> Any:
    if isinstance(value, bool) and kind in (int, float, (int, float)):
        raise ConfigError(f"{key}: expected a number, got {value!r}")
    if not isinstance(value, kind):
        name = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise ConfigError(f"{key}: expected {name}, got {value!r}")
    return value


def _number(key: str, value: Any, minimum: float = 0, maximum: float = 1e12) -> float:
    if isinstance(value, str):
        try:
            value = float(value)
        except ValueError as exc:
            raise ConfigError(f"{key}: expected a number, got {value!r}") from exc
    num = float(_want((int, float), key, value))
    if not math.isfinite(num):
        raise ConfigError(f"{key}: expected a finite number, got {value!r}")
    if num < minimum:
        raise ConfigError(f"{key}: must be >= {minimum}, got {value!r}")
    if num > maximum:
        raise ConfigError(f"{key}: must be <= {maximum:g}, got {value!r}")
    return num


def _string_list(key: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [v.strip() for v in value.split(",") if v.strip()]
    items = _want(list, key, list(value) if isinstance(value, tuple) else value)
    for item in items:
        _want(str, key, item)
    return tuple(items)


def _url(key: str, value: Any) -> str:
    text = str(_want(str, key, value)).strip()
    if not text:
        return ""
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(f"{key}: expected an http(s) URL, got {text!r}")
    return text.rstrip("/")


ENV_KEYS = {
    "A6WATCH_DATA_DIR": "data_dir",
    "A6WATCH_DATABASE_URL": "database_url",
    "A6WATCH_SOURCES": "sources",
    "A6WATCH_LANGUAGES": "languages",
    "A6WATCH_TIMEZONE": "timezone",
    "A6WATCH_MIRROR_URL": "mirror_url",
    "A6WATCH_PUBLIC_BASE_URL": "public_base_url",
    "A6WATCH_DOWNLOAD_DELAY": "politeness.download_delay",
    "A6WATCH_BROWSER_HOSTS": "browser.hosts",
    "A6WATCH_SMTP_PASSWORD": "notify.email.password",
    "A6WATCH_WEBHOOK_URL": "notify.webhook.url",
    "A6WATCH_REDIS_URL": "distributed.redis_url",
    "A6WATCH_HOST_INTERVAL": "distributed.host_interval_seconds",
    "A6WATCH_CRAWL_TIMEOUT_MINUTES": "crawl_timeout_minutes",
}


TABLES = ("politeness", "extraction", "browser", "cadence", "health", "notify", "notify.email", "notify.webhook",
          "retention", "distributed", "evidence", "walk", "report")


def _flatten(raw: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in raw.items():
        if isinstance(value, dict) and prefix + key in TABLES:
            out.update(_flatten(value, f"{prefix}{key}."))
        else:
            out[prefix + key] = value
    return out


def load_settings(path: str | os.PathLike[str] | None = None, env: dict[str, str] | None = None) -> Settings:
    """Read the config file (if any) and apply ``A6WATCH_*`` environment overrides."""
    env = dict(os.environ if env is None else env)
    config_path = Path(path) if path else Path(env.get("A6WATCH_CONFIG", "a6watch.toml"))
    raw: dict[str, Any] = {}
    base_dir = Path.cwd()
    if config_path.exists():
        try:
            raw = _flatten(tomllib.loads(config_path.read_text(encoding="utf-8")))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{config_path}: not valid TOML: {exc}") from exc
        except UnicodeDecodeError as exc:
            raise ConfigError(f"{config_path}: not UTF-8 text (byte {exc.start}); save it as UTF-8") from exc
        except OSError as exc:
            raise ConfigError(f"{config_path}: cannot be read: {exc.strerror}") from exc
        base_dir = config_path.resolve().parent
    elif path:
        raise ConfigError(f"config file not found: {config_path}")
    for env_key, key in ENV_KEYS.items():
        if env.get(env_key) is not None and env[env_key] != "":
            raw[key] = env[env_key]
    return _build(raw, base_dir)


ALLOWED = {
    "data_dir", "database_url", "sources", "languages", "timezone", "mirror_url", "public_base_url",
    "start_urls", "watchlists", "countdown_days", "expected", "serve_host", "serve_port", "full_refresh_days",
    "crawl_timeout_minutes", "watch_sources",
    *(f"politeness.{k}" for k in Politeness.__dataclass_fields__),
    *(f"extraction.{k}" for k in Extraction.__dataclass_fields__),
    *(f"browser.{k}" for k in Browser.__dataclass_fields__),
    *(f"cadence.{k}" for k in Cadence.__dataclass_fields__),
    *(f"distributed.{k}" for k in Distributed.__dataclass_fields__),
    *(f"evidence.{k}" for k in Evidence.__dataclass_fields__),
    *(f"walk.{k}" for k in Walk.__dataclass_fields__),
    *(f"health.{k}" for k in Health.__dataclass_fields__),
    *(f"report.{k}" for k in Report.__dataclass_fields__),
    "notify.digest", "notify.daily_at", "notify.max_attempts",
    *(f"notify.email.{k}" for k in ("host", "port", "tls", "username", "password", "from", "to")),
    "notify.webhook.url", "notify.webhook.format", "retention.superseded_days",
}


def _build(raw: dict[str, Any], base_dir: Path) -> Settings:
    unknown = sorted(set(raw) - ALLOWED)
    if unknown:
        raise ConfigError(f"{unknown[0]}: unknown setting (see a6watch.example.toml)")
    data_dir = Path(str(_want(str, "data_dir", raw.get("data_dir", "data")))).expanduser()
    if not data_dir.is_absolute():
        data_dir = (base_dir / data_dir).resolve()
    database_url = str(_want(str, "database_url", raw.get("database_url", ""))) or (
        f"sqlite:///{data_dir / 'catalog.db'}"
    )
    if not database_url.startswith(("sqlite", "postgresql")):
        raise ConfigError(f"database_url: expected a sqlite:/// or postgresql:// URL, got {database_url!r}")
    watch_sources = read_watch_sources(raw.get("watch_sources"))
    install_watch_sources(watch_sources)  # the configuration's own sources are known from here on
    known = known_sources()
    sources = _string_list("sources", raw.get("sources", list(known)))
    for source in sources:
        if source not in known:
            raise ConfigError(f"sources: unknown source {source!r}; known: {', '.join(known)}")
    languages = _string_list("languages", raw.get("languages", ["en"]))
    for lang in languages:
        if lang not in UN_LANGUAGES:
            raise ConfigError(f"languages: {lang!r} is not a UN language code ({', '.join(UN_LANGUAGES)})")
    timezone = str(_want(str, "timezone", raw.get("timezone", "UTC")))
    try:
        from zoneinfo import ZoneInfo

        ZoneInfo(timezone)
    except Exception as exc:
        raise ConfigError(f"timezone: unknown time zone {timezone!r}") from exc
    start_urls_raw = _want(dict, "start_urls", raw.get("start_urls", {}))
    start_urls = {k: _string_list(f"start_urls.{k}", v) for k, v in start_urls_raw.items()}
    pol = Politeness(
        download_delay=_number("politeness.download_delay", raw.get("politeness.download_delay", 2.0)),
        concurrent_per_host=int(_number("politeness.concurrent_per_host",
                                        raw.get("politeness.concurrent_per_host", 1), 1)),
        autothrottle=bool(_want(bool, "politeness.autothrottle", raw.get("politeness.autothrottle", True))),
        retries=int(_number("politeness.retries", raw.get("politeness.retries", 3))),
        timeout_seconds=_number("politeness.timeout_seconds", raw.get("politeness.timeout_seconds", 60), 1),
        user_agent=str(_want(str, "politeness.user_agent", raw.get("politeness.user_agent",
                                                                  Politeness.user_agent))),
        block_threshold=int(_number("politeness.block_threshold", raw.get("politeness.block_threshold", 3), 1)),
        block_backoff_minutes=_number("politeness.block_backoff_minutes",
                                      raw.get("politeness.block_backoff_minutes", 10.0)),
    )
    ext = Extraction(
        cpu_seconds=int(_number("extraction.cpu_seconds", raw.get("extraction.cpu_seconds", 60), 1)),
        memory_mb=int(_number("extraction.memory_mb", raw.get("extraction.memory_mb", 1024), 64)),
        wall_seconds=_number("extraction.wall_seconds", raw.get("extraction.wall_seconds", 120), 0.1),
        max_pages=int(_number("extraction.max_pages", raw.get("extraction.max_pages", 3000), 1)),
        workers=int(_number("extraction.workers", raw.get("extraction.workers", 2), 1)),
    )
    browser = Browser(
        hosts=_string_list("browser.hosts", raw.get("browser.hosts", [])),
        executable_path=str(_want(str, "browser.executable_path",
                                  raw.get("browser.executable_path", "/usr/bin/chromium"))),
    )
    watchlists_raw = _want(dict, "watchlists", raw.get("watchlists", DEFAULT_WATCHLISTS))
    watchlists = {}
    for name, terms in watchlists_raw.items():
        watchlists[name] = _string_list(f"watchlists.{name}", terms)  # "JCM" is the term JCM, not J, C, M
        for term in watchlists[name]:
            try:
                compile_term(term)
            except ValueError as exc:
                raise ConfigError(f"watchlists.{name}: {exc}") from exc
    countdown = tuple(sorted({int(_number("countdown_days", d, 0)) for d in _want(
        list, "countdown_days", list(raw.get("countdown_days", [28, 14, 7, 1])))}, reverse=True))
    expected: tuple[ExpectedDocument, ...] = DEFAULT_EXPECTED
    if "expected" in raw:
        rules = []
        for n, rule in enumerate(_want(list, "expected", raw["expected"])):
            key = f"expected[{n}]"
            rule = _want(dict, key, rule)
            unknown_rule = set(rule) - {"body", "label", "days_before", "role", "doc_type"}
            if unknown_rule or "body" not in rule or "days_before" not in rule:
                raise ConfigError(f"{key}: needs body, label and days_before (and role or doc_type)")
            rules.append(ExpectedDocument(str(rule["body"]).upper(), str(rule.get("label", rule.get("role", ""))),
                                          int(_number(f"{key}.days_before", rule["days_before"])),
                                          rule.get("role"), rule.get("doc_type")))
        expected = tuple(rules)
    def num(key: str, default: float, minimum: float = 0, maximum: float = 1e12) -> float:
        return _number(key, raw.get(key, default), minimum, maximum)

    cadence = Cadence(num("cadence.default_hours", 24, 0.01), int(num("cadence.approach_days", 14)),
                      num("cadence.approach_hours", 3, 0.01), num("cadence.sitting_hours", 1, 0.01),
                      num("cadence.tick_seconds", 60, 0.1), num("cadence.in_session_minutes", 15, 1, 1440))
    health = Health(num("health.min_ratio", 0.5), int(num("health.history", 5, 1)),
                    int(num("health.blocked_threshold", 3, 1)), num("health.max_age_hours", 48, 0.1))
    digest = str(_want(str, "notify.digest", raw.get("notify.digest", "run")))
    if digest not in ("run", "daily"):
        raise ConfigError(f"notify.digest: expected 'run' or 'daily', got {digest!r}")
    daily_at = str(_want(str, "notify.daily_at", raw.get("notify.daily_at", "08:00")))
    if not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", daily_at):
        raise ConfigError(f"notify.daily_at: expected HH:MM, got {daily_at!r}")
    tls = str(_want(str, "notify.email.tls", raw.get("notify.email.tls", "starttls")))
    if tls not in ("starttls", "ssl", "none"):
        raise ConfigError(f"notify.email.tls: expected starttls, ssl or none, got {tls!r}")
    fmt = str(_want(str, "notify.webhook.format", raw.get("notify.webhook.format", "json")))
    if fmt not in ("json", "slack", "teams"):
        raise ConfigError(f"notify.webhook.format: expected json, slack or teams, got {fmt!r}")
    notify = Notify(
        digest=digest, daily_at=daily_at,
        email_host=str(_want(str, "notify.email.host", raw.get("notify.email.host", ""))),
        email_port=int(_number("notify.email.port", raw.get("notify.email.port", 587), 1, 65535)), email_tls=tls,
        email_username=str(_want(str, "notify.email.username", raw.get("notify.email.username", ""))),
        email_password=str(_want(str, "notify.email.password", raw.get("notify.email.password", ""))),
        email_from=str(_want(str, "notify.email.from", raw.get("notify.email.from", "a6watch@localhost"))),
        email_to=_string_list("notify.email.to", raw.get("notify.email.to", [])),
        webhook_url=_url("notify.webhook.url", raw.get("notify.webhook.url", "")), webhook_format=fmt,
        max_attempts=int(num("notify.max_attempts", 8, 1)),
    )
    redis_url = str(_want(str, "distributed.redis_url", raw.get("distributed.redis_url", "")))
    if redis_url and not redis_url.startswith(("redis://", "rediss://", "unix://")):
        raise ConfigError(f"distributed.redis_url: expected a redis:// URL, got {redis_url!r}")
    interval = num("distributed.host_interval_seconds", -1, -1)
    distributed = Distributed(
        redis_url=redis_url,
        host_interval_seconds=pol.download_delay if interval < 0 else interval,
        heartbeat_seconds=num("distributed.heartbeat_seconds", 10, 0.5),
        join_timeout_seconds=num("distributed.join_timeout_seconds", 60, 1),
    )
    report_languages = _string_list("report.languages", raw.get("report.languages", ["en"]))
    for lang in report_languages:
        if lang not in ("en", "ja"):
            raise ConfigError(f"report.languages: {lang!r} is not available (en or ja)")
    report = Report(hour=int(num("report.hour", 8, 0, 23)), languages=report_languages,
                    email=bool(_want(bool, "report.email", raw.get("report.email", True))))
    return Settings(
        data_dir=data_dir,
        database_url=database_url,
        sources=sources,
        languages=languages,
        timezone=timezone,
        mirror_url=_url("mirror_url", raw.get("mirror_url", "")),
        public_base_url=_url("public_base_url", raw.get("public_base_url", "http://127.0.0.1:8765")) + "/",
        start_urls=start_urls,
        politeness=pol,
        extraction=ext,
        browser=browser,
        watchlists=watchlists,
        countdown_days=countdown,
        expected=expected,
        serve_host=str(_want(str, "serve_host", raw.get("serve_host", "127.0.0.1"))),
        serve_port=int(_number("serve_port", raw.get("serve_port", 8765), 1, 65535)),
        retention_superseded_days=num("retention.superseded_days", 0),
        full_refresh_days=num("full_refresh_days", 7),
        crawl_timeout_minutes=num("crawl_timeout_minutes", 180, 0.01),
        distributed=distributed,
        evidence=Evidence(enabled=bool(_want(bool, "evidence.enabled", raw.get("evidence.enabled", True))),
                          keep_days=num("evidence.keep_days", 400)),
        walk=Walk(int(num("walk.first_pages", 2, 1, 1000)), int(num("walk.stop_after_known", 40, 1, 100000))),
        watch_sources=watch_sources,
        cadence=cadence,
        health=health,
        notify=notify,
        report=report,
    )
