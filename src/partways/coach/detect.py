"""Guess which of the coach's languages a text is in (falls back to English).

Cyrillic letters mean Bulgarian (the only coach language written in Cyrillic).
Otherwise each language scores its common words (the ``[detect]`` section of
its word list, matched with their accents; a word several languages share counts
a fraction for each) and the letters only it uses (å ä ö, č ć đ ž š, é è ê à ç
ù œ); the best score wins, English on a tie or when nothing is recognised.
"""

from __future__ import annotations

from partways.coach.tokens import WORD, tokenize
from partways.vocab import FALLBACK_LANGUAGE

__all__ = ["detect_language"]

_LETTERS = {
    "sv": ("åäö", 1.5),
    "hr": ("čćđžš", 1.5),
    "fr": ("éèêàçùœâîôûëï", 1.0),
}
#: Only so much of a text is looked at: the language shows in its first words.
_HEAD = 2_000


def detect_language(text: str) -> str:
    """``bg``, ``sv``, ``fr``, ``hr`` or ``en`` (the fallback when nothing is recognised)."""
    from partways.coach.wordlists import detect_words

    head = text[:_HEAD]
    letters = [ch for ch in head if ch.isalpha()]
    if not letters:
        return FALLBACK_LANGUAGE
    cyrillic = sum(1 for ch in letters if "\u0400" <= ch <= "\u04ff")
    if cyrillic * 2 > len(letters):
        return "bg"
    vocab = detect_words()
    counts = dict.fromkeys(vocab, 0.0)
    for token in tokenize(head, "fr"):
        if token.kind != WORD:
            continue
        word = head[token.start : token.end].casefold().replace("’", "'")
        owners = [lang for lang, words in vocab.items() if word in words]
        for lang in owners:
            counts[lang] += 1.0 / len(owners)
    lowered = head.lower()
    for lang, (chars, weight) in _LETTERS.items():
        counts[lang] = counts.get(lang, 0.0) + weight * sum(lowered.count(ch) for ch in chars)
    best = max(counts, key=lambda lang: (counts[lang], lang == FALLBACK_LANGUAGE))
    return best if counts[best] > 0 else FALLBACK_LANGUAGE
