"""The placeholder coach: find what a reply contains, and judge its stance.

Plain Python, no Textual. Word lists live in ``lexicons/<lang>.yaml`` (one file
per coach language), so the words can be tuned without touching the code. The
real coach will replace this module behind the same two functions,
:func:`classify` and :func:`coach_note`.

How a reply is judged (the stance rule of the scenario format contract):

* ``hostile`` if it blames the client;
* else ``cave`` if it reverses, postpones or bargains the decision away;
* else ``waffle`` if it hedges, asks permission, apologises, minimises, uses
  filler or over-explains, or if it never states or acts on a decision;
* else ``firm`` (it states the decision, a date, the handoff or the letter).

Pattern syntax in a lexicon: a regular expression, matched case-insensitively
and only on whole words. A space matches any run of blank space; `` ~ `` matches
up to three words in between (never across ``.``, ``!``, ``?`` or ``;``).
Curly apostrophes and quotes in the input match straight ones in a pattern.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

__all__ = ["Analysis", "Finding", "classify", "coach_note"]

FALLBACK_LANGUAGE = "en"
LANGUAGES = ("en", "sv", "fr", "hr", "bg")

#: Tags the lexicons may list patterns for, in the order overlaps are settled on a tie.
LEXICON_TAGS: tuple[str, ...] = (
    "blame",
    "reversal",
    "breakup-phrase",
    "decision",
    "in-writing",
    "handoff",
    "notice",
    "gratitude",
    "permission",
    "apology",
    "hedge",
    "minimizer",
    "filler",
    "over-explain",
)
SOFTENERS = ("hedge", "permission", "apology", "minimizer", "filler", "over-explain")
DECISIVE = ("decision", "notice", "handoff", "in-writing")
STRENGTHS = ("decision", "notice", "handoff", "in-writing", "gratitude")

#: Only this much of a reply is read (a pasted novel is judged by its start).
MAX_CHARS = 20_000
#: A reply longer than this many words over-explains.
MAX_WORDS = 60
#: More reason markers than this ("because", "also", "plus"...) over-explains.
MAX_REASONS = 2

_GAP = r"(?:\s+[^\s.!?;]+){0,3}\s+"
_WORD = re.compile(r"\w+(?:['\-]\w+)*")
# Same-length replacements, so offsets into the folded text are offsets into the input.
_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00a0": " ", "\u2011": "-"})


@dataclass(frozen=True, slots=True)
class Finding:
    """Something the coach found in a reply: ``text == reply[start:end]``."""

    tag: str
    start: int
    end: int
    text: str
    advice: str


@dataclass(frozen=True, slots=True)
class Analysis:
    """What the coach made of one reply."""

    stance: str
    language: str
    findings: tuple[Finding, ...]

    @property
    def tags(self) -> tuple[str, ...]:
        """Distinct finding tags in order of first appearance, then the stance."""
        seen: dict[str, None] = {}
        for finding in self.findings:
            seen.setdefault(finding.tag, None)
        seen.setdefault(self.stance, None)
        return tuple(seen)


@dataclass(frozen=True, slots=True)
class _Lexicon:
    language: str
    patterns: dict[str, tuple[re.Pattern[str], ...]]
    reasons: tuple[re.Pattern[str], ...]
    advice: dict[str, str]
    strengths: dict[str, str]
    notes: dict[str, str]


def _compile(pattern: str) -> re.Pattern[str] | None:
    body = str(pattern).strip().replace(" ~ ", _GAP).replace(" ", r"\s+")
    try:
        return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)
    except re.error:
        return None


def _compile_all(patterns: Any) -> tuple[re.Pattern[str], ...]:
    if not isinstance(patterns, list):
        return ()
    compiled = (_compile(str(p)) for p in patterns if isinstance(p, str | int | float))
    return tuple(p for p in compiled if p is not None)


def _strings(data: Any) -> dict[str, str]:
    if not isinstance(data, dict):
        return {}
    return {str(k): str(v) for k, v in data.items() if isinstance(v, str)}


@functools.cache
def _lexicon(language: str) -> _Lexicon:
    """The lexicon for ``language`` (one of :data:`LANGUAGES`), read once."""
    source = resources.files("partways.coach").joinpath("lexicons", f"{language}.yaml")
    data = yaml.safe_load(source.read_text(encoding="utf-8")) or {}
    raw = data.get("patterns") or {}
    patterns = {tag: _compile_all(raw.get(tag)) for tag in LEXICON_TAGS}
    return _Lexicon(
        language=language,
        patterns=patterns,
        reasons=_compile_all(data.get("reasons")),
        advice=_strings(data.get("advice")),
        strengths=_strings(data.get("strengths")),
        notes=_strings(data.get("notes")),
    )


def _language(lang: Any) -> str:
    code = str(lang or "").strip().lower().replace("_", "-").split("-")[0]
    return code if code in LANGUAGES else FALLBACK_LANGUAGE


def _matches(folded: str, lexicon: _Lexicon) -> list[tuple[int, int, str]]:
    """Every pattern match, overlaps settled: the longer wins, then the earlier tag."""
    found: list[tuple[int, int, int, str]] = []
    for rank, tag in enumerate(LEXICON_TAGS):
        for pattern in lexicon.patterns.get(tag, ()):
            for match in pattern.finditer(folded):
                if match.end() > match.start():
                    found.append((match.start(), match.end(), rank, tag))
    found.sort(key=lambda m: (m[0] - m[1], m[2], m[0]))
    taken: list[tuple[int, int, str]] = []
    for start, end, _rank, tag in found:
        if all(end <= s or start >= e for s, e, _t in taken):
            taken.append((start, end, tag))
    taken.sort()
    return taken


def _over_explaining(folded: str, lexicon: _Lexicon) -> list[tuple[int, int, str]]:
    """Too many reasons, or too many words: one finding each."""
    spans: list[tuple[int, int, str]] = []
    markers = sorted(
        (m.start(), m.end()) for p in lexicon.reasons for m in p.finditer(folded) if m.group()
    )
    if len(markers) > MAX_REASONS:
        spans.append((markers[0][0], markers[-1][1], "over-explain"))
    words = list(_WORD.finditer(folded))
    if len(words) > MAX_WORDS:
        spans.append((words[MAX_WORDS].start(), words[-1].end(), "over-explain"))
    return spans


def _stance(tags: set[str]) -> str:
    if "blame" in tags:
        return "hostile"
    if "reversal" in tags:
        return "cave"
    if tags & set(SOFTENERS) or not tags & set(DECISIVE):
        return "waffle"
    return "firm"


def _analyse(text: str, language: str) -> Analysis:
    lexicon = _lexicon(language)
    head = text[:MAX_CHARS]
    folded = head.translate(_FOLD)
    spans = _matches(folded, lexicon) + _over_explaining(folded, lexicon)
    spans.sort(key=lambda s: (s[0], s[1]))
    findings = tuple(
        Finding(tag, start, end, head[start:end], lexicon.advice.get(tag, ""))
        for start, end, tag in spans
    )
    return Analysis(_stance({f.tag for f in findings}), language, findings)


def classify(text: str, lang: str | None) -> Analysis:
    """Judge one reply in language ``lang`` (None or an unknown language is read as English).

    Never raises: odd input (empty, huge, control characters, emoji) gives an
    analysis all the same, ``waffle`` with no findings at worst.
    """
    language = _language(lang)
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    try:
        return _analyse(text, language)
    except Exception:
        if language != FALLBACK_LANGUAGE:
            try:
                return _analyse(text, FALLBACK_LANGUAGE)
            except Exception:
                pass
        return Analysis("waffle", language, ())


def _quote(texts: list[str], lexicon: _Lexicon, limit: int = 3) -> str:
    distinct: list[str] = []
    for text in texts:
        short = " ".join(text.split())
        short = short if len(short) <= 40 else short[:39] + "…"
        if short.lower() not in (d.lower() for d in distinct):
            distinct.append(short)
    template = lexicon.notes.get("quote", "'{text}'")
    joiner = lexicon.notes.get("comma", ", ")
    return joiner.join(template.replace("{text}", d) for d in distinct[:limit])


def _join(items: list[str], lexicon: _Lexicon) -> str:
    if len(items) <= 1:
        return "".join(items)
    comma = lexicon.notes.get("comma", ", ")
    last = lexicon.notes.get("and", " and ")
    return comma.join(items[:-1]) + last + items[-1]


def _note(analysis: Analysis, lexicon: _Lexicon) -> str:
    notes = lexicon.notes
    tags = set(analysis.tags)

    def texts(*wanted: str) -> list[str]:
        """Finding texts with the wanted tags, in the order of ``wanted``, then position."""
        found = [f for f in analysis.findings if f.tag in wanted]
        found.sort(key=lambda f: (wanted.index(f.tag), f.start))
        return [f.text for f in found]

    if analysis.stance == "hostile":
        note = notes["hostile"].replace("{quotes}", _quote(texts("blame"), lexicon))
    elif analysis.stance == "cave":
        note = notes["cave"].replace("{quotes}", _quote(texts("reversal"), lexicon))
    elif analysis.stance == "waffle":
        soft = texts(*SOFTENERS)
        if not soft:
            note = notes["waffle_plain"]
        elif "decision" in tags:
            note = notes["waffle_blurred"].replace("{quotes}", _quote(soft, lexicon))
        else:
            note = notes["waffle"].replace("{quotes}", _quote(soft, lexicon))
    else:
        good = [lexicon.strengths[t] for t in STRENGTHS if t in tags and t in lexicon.strengths]
        note = notes["firm"].replace("{strengths}", _join(good[:3], lexicon))
    if "breakup-phrase" in tags and "breakup" in notes:
        note += " " + notes["breakup"]
    elif analysis.stance == "firm" and "handoff" not in tags and "firm_next" in notes:
        note += " " + notes["firm_next"]
    return note


def coach_note(analysis: Analysis) -> str:
    """One or two short sentences for the user, in ``analysis.language``."""
    try:
        return _note(analysis, _lexicon(_language(analysis.language)))
    except Exception:
        return {
            "firm": "Good: the decision is clear.",
            "waffle": "No clear decision: the client takes control.",
            "cave": "You gave the decision away.",
            "hostile": "Blame invites a fight.",
        }.get(analysis.stance, "")
