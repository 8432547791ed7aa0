"""Due dates: the offset rules a template item carries, and how each lands on a calendar.

A rule is written the way a person says it, and read by :func:`parse_rule`:

* ``3 days before the talk``, ``1 week before the talk``, ``2 days after the talk``
* ``the same day as the talk`` (also ``on the talk``, ``the day of the talk``)
* ``on the last day``, ``2 days before the last day``, ``1 week after the last day``

The *talk* is the conversation's date; the *last day* is the talk plus the
notice period in calendar days (the way contracts count notice). Neither of the
two anchors is ever moved: the person chose the talk, the contract sets the
last day.

Weekends: an item that falls on a Saturday or Sunday is moved to a working day
in the direction that keeps its promise. An item due *before* its anchor moves
earlier, to the Friday before (preparation should be done before the weekend,
never on it); an item due *after* its anchor moves later, to the Monday after
(you cannot send a Monday task sooner than it makes sense). An item due *on*
an anchor stays on it. No public holidays are known: they differ by country.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum


class Anchor(StrEnum):
    """What an offset counts from."""

    TALK = "talk"
    LAST_DAY = "last_day"


@dataclass(frozen=True, slots=True)
class Rule:
    """``days`` (negative: before) from ``anchor``."""

    anchor: Anchor
    days: int

    def describe(self) -> str:
        """The rule in words, as a template writes it."""
        where = "the talk" if self.anchor is Anchor.TALK else "the last day"
        if self.days == 0:
            return "the same day as the talk" if self.anchor is Anchor.TALK else "on the last day"
        n = abs(self.days)
        count, unit = (n // 7, "week") if n % 7 == 0 else (n, "day")
        amount = f"{count} {unit}" + ("s" if count != 1 else "")
        return f"{amount} {'before' if self.days < 0 else 'after'} {where}"


#: The longest offset a rule may give, in days (a year).
MAX_OFFSET = 366

_ANCHOR = r"(?:the\s+)?(?P<anchor>talk|conversation|last\s+day)"
_OFFSET_RE = re.compile(
    r"(?P<n>\d{1,3})\s+(?P<unit>days?|weeks?)\s+(?P<dir>before|after)\s+" + _ANCHOR
)
_SAME_RE = re.compile(r"(?:(?:on|the\s+same\s+day\s+as|the\s+day\s+of)\s+)?" + _ANCHOR)

#: What the template's README and the diagnostics quote as examples.
EXAMPLES = ("3 days before the talk", "the same day as the talk", "on the last day")


def parse_rule(text: str) -> Rule | None:
    """The rule ``text`` states, or None when it is not one (see the module's doc)."""
    words = " ".join(text.lower().split())
    found = _OFFSET_RE.fullmatch(words)
    if found is not None:
        n = int(found["n"]) * (7 if found["unit"].startswith("week") else 1)
        if n > MAX_OFFSET:
            return None
        return Rule(_anchor(found["anchor"]), -n if found["dir"] == "before" else n)
    found = _SAME_RE.fullmatch(words)
    if found is not None:
        return Rule(_anchor(found["anchor"]), 0)
    return None


def _anchor(word: str) -> Anchor:
    return Anchor.LAST_DAY if word.startswith("last") else Anchor.TALK


def last_day(talk: date, notice_days: int) -> date:
    """The last working day: the talk plus the notice, in calendar days (never moved)."""
    return talk + timedelta(days=notice_days)


def due(rule: Rule, talk: date, last: date) -> date:
    """The date an item with ``rule`` is due, weekends moved (see the module's doc)."""
    anchor = talk if rule.anchor is Anchor.TALK else last
    day = anchor + timedelta(days=rule.days)
    if rule.days < 0:
        while day.weekday() >= 5:  # Saturday, Sunday: back to Friday
            day -= timedelta(days=1)
    elif rule.days > 0:
        while day.weekday() >= 5:  # forward to Monday
            day += timedelta(days=1)
    return day


# -- dates in words, each language its own way ------------------------------------

_MONTHS = {
    "en": "January February March April May June July August September October November December",
    "sv": "januari februari mars april maj juni juli augusti september oktober november december",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    # Croatian writes the month in the genitive after a day: "14. ožujka 2026."
    "hr": "siječnja veljače ožujka travnja svibnja lipnja srpnja kolovoza rujna listopada "
    "studenoga prosinca",
    "bg": "януари февруари март април май юни юли август септември октомври ноември декември",
}


def long_date(day: date, lang: str) -> str:
    """``day`` as a letter in ``lang`` writes it.

    en ``13 March 2026``; sv ``13 mars 2026``; fr ``13 mars 2026`` (``1er mars``
    for the first); hr ``13. ožujka 2026.`` (the month in the genitive, the day
    and the year with their ordinal dots); bg ``13 март 2026 г.``. No weekday: in
    Croatian and Bulgarian its case would depend on the sentence around it.
    """
    lang = lang if lang in _MONTHS else "en"
    month = _MONTHS[lang].split()[day.month - 1]
    if lang == "fr":
        number = "1er" if day.day == 1 else str(day.day)
        return f"{number} {month} {day.year}"
    if lang == "hr":
        return f"{day.day}. {month} {day.year}."
    if lang == "bg":
        return f"{day.day} {month} {day.year} г."
    return f"{day.day} {month} {day.year}"


def parse_iso(text: str) -> date | None:
    """A ``YYYY-MM-DD`` date, or None (no other form: ``2026-3-1`` is refused)."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()) is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None
