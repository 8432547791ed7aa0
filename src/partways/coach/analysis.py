"""The coach: read one reply or message draft the way a mentor would.

:func:`analyze` finds what the text contains (the tags of ``scenarios/README.md``,
each finding with code-point offsets into the ORIGINAL text), judges its stance,
scores it, and says the one thing to change first. Plain Python, no Textual, no PyYAML.

How the stance is judged (``scenarios/README.md``'s rule, with density and scope):

1. ``hostile`` when it blames, shows contempt or threatens (a negated blame,
   "it's not your fault", does not count);
2. else ``cave`` when it gives the decision away: continues, postpones,
   reconsiders or bargains ("let's keep going as we are"). A negated reversal
   ("I won't reconsider", "no amount of money will change it") is a decision;
3. else ``waffle`` when no decision is stated or acted on (no decision, date,
   handoff or written follow-up), or when the softeners weigh 1 or more:
   a hedge, a permission, a question where a statement belongs, an over-explained
   reason or a buried decision weigh 1 each; an apology, a minimiser or a filler
   ½; an intensifier ¼. So one "sorry" or one "just" beside a clear decision is
   still firm; "sorry" + "just", or any hedge on the decision, is not;
4. else ``firm``.
"""

from __future__ import annotations

from partways.coach import wordlists
from partways.coach.reader import Reader
from partways.coach.results import STRUCTURAL_KINDS, WEIGHTS, Analysis, Finding, Hint
from partways.scores import Said, Scores, score
from partways.vocab import CONTENT_TAGS, FALLBACK_LANGUAGE, LANGUAGES

__all__ = [
    "MAX_CHARS",
    "STRUCTURAL_KINDS",
    "WEIGHTS",
    "Analysis",
    "Finding",
    "Hint",
    "analyze",
    "language_of",
]

#: Only this much of a text is read (a pasted novel is judged by its start).
MAX_CHARS = 20_000

_scores: dict[tuple[str, tuple[str, ...], int], Scores] = {}
#: (stance, language, the findings' ids) -> (the findings, kept alive; first fix; note)
_notes: dict[tuple[str, str, tuple[int, ...]], tuple[tuple[Finding, ...], Finding | None, str]] = {}


def language_of(lang: object) -> str | None:
    """A language code the coach knows (``sv-SE`` is ``sv``), or None."""
    code = str(lang or "").strip().lower().replace("_", "-").split("-")[0]
    return code if code in LANGUAGES else None


# -- the public entry ---------------------------------------------------------------


def analyze(text: str, lang: str | None = None) -> Analysis:
    """Judge one reply or message draft in ``lang`` (detected when None or unknown).

    Never raises: odd input (empty, huge, control characters, emoji, right-to-left
    text) gives an analysis all the same, ``waffle`` with no findings at worst.
    Only the first :data:`MAX_CHARS` characters are read.
    """
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    language = language_of(lang)
    if language is None:
        language = FALLBACK_LANGUAGE if lang is not None else _detect(text)
    try:
        return _analyze(text, language)
    except Exception:  # pragma: no cover - a broken word list must not break typing
        return Analysis("waffle", language, ())


def _detect(text: str) -> str:
    try:
        from partways.coach.detect import detect_language

        return detect_language(text)
    except Exception:  # pragma: no cover
        return FALLBACK_LANGUAGE


def _analyze(text: str, language: str) -> Analysis:
    head = text[:MAX_CHARS]
    if not head.strip():
        return Analysis("waffle", language, ())
    lexicon = wordlists.get(language)
    fallback = wordlists.get(FALLBACK_LANGUAGE)
    reader = Reader(head, lexicon, fallback)
    stance, found = reader.read()
    findings = tuple(found)
    content = tuple(t for t in dict.fromkeys(f.tag for f in findings) if t in CONTENT_TAGS)
    scores = _score(head, stance, content)
    from partways.coach.notes import hints

    fix, said = _note(stance, language, findings, scores)
    partial = Analysis(stance, language, findings, scores, "", (), fix)
    sentences = reader.sentences
    return Analysis(
        stance,
        language,
        findings,
        scores,
        said,
        lambda: hints(partial, head, sentences, lexicon, fallback),
        fix,
    )


def _note(
    stance: str, language: str, findings: tuple[Finding, ...], scores: Scores
) -> tuple[Finding | None, str]:
    """The finding to fix first and the note. Live typing asks again for the same
    findings (the same objects: see :mod:`partways.coach.reader`), so the answer is
    kept, with the findings, keyed by their identity."""
    key = (stance, language, tuple(map(id, findings)))
    kept = _notes.get(key)
    if kept is not None:
        return kept[1], kept[2]
    from partways.coach.notes import first_fix, note

    fix = first_fix(stance, findings)
    lexicon, fallback = wordlists.get(language), wordlists.get(FALLBACK_LANGUAGE)
    said = note(Analysis(stance, language, findings, scores, "", (), fix), lexicon, fallback)
    if len(_notes) >= 256:
        _notes.clear()
    _notes[key] = (findings, fix, said)
    return fix, said


def _score(text: str, stance: str, content: tuple[str, ...]) -> Scores:
    """The scores of one text (they depend on its stance, tags and word count alone)."""
    key = (stance, content, len(text.split()))
    found = _scores.get(key)
    if found is None:
        found = score([Said(text, stance, content)])
        if len(_scores) >= 1_024:
            _scores.clear()
        _scores[key] = found
    return found
