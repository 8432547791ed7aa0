"""Strict YAML reading: the file's text, and a composed node tree, or why not.

The YAML is *composed* (never constructed): the caller walks PyYAML's node tree
(see :mod:`partways.scenario.yaml_nodes`), so nothing in a file can build a
Python object or run code.

Cheap guards run before composing, because PyYAML's composer is recursive (the
pure-Python one raises RecursionError, the C one can crash the process on deep
nesting) and because aliases can expand exponentially ("billion laughs"). When a
quick scan of the text says nesting *could* be deep, or that anchors could be
present, the event stream is scanned (and abandoned as soon as the nesting is too
deep) before anything is composed.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import yaml
from yaml.events import (
    AliasEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    NodeEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from yaml.nodes import Node

from partways.scenario.diagnostics import Diagnostic

#: Files larger than this are refused before parsing.
MAX_BYTES = 5 * 1024 * 1024
#: Deepest nesting of YAML collections accepted (a valid scenario needs 6).
MAX_DEPTH = 64
#: The fastest safe loader available.
DEFAULT_LOADER: type = (
    yaml.CSafeLoader if getattr(yaml, "__with_libyaml__", False) else yaml.SafeLoader
)

_CONTROL_NAMES = {
    0x00: "NUL",
    0x07: "BEL",
    0x08: "BS",
    0x0B: "VT",
    0x0C: "FF",
    0x0D: "CR",
    0x1B: "ESC",
    0x7F: "DEL",
}
#: Characters PyYAML's reader refuses in a file.
_NON_PRINTABLE_RE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)

# --- the cheap pre-scan ------------------------------------------------------
# Block nesting needs indentation or compact indicators ("- - x") at the start
# of a line: each level moves the first token right, at least every other level.
_DEEP_BLOCK_RE = re.compile(r"^[ \t?:-]{24,}", re.MULTILINE)
# A flow collection that closes before any other bracket, quote, comment, tag,
# anchor or alias can never hold another collection ("[a, b]", "{client}").
_CLOSED_FLOW_RE = re.compile(r"[\[{][^\[\]{}\"'#!&*\n]*[\]}]")
_MAX_OPEN_FLOW = 12


def control_name(ch: str) -> str:
    code = ord(ch)
    name = _CONTROL_NAMES.get(code)
    return f"U+{code:04X} ({name})" if name else f"U+{code:04X}"


def position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index."""
    line = text.count("\n", 0, index) + 1
    start = text.rfind("\n", 0, index) + 1
    return line, index - start + 1


def diag(display: str, line: int, column: int, code: str, message: str) -> Diagnostic:
    return Diagnostic(display, line, column, code, message)


def yaml_error(display: str, text: str, exc: yaml.YAMLError) -> Diagnostic:
    if isinstance(exc, yaml.reader.ReaderError):
        return _reader_error(display, text)
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = getattr(exc, "problem", None) or str(exc)
    if isinstance(exc, yaml.composer.ComposerError):
        if problem.startswith("found undefined alias"):
            return diag(
                display, line, column, "PW005", "aliases (*name) are not allowed; write it out"
            )
        if "expected a single document" in (getattr(exc, "context", None) or ""):
            return diag(
                display,
                line,
                column,
                "PW003",
                "invalid YAML: a file holds one scenario, but a second document starts here",
            )
    context = getattr(exc, "context", None)
    detail = f"{problem} ({context})" if context else problem
    return diag(display, line, column, "PW003", f"invalid YAML: {detail}")


def _reader_error(display: str, text: str) -> Diagnostic:
    bad = _NON_PRINTABLE_RE.search(text)
    if bad is None:  # pragma: no cover - the reader only fails on such characters
        return diag(display, 1, 1, "PW001", "the file is not readable text")
    line, column = position(text, bad.start())
    return diag(
        display,
        line,
        column,
        "PW203",
        f"control character {control_name(bad.group())} in the file; remove it",
    )


def _needs_event_scan(text: str) -> bool:
    if "&" in text or _DEEP_BLOCK_RE.search(text):
        return True
    opened = text.count("[") + text.count("{")
    if opened <= _MAX_OPEN_FLOW:
        return False
    return opened - len(_CLOSED_FLOW_RE.findall(text)) > _MAX_OPEN_FLOW


def _event_diag(display: str, event: Event, code: str, message: str) -> Diagnostic:
    m = event.start_mark
    # The parsers mark every event they emit; the (1, 1) fallback only mirrors the stub's Optional.
    line, column = (m.line + 1, m.column + 1) if m is not None else (1, 1)
    return diag(display, line, column, code, message)


def _event_scan(text: str, display: str, loader: type) -> list[Diagnostic]:
    """Anchors, aliases and depth from the event stream, abandoned when too deep."""
    found: list[Diagnostic] = []
    depth = 0
    starts = (SequenceStartEvent, MappingStartEvent)
    ends = (SequenceEndEvent, MappingEndEvent)
    try:
        for event in yaml.parse(text, Loader=loader):
            cls = event.__class__
            if cls in starts:
                depth += 1
                if depth > MAX_DEPTH:
                    found.append(
                        _event_diag(
                            display,
                            event,
                            "PW007",
                            f"nested too deeply: more than {MAX_DEPTH} levels of lists and "
                            "mappings",
                        )
                    )
                    return found
            elif cls in ends:
                depth -= 1
            if isinstance(event, NodeEvent):
                anchor = event.anchor
                if cls is AliasEvent:
                    found.append(
                        _event_diag(
                            display,
                            event,
                            "PW005",
                            f"alias '*{anchor}' is not allowed; write the value out in full",
                        )
                    )
                elif anchor is not None:
                    found.append(
                        _event_diag(
                            display,
                            event,
                            "PW005",
                            f"anchor '&{anchor}' is not allowed; write the value out in full",
                        )
                    )
    except yaml.YAMLError as exc:
        found.append(yaml_error(display, text, exc))
    except RecursionError:  # pragma: no cover - the parsers are not recursive
        found.append(diag(display, 1, 1, "PW007", "nested too deeply"))
    return found


def by_position(diags: list[Diagnostic]) -> list[Diagnostic]:
    return sorted(diags, key=lambda d: (d.line, d.column, d.code))


def guard(text: str, display: str, loader: type) -> list[Diagnostic]:
    """Problems found before composing (binary text, anchors, aliases, deep nesting)."""
    if "\x00" in text:
        line, column = position(text, text.index("\x00"))
        return [diag(display, line, column, "PW001", "binary file (NUL byte); a scenario is text")]
    if _needs_event_scan(text):
        early = _event_scan(text, display, loader)
        if early:
            return by_position(early)
    return []


def compose(text: str, display: str, loader: type) -> tuple[Node | None, Diagnostic | None]:
    """The composed root node (None for an empty file), or why the YAML is unusable.

    The caller decides about the garbage collector: composing creates many objects.
    """
    try:
        return yaml.compose(text, Loader=loader), None
    except yaml.YAMLError as exc:
        return None, yaml_error(display, text, exc)
    except RecursionError:
        return None, diag(
            display, 1, 1, "PW007", f"nested too deeply: more than {MAX_DEPTH} levels"
        )


def read_text(path: Path, display: str) -> tuple[str | None, Diagnostic | None]:
    """The file's text, or the reason it cannot be used."""
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            return None, diag(display, 1, 1, "PW008", "cannot read: it is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            return None, diag(display, 1, 1, "PW008", "cannot read: not a regular file")
        if info.st_size > MAX_BYTES:
            return None, _too_big(display, info.st_size)
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return None, diag(display, 1, 1, "PW008", "cannot read: no such file")
    except PermissionError:
        return None, diag(display, 1, 1, "PW008", "cannot read: permission denied")
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        return None, diag(display, 1, 1, "PW008", f"cannot read: {reason.lower()}")
    if len(data) > MAX_BYTES:
        return None, _too_big(display, len(data))
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        good = data[: exc.start]
        bom = 1 if good.startswith(b"\xef\xbb\xbf") else 0
        line = good.count(b"\n") + 1
        column = (
            len(good[good.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1 - bom * (line == 1)
        )
        byte = data[exc.start]
        return None, diag(
            display,
            line,
            column,
            "PW001",
            f"not UTF-8 text (byte 0x{byte:02x}); save the file as UTF-8",
        )


def _too_big(display: str, size: int) -> Diagnostic:
    mib = size / (1024 * 1024)
    return diag(
        display,
        1,
        1,
        "PW002",
        f"file is too big ({mib:.1f} MiB); a scenario file may be at most 5 MiB",
    )
