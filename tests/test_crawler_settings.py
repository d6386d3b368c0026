"""The Scrapy settings every crawl runs with: polite, no control surfaces, no local-file handlers."""

from a6watch.config import load_settings
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
    hosts = mirrored["A6WATCH_ALLOWED_HOSTS"]
    assert {"unfccc.int", "cdm.unfccc.int", "a6partnership.org", "unepccc.org"} <= set(hosts)
    assert not any(h.startswith(("127.", "localhost")) for h in hosts)  # the mirror is never an allowed host
