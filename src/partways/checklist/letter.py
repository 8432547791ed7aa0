"""The written summary sent after the conversation, in the client's language.

Each language has its own letter, written natively (``data/letters/<lang>.txt``),
not translated: sections in ``[brackets]``, each a paragraph or a line with
placeholders — ``{client}``, ``{you}``, ``{last_day}``, ``{talk}`` (dates the way
the language writes them, :func:`partways.checklist.dates.long_date`) and, in an
item's own section (``[item.final-invoice]``), ``{due}``, that item's date. An
item's section goes into the letter only while the item is still open. The
user's own steps marked for the letter (``letter: true`` in ``checklist.yaml``,
the default for a new step of the "after" phase) are listed after them while
open: ``[steps]`` introduces the list, ``[step]`` is one line of it (``{step}``,
the step's text as the user wrote it, and ``{due}``). Lines starting with ``#``
are comments.

The order is the guides': the decision and the last day first, one reason in
general terms (none at all for an abusive client), what is left to deliver and
by when, what happens to the money and the handover, thanks, the door left open
(not for an abusive client), and the signature.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from functools import cache
from pathlib import Path

from partways.checklist.dates import long_date
from partways.checklist.model import PHASE_TITLES, PHASES, Offboarding
from partways.vocab import LANGUAGES, Reason

LETTERS = Path(__file__).parent / "data" / "letters"
_HEADER_RE = re.compile(r"^\[([a-z0-9._-]+)\]\s*$")
_PLACEHOLDER_RE = re.compile(r"\{([a-z_]+)\}")

#: The sections every letter has, in the order they are written.
BODY = (
    "greeting",
    "decision",
    "reason",
    "deliverables",
    "*items",
    "*steps",
    "thanks",
    "again",
    "closing",
)


@cache
def sections(lang: str) -> dict[str, str]:
    """The letter of ``lang`` as section name -> text (read once)."""
    text = (LETTERS / f"{lang}.txt").read_text(encoding="utf-8")
    found: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        header = _HEADER_RE.match(line)
        if header:
            current = found.setdefault(header.group(1), [])
        elif current is not None:
            current.append(line)
    return {name: "\n".join(lines).strip() for name, lines in found.items()}


def _filler(values: dict[str, str]) -> Callable[[str], str]:
    def fill(text: str) -> str:
        # One pass: a name holding "{last_day}" is never filled again.
        return _PLACEHOLDER_RE.sub(lambda m: values.get(m.group(1), m.group(0)), text)

    return fill


def subject(offboarding: Offboarding) -> str:
    lang = offboarding.language if offboarding.language in LANGUAGES else "en"
    return _filler(_values(offboarding, lang))(sections(lang)["subject"])


def _values(offboarding: Offboarding, lang: str) -> dict[str, str]:
    return {
        "client": offboarding.client,
        "you": offboarding.you or sections(lang)["you"],
        "talk": long_date(offboarding.talk, lang),
        "last_day": long_date(offboarding.last_day, lang),
    }


def generate(offboarding: Offboarding) -> str:
    """The letter for ``offboarding``, in its language, filled in."""
    lang = offboarding.language if offboarding.language in LANGUAGES else "en"
    parts = sections(lang)
    fill = _filler(_values(offboarding, lang))
    abusive = offboarding.reason == Reason.ABUSIVE
    out: list[str] = []
    for name in BODY:
        if name == "*items":
            out.extend(_items(offboarding, lang, parts))
        elif name == "*steps":
            out.extend(_steps(offboarding, lang, parts))
        elif name == "deliverables":
            if offboarding.deliverables:
                listed = "\n".join(f"- {d}" for d in offboarding.deliverables)
                out.append(fill(parts["deliverables"]) + "\n" + listed)
        elif abusive and f"{name}.abusive" in parts:
            out.append(fill(parts[f"{name}.abusive"]))
        else:
            out.append(fill(parts[name]))
    return "\n\n".join(p for p in out if p) + "\n"


def _items(offboarding: Offboarding, lang: str, parts: dict[str, str]) -> list[str]:
    """One sentence per open item that has a section, in the checklist's order."""
    sentences = []
    values = _values(offboarding, lang)
    for item in offboarding.items:
        section = parts.get(f"item.{item.id}")
        if section is None or item.done:
            continue
        sentences.append(_filler({**values, "due": long_date(item.due, lang)})(section))
    return [" ".join(sentences)] if sentences else []


def _steps(offboarding: Offboarding, lang: str, parts: dict[str, str]) -> list[str]:
    """The user's own open steps marked for the letter, as a list under ``[steps]``."""
    lines = [
        _filler({"step": item.text, "due": long_date(item.due, lang)})(parts["step"])
        for item in offboarding.items
        if item.letter and not item.done and f"item.{item.id}" not in parts
    ]
    return [parts["steps"] + "\n" + "\n".join(lines)] if lines else []


# -- the Markdown export ---------------------------------------------------------


def _fence(text: str) -> str:
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def markdown(offboarding: Offboarding, letter: str, today: date) -> str:
    """The offboarding, its checklist as of ``today`` and the letter, as Markdown."""
    o = offboarding
    lines = [
        f"# Offboarding: {o.client}",
        "",
        f"- Reason: {o.reason}" + (" (agency)" if o.agency else ""),
        f"- Conversation: {o.talk.isoformat()}",
        f"- Notice: {o.notice_days} days; last day: {o.last_day.isoformat()}",
    ]
    if o.contact:
        lines.append(f"- Contact: {o.contact}")
    if o.archived:
        lines.append("- Archived")
    overdue = o.overdue(today)
    lines.append(f"- As of {today.isoformat()}: {len(overdue)} overdue")
    if o.notes:
        lines += ["", "Notes:", "", *o.notes.splitlines()]
    progress = o.progress()
    for phase in PHASES:
        done, total = progress[phase]
        lines += ["", f"## {PHASE_TITLES[phase]} ({done}/{total})", ""]
        for item in (i for i in o.items if i.phase == phase):
            late = " **overdue**" if not item.done and item.due < today else ""
            mark = "x" if item.done else " "
            lines.append(f"- [{mark}] {item.text} (due {item.due.isoformat()}){late}")
            if item.note:
                lines.append(f"  - note: {' '.join(item.note.split())}")
    if o.rehearsals:
        lines += ["", "## Rehearsals", ""]
        lines += [
            f"- {r.started[:16].replace('T', ' ')}: {r.title} — {r.outcome}" for r in o.rehearsals
        ]
    fence = _fence(letter)
    lines += [
        "",
        "## The letter",
        "",
        f"Subject: {subject(o)}",
        "",
        fence + "text",
        letter.rstrip("\n"),
        fence,
        "",
    ]
    return "\n".join(lines)
