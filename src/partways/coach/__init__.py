"""The coach: judge a reply or message draft the way a mentor would.

``analyze(text, lang=None)`` is the one entry point (plain Python, no Textual);
see :mod:`partways.coach.analysis`. The word lists are data, one file per
language, in ``lexicons/`` (format in ``lexicons/README.md``).
"""

from partways.coach.analysis import MAX_CHARS, Analysis, Finding, Hint, analyze

__all__ = ["MAX_CHARS", "Analysis", "Finding", "Hint", "analyze"]
