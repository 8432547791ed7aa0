"""How ``partways coach`` prints an analysis for a person: plain, or in colour.

Plain output (a pipe, a file, ``NO_COLOR``) imports nothing beyond the standard
library; Rich is imported only when colour is wanted. Either way control
characters from the input are written out (``\\x1b``), never sent raw, and what
the terminal's encoding cannot write is escaped.
"""

from __future__ import annotations

import os

from partways.coach.analysis import Analysis, Finding
from partways.coach.intake import for_stream
from partways.text import visible

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import IO

__all__ = ["STYLES", "marked_lines", "render", "wants_colour"]

#: Colour per tag (Rich styles), for the terminal and for the TUI to reuse.
STYLES: dict[str, str] = {
    "blame": "bold red",
    "reversal": "bold magenta",
    "breakup-phrase": "red",
    "hedge": "yellow",
    "permission": "yellow",
    "apology": "yellow",
    "minimizer": "yellow",
    "filler": "dim yellow",
    "over-explain": "yellow",
    "decision": "bold green",
    "notice": "green",
    "handoff": "green",
    "in-writing": "green",
    "gratitude": "cyan",
}


def wants_colour(stream: IO[str]) -> bool:
    """Colour on a terminal, unless ``NO_COLOR`` is set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


Piece = tuple[str, Finding | None]


def marked_lines(text: str, marks: tuple[Finding, ...]) -> list[list[Piece]]:
    """``text`` cut into lines of (piece, finding or None): a line's pieces make the line."""
    pieces: list[tuple[str, Finding | None]] = []
    at = 0
    for found in marks:
        if found.start < at:
            continue
        if found.start > at:
            pieces.append((text[at : found.start], None))
        pieces.append((text[found.start : found.end], found))
        at = found.end
    if at < len(text):
        pieces.append((text[at:], None))
    lines: list[list[tuple[str, Finding | None]]] = [[]]
    for piece, mark in pieces:
        parts = piece.split("\n")
        for n, part in enumerate(parts):
            if n:
                lines.append([])
            if part:
                lines[-1].append((part, mark))
    return lines


def _summary(analysis: Analysis) -> list[tuple[str, Finding | None]]:
    rows: list[tuple[str, Finding | None]] = []
    for f in analysis.findings:
        label = f"{f.tag}/{f.kind}" if f.kind else f.tag
        quoted = visible(f.text if len(f.text) <= 60 else f.text[:59] + "…")
        rows.append((f"  {label:<24} '{quoted}'  {visible(f.advice)}", f))
    return rows


def render(analysis: Analysis, text: str, stream: IO[str], colour: bool) -> None:
    """Print the stance, the text with its findings marked, the findings, the note, the scores."""
    head = text[: max((f.end for f in analysis.findings), default=0) + 2_000]
    lines = marked_lines(head, analysis.marks)
    if len(head) < len(text):
        lines.append([(f"[… {len(text) - len(head):,} more characters]", None)])
    scores = "  ".join(f"{k} {v}" for k, v in analysis.scores.to_json().items())
    if colour:
        _render_rich(analysis, lines, scores, stream)
        return
    encoding = getattr(stream, "encoding", None)

    def out(line: str) -> None:
        stream.write(for_stream(line, encoding) + "\n")

    out(f"stance: {analysis.stance}  ({analysis.language})")
    out("")
    for line in lines:
        out(
            "  "
            + "".join(
                f"[{visible(piece)}]{{{mark.tag}}}" if mark else visible(piece)
                for piece, mark in line
            )
        )
    out("")
    for row, _finding in _summary(analysis):
        out(row)
    if analysis.note:
        out(f"note: {visible(analysis.note)}")
    out(scores)


def _render_rich(
    analysis: Analysis,
    lines: list[list[tuple[str, Finding | None]]],
    scores: str,
    stream: IO[str],
) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console(file=stream, highlight=False)
    encoding = console.encoding

    def safe(value: str) -> str:
        return for_stream(visible(value), encoding)

    stance_style = {"firm": "bold green", "cave": "bold magenta", "hostile": "bold red"}
    console.print(
        Text.assemble(
            ("stance: ", "bold"),
            (analysis.stance, stance_style.get(analysis.stance, "bold yellow")),
            f"  ({analysis.language})",
        )
    )
    console.print()
    for line in lines:
        parts: list[str | tuple[str, str]] = ["  "]
        for piece, mark in line:
            parts.append(
                (safe(piece), f"{STYLES.get(mark.tag, 'yellow')} underline")
                if mark
                else safe(piece)
            )
        console.print(Text.assemble(*parts), soft_wrap=True)
    console.print()
    for row, finding in _summary(analysis):
        console.print(
            Text(for_stream(row, encoding), style=STYLES.get(finding.tag, "") if finding else "")
        )
    if analysis.note:
        console.print(Text.assemble(("note: ", "bold"), safe(analysis.note)))
    console.print(Text(scores))
