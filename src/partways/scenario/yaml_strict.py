"""Strict YAML reading: the file's text, and a composed node tree, or why not.

The YAML is *composed* (never constructed): the caller walks PyYAML's node tree
(see :mod:`partways.scenario.yaml_nodes`), so nothing in a file can build a
Python object or run code.

PyYAML's own composers are recursive (the pure-Python one raises RecursionError,
the C one can crash the process on deep nesting) and expand aliases (a "billion
laughs" file). So :func:`compose` builds the node tree itself, in one pass over
the parser's event stream (both parsers are iterative), with an explicit stack:
an anchor or alias is refused (PW005) and nesting deeper than :data:`MAX_DEPTH`
is refused (PW007) as the events arrive, before anything deeper is built. Flow
and block nesting, and every kind of line break, meet the same guard.

Every position reported is derived from a character index with
:class:`partways.scenario.diagnostics.Lines`, never from the parser's own line
count (which also breaks lines at NEL, U+2028 and U+2029).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    Event,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from partways.fileio import FileTooBig, describe, read_regular
from partways.scenario.diagnostics import (
    Code,
    Diagnostic,
    Lines,
    at_start,
    by_position,
    control_name,
    shown,
)

#: Files larger than this are refused before parsing.
MAX_BYTES = 5 * 1024 * 1024
#: Deepest nesting of YAML collections accepted (a valid scenario needs 6).
MAX_DEPTH = 64
#: The fastest safe loader available.
DEFAULT_LOADER: type = (
    yaml.CSafeLoader if getattr(yaml, "__with_libyaml__", False) else yaml.SafeLoader
)

#: Characters PyYAML's reader refuses in a file.
_NON_PRINTABLE_RE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
_TOO_DEEP = f"nested too deeply: more than {MAX_DEPTH} levels of lists and mappings"
_NULL_TAG = "tag:yaml.org,2002:null"


class _Reporter:
    """Diagnostics for one text, placed by character index."""

    def __init__(self, text: str, display: str, lines: Lines) -> None:
        self.text = text
        self.display = display
        self.lines = lines

    def at(self, index: int, code: Code, message: str) -> Diagnostic:
        line, column = self.lines.at(index)
        return Diagnostic(self.display, line, column, code.value, message)

    def mark(self, index: int, code: Code, message: str) -> Diagnostic:
        """A diagnostic at a parser mark's index (see :meth:`Lines.at_mark`)."""
        line, column = self.lines.at_mark(index)
        return Diagnostic(self.display, line, column, code.value, message)

    def event(self, event: Event, code: Code, message: str) -> Diagnostic:
        mark = event.start_mark
        # The parsers mark every event they emit; 0 only mirrors the stub's Optional.
        return self.mark(mark.index if mark is not None else 0, code, message)

    def yaml_error(self, exc: yaml.YAMLError) -> Diagnostic:
        if isinstance(exc, yaml.reader.ReaderError):
            return self.reader_error()
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        index = mark.index if mark is not None else 0
        problem = getattr(exc, "problem", None) or str(exc)
        if "maximum nesting depth" in problem:  # libyaml's own limit (0.2.6 and later)
            return self.mark(index, Code.TOO_DEEP, _TOO_DEEP)
        context = getattr(exc, "context", None)
        detail = f"{problem} ({context})" if context else problem
        return self.mark(index, Code.BAD_YAML, f"invalid YAML: {shown(detail)}")

    def reader_error(self) -> Diagnostic:
        bad = _NON_PRINTABLE_RE.search(self.text)
        if bad is None:  # pragma: no cover - the reader only fails on such characters
            return self.at(0, Code.NOT_UTF8, "the file is not readable text")
        return self.at(
            bad.start(),
            Code.CONTROL,
            f"control character {control_name(bad.group())} in the file; remove it",
        )


def compose(
    text: str, display: str, loader: type, lines: Lines
) -> tuple[Node | None, list[Diagnostic]]:
    """The composed root node (None for an empty file), or why the YAML is unusable.

    One pass over the parser's events, nothing recursive: see the module's doc.
    The caller decides about the garbage collector: composing creates many objects.
    """
    report = _Reporter(text, display, lines)
    if "\x00" in text:
        return None, [
            report.at(
                text.index("\x00"), Code.NOT_UTF8, "binary file (NUL byte); a scenario is text"
            )
        ]
    refused: list[Diagnostic] = []
    if text.startswith("\ufeff") and _is_libyaml(loader):
        lines.mark_shift = 1  # libyaml's marks do not count a leading byte order mark
    try:
        parser: Any = loader(text)
    except yaml.YAMLError as exc:  # the pure-Python reader checks the whole text first
        return None, [report.yaml_error(exc)]
    except UnicodeEncodeError:  # a lone surrogate in a str given to libyaml
        return None, [report.reader_error()]
    try:
        root = _compose_events(parser, report, refused)
    except yaml.YAMLError as exc:
        refused.append(report.yaml_error(exc))
        return None, by_position(refused)
    except UnicodeEncodeError:
        return None, [report.reader_error()]
    finally:
        parser.dispose()
    if refused:
        return None, by_position(refused)
    return root, []


def _compose_events(parser: Any, report: _Reporter, refused: list[Diagnostic]) -> Node | None:
    """Build the node tree from ``parser``'s events, as PyYAML's Composer would.

    Stops at nesting deeper than MAX_DEPTH or at a second document (both appended
    to ``refused``); records every anchor and alias in ``refused`` and goes on, so
    that all of them are reported at once.
    """
    get_event = parser.get_event
    scalar_tag = _scalar_tags(parser)
    # The open collections, and for each the key waiting for its value (mappings).
    stack: list[Any] = []
    pending: list[Node | None] = []
    root: Node | None = None
    documents = 0
    while (event := get_event()) is not None:
        cls = event.__class__
        node: Node
        if cls is ScalarEvent:
            if event.anchor is not None:
                refused.append(_anchor(report, event))
            tag = scalar_tag(event)
            node = ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        elif cls is MappingStartEvent or cls is SequenceStartEvent:
            if len(stack) >= MAX_DEPTH:
                refused.append(report.event(event, Code.TOO_DEEP, _TOO_DEEP))
                return None
            node = _collection(parser, event, report, refused)
        elif cls is MappingEndEvent or cls is SequenceEndEvent:
            stack.pop().end_mark = event.end_mark
            pending.pop()
            continue
        elif cls is AliasEvent:
            node = _alias(report, event, refused)
        elif cls is DocumentStartEvent:
            documents += 1
            if documents > 1:
                refused.append(report.event(event, Code.BAD_YAML, _SECOND_DOCUMENT))
                return None
            continue
        elif cls is yaml.StreamEndEvent:
            break
        else:  # stream start, document end
            continue
        if stack:
            parent = stack[-1]
            if parent.__class__ is SequenceNode:
                parent.value.append(node)
            elif (key := pending[-1]) is None:
                pending[-1] = node
            else:
                parent.value.append((key, node))
                pending[-1] = None
        else:
            root = node
        if cls is MappingStartEvent or cls is SequenceStartEvent:
            stack.append(node)
            pending.append(None)
    return root


_SECOND_DOCUMENT = "invalid YAML: a file holds one scenario, but a second document starts here"


def _is_libyaml(loader: type) -> bool:
    cparser = getattr(getattr(yaml, "_yaml", None), "CParser", None)
    return cparser is not None and issubclass(loader, cparser)


def _scalar_tags(parser: Any) -> Callable[[Any], str]:
    """The tag of a scalar event, resolved as the parser's resolver would."""
    resolve = parser.resolve
    plain_tags: dict[str, str] = {}
    if getattr(parser, "yaml_path_resolvers", None):  # pragma: no cover - not the safe loaders
        plain_tags = _NoCache()

    def scalar_tag(event: Any) -> str:
        tag: str | None = event.tag
        if tag is not None and tag != "!":
            return tag
        implicit = event.implicit
        if not implicit[0]:
            resolved: str = resolve(ScalarNode, event.value, implicit)
            return resolved
        # A plain scalar's tag depends on its text alone (the safe loaders have no
        # path resolvers): resolve each distinct text once.
        value = event.value
        tag = plain_tags.get(value)
        if tag is None:
            tag = plain_tags[value] = resolve(ScalarNode, value, implicit)
        return tag

    return scalar_tag


def _collection(parser: Any, event: Any, report: _Reporter, refused: list[Diagnostic]) -> Node:
    """An empty mapping or sequence node for a start event (filled as events come)."""
    if event.anchor is not None:
        refused.append(_anchor(report, event))
    tag = event.tag
    cls = event.__class__  # (not narrowing ``event``: the stubs' marks are too narrow)
    if cls is MappingStartEvent:
        if tag is None or tag == "!":
            tag = parser.resolve(MappingNode, None, event.implicit)
        return MappingNode(tag, [], event.start_mark, None, event.flow_style)
    if tag is None or tag == "!":
        tag = parser.resolve(SequenceNode, None, event.implicit)
    return SequenceNode(tag, [], event.start_mark, None, event.flow_style)


def _alias(report: _Reporter, event: Any, refused: list[Diagnostic]) -> Node:
    refused.append(
        report.event(
            event,
            Code.ALIAS,
            f"alias '*{shown(event.anchor)}' is not allowed; write the value out in full",
        )
    )
    # Something in its place keeps the mapping's keys and values paired.
    return ScalarNode(_NULL_TAG, "", event.start_mark, event.end_mark)


class _NoCache(dict[str, str]):
    """A cache that keeps nothing, for a loader whose tags depend on the path."""

    def __setitem__(self, key: str, value: str) -> None:
        pass


def _anchor(report: _Reporter, event: Event) -> Diagnostic:
    anchor = getattr(event, "anchor", None) or ""
    return report.event(
        event, Code.ALIAS, f"anchor '&{shown(anchor)}' is not allowed; write the value out in full"
    )


def read_text(path: Path, display: str) -> tuple[str | None, Diagnostic | None]:
    """The file's text, or the reason it cannot be used.

    Only a regular file is read (a FIFO, a device or a symlink to one is refused
    without blocking), and never more than :data:`MAX_BYTES` + 1 bytes of it.
    """
    try:
        data = read_regular(path, MAX_BYTES)
    except FileTooBig as exc:
        return None, _too_big(display, exc.size)
    except OSError as exc:
        return None, at_start(display, Code.UNREADABLE, f"cannot read: {describe(exc)}")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        good = data[: exc.start].decode("utf-8-sig")
        line, column = Lines(good).at(len(good))
        byte = data[exc.start]
        return None, Diagnostic(
            display,
            line,
            column,
            Code.NOT_UTF8.value,
            f"not UTF-8 text (byte 0x{byte:02x}); save the file as UTF-8",
        )


def _too_big(display: str, size: int) -> Diagnostic:
    mib = size / (1024 * 1024)
    return at_start(
        display,
        Code.TOO_BIG,
        f"file is too big ({mib:.1f} MiB); a scenario file may be at most 5 MiB",
    )
