"""A cache of the validated catalog, so that a warm start never imports YAML.

:func:`load_catalog_cached` lists the scenario files exactly as
:func:`~partways.scenario.catalog_core.find_files` does and builds a key from the
partways version, :data:`CACHE_FORMAT` and, for every file in order, its display
path, resolved path, ``st_mtime_ns``, ``st_ctime_ns`` and ``st_size``. When the cache file holds a
JSON document with the same key, the catalog is rebuilt from it (the frozen
dataclasses of :mod:`partways.scenario.model`, marks and problems included);
otherwise the files are loaded for real and the cache is rewritten.

The cache is only ever a shortcut: anything wrong with it (missing, unreadable,
corrupt, another shape) means loading the files again, and failing to write it
still returns the catalog. Nothing here imports YAML, the loader or Textual at
module level.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from partways.scenario.catalog_core import Catalog, PathLike, find_files
from partways.scenario.diagnostics import Diagnostic
from partways.scenario.model import Choice, Mark, Node, Scenario

__all__ = ["CACHE_FORMAT", "cache_key", "load_catalog_cached"]

#: Bump when the document's shape (or what the loader puts in a Scenario) changes.
CACHE_FORMAT = 1


def cache_key(paths: Sequence[PathLike]) -> dict[str, Any]:
    """What the cached catalog was built from (JSON-shaped, compared with ``==``)."""
    import partways

    files: list[list[Any]] = []
    for path, display in find_files(paths):
        try:
            real = os.path.realpath(path)
        except (OSError, ValueError):
            real = str(path)
        try:
            st = os.stat(path)
            stamp: list[Any] = [st.st_mtime_ns, st.st_ctime_ns, st.st_size]
        except (OSError, ValueError):
            stamp = [None, None]  # loading it reports the problem; the key still differs
        files.append([display, real, *stamp])
    return {"partways": partways.__version__, "format": CACHE_FORMAT, "files": files}


def load_catalog_cached(paths: Sequence[PathLike], cache_file: Path) -> Catalog:
    """The catalog of the files under ``paths``, from ``cache_file`` when it is current."""
    try:
        key: dict[str, Any] | None = cache_key(paths)
    except Exception:  # listing failed: let the real loader report whatever it is
        key = None
    if key is not None:
        try:
            cached = _read(cache_file, key)
        except Exception:  # any problem with the cache only means loading again
            cached = None
        if cached is not None:
            return cached

    from partways.scenario.catalog import load_catalog

    catalog = load_catalog(paths)
    if key is not None:
        # A read-only folder, a full disk...: the catalog is still good.
        with contextlib.suppress(Exception):
            _write(cache_file, key, catalog)
    return catalog


# -- reading ------------------------------------------------------------------


def _read(cache_file: Path, key: dict[str, Any]) -> Catalog | None:
    try:
        raw = Path(cache_file).read_bytes()
    except OSError:
        return None
    document = json.loads(raw)
    if not isinstance(document, dict) or document.get("key") != key:
        return None
    return Catalog(
        scenarios=[_scenario(item) for item in _list(document["scenarios"])],
        problems={
            _str(display): [_diagnostic(d) for d in _list(diags)]
            for display, diags in _list(document["problems"])
        },
    )


def _scenario(data: dict[str, Any]) -> Scenario:
    path = _opt_str(data["path"])
    return Scenario(
        id=_str(data["id"]),
        title=_str(data["title"]),
        language=_str(data["language"]),
        reaction=_str(data["reaction"]),
        reason=_str(data["reason"]),
        summary=_str(data["summary"]),
        client=_str(data["client"]),
        start=_str(data["start"]),
        nodes={_str(name): _node(node) for name, node in _dict(data["nodes"]).items()},
        difficulty=_int(data["difficulty"]),
        you=_opt_str(data["you"]),
        format=_int(data["format"]),
        path=None if path is None else Path(path),
        id_mark=_mark(data["id_mark"]),
    )


def _node(data: dict[str, Any]) -> Node:
    return Node(
        id=_str(data["id"]),
        client=_opt_str(data["client"]),
        mood=_opt_str(data["mood"]),
        tip=_opt_str(data["tip"]),
        choices=tuple(_choice(choice) for choice in _list(data["choices"])),
        reply={_str(k): _str(v) for k, v in _dict(data["reply"]).items()},
        ending=_opt_str(data["ending"]),
        lesson=_opt_str(data["lesson"]),
        mark=_mark(data["mark"]),
    )


def _choice(data: list[Any]) -> Choice:
    say, next_, coach, tags, mark = data
    return Choice(
        say=_str(say),
        next=_str(next_),
        coach=_str(coach),
        tags=tuple(_str(tag) for tag in _list(tags)),
        mark=_mark(mark),
    )


def _mark(data: list[Any]) -> Mark:
    line, column = data
    return Mark(_int(line), _int(column))


def _diagnostic(data: list[Any]) -> Diagnostic:
    path, line, column, code, message = data
    return Diagnostic(_str(path), _int(line), _int(column), _str(code), _str(message))


def _str(value: Any) -> str:
    if type(value) is not str:
        raise TypeError("expected a string")
    return value


def _opt_str(value: Any) -> str | None:
    return None if value is None else _str(value)


def _int(value: Any) -> int:
    if type(value) is not int:
        raise TypeError("expected an integer")
    return value


def _dict(value: Any) -> dict[str, Any]:
    if type(value) is not dict:
        raise TypeError("expected an object")
    return value


def _list(value: Any) -> list[Any]:
    if type(value) is not list:
        raise TypeError("expected a list")
    return value


# -- writing ------------------------------------------------------------------


def _write(cache_file: Path, key: dict[str, Any], catalog: Catalog) -> None:
    from partways.store.storage import atomic_write

    document = {
        "key": key,
        "scenarios": [_scenario_json(s) for s in catalog.scenarios],
        "problems": [
            [display, [[d.path, d.line, d.column, d.code, d.message] for d in diags]]
            for display, diags in catalog.problems.items()
        ],
    }
    # ASCII only: a lone surrogate (an undecodable file name) survives the round trip.
    payload = json.dumps(document, separators=(",", ":")).encode("ascii")
    atomic_write(Path(cache_file), payload)


def _scenario_json(scenario: Scenario) -> dict[str, Any]:
    return {
        "id": scenario.id,
        "title": scenario.title,
        "language": scenario.language,
        "reaction": scenario.reaction,
        "reason": scenario.reason,
        "summary": scenario.summary,
        "client": scenario.client,
        "start": scenario.start,
        "nodes": {name: _node_json(node) for name, node in scenario.nodes.items()},
        "difficulty": scenario.difficulty,
        "you": scenario.you,
        "format": scenario.format,
        "path": None if scenario.path is None else str(scenario.path),
        "id_mark": [scenario.id_mark.line, scenario.id_mark.column],
    }


def _node_json(node: Node) -> dict[str, Any]:
    return {
        "id": node.id,
        "client": node.client,
        "mood": node.mood,
        "tip": node.tip,
        "choices": [
            [c.say, c.next, c.coach, list(c.tags), [c.mark.line, c.mark.column]]
            for c in node.choices
        ],
        "reply": dict(node.reply),
        "ending": node.ending,
        "lesson": node.lesson,
        "mark": [node.mark.line, node.mark.column],
    }
