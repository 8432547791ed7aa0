"""The checklist template: read strictly from YAML, checked, with a place for every problem.

The template ships as ``data/template.yaml``; a ``checklist.yaml`` in the data
folder adds items to it (an item whose ``id`` is a shipped one replaces it).
Both are read with the scenario loader's strict composer
(:mod:`partways.scenario.yaml_strict`: no aliases, no tags that build objects,
a depth limit) and walked with marks, so each problem is reported as
``PATH:LINE:COLUMN: error: MESSAGE [CLxxx]``, the way ``partways validate``
reports scenarios. The shape::

    format: 1
    items:
      - id: sleep-on-it                 # [a-z0-9]+(-[a-z0-9]+)*, unique
        phase: before                   # before | conversation | after
        text: Sleep on the decision.
        due: 7 days before the talk     # see partways.checklist.dates
        agency: true                    # optional: only for agencies
        when: [abusive]                 # optional: only for these reasons
        letter: true                    # optional: listed in the letter while open
                                        # (default: yes for a new step of the user's
                                        # own in the "after" phase, no otherwise)
"""

from __future__ import annotations

import re
from dataclasses import replace
from enum import StrEnum
from pathlib import Path

from yaml.nodes import Node, ScalarNode, SequenceNode

from partways.checklist.dates import EXAMPLES, parse_rule
from partways.checklist.model import PHASES, TemplateItem
from partways.scenario.diagnostics import (
    Code,
    Diagnostic,
    Lines,
    control_name,
    one_of,
    shown,
    suggest,
)
from partways.scenario.yaml_nodes import BOOL_TAG, SEQ_TAG, NodeChecker
from partways.scenario.yaml_strict import DEFAULT_LOADER, compose, read_text
from partways.text import first_control, is_blank
from partways.vocab import REASONS

#: The user's own additions, in the data folder.
USER_TEMPLATE = "checklist.yaml"
SHIPPED = Path(__file__).parent / "data" / "template.yaml"


class CL(StrEnum):
    """The template's own problem codes (the scenario codes' CL twins)."""

    NOT_UTF8 = "CL001"
    TOO_BIG = "CL002"
    BAD_YAML = "CL003"
    DUPLICATE = "CL004"
    ALIAS = "CL005"
    YAML_TAG = "CL006"
    TOO_DEEP = "CL007"
    UNREADABLE = "CL008"
    NOT_A_MAPPING = "CL100"
    UNKNOWN_KEY = "CL101"
    MISSING_KEY = "CL102"
    WRONG_TYPE = "CL103"
    FORMAT = "CL104"
    BAD_ID = "CL105"
    NOT_ALLOWED = "CL106"
    BAD_DUE = "CL107"
    ID_TAKEN = "CL108"
    NOT_A_STRING = "CL201"
    EMPTY = "CL202"
    CONTROL = "CL203"


#: A scenario code as the template reports it.
_TWIN = {code.value: CL[code.name].value for code in Code if code.name in CL.__members__}

_ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_TOP = ("format", "items")
_ITEM = ("id", "phase", "text", "due", "agency", "when", "letter")
_REQUIRED = ("id", "phase", "text", "due")


def _twin(diag: Diagnostic) -> Diagnostic:
    return replace(diag, code=_TWIN.get(diag.code, diag.code))


class _Checker(NodeChecker):
    """The scenario walker, reporting with CL codes."""

    def error(self, node: Node, code: Code | CL, message: str) -> None:
        line, column = self.where(node)
        value = _TWIN.get(code.value, code.value)
        self.diags.append(Diagnostic(self.display, line, column, value, message))

    def check(self, root: Node | None) -> list[TemplateItem]:
        if root is None:
            self.diags.append(Diagnostic(self.display, 1, 1, CL.MISSING_KEY, "the file is empty"))
            return []
        top = self.fields(root, frozenset(_TOP), _TOP, "the template")
        if top is None:
            return []
        if "format" not in top:
            self.missing(root, ["format"], "the template")
        else:
            self.integer(
                "format",
                top["format"][1],
                1,
                1,
                Code.FORMAT,
                "format {value} is not supported; this version of partways reads format 1",
            )
        if "items" not in top:
            self.missing(root, ["items"], "the template")
            return []
        items_node = top["items"][1]
        if items_node.__class__ is not SequenceNode or items_node.tag != SEQ_TAG:
            self.wrong_type(items_node, "'items'", "a list of items")
            return []
        items: list[TemplateItem] = []
        seen: dict[str, Node] = {}
        for node in items_node.value:
            item = self.item(node)
            if item is None:
                continue
            if item.id in seen:
                first = self.where(seen[item.id])[0]
                self.error(
                    node, CL.ID_TAKEN, f"item id '{item.id}' is used twice (first at line {first})"
                )
                continue
            seen[item.id] = node
            items.append(item)
        return items

    def item(self, node: Node) -> TemplateItem | None:
        fields = self.fields(node, frozenset(_ITEM), _ITEM, "an item")
        if fields is None:
            return None
        missing = [key for key in _REQUIRED if key not in fields]
        if missing:
            self.missing(node, missing, "an item")
            return None
        values = {key: self.text(key, fields[key][1]) for key in ("id", "phase", "text", "due")}
        item_id, phase, text, due = (values[k] for k in ("id", "phase", "text", "due"))
        ok = None not in (item_id, phase, text, due)
        if item_id is not None and _ID_RE.fullmatch(item_id) is None:
            ok = self._bad(
                fields["id"][1],
                CL.BAD_ID,
                f"item id '{shown(item_id)}' must be "
                "lowercase letters and digits joined by single hyphens",
            )
        if phase is not None and phase not in PHASES:
            ok = self._bad(
                fields["phase"][1],
                CL.NOT_ALLOWED,
                f"'phase' must be {one_of(PHASES)}, not '{shown(phase)}'" + suggest(phase, PHASES),
            )
        rule = parse_rule(due) if due is not None else None
        if due is not None and rule is None:
            ok = self._bad(
                fields["due"][1],
                CL.BAD_DUE,
                f"'due' must be a rule such as "
                f"'{EXAMPLES[0]}', '{EXAMPLES[1]}' or '{EXAMPLES[2]}', not "
                f"'{shown(due)}'",
            )
        agency = self.flag("agency", fields["agency"][1]) if "agency" in fields else False
        when = self.reasons(fields["when"][1]) if "when" in fields else ()
        letter = self.flag("letter", fields["letter"][1]) if "letter" in fields else None
        bad_letter = "letter" in fields and letter is None
        if not ok or rule is None or agency is None or when is None or bad_letter:
            return None
        assert item_id is not None and phase is not None and text is not None
        return TemplateItem(item_id, phase, text.strip(), rule, agency, when, letter)

    def _bad(self, node: Node, code: CL, message: str) -> bool:
        self.error(node, code, message)
        return False

    def text(self, key: str, node: Node) -> str | None:
        value = self.string(key, node)
        if value is None:
            return None
        if is_blank(value):
            self.error(node, CL.EMPTY, f"'{key}' is empty")
            return None
        control = first_control(value)
        if control is not None:
            self.error(
                node, CL.CONTROL, f"control character {control_name(control)} in '{key}'; remove it"
            )
            return None
        return value

    def flag(self, key: str, node: Node) -> bool | None:
        if node.__class__ is ScalarNode and node.tag == BOOL_TAG:
            return str(node.value).lower() in ("true", "yes", "on")
        self.wrong_type(node, f"'{key}'", "true or false")
        return None

    def reasons(self, node: Node) -> tuple[str, ...] | None:
        nodes = node.value if isinstance(node, SequenceNode) else [node]
        found: list[str] = []
        for one in nodes:
            reason = self.string("when", one)
            if reason is None:
                return None
            if reason not in REASONS:
                self.error(
                    one,
                    CL.NOT_ALLOWED,
                    f"'when' names a reason: {one_of(REASONS)}, "
                    f"not '{shown(reason)}'" + suggest(reason, REASONS),
                )
                return None
            found.append(reason)
        return tuple(found)


def load_text(text: str, display: str = "<string>") -> tuple[list[TemplateItem], list[Diagnostic]]:
    """The items of template ``text``, and its problems (items only when there are none)."""
    lines = Lines(text)
    root, problems = compose(text, display, DEFAULT_LOADER, lines)
    if problems:
        return [], [_twin(d) for d in problems]
    checker = _Checker(display, lines)
    items = checker.check(root)
    diags = sorted(checker.diags, key=lambda d: (d.line, d.column, d.code))
    return (items, []) if not diags else ([], diags)


def load_file(
    path: Path, display: str | None = None
) -> tuple[list[TemplateItem], list[Diagnostic]]:
    """Read and check one template file; never raises for a bad file."""
    display = str(path) if display is None else display
    text, problem = read_text(path, display)
    if problem is not None:
        return [], [_twin(problem)]
    assert text is not None
    return load_text(text, display)


def template(data_dir: Path | None) -> tuple[list[TemplateItem], list[Diagnostic]]:
    """The shipped items with the user's ``checklist.yaml`` (if any) merged in.

    A user item with a shipped item's id takes its place; the others are added
    at the end of their phase. A user file with any problem adds nothing (its
    problems are returned to be shown). Every item's ``letter`` is decided here:
    as the file says, else listed for a user's new step of the "after" phase
    (the shipped steps have their own sentences in the letter).
    """
    shipped, problems = load_file(SHIPPED, "template.yaml")
    items = [replace(item, letter=bool(item.letter)) for item in shipped]
    user = data_dir / USER_TEMPLATE if data_dir is not None else None
    if user is None or not user.exists():
        return items, problems
    extra, user_problems = load_file(user)
    by_id = {item.id: item for item in items}
    for item in extra:
        new_step = item.id not in by_id and item.phase == "after"
        by_id[item.id] = replace(item, letter=new_step if item.letter is None else item.letter)
    merged = sorted(by_id.values(), key=lambda item: PHASES.index(item.phase))
    return merged, problems + user_problems
