"""Engine, sessions and migrations. A first connection upgrades the catalog by itself."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.orm import Session, sessionmaker

from alembic import command
from core.errors import A6WatchError
from core.resources import MIGRATIONS, package_dir

FTS_TABLE = "document_text_fts"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")  # with WAL: safe against crashes of the process
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def is_postgresql(url: str) -> bool:
    return url.startswith(("postgresql", "postgres:"))


def sqlite_path(url: str) -> Path | None:
    """The file of a ``sqlite:///`` catalog URL; None for another database or an in-memory one."""
    if not url.startswith("sqlite:///") or url == "sqlite:///:memory:":
        return None
    return Path(url.removeprefix("sqlite:///"))


def driver_url(url: str) -> str:
    """The URL SQLAlchemy opens: ``postgresql://`` means psycopg 3 (the driver we ship), not psycopg2."""
    for plain in ("postgresql://", "postgres://"):
        if url.startswith(plain):
            return "postgresql+psycopg://" + url.removeprefix(plain)
    return url


def _without_nul(value: Any) -> Any:
    return value.replace("\x00", "") if isinstance(value, str) and "\x00" in value else value


def _drop_nul_characters(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any,
                         executemany: bool) -> tuple[str, Any]:
    """PostgreSQL text cannot hold NUL, which PDFs and hostile pages do contain: it is dropped on both
    databases (it never carries meaning), so a NUL never loses a record and both catalogs hold the same."""
    if isinstance(parameters, dict):
        parameters = {k: _without_nul(v) for k, v in parameters.items()}
    elif isinstance(parameters, list | tuple):
        parameters = type(parameters)(
            {k: _without_nul(v) for k, v in p.items()} if isinstance(p, dict)
            else type(p)(_without_nul(v) for v in p) if isinstance(p, list | tuple) else _without_nul(p)
            for p in parameters)
    return statement, parameters


def display_url(url: str) -> str:
    """A catalog URL fit to print: the password masked."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - an unparsable URL is shown without its credentials part
        return url.split("@")[-1]


def make_engine(url: str, *, session_options: str = "") -> Engine:
    """An engine for a catalog URL; ``session_options`` adds PostgreSQL settings (``-c name=value``)."""
    path = sqlite_path(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    if is_postgresql(url):
        # Timestamps are stored as UTC wall-clock times; the session time zone must not shift them.
        engine = create_engine(driver_url(url), future=True, pool_pre_ping=True,
                               connect_args={"options": f"-c timezone=UTC {session_options}".strip()})
    else:
        engine = create_engine(url, future=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    event.listen(engine, "before_cursor_execute", _drop_nul_characters, retval=True)
    return engine


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(package_dir(MIGRATIONS)))
    cfg.set_main_option("sqlalchemy.url", driver_url(url).replace("%", "%%"))
    return cfg


MIGRATION_LOCK = 4206_0006  # PostgreSQL advisory lock id: one migrating process at a time


@contextmanager
def reachable(url: str) -> Iterator[None]:
    """A catalog that cannot be opened (server unreachable, wrong password, unwritable file) is one
    line that names it, password masked, never a traceback."""
    from sqlalchemy.exc import OperationalError

    try:
        yield
    except OperationalError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc).splitlines()[0]
        raise A6WatchError(f"cannot open the catalog at {display_url(url)}: {reason}") from exc


def upgrade(url: str, revision: str = "head") -> None:
    """Migrate, one process at a time: workers started together on a new catalog must not race to
    create the same tables (the second waits, then finds the schema current)."""
    if is_postgresql(url):
        from sqlalchemy import text

        engine = make_engine(url)
        try:
            with engine.connect() as con:
                con.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": MIGRATION_LOCK})
                cfg = alembic_config(url)
                cfg.attributes["connection"] = con
                command.upgrade(cfg, revision)
                con.commit()  # the lock goes with the transaction
        finally:
            engine.dispose()
        return
    path = sqlite_path(url)
    if path is not None:
        import fcntl

        lock_path = path.with_name(path.name + ".migrate.lock")
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        with lock_path.open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            command.upgrade(alembic_config(url), revision)
        return
    command.upgrade(alembic_config(url), revision)


def downgrade(url: str, revision: str) -> None:
    command.downgrade(alembic_config(url), revision)


def revision_of(engine: Engine) -> str | None:
    """The catalog's schema revision, or None for an empty database."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        heads = MigrationContext.configure(conn).get_current_heads()
        return ",".join(heads) or None


def is_current(engine: Engine) -> bool:
    from alembic.script import ScriptDirectory

    current = revision_of(engine)
    script = ScriptDirectory.from_config(alembic_config(str(engine.url)))
    return current is not None and set(current.split(",")) == set(script.get_heads())


class Catalog:
    """One catalog: an engine and a session factory, upgraded to the newest schema on open."""

    def __init__(self, url: str, *, auto_upgrade: bool = True) -> None:
        self.url = url
        self.engine = make_engine(url)
        try:
            with reachable(url):
                if auto_upgrade and not is_current(self.engine):
                    upgrade(url)
        except A6WatchError:
            self.engine.dispose()
            raise
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A transaction: committed when the block ends, rolled back on any error."""
        with self._sessions() as session, session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()
