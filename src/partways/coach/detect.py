"""Guess which of the coach's languages a text is in (falls back to English)."""

from __future__ import annotations

import re

_WORDS = {
    "sv": {"jag", "och", "att", "det", "inte", "du", "vi", "med", "för", "är", "tack", "har"},
    "fr": {"je", "et", "le", "la", "les", "vous", "nous", "pas", "est", "merci", "pour", "une"},
    "hr": {"ja", "i", "je", "da", "ne", "se", "smo", "hvala", "što", "ali", "za", "suradnju"},
    "en": {"i", "and", "the", "to", "you", "we", "not", "is", "thanks", "for", "a", "my"},
}
_TOKEN = re.compile(r"\w+", re.UNICODE)


def detect_language(text: str) -> str:
    """``bg`` for Cyrillic text; else the language whose common words occur most; else ``en``."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return "en"
    cyrillic = sum(1 for ch in letters if "\u0400" <= ch <= "\u04ff")
    if cyrillic * 2 > len(letters):
        return "bg"
    words = [w.lower() for w in _TOKEN.findall(text)]
    counts = {lang: sum(w in vocab for w in words) for lang, vocab in _WORDS.items()}
    lowered = text.lower()
    counts["sv"] += 2 * sum(lowered.count(ch) for ch in "åäö")
    counts["hr"] += 2 * sum(lowered.count(ch) for ch in "čćđž")
    counts["fr"] += sum(lowered.count(ch) for ch in "éèêàçù")
    best = max(counts, key=lambda lang: (counts[lang], lang == "en"))
    return best if counts[best] > 0 else "en"
