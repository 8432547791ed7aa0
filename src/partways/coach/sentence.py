"""Reading one sentence: its phrase hits, with overlaps and negation settled, and
what else it holds (reason markers, words, a greeting, a yes/no opening, an assent).

Everything here depends on the sentence's tokens alone, so
:class:`partways.coach.reader.Reader` keeps the result in a memo keyed by them.
"""

from __future__ import annotations

from partways.coach.matching import candidates, match_phrase, next_keys
from partways.coach.tokens import COMMA, END, NEWLINE, WORD, Token

TYPE_CHECKING = False
if TYPE_CHECKING:
    from partways.coach.lexicon import Lexicon, Segment

__all__ = ["MAX_CHAINS", "NEGATION_REACH", "TAG_RANK", "Hit", "read_sentence"]

#: Clauses chained onto one sentence (", and ...") before it is a run-on.
MAX_CHAINS = 3

#: Words a negation reaches forward ("no amount of money will change it").
NEGATION_REACH = 5

#: When two findings overlap, the longer wins; on a tie, the earlier tag here.
TAG_RANK: tuple[str, ...] = (
    "blame",
    "reversal",
    "breakup-phrase",
    "decision",
    "in-writing",
    "handoff",
    "notice",
    "gratitude",
    "permission",
    "apology",
    "hedge",
    "minimizer",
    "filler",
    "over-explain",
)
_RANK = {tag: n for n, tag in enumerate(TAG_RANK)}
_FIRST = frozenset({"blame", "reversal", "decision"})
_CLAUSE_ENDS = (END, NEWLINE, COMMA)
#: Kinds of blame that an acknowledging frame does not soften (sarcasm, threats).
_UNSOFTENED = frozenset(("contempt", "threat"))
#: A reversal of this kind is acknowledged, not taken, after a frame ("I appreciate the raise").
_ACKNOWLEDGED = ("reversal", "bargain")

#: A phrase hit: tag, kind, first token, token after the last.
Hit = tuple[str, str, int, int]


def _hits(tokens: list[Token], pairs: list[tuple[int, str]], lexicon: Lexicon) -> list[Hit]:
    """Every phrase match, overlaps settled: blame, reversal and decision first (a date
    inside "give it until the end of the year" does not hide the postponing), then
    the longer match, then the earlier tag."""
    # (blame/reversal/decision first, -length, rank, first token, last token, phrase id)
    found: list[tuple[int, int, int, int, int, int]] = []
    phrases = lexicon.phrases
    after = next_keys(pairs)
    for i, (kind, key) in enumerate(pairs):
        if kind in _CLAUSE_ENDS:
            continue
        for pid in candidates(lexicon, kind, key, after[i]):
            end = match_phrase(phrases[pid], pairs, i)
            if end > i:
                length = tokens[end - 1].end - tokens[i].start
                tag = phrases[pid].tag
                found.append((tag not in _FIRST, -length, _RANK.get(tag, 99), i, end, pid))
    found.sort()
    taken = [False] * len(tokens)
    hits: list[Hit] = []
    for _first, _length, _rank, first, last, pid in found:
        if any(taken[first:last]):
            continue
        for n in range(first, last):
            taken[n] = True
        hits.append((phrases[pid].tag, phrases[pid].kind, first, last))
    hits.sort(key=lambda h: h[2])
    return hits


def _list_matches(
    pairs: list[tuple[int, str]],
    lexicon: Lexicon,
    name: str,
    after: list[str],
    starts: list[int] | None = None,
) -> list[tuple[int, int]]:
    """Token spans of the matches of a special list (negators, reasons...), not overlapping.

    ``after``: :func:`next_keys` of ``pairs``; ``starts``: the only token indexes to
    try (sentence starts, for anchored lists).
    """
    index = lexicon.lists.get(name)
    if index is None:
        return []
    phrases = index.phrases
    spans: list[tuple[int, int]] = []
    n = len(pairs)
    at = -1
    for i in range(n) if starts is None else starts:
        if i < at or i >= n:
            continue
        kind, key = pairs[i]
        best = -1
        for pid in candidates(index, kind, key, after[i]):
            best = max(best, match_phrase(phrases[pid], pairs, i))
        if best > i:
            spans.append((i, best))
            at = best
    return spans


def _negated(first: int, pairs: list[tuple[int, str]], negators: set[int], stops: set[int]) -> bool:
    """True when a negator starts within reach before token ``first``, in the same clause."""
    k = first - 1
    reach = 0
    while k >= 0 and reach <= NEGATION_REACH:
        if pairs[k][0] in _CLAUSE_ENDS or k in stops:
            return False
        if k in negators:  # a negator that starts before the hit ("even at double the rate")
            return True
        k -= 1
        reach += 1
    return False


def _framed(first: int, pairs: list[tuple[int, str]], framed: set[int]) -> bool:
    """True when an acknowledging frame ("I know", "thank you for") ends at most
    three words before token ``first`` (commas skipped)."""
    k, words = first, 0
    while k > 0 and words <= 3:
        if k in framed:
            return True
        k -= 1
        kind = pairs[k][0]
        if kind in (END, NEWLINE):
            return False
        if kind != COMMA:
            words += 1
    return k in framed


def _settle(hits: list[Hit], pairs: list[tuple[int, str]], lexicon: Lexicon) -> list[Hit]:
    """The hits with negation settled: a negated reversal is a decision ("I won't
    reconsider", "a discount won't keep me"), a negated blame or decision says nothing."""
    after = next_keys(pairs)
    negators = {a for a, _b in _list_matches(pairs, lexicon, "negators", after)}
    stops = {a for a, _b in _list_matches(pairs, lexicon, "boundaries", after)}
    undone = {a for a, _b in _list_matches(pairs, lexicon, "negated-by", after)}
    framed = {
        b for a, b in _list_matches(pairs, lexicon, "acknowledging", after) if a - 1 not in negators
    }  # ("I don't know how anyone puts up with you" acknowledges nothing)
    kept: list[Hit] = []
    for tag, kind, first, last in hits:
        softened = (tag == "blame" and kind not in _UNSOFTENED) or (tag, kind) == _ACKNOWLEDGED
        if softened and _framed(first, pairs, framed):
            # "I know your team has had delays", "thank you for always paying", "I
            # appreciate the raise" (acknowledging an offer is not bargaining)
            continue
        if tag == "reversal" and (
            last in undone or (last + 1 in undone and pairs[last][0] == WORD)
        ):
            kept.append(("decision", "negated", first, last))
        elif tag in _FIRST and _negated(first, pairs, negators, stops):
            if tag in ("decision", "blame") and first in negators:
                # A refusal ("ne nastavljam", "I won't continue") or a reproach ("ne
                # plaćate na vrijeme") after another negator is negative concord ("not
                # even for double, I won't"; "nikad ne plaćate"): it stands.
                kept.append((tag, kind, first, last))
            elif tag == "reversal":
                kept.append(("decision", "negated", first, last))
        else:
            kept.append((tag, kind, first, last))
    return kept


def read_sentence(tokens: list[Token], pairs: list[tuple[int, str]], lexicon: Lexicon) -> Segment:
    """What one sentence holds, by token index within it (see :data:`Segment`)."""
    after = next_keys(pairs)
    hits = _settle(_hits(tokens, pairs, lexicon), pairs, lexicon)
    reasons = _list_matches(pairs, lexicon, "reasons", after)
    words = sum(1 for kind, _key in pairs if kind == WORD)
    greeting = words <= 6 and bool(_list_matches(pairs, lexicon, "greetings", after, [0]))
    asks = bool(_list_matches(pairs, lexicon, "questions", after, [0]))
    agreed = _list_matches(pairs, lexicon, "assent", after, [0])
    chains = _list_matches(pairs, lexicon, "chain", after)
    chained = None
    if len(chains) >= MAX_CHAINS:
        first = chains[0][0]
        chained = (first + 1 if pairs[first][0] == COMMA else first, chains[-1][1])
    return hits, reasons, words, greeting, asks, agreed[0] if agreed else None, chained
