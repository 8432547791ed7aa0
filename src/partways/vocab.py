"""The one vocabulary of partways: every word the scenario format, the coach and the
log share, defined once.

Each set is a ``StrEnum`` (its members are the strings written in files, so
``Stance.FIRM == "firm"``) and a tuple of the plain values, in the order the
format lists them, for membership tests and messages. Python 3.11 raises on
``"x" in SomeEnum`` for a non-member, so test membership against the tuples.

Nothing here imports anything of partways: every other module may import it.
"""

from __future__ import annotations

from enum import StrEnum


class Language(StrEnum):
    """The coach's languages; a scenario is written in one of them."""

    EN = "en"
    SV = "sv"
    FR = "fr"
    HR = "hr"
    BG = "bg"


class Reaction(StrEnum):
    """How the client reacts to the news."""

    PUSHBACK = "pushback"
    ANGRY = "angry"
    PLEADS = "pleads"
    BARGAINS = "bargains"
    GUILT = "guilt"
    THREATENS = "threatens"
    RELIEVED = "relieved"


class Reason(StrEnum):
    """Why the relationship ends."""

    NONPAYMENT = "nonpayment"
    SCOPE_CREEP = "scope-creep"
    STYLE_MISMATCH = "style-mismatch"
    ABUSIVE = "abusive"
    HATE_THE_WORK = "hate-the-work"
    OUTGROWN = "outgrown"
    PRICE_INCREASE = "price-increase"
    PIVOT = "pivot"
    OTHER = "other"


class Mood(StrEnum):
    """How the client sounds on one turn."""

    CALM = "calm"
    SURPRISED = "surprised"
    IRRITATED = "irritated"
    ANGRY = "angry"
    PLEADING = "pleading"
    HURT = "hurt"
    BARGAINING = "bargaining"
    THREATENING = "threatening"
    RELIEVED = "relieved"


class Ending(StrEnum):
    """How a scenario can end (an ending node's ``ending``)."""

    CLEAN_EXIT = "clean-exit"
    CAVED = "caved"
    BURNED_BRIDGE = "burned-bridge"
    STALLED = "stalled"


#: The outcome of a rehearsal left midway; every other outcome is an :class:`Ending`.
ABANDONED = "abandoned"


class Stance(StrEnum):
    """How a reply lands, in order of precedence: when a reply fits several, the first wins."""

    HOSTILE = "hostile"
    CAVE = "cave"
    WAFFLE = "waffle"
    FIRM = "firm"


class Tag(StrEnum):
    """What a line contains: the coach finds these in typed text, authors put them on choices."""

    DECISION = "decision"
    GRATITUDE = "gratitude"
    HANDOFF = "handoff"
    NOTICE = "notice"
    IN_WRITING = "in-writing"
    HEDGE = "hedge"
    FILLER = "filler"
    APOLOGY = "apology"
    PERMISSION = "permission"
    MINIMIZER = "minimizer"
    OVER_EXPLAIN = "over-explain"
    REVERSAL = "reversal"
    BLAME = "blame"
    BREAKUP_PHRASE = "breakup-phrase"


LANGUAGES: tuple[str, ...] = tuple(Language)
REACTIONS: tuple[str, ...] = tuple(Reaction)
REASONS: tuple[str, ...] = tuple(Reason)
MOODS: tuple[str, ...] = tuple(Mood)
ENDINGS: tuple[str, ...] = tuple(Ending)
OUTCOMES: tuple[str, ...] = (*ENDINGS, ABANDONED)
STANCES: tuple[str, ...] = tuple(Stance)
#: Tags that describe what a line contains (the stance names are tags too).
CONTENT_TAGS: tuple[str, ...] = tuple(Tag)
TAGS: tuple[str, ...] = CONTENT_TAGS + STANCES

#: Tags that soften a line: each costs firmness (the scores) and marks waffling (the coach).
SOFTENERS: tuple[str, ...] = (
    Tag.HEDGE,
    Tag.PERMISSION,
    Tag.APOLOGY,
    Tag.MINIMIZER,
    Tag.FILLER,
    Tag.OVER_EXPLAIN,
)
#: Tags that state or act on the decision.
DECISIVE: tuple[str, ...] = (Tag.DECISION, Tag.NOTICE, Tag.HANDOFF, Tag.IN_WRITING)

#: The language the coach falls back to when it cannot tell.
FALLBACK_LANGUAGE: str = Language.EN
