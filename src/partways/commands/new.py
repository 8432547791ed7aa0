"""``partways new ID [--lang L] [--reaction R] [--reason R] [-o FILE]``: write a small
valid scenario to start from. It never overwrites a file.

The skeleton's first line points an editor's YAML language server at
``partways-scenario.schema.json`` beside it; when no file of that name is there,
the schema is written too, so the editor checks the file from the first keystroke."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile

from partways.commands.common import PROG, UsageError

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from pathlib import Path


def cmd_new(options: argparse.Namespace) -> int:
    """Write the skeleton to ``-o FILE`` (default ``ID.yaml``); exit 2 for a bad id or a
    file that exists, 1 when it cannot be written."""
    from pathlib import Path

    from partways.fileio import describe
    from partways.scenario.schema import ID_RE
    from partways.scenario.skeleton import skeleton
    from partways.text import visible

    scenario_id: str = options.id
    if not ID_RE.fullmatch(scenario_id):
        raise UsageError(
            f"id '{visible(scenario_id)}' must be lowercase letters and digits, "
            "words joined by '-', like 'angry-late-payer'"
        )
    target = Path(options.output or f"{scenario_id}.yaml")
    shown = visible(str(target))
    text = skeleton(scenario_id, options.lang, options.reaction, options.reason)
    try:
        write_new(target, text.encode("utf-8"))
    except FileExistsError:
        raise UsageError(f"{shown} already exists; choose another file with -o") from None
    except OSError as error:
        print(f"{PROG}: error: cannot write {shown}: {describe(error)}", file=sys.stderr)
        return 1
    schema = _schema_beside(target)
    also = f" and {visible(str(schema))} (for your editor)" if schema else ""
    print(f"Wrote {shown}{also}. Check it with: {PROG} validate {shown} --cover")
    return 0


def _schema_beside(target: Path) -> Path | None:
    """Write the JSON Schema beside ``target`` unless a file of that name is there: the
    path written, or None (there already, or it could not be written: the scenario is
    fine without it)."""
    from partways.scenario.jsonschema import SCHEMA_NAME, dumps

    schema = target.parent / SCHEMA_NAME
    try:
        write_new(schema, dumps().encode("utf-8"))
    except OSError:
        return None
    return schema


def write_new(path: Path, payload: bytes) -> None:
    """Write ``payload`` to a new file ``path``, whole or not at all: a fsynced temporary
    file is linked to ``path``, which fails if ``path`` exists (nothing is replaced)."""
    if path.exists() or path.is_symlink():
        raise FileExistsError(path)
    folder = path.parent
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)  # an ordinary file, as an editor would make it
        os.link(tmp, path)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
