"""Configuration: the documented file, environment overrides, and clear errors naming the key."""

from pathlib import Path

import pytest

from core.config import load_settings
from core.errors import ConfigError

EXAMPLE = Path(__file__).resolve().parents[1] / "a6watch.example.toml"


def test_defaults_keep_everything_under_the_data_dir(tmp_path):
    s = load_settings(None, env={"A6WATCH_CONFIG": str(tmp_path / "none.toml")})
    assert s.languages == ("en",)
    assert s.politeness.download_delay >= 2.0 and s.politeness.concurrent_per_host == 1
    assert s.database_url == f"sqlite:///{s.data_dir / 'catalog.db'}"


def test_the_commented_example_file_loads():
    s = load_settings(EXAMPLE, env={})
    assert s.sources == ("unfccc_documents", "a64_sbm", "cdm_eb", "a6ip", "a62_bilateral", "registries")
    assert s.data_dir == (EXAMPLE.parent / "data").resolve()


def test_environment_overrides_the_file(tmp_path):
    cfg = tmp_path / "a6watch.toml"
    cfg.write_text('data_dir = "d"\nlanguages = ["en"]\n[politeness]\ndownload_delay = 3\n')
    s = load_settings(cfg, env={"A6WATCH_LANGUAGES": "en,fr", "A6WATCH_DOWNLOAD_DELAY": "5",
                                "A6WATCH_MIRROR_URL": "http://127.0.0.1:8700/"})
    assert s.languages == ("en", "fr")
    assert s.politeness.download_delay == 5
    assert s.mirror_url == "http://127.0.0.1:8700"
    assert s.data_dir == tmp_path / "d"


@pytest.mark.parametrize("text,key", [
    ('languages = ["en", "de"]', "languages"),
    ('sources = ["nope"]', "sources"),
    ('timezone = "Mars/Olympus"', "timezone"),
    ('mirror_url = "ftp://x"', "mirror_url"),
    ('[politeness]\ndownload_delay = "fast"', "politeness.download_delay"),
    ('[politeness]\ndownload_delay = -1', "politeness.download_delay"),
    ('[extraction]\nmemory_mb = 1', "extraction.memory_mb"),
    ('databse_url = "sqlite://"', "databse_url"),
    ('database_url = "mysql://x"', "database_url"),
    ('languages = [', "not valid TOML"),
])
def test_a_wrong_value_names_its_key(tmp_path, text, key):
    cfg = tmp_path / "a6watch.toml"
    cfg.write_text(text + "\n")
    with pytest.raises(ConfigError) as err:
        load_settings(cfg, env={})
    assert key in str(err.value)


def test_a_missing_explicit_config_file_is_an_error(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_settings(tmp_path / "missing.toml", env={})


@pytest.mark.parametrize("text,message", [
    ("[extraction]\nmemory_mb = inf\n", "extraction.memory_mb: expected a finite number, got inf"),
    ("[extraction]\ncpu_seconds = nan\n", "extraction.cpu_seconds: expected a finite number"),
    ("full_refresh_days = nan\n", "full_refresh_days: expected a finite number"),
    ("countdown_days = [nan]\n", "countdown_days: expected a finite number"),
    ("[politeness]\ndownload_delay = inf\n", "politeness.download_delay: expected a finite number"),
    ("serve_port = 99999\n", "serve_port: must be <= 65535"),
    ("[notify.email]\nport = 70000\n", "notify.email.port: must be <= 65535"),
])
def test_endless_undefined_and_impossible_numbers_are_one_line_errors(tmp_path, text, message):
    from tests.cli import a6watch

    (tmp_path / "a6watch.toml").write_text(text)
    proc = a6watch("db", "upgrade", cwd=tmp_path, env={"A6WATCH_DATA_DIR": str(tmp_path)})
    assert proc.returncode == 2 and message in proc.stderr and proc.stderr.count("\n") == 1


def test_a_config_file_that_is_not_utf8_is_a_one_line_error(tmp_path):
    from tests.cli import a6watch

    (tmp_path / "a6watch.toml").write_bytes(b'data_dir = "\xff\xfe"\n')
    proc = a6watch("db", "upgrade", cwd=tmp_path, env={"A6WATCH_DATA_DIR": str(tmp_path)})
    assert proc.returncode == 2 and "not UTF-8" in proc.stderr and proc.stderr.count("\n") == 1


def test_a_watchlist_given_as_one_string_is_that_term_not_its_letters(tmp_path):
    path = tmp_path / "a6watch.toml"
    path.write_text('[watchlists]\njcm = "JCM"\nca = "corresponding adjustment, CA"\n')
    settings = load_settings(path, env={})
    assert settings.watchlists["jcm"] == ("JCM",)
    assert settings.watchlists["ca"] == ("corresponding adjustment", "CA")


@pytest.mark.parametrize("command", [["db", "upgrade"], ["db", "current"], ["changes"], ["status"]])
def test_an_unreachable_postgresql_catalog_is_one_line_with_the_password_masked(tmp_path, command):
    from tests.cli import a6watch

    env = {"A6WATCH_DATA_DIR": str(tmp_path), "A6WATCH_CONFIG": str(tmp_path / "none.toml"),
           "A6WATCH_DATABASE_URL": "postgresql://a6watch:s3cretpw@127.0.0.1:1/a6watch"}
    proc = a6watch(*command, cwd=tmp_path, env=env)
    assert proc.returncode == 2 and "cannot open the catalog at postgresql://a6watch:***@127.0.0.1:1" in proc.stderr
    assert "s3cretpw" not in proc.stderr and proc.stderr.count("\n") == 1
