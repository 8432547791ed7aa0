"""The coach's findings as the screens show them: styled spans, labels, one-line hints.

A thin layer over :mod:`partways.coach` for the conversation, ending and pad
screens (each imported only when first needed, so this is too). Text is always
cut into pieces by the findings' code-point offsets and each piece wrapped with
:func:`~partways.tui.widgets.literal.literal`: never markup.
"""

from __future__ import annotations

from textual.content import Content

from partways.coach import Analysis, Finding
from partways.coach.render import STYLES, marked_lines
from partways.tui.widgets.literal import literal

__all__ = [
    "KIND_LABEL",
    "STANCE_STYLE",
    "fix_hint",
    "label",
    "mark_style",
    "marked",
    "quoted",
    "stance_label",
]

#: How a structural finding is named, since quoting a whole sentence says little.
KIND_LABEL: dict[str, str] = {
    "no-decision": "no decision",
    "question": "a question, not a statement",
    "buried": "the decision comes late",
    "too-long": "too long",
    "wordy": "too many words",
    "reasons": "more than one reason",
}

#: The stance as a word and a colour.
STANCE_STYLE: dict[str, str] = {
    "firm": "bold $text-success",
    "waffle": "bold $text-warning",
    "cave": "bold $text-error",
    "hostile": "bold $text-error",
}
_STANCE_WORD = {"firm": "firm", "waffle": "waffle", "cave": "caved", "hostile": "hostile"}

#: Tags that say what is good: painted, never underlined.
_GOOD = frozenset({"decision", "notice", "handoff", "in-writing", "gratitude"})


def mark_style(tag: str) -> str:
    """The style of a finding with ``tag``: the coach's colour, underlined if it is to fix."""
    style = STYLES.get(tag, "yellow")
    return style if tag in _GOOD else f"{style} underline"


def stance_label(stance: str) -> Content:
    return literal(_STANCE_WORD.get(stance, stance), STANCE_STYLE.get(stance, "bold"))


def label(finding: Finding) -> str:
    """``hedge/relational``-style name of what was found."""
    return f"{finding.tag}/{finding.kind}" if finding.kind else finding.tag


def quoted(finding: Finding, limit: int = 40) -> str:
    """The finding's words, shortened, or what it is about for a structural one."""
    if finding.structural:
        return KIND_LABEL.get(finding.kind, finding.kind)
    words = " ".join(finding.text.split())
    return f"“{words if len(words) <= limit else words[: limit - 1] + '…'}”"


def marked(text: str, marks: tuple[Finding, ...], start: int = 0) -> Content:
    """``text`` (which starts at offset ``start`` of the analysed text) with ``marks``
    styled in place; lines kept."""
    local = tuple(
        Finding(f.tag, f.start - start, f.end - start, f.text, f.advice, f.kind)
        for f in marks
        if f.start >= start and f.end <= start + len(text)
    )
    lines = []
    for line in marked_lines(text, local):
        pieces = [literal(piece, mark_style(mark.tag) if mark else "") for piece, mark in line]
        lines.append(Content("").join(pieces))
    return Content("\n").join(lines)


def fix_hint(analysis: Analysis) -> Content:
    """One line for under the reply box: the stance and the one thing to fix first."""
    fix = analysis.first_fix
    head = stance_label(analysis.stance)
    if fix is None:
        return head + literal(" · ") + literal(analysis.note, "$foreground-muted")
    return (
        head
        + literal(" · fix first: ")
        + literal(quoted(fix), mark_style(fix.tag) if not fix.structural else "bold")
        + literal(" — ")
        + literal(fix.advice, "$foreground-muted")
    )
