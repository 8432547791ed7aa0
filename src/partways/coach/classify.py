"""The engine's two entry points, kept as thin wrappers of :func:`partways.coach.analyze`.

``classify(text, lang)`` is ``analyze(text, lang)`` (an unknown or missing language
is read as English, as the engine always passes the scenario's language);
``coach_note(analysis)`` is the analysis's note.
"""

from __future__ import annotations

from partways.coach.analysis import MAX_CHARS, Analysis, Finding, analyze, language_of
from partways.vocab import FALLBACK_LANGUAGE, LANGUAGES

__all__ = ["LANGUAGES", "MAX_CHARS", "Analysis", "Finding", "classify", "coach_note"]

_PLAIN_NOTES = {
    "firm": "Good: the decision is clear.",
    "waffle": "No clear decision: the client takes control.",
    "cave": "You gave the decision away.",
    "hostile": "Blame invites a fight.",
}


def classify(text: str, lang: str | None) -> Analysis:
    """Judge one reply in language ``lang`` (None or an unknown language is English)."""
    return analyze(text, language_of(lang) or FALLBACK_LANGUAGE)


def coach_note(analysis: Analysis) -> str:
    """One or two short sentences for the user, in ``analysis.language``."""
    return analysis.note or _PLAIN_NOTES.get(analysis.stance, "")
