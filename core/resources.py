"""Files the code reads at run time, found by import wherever a6watch is installed (a wheel, an editable
install, a checkout): the migrations (``alembic/`` in the repository, the package ``a6watch_migrations``
once installed), the documentation (``docs/``, ``a6watch_docs``) and the sample site's data."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from core.errors import A6WatchError

MIGRATIONS = "a6watch_migrations"
DOCS = "a6watch_docs"


def package_dir(package: str) -> Path:
    """The folder of one of our packages, as the import system finds it. The resource packages have no
    ``__init__.py`` (a folder named ``alembic`` with one would hide the alembic library from code run in
    the checkout), so they are namespace packages; ``importlib.resources.files`` cannot read those in an
    editable install on Python 3.11 (its MultiplexedPath refuses the editable finder's path entry), so
    the folder comes from ``find_spec``, the first of its locations that is a folder."""
    spec = importlib.util.find_spec(package)
    for location in (spec.submodule_search_locations or []) if spec else []:
        if Path(location).is_dir():
            return Path(location)
    raise A6WatchError(f"{package} is missing from this installation: reinstall a6watch (pip install .)")


def read_text(package: str, name: str) -> str:
    """A text file shipped in one of our packages."""
    return (package_dir(package) / name).read_text(encoding="utf-8")


def read_bytes(package: str, name: str) -> bytes:
    return (package_dir(package) / name).read_bytes()
