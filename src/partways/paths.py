"""Where partways finds scenario packs, keeps its data and caches what it can rebuild."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

SCENARIOS_ENV = "PARTWAYS_SCENARIOS"
DATA_DIR_ENV = "PARTWAYS_DATA_DIR"
CACHE_DIR_ENV = "PARTWAYS_CACHE_DIR"
#: The validated catalog of the scenario packs, kept between starts.
CATALOG_CACHE = "catalog.json"


def bundled_scenarios() -> Path:
    """The packs shipped with partways (inside the wheel, or the repo's scenarios/)."""
    here = Path(__file__).resolve().parent
    shipped = here / "_bundled_scenarios"
    if shipped.is_dir():
        return shipped
    return here.parent.parent / "scenarios"


def scenario_dirs(
    extra: Sequence[str | Path] = (), environ: Mapping[str, str] | None = None
) -> list[Path]:
    """The bundled folder, then ``PARTWAYS_SCENARIOS`` entries, then ``--scenarios`` ones."""
    env = os.environ if environ is None else environ
    dirs = [bundled_scenarios()]
    for entry in env.get(SCENARIOS_ENV, "").split(os.pathsep):
        if entry.strip():
            dirs.append(Path(entry.strip()).expanduser())
    dirs.extend(Path(item).expanduser() for item in extra)
    unique: dict[Path, None] = {}
    for item in dirs:
        unique.setdefault(item, None)
    return list(unique)


def data_dir(given: str | Path | None = None, environ: Mapping[str, str] | None = None) -> Path:
    """``--data-dir``, else ``PARTWAYS_DATA_DIR``, else the platform's user data folder."""
    env = os.environ if environ is None else environ
    if given:
        return Path(given).expanduser()
    if env.get(DATA_DIR_ENV):
        return Path(env[DATA_DIR_ENV]).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("partways", appauthor=False))


def cache_dir(environ: Mapping[str, str] | None = None) -> Path:
    """``PARTWAYS_CACHE_DIR``, else the platform's user cache folder.

    Only what partways can rebuild lives here (deleting it costs one slow start),
    so it is kept apart from the data folder and its history.
    """
    env = os.environ if environ is None else environ
    if env.get(CACHE_DIR_ENV):
        return Path(env[CACHE_DIR_ENV]).expanduser()
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("partways", appauthor=False))


def catalog_cache(environ: Mapping[str, str] | None = None) -> Path:
    """The file that keeps the validated catalog between starts."""
    return cache_dir(environ) / CATALOG_CACHE
