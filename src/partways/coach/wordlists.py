"""The compiled word lists of every coach language, built once and cached.

Compiling the five files takes tens of milliseconds, more than the rest of
``partways coach``; so the compiled tables are written to a cache file whose
name is a hash of everything they are built from (the five data files and the
compiler's own source). Editing a word list, or the compiler, makes a new name:
a stale cache is never read. The cache is ``marshal`` data of plain tuples,
lists, dicts and strings (never pickle): a damaged file is ignored and rebuilt.

The cache lives in ``PARTWAYS_CACHE_DIR`` when set, else in the platform's user
cache folder (``platformdirs.user_cache_dir("partways")``; on Linux that is
``$XDG_CACHE_HOME/partways`` or ``~/.cache/partways``, computed here without
importing platformdirs, which costs more than the whole analysis).
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
import zlib

from partways.coach.lexicon import Lexicon, LexiconError, Phrase, compile_lexicon
from partways.vocab import FALLBACK_LANGUAGE, LANGUAGES

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

__all__ = ["CACHE_ENV", "cache_dir", "detect_words", "get", "source_path"]

CACHE_ENV = "PARTWAYS_CACHE_DIR"
_FORMAT = 5
_HERE = os.path.dirname(os.path.abspath(__file__))
_COMPILER = ("lexicon.py", "patterns.py", "tokens.py", "wordlists.py")
#: Largest cache file read back (the five compiled languages take well under this).
_MAX_CACHE_BYTES = 16 * 1024 * 1024

_loaded: dict[str, Lexicon] = {}
_blobs: dict[str, bytes] = {}  # marshalled tables of the languages not used yet
_detect: dict[str, frozenset[str]] = {}
#: The language codes as plain strings (marshal writes no str subclass such as a StrEnum).
_LANGUAGES: tuple[str, ...] = tuple(str(code) for code in LANGUAGES)


def source_path(language: str) -> str:
    return os.path.join(_HERE, "lexicons", f"{language}.txt")


def cache_dir() -> str:
    """Where the compiled word lists are cached."""
    given = os.environ.get(CACHE_ENV)
    if given:
        return os.path.expanduser(given)
    if sys.platform.startswith("linux"):
        base = os.environ.get("XDG_CACHE_HOME", "").strip()
        if not base or not os.path.isabs(base):
            base = os.path.join(os.path.expanduser("~"), ".cache")
        return os.path.join(base, "partways")
    from platformdirs import user_cache_dir  # pragma: no cover - other systems

    return user_cache_dir("partways", appauthor=False)  # pragma: no cover


def _read(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read()


def _sources() -> tuple[dict[str, str], str]:
    """The text of every language file, and the hash of them and of the compiler."""
    # Two independent checksums and the length: a content key, not a security one
    # (hashlib costs more to import than the rest of the coach takes to run).
    parts = [f"partways-coach-{_FORMAT}".encode()]
    texts: dict[str, str] = {}
    for name in _COMPILER:
        parts.append(_read(os.path.join(_HERE, name)))
    for language in _LANGUAGES:
        data = _read(source_path(language))
        parts.append(language.encode() + b"\0" + data + b"\0")
        texts[language] = data.decode("utf-8")
    blob = b"".join(parts)
    return texts, f"{zlib.crc32(blob):08x}{zlib.adler32(blob):08x}{len(blob):x}"


def _to_data(lexicon: Lexicon) -> dict[str, Any]:
    def phrase(p: Phrase) -> tuple[Any, ...]:
        return (p.tag, p.kind, p.groups, p.source)

    return {
        "phrases": [phrase(p) for p in lexicon.phrases],
        "by_word": lexicon.by_word,
        "by_pair": lexicon.by_pair,
        "by_stem": lexicon.by_stem,
        "by_num": lexicon.by_num,
        "anywhere": lexicon.anywhere,
        "lists": {k: _to_data(v) for k, v in lexicon.lists.items()},
        "texts": lexicon.texts,
        "detect": sorted(lexicon.detect),
    }


def _from_data(language: str, data: dict[str, Any]) -> Lexicon:
    lexicon = Lexicon(language)
    lexicon.phrases = [Phrase(*p) for p in data["phrases"]]
    lexicon.by_word = data["by_word"]
    lexicon.by_pair = data["by_pair"]
    lexicon.by_stem = data["by_stem"]
    lexicon.by_num = data["by_num"]
    lexicon.anywhere = data["anywhere"]
    lexicon.lists = {k: _from_data(language, v) for k, v in data["lists"].items()}
    lexicon.texts = data["texts"]
    lexicon.detect = frozenset(data["detect"])
    return lexicon


def _load_cache(path: str, key: str) -> tuple[dict[str, bytes], dict[str, frozenset[str]]] | None:
    """Each language's marshalled tables (unmarshalled when first used) and detection words."""
    try:
        if os.path.getsize(path) > _MAX_CACHE_BYTES:
            return None
        data = marshal.loads(_read(path))
        if not isinstance(data, dict) or data.get("key") != key:
            return None
        blobs = {lang: data["languages"][lang] for lang in _LANGUAGES}
        if not all(isinstance(blob, bytes) for blob in blobs.values()):
            return None
        detect = {lang: frozenset(data["detect"][lang]) for lang in _LANGUAGES}
        return blobs, detect
    except Exception:
        return None


def _write_cache(path: str, key: str, compiled: dict[str, Lexicon]) -> None:
    payload = {
        "key": key,
        "languages": {k: marshal.dumps(_to_data(v)) for k, v in compiled.items()},
        "detect": {k: sorted(v.detect) for k, v in compiled.items()},
    }
    try:
        folder = os.path.dirname(path)
        os.makedirs(folder, mode=0o700, exist_ok=True)
        temporary = f"{path}.{os.getpid()}.tmp"
        with open(temporary, "wb") as handle:
            handle.write(marshal.dumps(payload))
        os.replace(temporary, path)
        for name in os.listdir(folder):  # older caches of other word lists
            if (
                name.startswith("coach-")
                and name.endswith(".marshal")
                and name != os.path.basename(path)
            ):
                with contextlib.suppress(OSError):
                    os.remove(os.path.join(folder, name))
    except OSError:
        pass  # a read-only home: compile every time, still correct


def _compile_all(texts: dict[str, str]) -> dict[str, Lexicon]:
    compiled: dict[str, Lexicon] = {}
    for language in _LANGUAGES:
        try:
            compiled[language] = compile_lexicon(language, texts[language])
        except LexiconError:
            if language == FALLBACK_LANGUAGE:
                raise
            compiled[language] = Lexicon(language)  # a broken file: no findings, English notes
    return compiled


def _load_all() -> None:
    texts, key = _sources()
    path = os.path.join(cache_dir(), f"coach-{key}.marshal")
    cached = _load_cache(path, key)
    if cached is None:
        compiled = _compile_all(texts)
        _write_cache(path, key, compiled)
        _loaded.update(compiled)
        _detect.update({lang: lexicon.detect for lang, lexicon in compiled.items()})
        return
    blobs, detect = cached
    _blobs.update(blobs)
    _detect.update(detect)


def get(language: str) -> Lexicon:
    """The compiled word lists of ``language`` (one of the coach languages)."""
    found = _loaded.get(language)
    if found is not None:
        return found
    if not _detect:
        _load_all()
        found = _loaded.get(language)
        if found is not None:
            return found
    try:
        lexicon = _from_data(language, marshal.loads(_blobs[language]))
    except Exception:  # a damaged cache entry: compile this language from its file
        from partways.coach.lexicon import load_source

        lexicon = compile_lexicon(language, load_source(language))
    _loaded[language] = lexicon
    return lexicon


def detect_words() -> dict[str, frozenset[str]]:
    """Each language's list of common words, for language detection."""
    if not _detect:
        _load_all()
    return dict(_detect)


def reset() -> None:
    """Forget what was loaded (tests that edit a word list)."""
    _loaded.clear()
    _blobs.clear()
    _detect.clear()
