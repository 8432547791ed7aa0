"""Load and validate one scenario file, strictly, with a position for every problem.

The YAML is *composed* (never constructed): we walk PyYAML's node tree ourselves,
which gives a mark for every key and value, lets us see duplicate keys, and lets
us check the resolved tag of every scalar (``you: NO`` is a boolean, not text).
Nothing in a file can build a Python object or run code.

Cheap guards run before composing, because PyYAML's composer is recursive (the
pure-Python one raises RecursionError, the C one can crash the process on deep
nesting) and because aliases can expand exponentially ("billion laughs"). When a
quick scan of the text says nesting *could* be deep, or that anchors could be
present, the event stream is scanned (and abandoned as soon as the nesting is too
deep) before anything is composed.
"""

from __future__ import annotations

import difflib
import gc
import os
import re
import stat
from collections import deque
from collections.abc import Iterable
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from partways.scenario import model
from partways.scenario.diagnostics import Diagnostic
from partways.scenario.model import Choice, Mark, Scenario

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "load_file",
    "load_text",
]

#: Files larger than this are refused before parsing.
MAX_BYTES = 5 * 1024 * 1024
#: Deepest nesting of YAML collections accepted (a valid scenario needs 6).
MAX_DEPTH = 64

_LOADER: type = yaml.CSafeLoader if getattr(yaml, "__with_libyaml__", False) else yaml.SafeLoader

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
_SCALAR_KINDS = {
    STR_TAG: "text",
    INT_TAG: "an integer",
    FLOAT_TAG: "a number",
    BOOL_TAG: "a boolean",
    NULL_TAG: "empty (null)",
    TIMESTAMP_TAG: "a date",
}

_ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
#: C0 controls except tab and newline, DEL, and C1 controls.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_PLACEHOLDER_RE = re.compile(r"\{([^{}]*)\}")
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
_MAX_CHOICES = 9
#: did-you-mean against node ids is not free on huge files: stop offering after this many.
_MAX_NODE_SUGGESTIONS = 20


def _mark(node: Node) -> Mark:
    m = node.start_mark
    return Mark(m.line + 1, m.column + 1)


def _suggest(word: str, options: Iterable[str]) -> str:
    options = list(options)
    lowered = {o.lower(): o for o in options}
    if word.lower() in lowered and lowered[word.lower()] != word:
        return f"; did you mean '{lowered[word.lower()]}'?"
    close = difflib.get_close_matches(word.lower(), options, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def _one_of(options: Iterable[str]) -> str:
    options = list(options)
    return ", ".join(options[:-1]) + " or " + options[-1]


def _control_name(ch: str) -> str:
    code = ord(ch)
    name = _CONTROL_NAMES.get(code)
    return f"U+{code:04X} ({name})" if name else f"U+{code:04X}"


def _quote_hint(key: str, raw: str) -> str:
    if key:
        return f'put it in quotes: {key}: "{raw}"'
    return f'put it in quotes: "{raw}"'


def _position(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index."""
    line = text.count("\n", 0, index) + 1
    start = text.rfind("\n", 0, index) + 1
    return line, index - start + 1


class _Checker:
    """Walks one composed document and collects diagnostics (and the model)."""

    def __init__(self, display: str) -> None:
        self.display = display
        self.diags: list[Diagnostic] = []
        self.first_you: Node | None = None

    # --- reporting ---------------------------------------------------------
    def error(self, node: Node, code: str, message: str) -> None:
        m = node.start_mark
        self.diags.append(Diagnostic(self.display, m.line + 1, m.column + 1, code, message))

    def bad_tag(self, node: Node) -> None:
        tag = node.tag
        if tag.startswith(_Y):
            tag = "!!" + tag[len(_Y) :]
        self.error(node, "PW006", f"YAML tag '{tag}' is not allowed here")

    def wrong_type(self, node: Node, what: str, expected: str) -> None:
        """Report ``node`` as not being ``expected``, with the most useful code."""
        if isinstance(node, ScalarNode):
            if node.tag not in _SCALAR_KINDS:
                self.bad_tag(node)
                return
            if node.tag == NULL_TAG:
                found = "nothing"
            elif node.tag == STR_TAG:
                found = "text"
            else:
                found = f"{_SCALAR_KINDS[node.tag]} ({node.value})"
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
        self.error(node, "PW103", f"{what} must be {expected}, not {found}")
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
                if item.tag not in _SCALAR_KINDS:
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
        code: str = "PW101",
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
                first = seen[name].start_mark.line + 1
                self.error(k, "PW004", f"duplicate key '{name}' (first at line {first})")
                self.sweep(v)
                continue
            seen[name] = k
            if name in allowed:
                out[name] = (k, v)
            else:
                self.unknown_key(k, v, order, what, code)
        return out

    def unknown_key(
        self, k: Node, v: Node, order: tuple[str, ...], what: str, code: str = "PW101"
    ) -> None:
        if isinstance(k, ScalarNode):
            if k.tag not in _SCALAR_KINDS:
                self.bad_tag(k)
            else:
                if code == "PW109":
                    message = f"unknown stance '{k.value}' in {what}; use {_one_of(order)}"
                    hint = _suggest(k.value, order)
                else:
                    message = f"unknown key '{k.value}' in {what}"
                    hint = _suggest(k.value, order) or f" (known keys: {', '.join(order)})"
                self.error(k, code, message + hint)
        else:
            self.error(k, code, f"unknown key in {what}: a key must be a plain name")
            self.sweep(k)
        self.sweep(v)

    def missing(self, at: Node, keys: list[str], what: str) -> None:
        names = ", ".join(f"'{key}'" for key in keys)
        plural = "s" if len(keys) > 1 else ""
        self.error(at, "PW102", f"{what} is missing required key{plural} {names}")

    # --- scalars -----------------------------------------------------------
    def string(self, key: str, node: Node, as_key: bool = True) -> str | None:
        """A scalar that must be a YAML string (ids, enum values, node names)."""
        if node.__class__ is ScalarNode and node.tag == STR_TAG:
            return node.value
        if node.__class__ is ScalarNode and node.tag in _SCALAR_KINDS:
            if node.tag == NULL_TAG:
                self.error(node, "PW202", f"'{key}' has no value")
            else:
                kind = _SCALAR_KINDS[node.tag]
                self.error(
                    node,
                    "PW201",
                    f"'{key}' must be text, but YAML reads {node.value} as {kind}; "
                    + _quote_hint(key if as_key else "", node.value),
                )
            return None
        self.wrong_type(node, f"'{key}'", "text")
        return None

    def text(self, key: str, node: Node, name: bool = False) -> str | None:
        """A text value: a non-empty string with no control characters."""
        value = self.string(key, node)
        if value is None:
            return None
        ok = True
        if not value.strip():
            self.error(node, "PW202", f"'{key}' is empty")
            ok = False
        bad = _CONTROL_RE.search(value)
        if bad:
            self.error(
                node,
                "PW203",
                f"control character {_control_name(bad.group())} in '{key}'; remove it",
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
                        f"unknown placeholder '{match.group()}' in {where}; "
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

    def enum(self, key: str, node: Node, options: tuple[str, ...], allowed=None) -> str | None:
        value = self.string(key, node)
        if value is None:
            return None
        if value in (allowed if allowed is not None else options):
            return value
        self.error(
            node,
            "PW106",
            f"'{key}' must be {_one_of(options)}, not '{value}'" + _suggest(value, options),
        )
        return None

    def integer(self, key: str, node: Node) -> int | None:
        if node.__class__ is ScalarNode and node.tag == INT_TAG:
            try:
                return int(_INT_CONSTRUCTOR.construct_yaml_int(node))
            except (ValueError, TypeError):  # pragma: no cover - resolver guarantees an int
                pass
        self.wrong_type(node, f"'{key}'", "an integer")
        return None


class _IntConstructor(yaml.constructor.SafeConstructor):
    def __init__(self) -> None:  # no stream: only construct_yaml_int is used
        pass


_INT_CONSTRUCTOR = _IntConstructor()


# --- the document ------------------------------------------------------------


class _Document(_Checker):
    """Validates a scenario document and builds the model when it is clean."""

    def check(self, root: Node, path: Path | None) -> Scenario | None:
        top = self.fields(root, _TOP_KEY_SET, _TOP_KEYS, "the scenario")
        if top is None:
            return None
        absent = [key for key in _TOP_REQUIRED + _TOP_REQUIRED_2 if key not in top]
        if absent:
            self.missing(root, absent, "the scenario")

        values: dict[str, object] = {}
        get = top.get
        if kv := get("format"):
            fmt = self.integer("format", kv[1])
            if fmt is not None and fmt != model.FORMAT_VERSION:
                self.error(
                    kv[1],
                    "PW104",
                    f"unsupported format {fmt}; this partways reads format {model.FORMAT_VERSION}",
                )
        id_node = None
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
                        f"id '{value}' must be lowercase letters and digits, words joined "
                        "by '-', like 'angry-late-payer'",
                    )
        for key in ("title", "summary"):
            if kv := get(key):
                values[key] = self.text(key, kv[1])
        for key in ("client", "you"):
            if kv := get(key):
                values[key] = self.text(key, kv[1], name=True)
        for key, options in (
            ("language", model.LANGUAGES),
            ("reaction", model.REACTIONS),
            ("reason", model.REASONS),
        ):
            if kv := get(key):
                values[key] = self.enum(key, kv[1], options)
        if kv := get("difficulty"):
            level = self.integer("difficulty", kv[1])
            if level is not None:
                if 1 <= level <= 3:
                    values["difficulty"] = level
                else:
                    self.error(kv[1], "PW107", f"'difficulty' must be 1, 2 or 3, not {level}")

        nodes: dict[str, model.Node] = {}
        graph = _Graph()
        if kv := get("nodes"):
            graph.usable = self.nodes(kv[1], graph, nodes)
        start_node = None
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
            difficulty=values.get("difficulty", 1),
            you=values.get("you"),
            format=model.FORMAT_VERSION,
            path=path,
            id_mark=_mark(id_node),
        )

    def nodes(self, node: Node, graph: _Graph, out: dict[str, model.Node]) -> bool:
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
                first = keys[name].start_mark.line + 1
                self.error(k, "PW004", f"duplicate node '{name}' (first at line {first})")
                self.sweep(v)
                continue
            if not name.strip() or _CONTROL_RE.search(name):
                self.error(k, "PW202", "a node id must be a visible name")
            keys[name] = k
            built = self.node(name, k, v, graph)
            if built is not None:
                out[name] = built
        return True

    def node(self, name: str, key: Node, node: Node, graph: _Graph) -> model.Node | None:
        what = f"node '{name}'"
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
            mark=_mark(key),
        )

    def choices(self, node: Node, name: str, graph: _Graph, out: list[Choice]) -> bool:
        if node.__class__ is not SequenceNode or node.tag != SEQ_TAG:
            self.wrong_type(node, "'choices'", "a list of choices")
            return False
        items = node.value
        ok = True
        if not items:
            self.error(node, "PW108", f"'choices' of node '{name}' is empty; give 1 to 9 choices")
            ok = False
        elif len(items) > _MAX_CHOICES:
            self.error(
                items[_MAX_CHOICES],
                "PW108",
                f"node '{name}' has {len(items)} choices; at most 9 (the digit keys 1-9)",
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
            tags: tuple[str, ...] = ()
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
                out.append(Choice(say=say, next=nxt, coach=coach, tags=tags, mark=_mark(item)))
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
                    f"unknown tag '{tag}'" + (_suggest(tag, model.TAGS) or " (see the tag list)"),
                )
                ok = False
        return tuple(out) if ok else None

    def reply(self, key: Node, node: Node, name: str, graph: _Graph, out: dict[str, str]) -> bool:
        f = self.fields(
            node, _REPLY_KEY_SET, model.REPLY_KEYS, f"the reply of node '{name}'", "PW109"
        )
        if f is None:
            return False
        ok = True
        if "default" not in f:
            self.error(key, "PW110", f"the reply of node '{name}' must have a 'default' target")
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


class _Graph:
    """Node ids, edges and references, checked in linear time once the walk is done."""

    def __init__(self) -> None:
        self.keys: dict[str, Node] = {}
        self.edges: dict[str, list[str]] = {}
        self.endings: dict[str, str | None] = {}
        self.broken: set[str] = set()
        self.refs: list[tuple[str, str, Node]] = []
        #: False when 'nodes' is missing or not a mapping: nothing to check then.
        self.usable = False

    def add(self, name: str, key: Node) -> None:
        self.keys[name] = key
        self.edges[name] = []

    def check(self, doc: _Checker, start: str | None, start_node: Node | None) -> None:
        if not self.usable:
            return
        keys = self.keys
        suggestions = 0
        for what, target, node in self.refs:
            if target in keys:
                continue
            hint = ""
            if suggestions < _MAX_NODE_SUGGESTIONS:
                suggestions += 1
                hint = _suggest(target, keys)
            doc.error(node, "PW301", f"'{what}' names no node '{target}'{hint}")
        if not keys:
            return
        edges = self.edges
        # Forward: reachable from start.
        if start is not None and start in keys:
            seen = {start}
            queue = deque([start])
            while queue:
                for nxt in edges[queue.popleft()]:
                    if nxt not in seen and nxt in keys:
                        seen.add(nxt)
                        queue.append(nxt)
            for name, key in keys.items():
                if name not in seen:
                    doc.error(key, "PW302", f"node '{name}' cannot be reached from '{start}'")
            reached = [self.endings[name] for name in seen if name in self.endings]
            # An ending with a bad value was reported already: do not guess what it meant.
            if None not in reached and "clean-exit" not in reached:
                doc.error(
                    start_node,
                    "PW304",
                    f"no 'clean-exit' ending can be reached from '{start}'",
                )
        # Backward: can reach an ending.
        back: dict[str, list[str]] = {name: [] for name in keys}
        for name, targets in edges.items():
            for target in targets:
                if target in back:
                    back[target].append(name)
        done = set(self.endings)
        queue = deque(done)
        while queue:
            for prev in back[queue.popleft()]:
                if prev not in done:
                    done.add(prev)
                    queue.append(prev)
        for name, key in keys.items():
            if name not in done and name not in self.broken:
                doc.error(key, "PW303", f"node '{name}' cannot reach an ending")


# --- entry points -------------------------------------------------------------


def _diag(display: str, line: int, column: int, code: str, message: str) -> Diagnostic:
    return Diagnostic(display, line, column, code, message)


def _yaml_error(display: str, text: str, exc: yaml.YAMLError) -> Diagnostic:
    if isinstance(exc, yaml.reader.ReaderError):
        return _reader_error(display, text)
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = getattr(exc, "problem", None) or str(exc)
    if isinstance(exc, yaml.composer.ComposerError):
        if problem.startswith("found undefined alias"):
            return _diag(
                display, line, column, "PW005", "aliases (*name) are not allowed; write it out"
            )
        if "expected a single document" in (getattr(exc, "context", None) or ""):
            return _diag(
                display,
                line,
                column,
                "PW003",
                "invalid YAML: a file holds one scenario, but a second document starts here",
            )
    context = getattr(exc, "context", None)
    detail = f"{problem} ({context})" if context else problem
    return _diag(display, line, column, "PW003", f"invalid YAML: {detail}")


def _reader_error(display: str, text: str) -> Diagnostic:
    bad = _NON_PRINTABLE_RE.search(text)
    if bad is None:  # pragma: no cover - the reader only fails on such characters
        return _diag(display, 1, 1, "PW001", "the file is not readable text")
    line, column = _position(text, bad.start())
    return _diag(
        display,
        line,
        column,
        "PW203",
        f"control character {_control_name(bad.group())} in the file; remove it",
    )


def _needs_event_scan(text: str) -> bool:
    if "&" in text or _DEEP_BLOCK_RE.search(text):
        return True
    opened = text.count("[") + text.count("{")
    if opened <= _MAX_OPEN_FLOW:
        return False
    return opened - len(_CLOSED_FLOW_RE.findall(text)) > _MAX_OPEN_FLOW


def _event_scan(text: str, display: str, loader: type) -> list[Diagnostic]:
    """Anchors, aliases and depth from the event stream, abandoned when too deep."""
    found: list[Diagnostic] = []
    depth = 0
    starts = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
    ends = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
    try:
        for event in yaml.parse(text, Loader=loader):
            cls = event.__class__
            if cls in starts:
                depth += 1
                if depth > MAX_DEPTH:
                    m = event.start_mark
                    found.append(
                        _diag(
                            display,
                            m.line + 1,
                            m.column + 1,
                            "PW007",
                            f"nested too deeply: more than {MAX_DEPTH} levels of lists and "
                            "mappings",
                        )
                    )
                    return found
            elif cls in ends:
                depth -= 1
            if cls is yaml.AliasEvent:
                m = event.start_mark
                found.append(
                    _diag(
                        display,
                        m.line + 1,
                        m.column + 1,
                        "PW005",
                        f"alias '*{event.anchor}' is not allowed; write the value out in full",
                    )
                )
            elif getattr(event, "anchor", None) is not None:
                m = event.start_mark
                found.append(
                    _diag(
                        display,
                        m.line + 1,
                        m.column + 1,
                        "PW005",
                        f"anchor '&{event.anchor}' is not allowed; write the value out in full",
                    )
                )
    except yaml.YAMLError as exc:
        found.append(_yaml_error(display, text, exc))
    except RecursionError:  # pragma: no cover - the parsers are not recursive
        found.append(_diag(display, 1, 1, "PW007", "nested too deeply"))
    return found


def _sorted(diags: list[Diagnostic]) -> list[Diagnostic]:
    return sorted(diags, key=lambda d: (d.line, d.column, d.code))


def load_text(
    text: str, display: str = "<string>", path: Path | None = None
) -> tuple[Scenario | None, list[Diagnostic]]:
    """Validate scenario ``text``; the Scenario is returned only when there are no problems."""
    loader = _LOADER
    if "\x00" in text:
        line, column = _position(text, text.index("\x00"))
        return None, [
            _diag(display, line, column, "PW001", "binary file (NUL byte); a scenario is text")
        ]
    if _needs_event_scan(text):
        early = _event_scan(text, display, loader)
        if early:
            return None, _sorted(early)
    was_enabled = gc.isenabled()
    gc.disable()  # composing creates many objects and no cycles worth collecting
    try:
        try:
            root = yaml.compose(text, Loader=loader)
        except yaml.YAMLError as exc:
            return None, [_yaml_error(display, text, exc)]
        except RecursionError:
            return None, [
                _diag(display, 1, 1, "PW007", f"nested too deeply: more than {MAX_DEPTH} levels")
            ]
        if root is None:
            return None, [
                _diag(
                    display,
                    1,
                    1,
                    "PW100",
                    "the file is empty; a scenario is a mapping of keys (format, id, title, ...)",
                )
            ]
        if root.__class__ is not MappingNode:
            doc = _Checker(display)
            if root.tag in (SEQ_TAG, *_SCALAR_KINDS):
                found = "a list" if root.__class__ is SequenceNode else "a single value"
                doc.error(
                    root,
                    "PW100",
                    f"the top level must be a mapping of keys (format, id, title, ...), "
                    f"not {found}",
                )
                doc.sweep(root)
            else:
                doc.sweep(root)
            return None, _sorted(doc.diags)
        doc = _Document(display)
        scenario = doc.check(root, path)
        return scenario, _sorted(doc.diags)
    finally:
        if was_enabled:
            gc.enable()


def read_text(path: Path, display: str) -> tuple[str | None, Diagnostic | None]:
    """The file's text, or the reason it cannot be used."""
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            return None, _diag(display, 1, 1, "PW008", "cannot read: it is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            return None, _diag(display, 1, 1, "PW008", "cannot read: not a regular file")
        if info.st_size > MAX_BYTES:
            return None, _too_big(display, info.st_size)
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return None, _diag(display, 1, 1, "PW008", "cannot read: no such file")
    except PermissionError:
        return None, _diag(display, 1, 1, "PW008", "cannot read: permission denied")
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        return None, _diag(display, 1, 1, "PW008", f"cannot read: {reason.lower()}")
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
        return None, _diag(
            display,
            line,
            column,
            "PW001",
            f"not UTF-8 text (byte 0x{byte:02x}); save the file as UTF-8",
        )


def _too_big(display: str, size: int) -> Diagnostic:
    mib = size / (1024 * 1024)
    return _diag(
        display,
        1,
        1,
        "PW002",
        f"file is too big ({mib:.1f} MiB); a scenario file may be at most 5 MiB",
    )


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
        return None, [_diag(display, 1, 1, "PW008", f"cannot check the file: {exc!r}")]
