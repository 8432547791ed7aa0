"""The scenario rules: keys, types, enums, text rules, and building the model.

Works on a node tree composed by :mod:`partways.scenario.yaml_strict` and checks
the graph with :mod:`partways.scenario.graph`; the Scenario is returned only when
the document has no problems.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from partways.scenario import model, rules
from partways.scenario.diagnostics import Diagnostic, Lines, shown
from partways.scenario.graph import Graph
from partways.scenario.model import Choice, Scenario
from partways.scenario.yaml_nodes import (
    MAP_TAG,
    SCALAR_KINDS,
    SEQ_TAG,
    NodeChecker,
    suggest,
)
from partways.scenario.yaml_strict import by_position, control_name, diag
from partways.text import first_control, is_blank

_ID_RE = rules.ID_RE
_PLACEHOLDER_RE = rules.PLACEHOLDER_RE

_TOP_KEYS = (
    "format",
    "id",
    "title",
    "language",
    "reaction",
    "reason",
    "difficulty",
    "summary",
    "client",
    "you",
    "start",
    "nodes",
)
_TOP_REQUIRED = ("format", "id", "title", "language", "reaction", "reason", "summary")
_TOP_REQUIRED_2 = ("client", "start", "nodes")
_NODE_KEYS = ("client", "mood", "tip", "choices", "reply", "ending", "lesson")
_CHOICE_KEYS = ("say", "next", "coach", "tags")
_TOP_KEY_SET = frozenset(_TOP_KEYS)
_NODE_KEY_SET = frozenset(_NODE_KEYS)
_CHOICE_KEY_SET = frozenset(_CHOICE_KEYS)
_REPLY_KEY_SET = frozenset(model.REPLY_KEYS)
_TAG_SET = frozenset(model.TAGS)
_MOOD_SET = frozenset(model.MOODS)
_ENDING_SET = frozenset(model.ENDINGS)
_MAX_CHOICES = rules.MAX_CHOICES


def _one_of(options: Iterable[str]) -> str:
    options = list(options)
    return ", ".join(options[:-1]) + " or " + options[-1]


def check_root(
    root: Node | None, display: str, path: Path | None, lines: Lines
) -> tuple[Scenario | None, list[Diagnostic]]:
    """Validate a composed document; the Scenario is returned only when there are no problems.

    ``lines`` places the nodes (by character index) in the text they were composed from.
    """
    if root is None:
        return None, [
            diag(
                display,
                1,
                1,
                "PW100",
                "the file is empty; a scenario is a mapping of keys (format, id, title, ...)",
            )
        ]
    if root.__class__ is not MappingNode:
        doc = NodeChecker(display, lines)
        if root.tag in (SEQ_TAG, *SCALAR_KINDS):
            found = "a list" if root.__class__ is SequenceNode else "a single value"
            doc.error(
                root,
                "PW100",
                f"the top level must be a mapping of keys (format, id, title, ...), not {found}",
            )
            doc.sweep(root)
        else:
            doc.sweep(root)
        return None, by_position(doc.diags)
    doc = _Document(display, lines)
    scenario = doc.check(root, path)
    return scenario, by_position(doc.diags)


# --- the document ------------------------------------------------------------


class _Document(NodeChecker):
    """Validates a scenario document and builds the model when it is clean."""

    def __init__(self, display: str, lines: Lines) -> None:
        super().__init__(display, lines)
        #: The first text that uses {you}: a 'you' default is needed then.
        self.first_you: Node | None = None

    # --- text rules ----------------------------------------------------------
    def text(self, key: str, node: Node, name: bool = False) -> str | None:
        """A text value: something visible, and no control characters.

        White space and format characters (Unicode Cf, such as a zero-width space)
        alone count as empty; bidi override and isolate controls count as control
        characters (see :mod:`partways.text`).
        """
        value = self.string(key, node)
        if value is None:
            return None
        ok = True
        if is_blank(value):
            self.error(node, "PW202", f"'{key}' is empty")
            ok = False
        bad = first_control(value)
        if bad is not None:
            self.error(
                node,
                "PW203",
                f"control character {control_name(bad)} in '{key}'; remove it",
            )
            ok = False
        if "{" in value:
            for match in _PLACEHOLDER_RE.finditer(value):
                inner = match.group(1)
                if name or inner not in model.PLACEHOLDERS:
                    where = "a name" if name else "text"
                    self.error(
                        node,
                        "PW204",
                        f"unknown placeholder '{shown(match.group())}' in {where}; "
                        + (
                            "a name cannot use placeholders"
                            if name
                            else "only {client} and {you} are replaced"
                        ),
                    )
                    ok = False
                    break
                if inner == "you" and self.first_you is None:
                    self.first_you = node
        return value if ok else None

    def enum(
        self,
        key: str,
        node: Node,
        options: tuple[str, ...],
        allowed: frozenset[str] | None = None,
    ) -> str | None:
        value = self.string(key, node)
        if value is None:
            return None
        if value in (allowed if allowed is not None else options):
            return value
        self.error(
            node,
            "PW106",
            f"'{key}' must be {_one_of(options)}, not '{shown(value)}'" + suggest(value, options),
        )
        return None

    def unknown_message(self, name: str, order: tuple[str, ...], what: str, code: str) -> str:
        if code == "PW109":
            return f"unknown stance '{shown(name)}' in {what}; use {_one_of(order)}" + suggest(
                name, order
            )
        return super().unknown_message(name, order, what, code)

    # --- the document --------------------------------------------------------
    def check(self, root: Node, path: Path | None) -> Scenario | None:
        top = self.fields(root, _TOP_KEY_SET, _TOP_KEYS, "the scenario")
        if top is None:
            return None
        absent = [key for key in _TOP_REQUIRED + _TOP_REQUIRED_2 if key not in top]
        if absent:
            self.missing(root, absent, "the scenario")

        # The scenario's text values that passed their checks (a failed one is reported).
        values: dict[str, str] = {}
        difficulty = 1
        get = top.get
        if kv := get("format"):
            version = model.FORMAT_VERSION
            self.integer(
                "format",
                kv[1],
                version,
                version,
                "PW104",
                f"unsupported format {{value}}; this partways reads format {version}",
            )
        id_node: Node | None = None
        if kv := get("id"):
            id_node = kv[1]
            value = self.string("id", id_node)
            if value is not None:
                if _ID_RE.fullmatch(value):
                    values["id"] = value
                else:
                    self.error(
                        id_node,
                        "PW105",
                        f"id '{shown(value)}' must be lowercase letters and digits, words joined "
                        "by '-', like 'angry-late-payer'",
                    )
        for key in ("title", "summary"):
            if (kv := get(key)) and (value := self.text(key, kv[1])) is not None:
                values[key] = value
        for key in ("client", "you"):
            if (kv := get(key)) and (value := self.text(key, kv[1], name=True)) is not None:
                values[key] = value
        for key, options in (
            ("language", model.LANGUAGES),
            ("reaction", model.REACTIONS),
            ("reason", model.REASONS),
        ):
            if (kv := get(key)) and (value := self.enum(key, kv[1], options)) is not None:
                values[key] = value
        if kv := get("difficulty"):
            level = self.integer(
                "difficulty", kv[1], 1, 3, "PW107", "'difficulty' must be 1, 2 or 3, not {value}"
            )
            if level is not None:
                difficulty = level

        nodes: dict[str, model.Node] = {}
        graph = Graph()
        if kv := get("nodes"):
            graph.usable = self.nodes(kv[1], graph, nodes)
        start_node: Node | None = None
        if kv := get("start"):
            start_node = kv[1]
            start = self.string("start", start_node)
            if start is not None:
                graph.refs.append(("start", start, start_node))
                values["start"] = start
        if self.first_you is not None and "you" not in top:
            self.error(
                self.first_you,
                "PW205",
                "text uses {you} but the scenario gives no 'you'; add a default name, "
                "e.g. 'you: Sam'",
            )
        graph.check(self, values.get("start"), start_node)

        if self.diags:
            return None
        # No problems: every required key was present and passed its check, so
        # every required value is in ``values`` and 'id' had a node.
        assert id_node is not None
        return Scenario(
            id=values["id"],
            title=values["title"],
            language=values["language"],
            reaction=values["reaction"],
            reason=values["reason"],
            summary=values["summary"],
            client=values["client"],
            start=values["start"],
            nodes=nodes,
            difficulty=difficulty,
            you=values.get("you"),
            format=model.FORMAT_VERSION,
            path=path,
            id_mark=self.mark(id_node),
        )

    def nodes(self, node: Node, graph: Graph, out: dict[str, model.Node]) -> bool:
        if node.__class__ is not MappingNode or node.tag != MAP_TAG:
            self.wrong_type(node, "'nodes'", "a mapping of node id -> node")
            return False
        keys: dict[str, Node] = {}
        for k, v in node.value:
            name = self.string("node id", k, False) if k.__class__ is ScalarNode else None
            if k.__class__ is not ScalarNode:
                self.error(k, "PW103", "a node id must be text, not a list or mapping")
                self.sweep(k)
            if name is None:
                self.sweep(v)
                continue
            if name in keys:
                first = self.where(keys[name])[0]
                self.error(k, "PW004", f"duplicate node '{shown(name)}' (first at line {first})")
                self.sweep(v)
                continue
            if is_blank(name) or first_control(name) is not None:
                self.error(k, "PW202", "a node id must be a visible name")
            keys[name] = k
            built = self.node(name, k, v, graph)
            if built is not None:
                out[name] = built
        return True

    def node(self, name: str, key: Node, node: Node, graph: Graph) -> model.Node | None:
        what = f"node '{shown(name)}'"
        graph.add(name, key)
        f = self.fields(node, _NODE_KEY_SET, _NODE_KEYS, what)
        if f is None:
            graph.broken.add(name)
            return None
        get = f.get
        client = mood = tip = ending = lesson = None
        choices: list[Choice] = []
        reply: dict[str, str] = {}
        ok = True
        if kv := get("client"):
            client = self.text("client", kv[1])
        if kv := get("mood"):
            mood = self.enum("mood", kv[1], model.MOODS, _MOOD_SET)
        if kv := get("tip"):
            tip = self.text("tip", kv[1])
        if kv := get("ending"):
            ending = self.enum("ending", kv[1], model.ENDINGS, _ENDING_SET)
            graph.endings[name] = ending
            for bad in ("choices", "reply"):
                if bad in f:
                    self.error(f[bad][0], "PW111", f"an ending has no '{bad}' (in {what})")
                    self.sweep(f[bad][1])
                    ok = False
            if lk := get("lesson"):
                lesson = self.text("lesson", lk[1])
        else:
            if "client" not in f:
                self.error(key, "PW102", f"{what} is a turn and is missing required key 'client'")
            if "choices" not in f and "reply" not in f:
                self.error(
                    key,
                    "PW112",
                    f"{what} is neither a turn nor an ending: give it 'choices' and/or "
                    "'reply', or 'ending'",
                )
                graph.broken.add(name)
                ok = False
            if "lesson" in f:
                self.error(
                    f["lesson"][0], "PW111", f"'lesson' belongs on an ending, not a turn ({what})"
                )
                self.sweep(f["lesson"][1])
                ok = False
            if kv := get("choices"):
                ok = self.choices(kv[1], name, graph, choices) and ok
            if kv := get("reply"):
                ok = self.reply(kv[0], kv[1], name, graph, reply) and ok
        if not ok:
            return None
        return model.Node(
            id=name,
            client=client,
            mood=mood,
            tip=tip,
            choices=tuple(choices),
            reply=reply,
            ending=ending,
            lesson=lesson,
            mark=self.mark(key),
        )

    def choices(self, node: Node, name: str, graph: Graph, out: list[Choice]) -> bool:
        if node.__class__ is not SequenceNode or node.tag != SEQ_TAG:
            self.wrong_type(node, "'choices'", "a list of choices")
            return False
        items = node.value
        ok = True
        if not items:
            self.error(
                node, "PW108", f"'choices' of node '{shown(name)}' is empty; give 1 to 9 choices"
            )
            ok = False
        elif len(items) > _MAX_CHOICES:
            self.error(
                items[_MAX_CHOICES],
                "PW108",
                f"node '{shown(name)}' has {len(items)} choices; at most 9 (the digit keys 1-9)",
            )
            ok = False
        edges = graph.edges[name]
        refs = graph.refs
        for item in items:
            f = self.fields(item, _CHOICE_KEY_SET, _CHOICE_KEYS, "a choice")
            if f is None:
                ok = False
                continue
            say = nxt = coach = None
            tags: tuple[str, ...] | None = ()
            absent = [key for key in ("say", "next", "coach") if key not in f]
            if absent:
                self.missing(item, absent, "a choice")
                ok = False
            if kv := f.get("say"):
                say = self.text("say", kv[1])
            if kv := f.get("next"):
                nxt = self.string("next", kv[1])
                if nxt is not None:
                    edges.append(nxt)
                    refs.append(("next", nxt, kv[1]))
            if kv := f.get("coach"):
                coach = self.text("coach", kv[1])
            if kv := f.get("tags"):
                tags = self.tags(kv[1])
            if say is None or nxt is None or coach is None or tags is None:
                ok = False
            elif ok:
                out.append(Choice(say=say, next=nxt, coach=coach, tags=tags, mark=self.mark(item)))
        return ok

    def tags(self, node: Node) -> tuple[str, ...] | None:
        if node.__class__ is not SequenceNode or node.tag != SEQ_TAG:
            self.wrong_type(node, "'tags'", "a list of tag names")
            return None
        out = []
        ok = True
        for item in node.value:
            tag = self.string("tag", item, False)
            if tag is None:
                ok = False
            elif tag in _TAG_SET:
                out.append(tag)
            else:
                self.error(
                    item,
                    "PW113",
                    f"unknown tag '{shown(tag)}'"
                    + (suggest(tag, model.TAGS) or " (see the tag list)"),
                )
                ok = False
        return tuple(out) if ok else None

    def reply(self, key: Node, node: Node, name: str, graph: Graph, out: dict[str, str]) -> bool:
        f = self.fields(
            node, _REPLY_KEY_SET, model.REPLY_KEYS, f"the reply of node '{shown(name)}'", "PW109"
        )
        if f is None:
            return False
        ok = True
        if "default" not in f:
            self.error(
                key, "PW110", f"the reply of node '{shown(name)}' must have a 'default' target"
            )
            ok = False
        edges = graph.edges[name]
        refs = graph.refs
        for stance, (_, v) in f.items():
            target = self.string(stance, v)
            if target is None:
                ok = False
                continue
            out[stance] = target
            edges.append(target)
            refs.append(("reply", target, v))
        return ok
