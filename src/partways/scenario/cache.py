"""A cache of the validated catalog, so that a warm start never imports YAML.

:func:`load_catalog_cached` lists the scenario files exactly as
:func:`~partways.scenario.catalog.find_files` does and builds a key from the
partways version, :data:`CACHE_FORMAT` and, for every file in order, its display
path, resolved path, ``st_mtime_ns``, ``st_ctime_ns`` and ``st_size``. When the cache file holds a
JSON document with the same key, the catalog is rebuilt from it (the frozen
dataclasses of :mod:`partways.scenario.model`, marks and problems included,
through :mod:`partways.scenario.codec`);
otherwise the files are loaded for real and the cache is rewritten.

The cache is only ever a shortcut, and it is not trusted: it may have been
edited, truncated or replaced by something that is not a file. It is read with
:func:`~partways.fileio.read_regular` (a regular file, at most
:data:`MAX_CACHE_BYTES`; a FIFO or a device is never opened for reading), and
what it decodes to must be exactly what :func:`load_catalog` gives for the
listed files: every value of the expected type, each file in order either a
scenario or its problems, ids unique, and every scenario keeping every rule of
the format (:func:`partways.scenario.rules.scenario_problems`: ids and text free
of control characters, every ``start``/``next``/reply target a node, enums in
range, every node reachable and able to reach an ending...). Anything else
(missing, unreadable, corrupt, another shape, a broken rule) means loading the
files again and rewriting the cache; failing to write it still returns the
catalog. Nothing here imports YAML, the loader or Textual at module level.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from partways.fileio import atomic_write, read_regular
from partways.scenario import catalog as catalog_module
from partways.scenario.cards import Card, decode_cards, encode_cards
from partways.scenario.catalog import Catalog, PathLike, find_files
from partways.scenario.codec import Invalid, decode, encode
from partways.scenario.diagnostics import Diagnostic
from partways.scenario.model import Scenario
from partways.scenario.rules import scenario_problems

__all__ = [
    "CACHE_FORMAT",
    "MAX_CACHE_BYTES",
    "cache_key",
    "index_file",
    "load_cards_cached",
    "load_catalog_cached",
    "load_one_cached",
]

#: Bump when the document's shape (or what the loader puts in a Scenario) changes.
CACHE_FORMAT = 1
#: A cache file larger than this is ignored (and a catalog that would need more is not
#: cached): the bundled packs take about 32 KiB.
MAX_CACHE_BYTES = 32 * 1024 * 1024


def cache_key(paths: Sequence[PathLike]) -> dict[str, Any]:
    """What the cached catalog was built from (JSON-shaped, compared with ``==``)."""
    return _key(find_files(paths))


def _key(files: Sequence[tuple[Path, str]]) -> dict[str, Any]:
    import partways

    listed: list[list[Any]] = []
    for path, display in files:
        try:
            real = os.path.realpath(path)
        except (OSError, ValueError):
            real = str(path)
        try:
            st = os.stat(path)
            stamp: list[Any] = [st.st_mtime_ns, st.st_ctime_ns, st.st_size]
        except (OSError, ValueError):
            stamp = [None, None]  # loading it reports the problem; the key still differs
        listed.append([display, real, *stamp])
    return {"partways": partways.__version__, "format": CACHE_FORMAT, "files": listed}


def load_catalog_cached(paths: Sequence[PathLike], cache_file: Path) -> Catalog:
    """The catalog of the files under ``paths``, from ``cache_file`` when it is current
    and what it holds keeps every rule a freshly loaded catalog keeps."""
    files: list[tuple[Path, str]] = []
    key: dict[str, Any] | None = None
    try:
        files = find_files(paths)
        key = _key(files)
    except Exception:  # listing failed: let the real loader report whatever it is
        key = None
    if key is not None:
        try:
            cached = _read(cache_file, key, files)
        except Exception:  # a last resort: any problem with the cache only means loading again
            cached = None
        if cached is not None:
            return cached

    catalog = catalog_module.load_catalog(paths)
    if key is not None:
        # A read-only folder, a full disk...: the catalog is still good.
        with contextlib.suppress(Exception):
            _write(cache_file, key, catalog)
    return catalog


def index_file(cache_file: Path) -> Path:
    """The small index of what the list shows, beside the catalog cache."""
    return cache_file.with_name(cache_file.name + ".index")


def load_cards_cached(paths: Sequence[PathLike], cache_file: Path) -> list[Card] | None:
    """The cards of the scenarios under ``paths`` from the index beside ``cache_file``,
    when it is current (the same key as a fresh listing) and well formed; else None.

    Only a shortcut for the first screen: the catalog itself is loaded (and checked)
    behind it, and replaces these cards when it arrives.
    """
    try:
        key = _key(find_files(paths))
        raw = read_regular(index_file(cache_file), MAX_CACHE_BYTES)
        document = json.loads(raw)
    except Exception:  # missing, unreadable, not JSON...: load the catalog instead
        return None
    if type(document) is not dict or document.keys() != {"key", "cards"}:
        return None
    if document["key"] != key:
        return None
    return decode_cards(document["cards"])


def load_one_cached(
    paths: Sequence[PathLike],
    cache_file: Path,
    *,
    scenario_id: str | None = None,
    path: Path | None = None,
) -> Scenario | None:
    """One scenario of the cached catalog — by id, or by the file it was read from —
    decoded and checked alone (``partways play`` needs no other before its first
    screen); None when the cache is not current or does not hold exactly one such
    scenario, and the caller loads the catalog instead."""
    try:
        files = find_files(paths)
        key = _key(files)
        document = json.loads(read_regular(cache_file, MAX_CACHE_BYTES))
        if type(document) is not dict or document.keys() != _DOCUMENT_KEYS:
            return None
        entries = document["scenarios"]
        if document["key"] != key or type(entries) is not list:
            return None
        wanted = os.path.realpath(path) if path is not None else None
        found = [
            entry
            for entry in entries
            if type(entry) is dict
            and (
                entry.get("id") == scenario_id
                if scenario_id is not None
                else type(entry.get("path")) is str and os.path.realpath(entry["path"]) == wanted
            )
        ]
        if len(found) != 1:
            return None
        scenario = decode(Scenario, found[0])
        same_id = sum(1 for e in entries if type(e) is dict and e.get("id") == scenario.id)
        listed = {listed_path for listed_path, _ in files}
        if same_id != 1 or scenario.path not in listed or scenario_problems(scenario):
            return None
        return scenario
    except Exception:  # a shortcut only: any problem means loading the catalog
        return None


# -- reading ------------------------------------------------------------------


def _read(
    cache_file: Path, key: dict[str, Any], files: Sequence[tuple[Path, str]]
) -> Catalog | None:
    """The catalog in ``cache_file``, or None when it is absent, stale or not to be trusted."""
    try:
        raw = read_regular(cache_file, MAX_CACHE_BYTES)
    except OSError:  # missing, a FIFO, a device, a folder, too big, a symlink loop...
        return None
    try:
        document = json.loads(raw)
    except (ValueError, RecursionError):  # not JSON, not UTF-8, nested too deep, huge int
        return None
    try:
        if type(document) is not dict or document.keys() != _DOCUMENT_KEYS:
            raise Invalid("a document with other keys")
        if document["key"] != key:
            return None
        catalog = Catalog(
            scenarios=list(decode(tuple[Scenario, ...], document["scenarios"])),
            problems=_problems(document["problems"]),
        )
        _check(catalog, files)
    except Invalid:
        return None
    return catalog


def _check(catalog: Catalog, files: Sequence[tuple[Path, str]]) -> None:
    """Raise :class:`~partways.scenario.codec.Invalid` unless ``catalog`` is one
    :func:`~partways.scenario.catalog.load_catalog` could give for ``files``: each
    file in order gave either a valid scenario or its problems, and no two
    scenarios share an id."""
    scenarios = iter(catalog.scenarios)
    scenario = next(scenarios, None)
    displays = iter(catalog.problems)
    display = next(displays, None)
    ids: set[str] = set()
    for path, shown in files:
        if scenario is not None and scenario.path == path:
            if scenario.id in ids or scenario_problems(scenario):
                raise Invalid("a scenario that breaks the rules")
            ids.add(scenario.id)
            scenario = next(scenarios, None)
        elif display is not None and display == shown:
            display = next(displays, None)
        else:
            raise Invalid("the catalog does not match the files")
    if scenario is not None or display is not None:
        raise Invalid("the catalog does not match the files")


def _problems(data: Any) -> dict[str, list[Diagnostic]]:
    """``[[display, [diagnostic, ...]], ...]`` as display -> its problems, in order."""
    problems: dict[str, list[Diagnostic]] = {}
    for display, diags in decode(tuple[tuple[str, tuple[Diagnostic, ...]], ...], data):
        if display in problems:
            raise Invalid("a file listed twice")
        if not diags or any(d.path != display for d in diags):
            raise Invalid("problems that belong to no file")
        problems[display] = list(diags)
    return problems


_DOCUMENT_KEYS = frozenset({"key", "scenarios", "problems"})


# -- writing ------------------------------------------------------------------


def _write(cache_file: Path, key: dict[str, Any], catalog: Catalog) -> None:
    document = {
        "key": key,
        "scenarios": encode(catalog.scenarios),
        "problems": [[display, encode(diags)] for display, diags in catalog.problems.items()],
    }
    # ASCII only: a lone surrogate (an undecodable file name) survives the round trip.
    payload = json.dumps(document, separators=(",", ":")).encode("ascii")
    if len(payload) > MAX_CACHE_BYTES:
        return  # it would be ignored when read
    # A temporary file renamed over the old one: a FIFO or a symlink planted at
    # ``cache_file`` is replaced, never opened or followed.
    atomic_write(Path(cache_file), payload)
    index = {"key": key, "cards": encode_cards(catalog.scenarios)}
    atomic_write(index_file(Path(cache_file)), json.dumps(index).encode("ascii"))
