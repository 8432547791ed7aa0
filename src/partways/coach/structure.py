"""Findings about a text's shape, not a word or phrase: more than one reason, a
decision buried after preamble, too long, a question where a statement belongs,
agreeing to what the client asked, and no decision at all."""

from __future__ import annotations

from partways.coach.reader import BURIED_AFTER, MAX_EXPLAINING, MAX_REASONS, MAX_WORDS
from partways.coach.tokens import WORD
from partways.vocab import DECISIVE

TYPE_CHECKING = False
if TYPE_CHECKING:
    from partways.coach.reader import Reader
    from partways.coach.results import Finding

__all__ = ["structure"]

_DECISIVE = frozenset(DECISIVE)
_GOOD = frozenset(("decision", "notice", "handoff", "in-writing", "gratitude"))
#: What an opening "Yes," may go on to that is a plan of its own, not agreement.
_OWN_PLAN = frozenset(("handoff", "in-writing"))


def structure(reader: Reader) -> list[Finding]:
    """The structural findings of a text already split into sentences."""
    sentences, by_sentence = reader.sentences, reader.by_sentence
    tags: set[str] = set().union(*by_sentence)
    content = [n for n, s in enumerate(sentences) if not s.greeting]
    decided = [n for n in content if "decision" in by_sentence[n]]
    found = _reasons(reader)
    preamble: list[int] = []
    if decided:
        preamble = [n for n in content if n < decided[0] and sentences[n].words >= 3]
        if len(preamble) >= BURIED_AFTER:
            start, end = sentences[preamble[0]].start, sentences[preamble[-1]].end
            found.append(reader.finding("over-explain", "buried", start, end))
    buried = len(preamble) >= BURIED_AFTER
    found.extend(_too_long(reader, content, decided[0] if decided and buried else -1))
    found.extend(_questions(reader, content, tags))
    found.extend(_run_on(reader, content))
    # The opening: the first sentence that is not a greeting, or an assent on its own
    # line ("Fine." reads like a one-word greeting line).
    opening = next((n for n, s in enumerate(sentences) if n in reader.agreed or not s.greeting), -1)
    if opening not in reader.agreed:
        # ... or a later assent that is a sentence of its own ("Ten percent... fine.").
        opening = next((n for n in sorted(reader.agreed) if sentences[n].words <= 4), opening)
    if (
        opening in reader.agreed
        and not tags & {"decision", "reversal", "blame"}
        and not tags & _OWN_PLAN
    ):
        # Agreeing to what the client asked, with no decision ("Okay. Same time next week").
        # "Yes, I'll send it tonight" answers with a plan of one's own (a handoff, a
        # written summary): no assent.
        a, b = reader.agreed[opening]
        tokens = reader.tokens
        found.append(reader.finding("reversal", "assent", tokens[a].start, tokens[b - 1].end))
        tags.add("reversal")
    if not tags & _DECISIVE and not tags & {"reversal", "blame"}:
        where = sentences[content[0]] if content else sentences[0]
        found.append(reader.finding("waffle", "no-decision", where.start, where.end))
    return found


def _reasons(reader: Reader) -> list[Finding]:
    """More than one reason: from the second reason marker to the end of its sentence."""
    if len(reader.reasons) <= MAX_REASONS:
        return []
    first, _last = reader.reasons[MAX_REASONS]
    sentences = reader.sentences
    sentence = next((s for s in sentences if s.first <= first < s.last), sentences[-1])
    start = reader.tokens[first].start
    return [reader.finding("over-explain", "reasons", start, max(start, sentence.end))]


def _run_on(reader: Reader, content: list[int]) -> list[Finding]:
    """A sentence that chains clause after clause (", and ..., and ..., and ..."): the
    decision buried at its end, or reasons piled up after it."""
    found: list[Finding] = []
    tokens = reader.tokens
    for n in content:
        sentence = reader.sentences[n]
        if sentence.chained is None:
            continue
        first, last = sentence.chained
        start, end = tokens[first].start, tokens[last - 1].end
        decisions = [
            f.start
            for f in reader.found
            if f.tag == "decision" and sentence.start <= f.start < sentence.end
        ]
        buried = bool(decisions) and min(decisions) >= end
        if buried:
            found.append(reader.finding("over-explain", "buried", sentence.start, end))
        else:
            found.append(reader.finding("over-explain", "reasons", start, sentence.end))
    return found


def _too_long(reader: Reader, content: list[int], buried_before: int) -> list[Finding]:
    """Many sentences that only explain, or too many words."""
    sentences, by_sentence = reader.sentences, reader.by_sentence
    found: list[Finding] = []
    explaining = [
        n
        for n in content
        if sentences[n].words >= 3 and not by_sentence[n] & _GOOD and not n < buried_before
    ]
    for n in explaining[MAX_EXPLAINING:]:
        found.append(
            reader.finding("over-explain", "too-long", sentences[n].start, sentences[n].end)
        )
    if sum(s.words for s in sentences) > MAX_WORDS:
        found.append(reader.finding("over-explain", "wordy", *_past_words(reader, MAX_WORDS)))
    return found


def _past_words(reader: Reader, count: int) -> tuple[int, int]:
    """From the start of word ``count + 1`` to the end of the last word (text offsets)."""
    tokens = reader.tokens
    start = tokens[-1].start
    seen = 0
    for sentence in reader.sentences:
        if seen + sentence.words <= count:
            seen += sentence.words
            continue
        for token in tokens[sentence.first : sentence.last]:
            if token.kind == WORD:
                if seen == count:
                    start = token.start
                    break
                seen += 1
        break
    last = next(t for t in reversed(tokens) if t.kind == WORD)
    return start, last.end


def _questions(reader: Reader, content: list[int], tags: set[str]) -> list[Finding]:
    """A question where a statement belongs: one holding the decision or a date, one
    that opens like a yes/no question, or any question when nothing is decided."""
    found: list[Finding] = []
    undecided = not tags & _DECISIVE
    for n in content:
        sentence = reader.sentences[n]
        if not sentence.question:
            continue
        inside = reader.by_sentence[n]
        decides = bool(inside & {"decision", "notice"})
        if (decides or n in reader.asks or undecided) and ("permission" not in inside or decides):
            found.append(reader.finding("permission", "question", sentence.start, sentence.end))
    return found
