"""What the coach says: the one thing to change first, and a rewrite hint per sentence.

The words come from the language file's ``[notes]`` and ``[hints]`` sections
(English when a language file lacks one).
"""

from __future__ import annotations

from partways.coach.lexicon import Lexicon

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

    from partways.coach.reader import Sentence
    from partways.coach.results import Analysis, Finding, Hint

__all__ = ["FIX_ORDER", "first_fix", "hints", "note"]

#: What to fix first, most important first: ``tag`` or ``tag/kind``.
FIX_ORDER: tuple[str, ...] = (
    "blame/threat",
    "blame",
    "reversal",
    "waffle/no-decision",
    "permission/question",
    "hedge",
    "permission",
    "over-explain/buried",
    "over-explain/reasons",
    "over-explain/too-long",
    "over-explain",
    "apology",
    "minimizer",
    "filler",
    "breakup-phrase",
)
_CUTTABLE = ("blame", "reversal", "hedge", "permission", "apology", "minimizer", "filler")
_SOFT = ("hedge", "permission", "apology", "minimizer", "filler", "over-explain")
_STRENGTHS = ("decision", "notice", "handoff", "in-writing", "gratitude")


_ORDER = {key: n for n, key in enumerate(FIX_ORDER)}


_RANKS: dict[tuple[str, str], int] = {}


def _rank(finding: Finding) -> int:
    key = (finding.tag, finding.kind)
    rank = _RANKS.get(key)
    if rank is None:
        rank = _ORDER.get(f"{finding.tag}/{finding.kind}", _ORDER.get(finding.tag, len(FIX_ORDER)))
        _RANKS[key] = rank
    return rank


def first_fix(stance: str, findings: tuple[Finding, ...]) -> Finding | None:
    """The one finding to change first (None when nothing needs changing)."""
    ranked = [f for f in findings if _rank(f) < len(FIX_ORDER)]
    if stance == "firm":
        # A firm reply may keep one polite softener; point at it only if nothing else.
        ranked = [f for f in ranked if f.tag == "breakup-phrase"] or ranked
    return min(ranked, key=lambda f: (_rank(f), f.start)) if ranked else None


def _say(section: str, key: str, lexicon: Lexicon, fallback: Lexicon) -> str:
    return lexicon.text(section, key) or fallback.text(section, key)


def _quote(texts: list[str], lexicon: Lexicon, fallback: Lexicon, limit: int = 3) -> str:
    distinct: list[str] = []
    for text in texts:
        short = " ".join(text.split())
        short = short if len(short) <= 40 else short[:39] + "…"
        if short and short.lower() not in (d.lower() for d in distinct):
            distinct.append(short)
    template = _say("notes", "quote", lexicon, fallback) or "'{text}'"
    joiner = _say("notes", "comma", lexicon, fallback) or ", "
    return joiner.join(template.replace("{text}", d) for d in distinct[:limit])


def _join(items: list[str], lexicon: Lexicon, fallback: Lexicon) -> str:
    if len(items) <= 1:
        return "".join(items)
    comma = _say("notes", "comma", lexicon, fallback) or ", "
    last = _say("notes", "and", lexicon, fallback) or " and "
    return comma.join(items[:-1]) + last + items[-1]


def note(analysis: Analysis, lexicon: Lexicon, fallback: Lexicon) -> str:
    """One or two short sentences: what to change first (or what went well)."""
    findings = analysis.findings
    tags = {f.tag for f in findings}

    def say(key: str, **values: str) -> str:
        text = _say("notes", key, lexicon, fallback)
        for name, value in values.items():
            text = text.replace("{" + name + "}", value)
        return text

    def quotes(tag: str) -> str:
        found = sorted((f for f in findings if f.tag == tag), key=lambda f: f.start)
        return _quote([f.text for f in found], lexicon, fallback)

    stance = analysis.stance
    if stance == "hostile":
        result = say("hostile", quotes=quotes("blame"))
    elif stance == "cave":
        result = say("cave", quotes=quotes("reversal"))
    elif stance == "waffle":
        result = _waffle_note(analysis, say, lexicon, fallback)
    else:
        good = [_say("strengths", t, lexicon, fallback) for t in _STRENGTHS if t in tags]
        result = say("firm", strengths=_join([g for g in good if g][:3], lexicon, fallback))
    if "breakup-phrase" in tags and say("breakup"):
        result += " " + say("breakup")
    elif stance == "firm" and "handoff" not in tags and say("firm_next"):
        result += " " + say("firm_next")
    return result


def _waffle_note(
    analysis: Analysis, say: Callable[..., str], lexicon: Lexicon, fallback: Lexicon
) -> str:
    """The note on a waffling text: the softeners, the question, the buried decision,
    the extra reasons or the length, whichever is to be fixed first."""
    findings, fix = analysis.findings, analysis.first_fix
    tags = {f.tag for f in findings}
    lexical = [f for f in findings if f.tag in _SOFT and not f.structural]
    soft = [f.text for f in sorted(lexical, key=lambda f: (_SOFT.index(f.tag), f.start))]
    kind = fix.kind if fix is not None else ""
    quoted = _quote([fix.text], lexicon, fallback, 1) if fix is not None else ""
    if "decision" not in tags and not tags & {"notice", "handoff", "in-writing"}:
        if lexical:
            return say("waffle", quotes=_quote(soft, lexicon, fallback))
        if kind == "question":
            return say("question", quotes=quoted)
        return say("waffle_plain")
    if kind == "question":
        return say("question", quotes=quoted)
    if fix is not None and kind == "buried":
        parts = fix.text.replace("!", ".").replace("?", ".").split(".")
        count = sum(1 for part in parts if part.strip())
        return say("buried", count=str(max(count, 3)))
    if kind == "reasons" and say("over_explain"):
        return say("over_explain", quotes=quoted)
    if kind == "too-long" and say("too_long"):
        return say("too_long")
    return say("waffle_blurred", quotes=_quote(soft, lexicon, fallback))


def hints(
    analysis: Analysis,
    text: str,
    sentences: list[Sentence],
    lexicon: Lexicon,
    fallback: Lexicon,
) -> tuple[Hint, ...]:
    """A rewrite hint for each sentence that has something to fix (the coach pad)."""
    from partways.coach.results import Hint

    first_content = next((s for s in sentences if not s.greeting and s.words >= 3), None)
    out: list[Hint] = []
    for sentence in sentences:
        inside = [f for f in analysis.findings if sentence.start <= f.start < sentence.end]
        covering = [
            f
            for f in analysis.findings
            if f.structural and f.start <= sentence.start and sentence.end <= f.end
        ]
        if not inside and not covering:
            continue
        cut = tuple(f for f in inside if f.tag in _CUTTABLE and not f.structural)
        tags = {f.tag for f in inside}
        kinds = {f.kind for f in (*inside, *covering) if f.structural}
        move_first = (
            "decision" in tags
            and first_content is not None
            and sentence.start > first_content.start
            and analysis.stance != "firm"
        )
        advice = _hint(tags, kinds, cut, move_first, lexicon, fallback)
        if not advice:
            continue
        out.append(
            Hint(
                sentence.start,
                sentence.end,
                text[sentence.start : sentence.end],
                cut,
                move_first,
                advice,
            )
        )
    return tuple(out)


def _hint(
    tags: set[str],
    kinds: set[str],
    cut: tuple[Finding, ...],
    move_first: bool,
    lexicon: Lexicon,
    fallback: Lexicon,
) -> str:
    """The advice for one sentence, from what it holds."""
    parts: list[str] = []
    if "blame" in tags:
        parts.append(_say("hints", "blame", lexicon, fallback))
    elif "reversal" in tags:
        parts.append(_say("hints", "reversal", lexicon, fallback))
    else:
        if "question" in kinds:
            parts.append(_say("hints", "statement", lexicon, fallback))
        if kinds & {"too-long", "reasons"}:
            parts.append(_say("hints", "explain", lexicon, fallback))
        if "buried" in kinds:
            parts.append(_say("hints", "buried", lexicon, fallback))
        if cut:
            quoted = _quote([f.text for f in cut], lexicon, fallback, 5)
            parts.append(_say("hints", "cut", lexicon, fallback).replace("{quotes}", quoted))
        if "no-decision" in kinds:
            parts.append(_say("hints", "no_decision", lexicon, fallback))
    if move_first:
        parts.append(_say("hints", "move_first", lexicon, fallback))
    return " ".join(p for p in parts if p)
