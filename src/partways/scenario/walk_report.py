"""What walking a scenario shows: failed walks, lines that contradict where they
lead, turns past which no clean exit is left, endings never reached.

:func:`check` plays a scenario (:mod:`partways.scenario.walk`) and returns a
:class:`Report`; each thing found is a :class:`Finding` placed in the file like a
validator diagnostic, with a stable code (:class:`WalkCode`, ``PW5xx``). Only a
walk that reaches no ending is an error; the rest are warnings.

- :func:`no_return` lists the turns from which no ``clean-exit`` ending can be
  reached any more;
- :func:`contradictions` the lines and reply branches whose stance disagrees
  with where they lead (a firm line straight to ``caved``, a waffle straight to
  ``clean-exit``). A line's stance is its stance tag, else what its tags say
  (:func:`stance_of`); a line whose tags say nothing is not judged.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum

from partways.scenario.diagnostics import shown
from partways.scenario.graph import reachable, reaching_endings
from partways.scenario.model import Choice, Mark, Scenario
from partways.scenario.walk import Move, Walk, cover, moves, random_walk, routes_from_start
from partways.text import visible
from partways.vocab import Ending, Stance, Tag

__all__ = [
    "WALK_MEANINGS",
    "Finding",
    "Report",
    "WalkCode",
    "check",
    "contradictions",
    "no_return",
    "stance_of",
]


class WalkCode(StrEnum):
    """The stable codes of what a walk finds (``PW5xx``; the validator's end at PW4xx)."""

    NO_ENDING = "PW501"  # error: a walk reached no ending within the limit (a loop)
    FIRM_TO_BAD_END = "PW502"  # warning: a firm line leads straight to caved or stalled
    SOFT_TO_CLEAN_EXIT = "PW503"  # warning: a softer line straight to a clean exit for free
    FIRM_TO_NO_RETURN = "PW504"  # warning: a firm line leads where no clean exit is left
    NEVER_REACHED = "PW505"  # warning: an ending no walk of the run reached


#: What each walk code means (``scenarios/README.md`` lists the same).
WALK_MEANINGS: dict[WalkCode, str] = {
    WalkCode.NO_ENDING: "a walk reached no ending within the limit",
    WalkCode.FIRM_TO_BAD_END: "a firm line leads straight to caved or stalled",
    WalkCode.SOFT_TO_CLEAN_EXIT: "a waffle, cave or hostile line leads straight to clean-exit",
    WalkCode.FIRM_TO_NO_RETURN: "a firm line leads where no clean exit can be reached",
    WalkCode.NEVER_REACHED: "an ending no walk reached",
}

#: Endings a firm line should never lead to straight away.
BAD_FOR_FIRM = (Ending.CAVED, Ending.STALLED)


def _edges(scenario: Scenario) -> dict[str, tuple[str, ...]]:
    return {name: node.targets() for name, node in scenario.nodes.items()}


def no_return(scenario: Scenario) -> list[str]:
    """The turns reachable from start from which no ``clean-exit`` ending can be reached."""
    edges = _edges(scenario)
    clean = [name for name, node in scenario.nodes.items() if node.ending == Ending.CLEAN_EXIT]
    good = reaching_endings(edges, clean)
    seen = reachable(scenario.start, edges)
    return [
        name
        for name, node in scenario.nodes.items()
        if name in seen and not node.is_ending and name not in good
    ]


def stance_of(choice: Choice) -> str | None:
    """The stance a line's tags give: a stance tag, else ``blame`` (hostile), ``reversal``
    (cave) or ``decision`` (firm); None when the tags do not say."""
    if choice.stance is not None:
        return choice.stance
    for tag, stance in ((Tag.BLAME, Stance.HOSTILE), (Tag.REVERSAL, Stance.CAVE)):
        if tag in choice.tags:
            return stance
    return Stance.FIRM if Tag.DECISION in choice.tags else None


@dataclass(frozen=True, slots=True)
class Finding:
    """Something a walk found, at a place in the file (like a validator diagnostic)."""

    path: str
    line: int
    column: int
    code: str
    message: str
    severity: str = "warning"

    def format(self) -> str:
        """``PATH:LINE:COLUMN: warning: MESSAGE [CODE]``."""
        where = f"{visible(self.path)}:{self.line}:{self.column}"
        return f"{where}: {self.severity}: {visible(self.message)} [{self.code}]"

    def to_json(self) -> dict[str, str | int]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "severity": self.severity,
            "message": visible(self.message),
        }


def contradictions(scenario: Scenario, display: str) -> list[Finding]:
    """Lines and reply branches whose stance disagrees with where they lead."""
    lost = set(no_return(scenario))
    found: list[Finding] = []
    for node in scenario.nodes.values():
        said: list[tuple[str | None, str, Mark, str]] = [
            (stance_of(c), c.next, c.mark, f"line {i}") for i, c in enumerate(node.choices, 1)
        ]
        said.extend(
            (stance, target, node.mark, f"the typed '{stance}' reply")
            for stance, target in node.reply.items()
            if stance != "default"
        )
        firm = {target for stance, target, _, _ in said if stance == Stance.FIRM}
        for stance, target, mark, what in said:
            problem = _contradiction(scenario, stance, target, lost, firm)
            if problem is not None:
                code, why = problem
                where = f"{what} of node '{shown(node.id)}'"
                found.append(Finding(display, mark.line, mark.column, code, f"{where} {why}"))
    return found


def _firm_ends_elsewhere(scenario: Scenario, target: str, firm: set[str]) -> bool:
    """Whether a firm answer of the same turn goes somewhere better than ``target``, a
    clean exit: another clean exit, or on into the conversation (not a bad ending).
    Then the softer answer's clean exit is a lesser one, on purpose."""
    return any(
        other != target and scenario.nodes[other].ending in (None, Ending.CLEAN_EXIT)
        for other in firm
    )


def _contradiction(
    scenario: Scenario, stance: str | None, target: str, lost: set[str], firm: set[str]
) -> tuple[str, str] | None:
    """What is wrong with ``stance`` leading to ``target``, if anything. ``firm`` holds
    where the turn's firm answers lead: a softer answer may end cleanly too when the
    firm one goes elsewhere and not to a bad end (the lesser exit's lesson says what
    the waffle cost)."""
    ending = scenario.nodes[target].ending
    if stance == Stance.FIRM and ending in BAD_FOR_FIRM:
        return WalkCode.FIRM_TO_BAD_END, f"is firm but leads straight to a '{ending}' ending"
    soft = stance in (Stance.WAFFLE, Stance.CAVE, Stance.HOSTILE)
    if soft and ending == Ending.CLEAN_EXIT and not _firm_ends_elsewhere(scenario, target, firm):
        return WalkCode.SOFT_TO_CLEAN_EXIT, f"is {stance} but leads straight to a clean exit"
    if stance == Stance.FIRM and target in lost:
        return (
            WalkCode.FIRM_TO_NO_RETURN,
            f"is firm but leads to '{shown(target)}', from where no clean exit can be reached",
        )
    return None


@dataclass
class Report:
    """What :func:`check` found in one scenario."""

    scenario: Scenario
    display: str
    #: "walk" (random, seeded) or "cover".
    mode: str
    walks: list[Walk]
    seed: int | None = None
    #: Moves of reachable turns, and those no walk took.
    moves_total: int = 0
    untaken: list[Move] = field(default_factory=list)
    no_return: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def failures(self) -> list[Walk]:
        """Walks that reached no ending within the limit."""
        return [walk for walk in self.walks if walk.ending is None]

    @property
    def reached(self) -> Counter[str]:
        """How many walks ended at each ending node."""
        return Counter(walk.end for walk in self.walks if walk.ending is not None)

    @property
    def longest(self) -> Walk | None:
        """The longest walk that reached an ending (the first of equals)."""
        ended = [walk for walk in self.walks if walk.ending is not None]
        return max(ended, key=lambda walk: len(walk.moves)) if ended else None

    @property
    def ok(self) -> bool:
        """No walk failed (warnings do not count)."""
        return all(f.severity != "error" for f in self.findings)


def check(
    scenario: Scenario,
    display: str,
    walks: int = 0,
    seed: int = 0,
    full: bool = False,
    limit: int | None = None,
) -> Report:
    """``walks`` random walks seeded ``seed``, ``seed + 1``, …; or, with ``full``,
    the :func:`cover` paths. Then what they and the graph show (see :class:`Report`).
    ``limit`` is how many lines a walk may take (default :func:`~walk.max_lines`)."""
    if full:
        report = Report(scenario, display, "cover", cover(scenario, limit))
    else:
        played = [random_walk(scenario, seed + k, limit) for k in range(walks)]
        report = Report(scenario, display, "walk", played, seed)
    reach = routes_from_start(scenario)
    every = [move for name in reach for move in moves(scenario.nodes[name])]
    taken = {move for walk in report.walks for move in walk.moves}
    report.moves_total = len(every)
    report.untaken = [move for move in every if move not in taken]
    report.no_return = no_return(scenario)
    report.findings = _failures(report) + contradictions(scenario, display) + _unreached(report)
    return report


def _failures(report: Report) -> list[Finding]:
    start = report.scenario.nodes[report.scenario.start].mark
    return [
        Finding(
            report.display,
            start.line,
            start.column,
            WalkCode.NO_ENDING,
            f"the walk seeded {walk.seed} reached no ending in {len(walk.moves)} lines "
            f"(it went round {_loop(walk)}); replay it with --walk 1 --seed {walk.seed}",
            "error",
        )
        for walk in report.failures
    ]


def _loop(walk: Walk) -> str:
    """The nodes of the last stretch a walk kept going round, as ``'a' → 'b' → 'a'``."""
    tail = walk.nodes[-12:]
    return " → ".join(f"'{shown(name)}'" for name in tail)


def _unreached(report: Report) -> list[Finding]:
    if not report.walks or report.mode == "cover":
        return []
    reached = report.reached
    return [
        Finding(
            report.display,
            node.mark.line,
            node.mark.column,
            WalkCode.NEVER_REACHED,
            f"no walk reached the '{node.ending}' ending '{shown(node.id)}'",
        )
        for node in report.scenario.endings
        if node.id not in reached
    ]
