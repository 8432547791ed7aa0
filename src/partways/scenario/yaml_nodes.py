"""Walking a composed YAML node tree strictly, with a mark for every problem.

Every key and value keeps its position; duplicate keys are seen (not silently
overwritten), and the resolved tag of every scalar is checked (``you: NO`` is a
boolean, not text). Values are never constructed, except integers, one at a time.
"""

from __future__ import annotations

import re

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from partways.scenario.diagnostics import Code, Diagnostic, Lines, shown, suggest
from partways.scenario.model import Mark

_Y = "tag:yaml.org,2002:"
STR_TAG = _Y + "str"
INT_TAG = _Y + "int"
FLOAT_TAG = _Y + "float"
BOOL_TAG = _Y + "bool"
NULL_TAG = _Y + "null"
TIMESTAMP_TAG = _Y + "timestamp"
MAP_TAG = _Y + "map"
SEQ_TAG = _Y + "seq"

#: Scalar tags a file may contain (explicitly or by resolution), and how to name them.
SCALAR_KINDS = {
    STR_TAG: "text",
    INT_TAG: "an integer",
    FLOAT_TAG: "a number",
    BOOL_TAG: "a boolean",
    NULL_TAG: "empty (null)",
    TIMESTAMP_TAG: "a date",
}


def _quote_hint(key: str, raw: str) -> str:
    if key:
        return f'put it in quotes: {key}: "{shown(raw)}"'
    return f'put it in quotes: "{shown(raw)}"'


#: An integer as a person writes one: decimal digits, no sign but '-', no leading
#: zero (YAML 1.1 reads 010 as octal 8), no '_', not 0x/0o/0b.
_PLAIN_INT_RE = re.compile(r"-?(?:0|[1-9][0-9]*)")
#: Values with more digits than this are never converted (they are out of every range).
_MAX_INT_DIGITS = 18


class NodeChecker:
    """Walks one composed document by its marked nodes and collects diagnostics."""

    def __init__(self, display: str, lines: Lines) -> None:
        self.display = display
        #: Positions come from the node's character index, counted in one place.
        self.lines = lines
        self.diags: list[Diagnostic] = []

    # --- reporting ---------------------------------------------------------
    def where(self, node: Node) -> tuple[int, int]:
        """The 1-based (line, column) where ``node`` starts."""
        return self.lines.at_mark(node.start_mark.index)

    def mark(self, node: Node) -> Mark:
        return Mark(*self.where(node))

    def error(self, node: Node, code: Code, message: str) -> None:
        line, column = self.where(node)
        self.diags.append(Diagnostic(self.display, line, column, code.value, message))

    def bad_tag(self, node: Node) -> None:
        tag = node.tag
        if tag.startswith(_Y):
            tag = "!!" + tag[len(_Y) :]
        self.error(node, Code.YAML_TAG, f"YAML tag '{shown(tag)}' is not allowed here")

    def wrong_type(self, node: Node, what: str, expected: str) -> None:
        """Report ``node`` as not being ``expected``, with the most useful code."""
        if isinstance(node, ScalarNode):
            if node.tag not in SCALAR_KINDS:
                self.bad_tag(node)
                return
            if node.tag == NULL_TAG:
                found = "nothing"
            elif node.tag == STR_TAG:
                found = "text"
            else:
                found = f"{SCALAR_KINDS[node.tag]} ({shown(node.value)})"
        elif isinstance(node, MappingNode):
            if node.tag != MAP_TAG:
                self.bad_tag(node)
                return
            found = "a mapping"
        else:
            if node.tag != SEQ_TAG:
                self.bad_tag(node)
                return
            found = "a list"
        self.error(node, Code.WRONG_TYPE, f"{what} must be {expected}, not {found}")
        self.sweep(node)

    def sweep(self, node: Node) -> None:
        """Report disallowed tags anywhere inside a value the schema does not walk."""
        todo = [node]
        seen: set[int] = set()
        while todo:
            item = todo.pop()
            if id(item) in seen:
                continue
            seen.add(id(item))
            if isinstance(item, ScalarNode):
                if item.tag not in SCALAR_KINDS:
                    self.bad_tag(item)
            elif isinstance(item, SequenceNode):
                if item.tag != SEQ_TAG:
                    self.bad_tag(item)
                todo.extend(item.value)
            else:
                if item.tag != MAP_TAG:
                    self.bad_tag(item)
                for k, v in item.value:
                    todo.append(k)
                    todo.append(v)

    # --- structure ---------------------------------------------------------
    def fields(
        self,
        node: Node,
        allowed: frozenset[str],
        order: tuple[str, ...],
        what: str,
        code: Code = Code.UNKNOWN_KEY,
    ) -> dict[str, tuple[Node, Node]] | None:
        """The known keys of a mapping, as key -> (key node, value node)."""
        if node.__class__ is not MappingNode or node.tag != MAP_TAG:
            self.wrong_type(node, what, "a mapping of keys")
            return None
        out: dict[str, tuple[Node, Node]] = {}
        seen: dict[str, Node] = {}
        for k, v in node.value:
            if k.__class__ is not ScalarNode or k.tag != STR_TAG:
                self.unknown_key(k, v, order, what, code)
                continue
            name = k.value
            if name in seen:
                first = self.where(seen[name])[0]
                self.error(
                    k, Code.DUPLICATE, f"duplicate key '{shown(name)}' (first at line {first})"
                )
                self.sweep(v)
                continue
            seen[name] = k
            if name in allowed:
                out[name] = (k, v)
            else:
                self.unknown_key(k, v, order, what, code)
        return out

    def unknown_key(
        self, k: Node, v: Node, order: tuple[str, ...], what: str, code: Code = Code.UNKNOWN_KEY
    ) -> None:
        if isinstance(k, ScalarNode):
            if k.tag not in SCALAR_KINDS:
                self.bad_tag(k)
            else:
                self.error(k, code, self.unknown_message(k.value, order, what, code))
        else:
            self.error(k, code, f"unknown key in {what}: a key must be a plain name")
            self.sweep(k)
        self.sweep(v)

    def unknown_message(self, name: str, order: tuple[str, ...], what: str, code: Code) -> str:
        """The message for an unknown key ``name`` (a subclass may word some sets its own way)."""
        hint = suggest(name, order) or f" (known keys: {', '.join(order)})"
        return f"unknown key '{shown(name)}' in {what}" + hint

    def missing(self, at: Node, keys: list[str], what: str) -> None:
        names = ", ".join(f"'{key}'" for key in keys)
        plural = "s" if len(keys) > 1 else ""
        self.error(at, Code.MISSING_KEY, f"{what} is missing required key{plural} {names}")

    # --- scalars -----------------------------------------------------------
    def string(self, key: str, node: Node, as_key: bool = True) -> str | None:
        """A scalar that must be a YAML string (ids, enum values, node names)."""
        if node.__class__ is ScalarNode and node.tag == STR_TAG:
            value: str = node.value  # a str-tagged scalar's value is the text itself
            return value
        if node.__class__ is ScalarNode and node.tag in SCALAR_KINDS:
            if node.tag == NULL_TAG:
                self.error(node, Code.EMPTY, f"'{key}' has no value")
            else:
                kind = SCALAR_KINDS[node.tag]
                self.error(
                    node,
                    Code.NOT_A_STRING,
                    f"'{key}' must be text, but YAML reads {shown(node.value)} as {kind}; "
                    + _quote_hint(key if as_key else "", node.value),
                )
            return None
        self.wrong_type(node, f"'{key}'", "text")
        return None

    def integer(
        self, key: str, node: Node, low: int, high: int, code: Code, out_of_range: str
    ) -> int | None:
        """A plain decimal integer from ``low`` to ``high``, or None (reported).

        ``out_of_range`` is the message for other integers, with ``{value}`` where
        the value goes; the value is quoted shortened and never converted when it
        is too long to be in range.
        """
        if node.__class__ is not ScalarNode or node.tag != INT_TAG:
            self.wrong_type(node, f"'{key}'", "an integer")
            return None
        raw: str = node.value
        if _PLAIN_INT_RE.fullmatch(raw) is None:
            self.error(
                node,
                Code.WRONG_TYPE,
                f"'{key}' must be a plain decimal integer such as {low}, not '{shown(raw)}' "
                "(no sign but '-', leading zero, '_', or 0x/0o/0b)",
            )
            return None
        digits = len(raw.lstrip("-"))
        value = int(raw) if digits <= _MAX_INT_DIGITS else None
        if value is not None and low <= value <= high:
            return value
        self.error(node, code, out_of_range.format(value=shown(raw)))
        return None
