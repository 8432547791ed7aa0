"""Split a reply into tokens the coach's word lists can match, keeping every offset.

A token is a word, a number, a comma-like mark, a sentence end or a line break,
with its ``start``/``end`` in code points into the ORIGINAL text and a ``key``
used for matching:

* lower case (``str.casefold``), curly apostrophes read as ``'``;
* diacritics on Latin letters dropped (``odlučio`` and ``odlucio``, ``décidé`` and
  ``decide`` match alike; ``đ`` reads as ``d``), Cyrillic kept as written
  (``й`` is not ``и``);
* in French, an elided article or pronoun is its own token: ``j'ai`` is ``j'`` +
  ``ai``, ``qu'on`` is ``qu'`` + ``on``;
* a number keeps an ordinal ending (``15th``, ``1er``, ``1:a``) and, before a
  lower-case word, its ordinal dot (``27. ožujka``, ``3. март``): that dot ends no sentence;
* in English, a contraction is two tokens read in full: ``I'll`` is ``i`` + ``will``,
  ``won't`` is ``will`` + ``not`` (so a pattern ``i will not`` matches ``I won't``).

Plain Python, no third-party import: this runs on every keystroke.
"""

from __future__ import annotations

import re
import unicodedata

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["COMMA", "END", "NEWLINE", "NUM", "WORD", "Token", "fold", "tokenize"]

WORD = 0
NUM = 1
COMMA = 2  # , : – — - (skipped by a pattern that does not ask for it)
END = 3  # . ! ? ; …
NEWLINE = 4

_TOKEN = re.compile(
    r"(?P<w>[^\W\d_](?:[^\W_]|[\u0300-\u036f])*(?:['’ʼ\-‑](?:[^\W_]|[\u0300-\u036f])+)*)"
    r"|(?P<n>\d+(?:[.,:/]\d+)*(?:(?:st|nd|rd|th|er|re|e|:e|a)\b|\.(?=[ \t\u00a0]+"
    r"[a-z\u00df-\u00f6\u00f8-\u00ff\u0101-\u017f\u0430-\u045f])|\b))"
    r"|(?P<e>[.!?;…]+)"
    r"|(?P<c>[,:\u2013\u2014]|\s-\s)"
    r"|(?P<l>\n)"
)
_KINDS = {"w": WORD, "n": NUM, "e": END, "c": COMMA, "l": NEWLINE}
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "‑": "-"})
_ELISION = re.compile(r"(?:l|j|d|m|t|s|n|c|ç|qu|jusqu|lorsqu|puisqu|quoiqu)'", re.IGNORECASE)
_CONTRACTIONS = {"'ll": "will", "'ve": "have", "'m": "am", "'re": "are", "'d": "would"}
_NOT_BASES = {"wo": "will", "ca": "can", "sha": "shall", "ai": "is"}
_LATIN_LIMIT = "\u0250"  # base letters below this are Latin: their accents are dropped
_SPECIAL = str.maketrans({"đ": "d", "ł": "l", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe"})


class Token:
    """One token: its kind, its matching key, and its span in the original text."""

    __slots__ = ("end", "key", "kind", "start")

    def __init__(self, kind: int, key: str, start: int, end: int) -> None:
        self.kind = kind
        self.key = key
        self.start = start
        self.end = end

    def __repr__(self) -> str:
        return f"Token({self.kind}, {self.key!r}, {self.start}, {self.end})"


def fold(word: str) -> str:
    """The matching key of one word: lower case, straight apostrophes, no Latin accents."""
    key = word.casefold().translate(_APOSTROPHES)
    if key.isascii():
        return key
    key = key.translate(_SPECIAL)
    decomposed = unicodedata.normalize("NFD", key)
    out: list[str] = []
    for ch in decomposed:
        if "\u0300" <= ch <= "\u036f" and out and out[-1] < _LATIN_LIMIT:
            continue
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


#: Where text is cut for the memo: after a sentence end or line break followed by space.
_SEGMENT = re.compile(r"(?<=[.!?;…\n])(?<!\d\.)(?=\s)")
_MEMO: dict[tuple[str, str, int], list[Token]] = {}
_MEMO_SIZE = 4_096


def tokenize(text: str, language: str = "en", offset: int = 0) -> list[Token]:
    """Every token of ``text``, in order; ``text[t.start:t.end]`` is what each one read.

    ``offset``: where ``text`` starts in a longer text (the tokens' offsets are in it).
    Sentences already seen at the same offset (live typing re-reads the same text)
    come from a memo: tokens are never changed after they are made.
    """
    if len(text) < 80 and not offset:
        return _tokenize(text, language)
    tokens: list[Token] = []
    at = offset
    for piece in _SEGMENT.split(text):
        key = (language, piece, at)
        found = _MEMO.get(key)
        if found is None:
            found = [
                Token(t.kind, t.key, t.start + at, t.end + at) for t in _tokenize(piece, language)
            ]
            if len(_MEMO) >= _MEMO_SIZE:
                _MEMO.clear()
            _MEMO[key] = found
        tokens.extend(found)
        at += len(piece)
    return tokens


def _tokenize(text: str, language: str) -> list[Token]:
    tokens: list[Token] = []
    elide = language == "fr"
    contract = language == "en"
    append = tokens.append
    for match in _TOKEN.finditer(text):
        group = match.lastgroup or "w"
        kind = _KINDS[group]
        start, end = match.span()
        if kind == WORD:
            word = match.group()
            if elide and "'" in word.translate(_APOSTROPHES):
                head = _ELISION.match(word.translate(_APOSTROPHES))
                if head and head.end() < len(word):
                    cut = start + head.end()
                    append(Token(WORD, fold(text[start:cut]), start, cut))
                    start = cut
                    word = text[start:end]
            key = fold(word)
            if contract and ("'" in key or key == "cannot"):
                _contracted(key, start, end, append)
            else:
                append(Token(WORD, key, start, end))
        elif kind == END:
            append(Token(END, match.group()[0].replace("…", "."), start, end))
        elif kind == COMMA:
            append(Token(COMMA, ",", start, end))
        else:
            append(Token(kind, match.group(), start, end))
    return tokens


def _contracted(key: str, start: int, end: int, append: Callable[[Token], None]) -> None:
    """An English contraction as two tokens, each over its own part of the text."""
    if key.endswith("n't") or key == "cannot":
        base = key[:-3]
        cut = end - 3
        append(Token(WORD, _NOT_BASES.get(base, base), start, cut))
        append(Token(WORD, "not", cut, end))
        return
    for tail, full in _CONTRACTIONS.items():
        if key.endswith(tail) and len(key) > len(tail):
            cut = end - len(tail)
            append(Token(WORD, key[: -len(tail)], start, cut))
            append(Token(WORD, full, cut, end))
            return
    append(Token(WORD, key, start, end))
