"""Load and validate one scenario file, strictly, with a position for every problem.

This is the public entry point. The work is done in three places:

- :mod:`partways.scenario.yaml_strict` reads the file (regular files only, size,
  UTF-8) and composes the YAML in one pass over the parser's events, refusing
  binary text, deep nesting, anchors and aliases as they come;
- :mod:`partways.scenario.yaml_nodes` walks the composed node tree with marks
  (duplicate keys, tag checks, types);
- :mod:`partways.scenario.validate` reads each level by its table of fields
  (:mod:`partways.scenario.schema`), checks the graph
  (:mod:`partways.scenario.graph`) and builds the model.

Every position in a diagnostic comes from one place,
:class:`partways.scenario.diagnostics.Lines`.
"""

from __future__ import annotations

import gc
from pathlib import Path

from partways.scenario.diagnostics import Code, Diagnostic, Lines, at_start
from partways.scenario.model import Scenario
from partways.scenario.validate import check_root
from partways.scenario.yaml_strict import (
    DEFAULT_LOADER,
    MAX_BYTES,
    MAX_DEPTH,
    compose,
    read_text,
)

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "load_file",
    "load_text",
]

#: The PyYAML loader class used to parse (tests swap it).
_LOADER: type = DEFAULT_LOADER


def load_text(
    text: str, display: str = "<string>", path: Path | None = None
) -> tuple[Scenario | None, list[Diagnostic]]:
    """Validate scenario ``text``; the Scenario is returned only when there are no problems."""
    lines = Lines(text)
    was_enabled = gc.isenabled()
    gc.disable()  # composing creates many objects and no cycles worth collecting
    try:
        root, problems = compose(text, display, _LOADER, lines)
        if problems:
            return None, problems
        return check_root(root, display, path, lines)
    finally:
        if was_enabled:
            gc.enable()


def load_file(path: Path, display: str | None = None) -> tuple[Scenario | None, list[Diagnostic]]:
    """Load and validate one scenario file. Never raises for a bad file.

    ``display`` is the path string diagnostics carry (defaults to ``str(path)``).
    """
    display = str(path) if display is None else display
    try:
        text, problem = read_text(Path(path), display)
        if problem is not None:
            return None, [problem]
        assert text is not None
        return load_text(text, display, Path(path))
    except Exception as exc:  # pragma: no cover - a last resort: never a traceback
        return None, [at_start(display, Code.UNREADABLE, f"cannot check the file: {exc!r}")]
