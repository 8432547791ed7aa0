"""The scenario rules on a file's node tree: keys, types, values and text, then the graph.

Works on a node tree composed by :mod:`partways.scenario.yaml_strict`, reads each
level (the scenario, a node, a choice) by its table in
:mod:`partways.scenario.schema`, and checks the graph with
:class:`partways.scenario.graph.Graph`. The Scenario is returned only when the
document has no problems; then every value has passed its check, and goes into
the model under its key.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from partways.scenario import model
from partways.scenario.diagnostics import (
    Code,
    Diagnostic,
    Lines,
    at_start,
    by_position,
    control_name,
    one_of,
    shown,
    suggest,
)
from partways.scenario.graph import Graph
from partways.scenario.schema import (
    CHOICE_FIELDS,
    ENDING,
    ID_RE,
    MAX_CHOICES,
    NODE_FIELDS,
    REPLY_KEYS,
    SCENARIO_FIELDS,
    TURN,
    Field,
    Kind,
    keys,
    required,
    text_faults,
)
from partways.scenario.yaml_nodes import MAP_TAG, SCALAR_KINDS, SEQ_TAG, NodeChecker
from partways.text import first_control, is_blank

_TOP_KEYS = keys(SCENARIO_FIELDS)
_NODE_KEYS = keys(NODE_FIELDS)
_CHOICE_KEYS = keys(CHOICE_FIELDS)
_TOP_KEY_SET = frozenset(_TOP_KEYS)
_NODE_KEY_SET = frozenset(_NODE_KEYS)
_CHOICE_KEY_SET = frozenset(_CHOICE_KEYS)
_REPLY_KEY_SET = frozenset(REPLY_KEYS)
_TOP_REQUIRED = required(SCENARIO_FIELDS)
_TURN_REQUIRED = required(NODE_FIELDS, TURN)
_CHOICE_REQUIRED = required(CHOICE_FIELDS)

#: A key and its value, as :meth:`NodeChecker.fields` gives them.
_KeyValue = tuple[Node, Node]
#: Reads one field: (its spec, its key and value, the id of the node it is in) -> the value.
_Reader = Callable[[Field, _KeyValue, str | None], Any]
#: A level's table, each field with its reader: (key, spec, reader).
_Plan = tuple[tuple[str, Field, _Reader], ...]


def _plan(table: tuple[Field, ...], readers: dict[Kind, _Reader]) -> _Plan:
    return tuple((spec.key, spec, readers[spec.kind]) for spec in table)


def check_root(
    root: Node | None, display: str, path: Path | None, lines: Lines
) -> tuple[model.Scenario | None, list[Diagnostic]]:
    """Validate a composed document; the Scenario is returned only when there are no problems.

    ``lines`` places the nodes (by character index) in the text they were composed from.
    """
    if root is None:
        message = "the file is empty; a scenario is a mapping of keys (format, id, title, ...)"
        return None, [at_start(display, Code.NOT_A_MAPPING, message)]
    if root.__class__ is not MappingNode:
        doc = NodeChecker(display, lines)
        if root.tag in (SEQ_TAG, *SCALAR_KINDS):
            found = "a list" if root.__class__ is SequenceNode else "a single value"
            doc.error(
                root,
                Code.NOT_A_MAPPING,
                f"the top level must be a mapping of keys (format, id, title, ...), not {found}",
            )
        doc.sweep(root)
        return None, by_position(doc.diags)
    document = _Document(display, lines)
    scenario = document.check(root, path)
    return scenario, by_position(document.diags)


class _Document(NodeChecker):
    """Validates a scenario document and builds the model when it is clean."""

    def __init__(self, display: str, lines: Lines) -> None:
        super().__init__(display, lines)
        #: The first text that uses {you}: a 'you' default is needed then.
        self.first_you: Node | None = None
        self.graph = Graph()
        #: How each kind of field is read: (its spec, key and value, the node it is in).
        readers: dict[Kind, _Reader] = {
            Kind.TEXT: self.text,
            Kind.NAME: self.text,
            Kind.ID: lambda spec, kv, _: self.scenario_id(kv[1]),
            Kind.ENUM: self.enum,
            Kind.INT: lambda spec, kv, _: self.integer_field(spec, kv[1]),
            Kind.REF: self.ref,
            Kind.NODES: lambda spec, kv, _: self.nodes(kv[1]),
            Kind.CHOICES: lambda spec, kv, name: self.choices(kv[1], name or ""),
            Kind.REPLY: lambda spec, kv, name: self.reply(kv[0], kv[1], name or ""),
            Kind.TAGS: lambda spec, kv, _: self.tags(spec, kv[1]),
        }
        # Each level's table with each field's reader, looked up once.
        self.top_plan = _plan(SCENARIO_FIELDS, readers)
        self.node_plan = _plan(NODE_FIELDS, readers)
        self.choice_plan = _plan(CHOICE_FIELDS, readers)

    # --- values ----------------------------------------------------------------
    def text(self, spec: Field, kv: _KeyValue, source: str | None = None) -> str | None:
        """A text value that keeps the rules of :func:`partways.scenario.schema.text_faults`."""
        key, node = spec.key, kv[1]
        value = self.string(key, node)
        if value is None:
            return None
        name = spec.kind is Kind.NAME
        faults = text_faults(value, name)
        if faults.blank:
            self.error(node, Code.EMPTY, f"'{key}' is empty")
        if faults.control is not None:
            self.error(
                node,
                Code.CONTROL,
                f"control character {control_name(faults.control)} in '{key}'; remove it",
            )
        if faults.placeholder is not None:
            self.error(
                node,
                Code.PLACEHOLDER,
                f"unknown placeholder '{shown(faults.placeholder)}' in "
                + (
                    "a name; a name cannot use placeholders"
                    if name
                    else "text; only {client} and {you} are replaced"
                ),
            )
        if faults.uses_you and self.first_you is None:
            self.first_you = node
        return value if faults.ok else None

    def enum(self, spec: Field, kv: _KeyValue, source: str | None = None) -> str | None:
        node = kv[1]
        value = self.string(spec.key, node)
        if value is None:
            return None
        if value in spec.allowed_set:
            return value
        self.error(
            node,
            Code.NOT_ALLOWED,
            f"'{spec.key}' must be {one_of(spec.allowed)}, not '{shown(value)}'"
            + suggest(value, spec.allowed),
        )
        return None

    def integer_field(self, spec: Field, node: Node) -> int | None:
        assert spec.code is not None  # every INT field of the tables has its code
        return self.integer(spec.key, node, spec.low, spec.high, spec.code, spec.out_of_range)

    def scenario_id(self, node: Node) -> str | None:
        value = self.string("id", node)
        if value is None or ID_RE.fullmatch(value):
            return value
        self.error(
            node,
            Code.BAD_ID,
            f"id '{shown(value)}' must be lowercase letters and digits, words joined "
            "by '-', like 'angry-late-payer'",
        )
        return None

    def ref(self, spec: Field, kv: _KeyValue, source: str | None) -> str | None:
        """A node id; a choice's target is an edge of the graph (``start`` is added last)."""
        target = self.string(spec.key, kv[1])
        if target is not None and source is not None:
            self.graph.link(source, spec.key, target, kv[1])
        return target

    def unknown_message(self, name: str, order: tuple[str, ...], what: str, code: Code) -> str:
        if code is Code.UNKNOWN_STANCE:
            return f"unknown stance '{shown(name)}' in {what}; use {one_of(order)}" + suggest(
                name, order
            )
        return super().unknown_message(name, order, what, code)

    # --- levels ------------------------------------------------------------------
    def read(
        self,
        plan: _Plan,
        given: dict[str, _KeyValue],
        source: str | None = None,
        kind: str | None = None,
        what: str = "",
    ) -> dict[str, Any]:
        """The values of the keys of ``given`` that passed their checks, by key.

        ``source`` is the id of the node the keys are in (a choice's too). On a node
        of ``kind``, a key that belongs on the other kind is reported instead of read.
        """
        values: dict[str, Any] = {}
        for key, spec, reader in plan:
            kv = given.get(key)
            if kv is None:
                continue
            if kind is not None and spec.on is not None and spec.on != kind:
                self.misplaced(key, kv, kind, what)
                continue
            value = reader(spec, kv, source)
            if value is not None:
                values[key] = value
        return values

    def misplaced(self, key: str, kv: _KeyValue, kind: str, what: str) -> None:
        if kind == ENDING:
            message = f"an ending has no '{key}' (in {what})"
        else:
            message = f"'{key}' belongs on an ending, not a turn ({what})"
        self.error(kv[0], Code.MISPLACED_KEY, message)
        self.sweep(kv[1])

    def check(self, root: Node, path: Path | None) -> model.Scenario | None:
        top = self.fields(root, _TOP_KEY_SET, _TOP_KEYS, "the scenario")
        if top is None:
            return None
        absent = [key for key in _TOP_REQUIRED if key not in top]
        if absent:
            self.missing(root, absent, "the scenario")
        values = self.read(self.top_plan, top)
        start: str | None = values.get("start")
        start_node = top["start"][1] if "start" in top else None
        if start is not None and start_node is not None:
            self.graph.refs.append(("start", start, start_node))
        if self.first_you is not None and "you" not in top:
            self.error(
                self.first_you,
                Code.NO_YOU,
                "text uses {you} but the scenario gives no 'you'; add a default name, "
                "e.g. 'you: Sam'",
            )
        self.graph.check(self, start, start_node)
        if self.diags:
            return None
        # No problems: every required key was present and passed its check.
        return model.Scenario(**values, path=path, id_mark=self.mark(top["id"][1]))

    def nodes(self, node: Node) -> dict[str, model.Node] | None:
        if node.__class__ is not MappingNode or node.tag != MAP_TAG:
            self.wrong_type(node, "'nodes'", "a mapping of node id -> node")
            return None
        self.graph.usable = True
        out: dict[str, model.Node] = {}
        seen: dict[str, Node] = {}
        for k, v in node.value:
            name = self.string("node id", k, False) if k.__class__ is ScalarNode else None
            if k.__class__ is not ScalarNode:
                self.error(k, Code.WRONG_TYPE, "a node id must be text, not a list or mapping")
                self.sweep(k)
            if name is None:
                self.sweep(v)
                continue
            if name in seen:
                first = self.where(seen[name])[0]
                self.error(
                    k, Code.DUPLICATE, f"duplicate node '{shown(name)}' (first at line {first})"
                )
                self.sweep(v)
                continue
            if is_blank(name) or first_control(name) is not None:
                self.error(k, Code.EMPTY, "a node id must be a visible name")
            seen[name] = k
            built = self.node(name, k, v)
            if built is not None:
                out[name] = built
        return out

    def node(self, name: str, key: Node, node: Node) -> model.Node | None:
        what = f"node '{shown(name)}'"
        graph = self.graph
        graph.add(name, key)
        given = self.fields(node, _NODE_KEY_SET, _NODE_KEYS, what)
        if given is None:
            graph.broken.add(name)
            return None
        kind = ENDING if "ending" in given else TURN
        values = self.read(self.node_plan, given, name, kind, what)
        if kind == ENDING:
            graph.endings[name] = values.get("ending")
        else:
            for absent in (k for k in _TURN_REQUIRED if k not in given):
                self.error(
                    key,
                    Code.MISSING_KEY,
                    f"{what} is a turn and is missing required key '{absent}'",
                )
            if "choices" not in given and "reply" not in given:
                self.error(
                    key,
                    Code.NO_KIND,
                    f"{what} is neither a turn nor an ending: give it 'choices' and/or "
                    "'reply', or 'ending'",
                )
                graph.broken.add(name)
        if self.diags:
            return None  # the scenario will not be built
        return model.Node(id=name, mark=self.mark(key), **values)

    def choices(self, node: Node, name: str) -> tuple[model.Choice, ...] | None:
        if node.__class__ is not SequenceNode or node.tag != SEQ_TAG:
            self.wrong_type(node, "'choices'", "a list of choices")
            return None
        items = node.value
        if not items:
            self.error(
                node,
                Code.CHOICE_COUNT,
                f"'choices' of node '{shown(name)}' is empty; give 1 to {MAX_CHOICES} choices",
            )
        elif len(items) > MAX_CHOICES:
            self.error(
                items[MAX_CHOICES],
                Code.CHOICE_COUNT,
                f"node '{shown(name)}' has {len(items)} choices; "
                f"at most {MAX_CHOICES} (the digit keys 1-{MAX_CHOICES})",
            )
        out: list[model.Choice] = []
        for item in items:
            given = self.fields(item, _CHOICE_KEY_SET, _CHOICE_KEYS, "a choice")
            if given is None:
                continue
            absent = [key for key in _CHOICE_REQUIRED if key not in given]
            if absent:
                self.missing(item, absent, "a choice")
            values = self.read(self.choice_plan, given, name)
            if not self.diags:
                out.append(model.Choice(**values, mark=self.mark(item)))
        return tuple(out)

    def tags(self, spec: Field, node: Node) -> tuple[str, ...] | None:
        if node.__class__ is not SequenceNode or node.tag != SEQ_TAG:
            self.wrong_type(node, "'tags'", "a list of tag names")
            return None
        out = []
        ok = True
        for item in node.value:
            tag = self.string("tag", item, False)
            if tag is None:
                ok = False
            elif tag in spec.allowed_set:
                out.append(tag)
            else:
                self.error(
                    item,
                    Code.UNKNOWN_TAG,
                    f"unknown tag '{shown(tag)}'"
                    + (suggest(tag, spec.allowed) or " (see the tag list)"),
                )
                ok = False
        return tuple(out) if ok else None

    def reply(self, key: Node, node: Node, name: str) -> dict[str, str] | None:
        what = f"the reply of node '{shown(name)}'"
        given = self.fields(node, _REPLY_KEY_SET, REPLY_KEYS, what, Code.UNKNOWN_STANCE)
        if given is None:
            return None
        if "default" not in given:
            self.error(key, Code.NO_DEFAULT, f"{what} must have a 'default' target")
        out: dict[str, str] = {}
        for stance, (_, v) in given.items():
            target = self.string(stance, v)
            if target is not None:
                out[stance] = target
                self.graph.link(name, "reply", target, v)
        return out
