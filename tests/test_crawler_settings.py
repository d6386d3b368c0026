"""The Scrapy settings every crawl runs with: polite, no control surfaces, no local-file handlers."""

from core.config import load_settings
from crawler.crawl_config import SETTING, crawl_config
from crawler.settings import scrapy_settings


def _settings(tmp_path, **env):
    return scrapy_settings(load_settings(None, env={"A6WATCH_CONFIG": str(tmp_path / "none"),
                                                    "A6WATCH_DATA_DIR": str(tmp_path), **env}), "unfccc_documents")


def test_control_surfaces_are_off_and_only_http_handlers_exist(tmp_path):
    s = _settings(tmp_path)
    assert s["TELNETCONSOLE_ENABLED"] is False and s["REMOTE_CONTROL_ENABLED"] is False
    assert all(s["DOWNLOAD_HANDLERS"][k] is None for k in ("file", "s3", "ftp", "data"))
    assert s["ROBOTSTXT_OBEY"] is True and s["HTTPCACHE_ENABLED"] is False


def test_politeness_defaults_for_real_sites_and_near_zero_for_the_mirror(tmp_path):
    real = _settings(tmp_path)
    assert real["DOWNLOAD_DELAY"] >= 2 and real["CONCURRENT_REQUESTS_PER_DOMAIN"] == 1
    assert real["AUTOTHROTTLE_ENABLED"] is True and real["RETRY_TIMES"] >= 2
    mirrored = _settings(tmp_path, A6WATCH_MIRROR_URL="http://127.0.0.1:8700")
    assert mirrored["DOWNLOAD_DELAY"] == 0 and mirrored["CONCURRENT_REQUESTS_PER_DOMAIN"] == 1
    hosts = crawl_config(mirrored).allowed_hosts
    assert {"unfccc.int", "cdm.unfccc.int", "a6partnership.org", "unepccc.org"} <= set(hosts)
    assert not any(h.startswith(("127.", "localhost")) for h in hosts)  # the mirror is never an allowed host


def test_a6watch_reaches_scrapy_as_one_typed_setting_that_hides_its_secrets(tmp_path):
    s = _settings(tmp_path, A6WATCH_DATABASE_URL="postgresql://a6watch:pgS3cr3t@db/a6watch",
                  A6WATCH_LANGUAGES="en,fr")
    assert [k for k in s if k.startswith("A6WATCH")] == [SETTING]  # not one flattened key per option
    config = crawl_config(s)
    assert config.source_id == "unfccc_documents" and config.settings.languages == ("en", "fr")
    assert config.settings.database_url.endswith("@db/a6watch")
    assert "pgS3cr3t" not in repr(s[SETTING])  # Scrapy logs its overridden settings


def test_a_crawl_set_up_without_a6watch_settings_says_so(tmp_path):
    import pytest

    from core.errors import ConfigError

    with pytest.raises(ConfigError, match="no A6WATCH setting"):
        crawl_config({"BOT_NAME": "x"})
