"""The history's two small indexes: one light row per rehearsal, one summary per scenario.

Both are derived from the records (:func:`row_of`, :func:`fold`), kept in their
own collections so that the home screen (summaries) and a history table (rows)
never read a transcript. Whatever an index file holds, reading it gives
well-typed values (:meth:`Row.from_json`, :meth:`Summary.from_json`), so a
hand-edited index never stops the app.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from partways.scores import SCORE_NAMES, Scores
from partways.store.tidy import _score, _text
from partways.vocab import ABANDONED, Ending

#: The summary index's own record: which journal line of the records it has seen.
META = "#meta"


@dataclass(frozen=True, slots=True)
class Best:
    """A person's best result on one scenario."""

    outcome: str
    overall: int
    count: int


@dataclass(frozen=True, slots=True)
class Row:
    """One rehearsal, without its transcript: what a table of them and a habits view need."""

    key: str
    started: str
    finished: str
    scenario: str
    title: str
    language: str
    outcome: str
    scores: Scores
    turns: int
    tags: tuple[tuple[str, int], ...]  # each coach tag and how many of the person's lines had it
    stances: tuple[tuple[str, int], ...]  # firm, waffle, cave, hostile: how many lines each

    @property
    def abandoned(self) -> bool:
        return self.outcome == ABANDONED

    @classmethod
    def from_json(cls, key: str, data: Mapping[str, Any]) -> Row:
        scores = data.get("scores")
        given = scores if isinstance(scores, Mapping) else {}
        turns = data.get("turns")
        return cls(
            key=key,
            started=_text(data.get("started")),
            finished=_text(data.get("finished")),
            scenario=_text(data.get("scenario")),
            title=_text(data.get("title")),
            language=_text(data.get("language")),
            outcome=_text(data.get("outcome")),
            scores=Scores(*(_score(given.get(name)) for name in SCORE_NAMES)),
            turns=turns if isinstance(turns, int) and not isinstance(turns, bool) else 0,
            tags=_counts(data.get("tags")),
            stances=_counts(data.get("stances")),
        )


def _counts(value: object) -> tuple[tuple[str, int], ...]:
    if not isinstance(value, Mapping):
        return ()
    return tuple(
        (_text(name), count)
        for name, count in value.items()
        if isinstance(count, int) and not isinstance(count, bool) and count > 0
    )


def row_of(record: Mapping[str, Any]) -> dict[str, Any]:
    """The light row of a (tidied) record, as JSON."""
    turns = record.get("turns") or []
    tags: Counter[str] = Counter()
    stances: Counter[str] = Counter()
    for turn in turns:
        tags.update(set(turn.get("tags") or ()))
        stance = turn.get("stance")
        if stance:
            stances[stance] += 1
    return {
        "started": record.get("started", ""),
        "finished": record.get("finished", ""),
        "scenario": record.get("scenario", ""),
        "title": record.get("title", ""),
        "language": record.get("language", ""),
        "outcome": record.get("outcome", ""),
        "scores": record.get("scores", {}),
        "turns": len(turns),
        "tags": dict(tags),
        "stances": dict(stances),
    }


@dataclass(frozen=True, slots=True)
class Summary:
    """One scenario: its best finished result (if any), its last, and how often it was played."""

    best: Best | None
    last_outcome: str
    last_overall: int
    last_finished: str
    count: int

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Summary:
        count = data.get("count")
        count = count if isinstance(count, int) and not isinstance(count, bool) else 0
        best_outcome = data.get("best_outcome")
        best = (
            Best(_text(best_outcome), _score(data.get("best_overall")), count)
            if isinstance(best_outcome, str)
            else None
        )
        return cls(
            best,
            _text(data.get("last_outcome")),
            _score(data.get("last_overall")),
            _text(data.get("last_finished")),
            count,
        )


def _overall(row: Mapping[str, Any]) -> int:
    return Row.from_json("", row).scores.overall


def fold(summary: Mapping[str, Any] | None, row: Mapping[str, Any]) -> dict[str, Any]:
    """``summary`` (JSON, or ``None``) with the newer rehearsal ``row`` counted in.

    The best is a clean exit first, then the highest overall score, the newer on a tie.
    """
    done = dict(summary or {})
    overall = _overall(row)
    outcome = _text(row.get("outcome"))
    count = done.get("count")
    done["count"] = (count if isinstance(count, int) else 0) + 1
    done.update(
        last_outcome=outcome, last_overall=overall, last_finished=_text(row.get("finished"))
    )
    if outcome != ABANDONED:
        best = done.get("best_outcome")
        rank = (outcome == Ending.CLEAN_EXIT, overall)
        if not isinstance(best, str) or rank >= (
            best == Ending.CLEAN_EXIT,
            _score(done.get("best_overall")),
        ):
            done.update(best_outcome=outcome, best_overall=overall)
    return done


def fold_all(rows: Iterable[Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """The summaries of ``rows`` (oldest first), by scenario id."""
    summaries: dict[str, dict[str, Any]] = {}
    for row in rows:
        scenario = _text(row.get("scenario"))
        summaries[scenario] = fold(summaries.get(scenario), row)
    return summaries
