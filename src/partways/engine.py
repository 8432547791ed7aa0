"""The conversation engine: one rehearsal of one scenario, as a small state machine.

Plain Python, no Textual. A screen asks the engine what the client says and
which lines are on offer, hands it the user's pick or typed reply, and, once an
ending is reached (or the user leaves), takes the :class:`Outcome` to the store.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from partways.coach.classify import Analysis, classify, coach_note
from partways.records import Outcome, Turn
from partways.scenario.model import Node, Scenario
from partways.scores import Said, Scores, score
from partways.text import MAX_REPLY_CHARS, clean_typed, fill
from partways.vocab import ABANDONED, CONTENT_TAGS

__all__ = [
    "ABANDONED",
    "Classifier",
    "Clock",
    "EngineError",
    "Outcome",
    "Rehearsal",
    "Turn",
]

Classifier = Callable[[str, str], Analysis]
Clock = Callable[[], datetime]


class EngineError(ValueError):
    """The user asked for something this turn does not allow."""


def _now() -> datetime:
    return datetime.now().astimezone()


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


@dataclass
class Rehearsal:
    """Walks a scenario from its start node to an ending."""

    scenario: Scenario
    #: The names for ``{client}`` and ``{you}``: given ones are tidied; missing or
    #: blank ones become the scenario's (``you`` when it names no one).
    client_name: str = ""
    you_name: str = ""
    classifier: Classifier = classify
    clock: Clock = _now
    turns: list[Turn] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.client_name = _name(self.client_name) or self.scenario.client
        self.you_name = _name(self.you_name) or self.scenario.you or "you"
        self._node_id = self.scenario.start
        self._started = _iso(self.clock())
        self._outcome: Outcome | None = None

    # -- what the screen shows -------------------------------------------------

    @property
    def node(self) -> Node:
        return self.scenario.nodes[self._node_id]

    @property
    def finished(self) -> bool:
        return self._outcome is not None or self.node.is_ending

    @property
    def accepts_reply(self) -> bool:
        return not self.finished and self.node.accepts_reply

    def fill(self, text: str) -> str:
        """``text`` with ``{client}`` and ``{you}`` replaced by this rehearsal's names."""
        return fill(text, self.client_name, self.you_name)

    def client_line(self) -> str | None:
        return self.fill(self.node.client) if self.node.client is not None else None

    def tip(self) -> str | None:
        return self.fill(self.node.tip) if self.node.tip is not None else None

    def choices(self) -> list[str]:
        if self.finished:
            return []
        return [self.fill(choice.say) for choice in self.node.choices]

    # -- what the user does ----------------------------------------------------

    def pick(self, number: int) -> Turn:
        """Say choice ``number`` (1-based) of the current turn."""
        if self.finished:
            raise EngineError("the rehearsal is over")
        choices = self.node.choices
        if not 1 <= number <= len(choices):
            raise EngineError(f"there is no line {number} on this turn")
        choice = choices[number - 1]
        said = self.fill(choice.say)
        stance = choice.stance or self.classifier(said, self.scenario.language).stance
        tags = tuple(tag for tag in choice.tags if tag in CONTENT_TAGS)
        return self._advance(
            said, "picked", number, stance, tags, self.fill(choice.coach), choice.next
        )

    def reply(self, text: str) -> Turn:
        """Say ``text`` in the user's own words; the coach's stance picks the branch."""
        if self.finished:
            raise EngineError("the rehearsal is over")
        if not self.node.accepts_reply:
            raise EngineError("this turn is answered by picking a line")
        said = clean_typed(text)
        if not said:
            raise EngineError("an empty reply is not sent")
        if len(said) > MAX_REPLY_CHARS:
            raise EngineError(f"a reply holds at most {MAX_REPLY_CHARS:,} characters")
        analysis = self.classifier(said, self.scenario.language)
        reply = self.node.reply
        target = reply.get(analysis.stance, reply["default"])
        tags = tuple(tag for tag in analysis.tags if tag in CONTENT_TAGS)
        return self._advance(
            said, "typed", None, analysis.stance, tags, coach_note(analysis), target
        )

    def abandon(self) -> Outcome:
        """Leave midway; the rehearsal is logged as abandoned."""
        if self._outcome is None:
            self._outcome = self._make_outcome(ABANDONED, None)
        return self._outcome

    def outcome(self) -> Outcome:
        """The outcome, once an ending is reached (or the rehearsal was abandoned)."""
        if self._outcome is None:
            if not self.node.is_ending:
                raise EngineError("the rehearsal has not ended yet")
            self._outcome = self._make_outcome(self.node.ending or "", self.node)
        return self._outcome

    def scores(self) -> Scores:
        return score([Said(t.said, t.stance, t.tags) for t in self.turns])

    # -- inside ---------------------------------------------------------------

    def _advance(
        self,
        said: str,
        how: Literal["picked", "typed"],
        choice: int | None,
        stance: str,
        tags: tuple[str, ...],
        coach: str,
        target: str,
    ) -> Turn:
        node = self.node
        turn = Turn(
            node=node.id,
            client=self.client_line() or "",
            mood=node.mood,
            said=said,
            how=how,
            choice=choice,
            stance=stance,
            tags=tags,
            coach=coach,
            next=target,
        )
        self.turns.append(turn)
        self._node_id = target
        return turn

    def _make_outcome(self, kind: str, ending: Node | None) -> Outcome:
        return Outcome(
            scenario=self.scenario.id,
            title=self.scenario.title,
            language=self.scenario.language,
            outcome=kind,
            ending_node=ending.id if ending else None,
            client_line=self.client_line() if ending else None,
            lesson=self.fill(ending.lesson) if ending and ending.lesson else None,
            client_name=self.client_name,
            you_name=self.you_name,
            started=self._started,
            finished=_iso(self.clock()),
            turns=tuple(self.turns),
            scores=self.scores(),
        )


def _name(value: str | None) -> str | None:
    if value is None:
        return None
    cleaned = " ".join(clean_typed(value).split())
    return cleaned[:60] or None
