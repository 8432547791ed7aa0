"""A cache of the validated catalog, so that a warm start never imports YAML.

:func:`load_catalog_cached` lists the scenario files exactly as
:func:`~partways.scenario.catalog_core.find_files` does and builds a key from the
partways version, :data:`CACHE_FORMAT` and, for every file in order, its display
path, resolved path, ``st_mtime_ns``, ``st_ctime_ns`` and ``st_size``. When the cache file holds a
JSON document with the same key, the catalog is rebuilt from it (the frozen
dataclasses of :mod:`partways.scenario.model`, marks and problems included);
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

from partways.fileio import read_regular
from partways.scenario.catalog_core import Catalog, PathLike, find_files
from partways.scenario.codes import CODES
from partways.scenario.diagnostics import Diagnostic
from partways.scenario.model import Choice, Mark, Node, Scenario
from partways.scenario.rules import scenario_problems

__all__ = ["CACHE_FORMAT", "MAX_CACHE_BYTES", "cache_key", "load_catalog_cached"]

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

    from partways.scenario.catalog import load_catalog

    catalog = load_catalog(paths)
    if key is not None:
        # A read-only folder, a full disk...: the catalog is still good.
        with contextlib.suppress(Exception):
            _write(cache_file, key, catalog)
    return catalog


# -- reading ------------------------------------------------------------------


class _Invalid(Exception):
    """The cache document is not what :func:`_write` writes for a valid catalog."""


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
        data = _fields(document, _DOCUMENT_KEYS)
        if data["key"] != key:
            return None
        catalog = Catalog(
            scenarios=[_scenario(item) for item in _list(data["scenarios"])],
            problems=_problems(data["problems"]),
        )
        _check(catalog, files)
    except _Invalid:
        return None
    return catalog


def _check(catalog: Catalog, files: Sequence[tuple[Path, str]]) -> None:
    """Raise :class:`_Invalid` unless ``catalog`` is one :func:`load_catalog` could give
    for ``files``: each file in order gave either a valid scenario or its problems,
    and no two scenarios share an id."""
    scenarios = iter(catalog.scenarios)
    scenario = next(scenarios, None)
    displays = iter(catalog.problems)
    display = next(displays, None)
    ids: set[str] = set()
    for path, shown in files:
        if scenario is not None and scenario.path == path:
            if scenario.id in ids or scenario_problems(scenario):
                raise _Invalid("a scenario that breaks the rules")
            ids.add(scenario.id)
            scenario = next(scenarios, None)
        elif display is not None and display == shown:
            display = next(displays, None)
        else:
            raise _Invalid("the catalog does not match the files")
    if scenario is not None or display is not None:
        raise _Invalid("the catalog does not match the files")


def _problems(data: Any) -> dict[str, list[Diagnostic]]:
    problems: dict[str, list[Diagnostic]] = {}
    for entry in _list(data):
        display, diags = _tuple(entry, 2)
        shown = _str(display)
        if shown in problems:
            raise _Invalid("a file listed twice")
        found = [_diagnostic(d) for d in _list(diags)]
        if not found or any(d.path != shown for d in found):
            raise _Invalid("problems that belong to no file")
        problems[shown] = found
    return problems


def _scenario(data: Any) -> Scenario:
    fields = _fields(data, _SCENARIO_KEYS)
    path = _opt_str(fields["path"])
    return Scenario(
        id=_str(fields["id"]),
        title=_str(fields["title"]),
        language=_str(fields["language"]),
        reaction=_str(fields["reaction"]),
        reason=_str(fields["reason"]),
        summary=_str(fields["summary"]),
        client=_str(fields["client"]),
        start=_str(fields["start"]),
        nodes={_str(name): _node(node) for name, node in _dict(fields["nodes"]).items()},
        difficulty=_int(fields["difficulty"]),
        you=_opt_str(fields["you"]),
        format=_int(fields["format"]),
        path=None if path is None else Path(path),
        id_mark=_mark(fields["id_mark"]),
    )


def _node(data: Any) -> Node:
    fields = _fields(data, _NODE_KEYS)
    return Node(
        id=_str(fields["id"]),
        client=_opt_str(fields["client"]),
        mood=_opt_str(fields["mood"]),
        tip=_opt_str(fields["tip"]),
        choices=tuple(_choice(choice) for choice in _list(fields["choices"])),
        reply={_str(k): _str(v) for k, v in _dict(fields["reply"]).items()},
        ending=_opt_str(fields["ending"]),
        lesson=_opt_str(fields["lesson"]),
        mark=_mark(fields["mark"]),
    )


def _choice(data: Any) -> Choice:
    say, next_, coach, tags, mark = _tuple(data, 5)
    return Choice(
        say=_str(say),
        next=_str(next_),
        coach=_str(coach),
        tags=tuple(_str(tag) for tag in _list(tags)),
        mark=_mark(mark),
    )


def _mark(data: Any) -> Mark:
    line, column = (_int(n) for n in _tuple(data, 2))
    if line < 1 or column < 1:
        raise _Invalid("a position is 1-based")
    return Mark(line, column)


def _diagnostic(data: Any) -> Diagnostic:
    path, line, column, code, message = _tuple(data, 5)
    mark = _mark([line, column])
    if code not in CODES:
        raise _Invalid("an unknown problem code")
    return Diagnostic(_str(path), mark.line, mark.column, _str(code), _str(message))


_DOCUMENT_KEYS = frozenset({"key", "scenarios", "problems"})
_SCENARIO_KEYS = frozenset(
    {
        "id",
        "title",
        "language",
        "reaction",
        "reason",
        "summary",
        "client",
        "start",
        "nodes",
        "difficulty",
        "you",
        "format",
        "path",
        "id_mark",
    }
)
_NODE_KEYS = frozenset(
    {"id", "client", "mood", "tip", "choices", "reply", "ending", "lesson", "mark"}
)


def _fields(value: Any, keys: frozenset[str]) -> dict[str, Any]:
    """An object with exactly ``keys``."""
    data = _dict(value)
    if data.keys() != keys:
        raise _Invalid("an object with other keys")
    return data


def _tuple(value: Any, size: int) -> list[Any]:
    data = _list(value)
    if len(data) != size:
        raise _Invalid(f"expected a list of {size}")
    return data


def _str(value: Any) -> str:
    if type(value) is not str:
        raise _Invalid("expected a string")
    return value


def _opt_str(value: Any) -> str | None:
    return None if value is None else _str(value)


def _int(value: Any) -> int:
    if type(value) is not int:
        raise _Invalid("expected an integer")
    return value


def _dict(value: Any) -> dict[str, Any]:
    if type(value) is not dict:
        raise _Invalid("expected an object")
    return value


def _list(value: Any) -> list[Any]:
    if type(value) is not list:
        raise _Invalid("expected a list")
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
    if len(payload) > MAX_CACHE_BYTES:
        return  # it would be ignored when read
    # A temporary file renamed over the old one: a FIFO or a symlink planted at
    # ``cache_file`` is replaced, never opened or followed.
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
