"""Every validation rule: a failing file per rule, with the exact code, line and column."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from partways.scenario.diagnostics import Diagnostic
from partways.scenario.loader import load_file

# Line numbers of this file are used in the expectations below.
VALID = textwrap.dedent(
    """\
    format: 1
    id: tiny
    title: A tiny rehearsal
    language: en
    reaction: angry
    reason: nonpayment
    summary: Two invoices are late.
    client: Dana
    you: Sam
    start: open
    nodes:
      open:
        mood: irritated
        client: "You wanted to talk, {you}?"
        tip: Lead with the decision.
        choices:
          - say: "I'm ending our work together, {client}."
            next: done
            coach: Clear decision first.
            tags: [decision, firm]
        reply:
          firm: done
          default: done
      done:
        client: Fine.
        ending: clean-exit
        lesson: You held the line.
    """
)


def check(tmp_path: Path, text: str) -> list[Diagnostic]:
    path = tmp_path / "case.yaml"
    path.write_text(text, encoding="utf-8")
    scenario, diags = load_file(path, "case.yaml")
    assert (scenario is None) == bool(diags)
    return diags


def where(diags: list[Diagnostic]) -> list[tuple[str, int, int]]:
    return [(d.code, d.line, d.column) for d in diags]


def variant(old: str, new: str) -> str:
    assert VALID.count(old) == 1, old
    return VALID.replace(old, new)


def test_the_base_file_is_valid(tmp_path: Path) -> None:
    assert check(tmp_path, VALID) == []


# (id, old text, new text, expected [(code, line, column)], a word the message contains)
CASES = [
    # --- keys, types and values (PW1xx) ---
    ("unknown-key", "    tip: Lead", "    tipp: Lead", [("PW101", 15, 5)], "did you mean 'tip'"),
    (
        "unknown-top-key",
        "title: A tiny",
        "tittle: A tiny",
        [("PW102", 1, 1), ("PW101", 3, 1)],
        "did you mean 'title'",
    ),
    (
        "choice-missing-coach",
        "        coach: Clear decision first.\n",
        "",
        [("PW102", 17, 9)],
        "'coach'",
    ),
    (
        "turn-missing-client",
        '    client: "You wanted to talk, {you}?"\n',
        "    # no client\n",
        [("PW102", 12, 3)],
        "'client'",
    ),
    ("format-not-int", "format: 1", 'format: "1"', [("PW103", 1, 9)], "integer"),
    ("format-version", "format: 1", "format: 2", [("PW104", 1, 9)], "format 2"),
    ("bad-id", "id: tiny", "id: Tiny Thing", [("PW105", 2, 5)], "lowercase"),
    ("bad-language", "language: en", "language: EN", [("PW106", 4, 11)], "did you mean 'en'"),
    ("bad-reason", "reason: nonpayment", "reason: nopay", [("PW106", 6, 9)], "nonpayment"),
    ("bad-mood", "mood: irritated", "mood: angy", [("PW106", 13, 11)], "did you mean 'angry'"),
    ("bad-ending", "ending: clean-exit", "ending: clean", [("PW106", 26, 13)], "clean-exit"),
    (
        "difficulty-range",
        "title: A tiny rehearsal\n",
        "title: A tiny rehearsal\ndifficulty: 5\n",
        [("PW107", 4, 13)],
        "1, 2 or 3",
    ),
    (
        "difficulty-bool",
        "title: A tiny rehearsal\n",
        "title: A tiny rehearsal\ndifficulty: true\n",
        [("PW103", 4, 13)],
        "integer",
    ),
    (
        "difficulty-zero",
        "title: A tiny rehearsal\n",
        "title: A tiny rehearsal\ndifficulty: 0\n",
        [("PW107", 4, 13)],
        "not 0",
    ),
    ("bad-stance", "      firm: done", "      frim: done", [("PW109", 22, 7)], "'firm'"),
    ("reply-without-default", "      default: done\n", "", [("PW110", 21, 5)], "'default'"),
    (
        "lesson-on-turn",
        "    tip: Lead with the decision.",
        "    lesson: Lead with the decision.",
        [("PW111", 15, 5)],
        "ending",
    ),
    (
        "reply-on-ending",
        "    lesson: You held the line.",
        "    reply: {default: open}",
        [("PW111", 27, 5)],
        "ending",
    ),
    ("unknown-tag", "[decision, firm]", "[desicion, firm]", [("PW113", 20, 16)], "'decision'"),
    # --- text (PW2xx) ---
    ("you-no", "you: Sam", "you: NO", [("PW201", 9, 6)], 'you: "NO"'),
    (
        "client-date",
        "client: Dana",
        "client: 2024-01-02",
        [("PW201", 8, 9)],
        'client: "2024-01-02"',
    ),
    ("empty-tip", "tip: Lead with the decision.", 'tip: ""', [("PW202", 15, 10)], "empty"),
    ("blank-title", "title: A tiny rehearsal", 'title: "   "', [("PW202", 3, 8)], "empty"),
    ("null-title", "title: A tiny rehearsal", "title:", [("PW202", 3, 7)], "no value"),
    (
        "esc-in-say",
        "- say: \"I'm ending",
        "- say: \"\\e[31mI'm ending",
        [("PW203", 17, 14)],
        "U+001B (ESC)",
    ),
    ("cr-in-tip", "tip: Lead with the decision.", 'tip: "a\\rb"', [("PW203", 15, 10)], "CR"),
    (
        "unknown-placeholder",
        '"You wanted to talk, {you}?"',
        '"You wanted to talk, {boss}?"',
        [("PW204", 14, 13)],
        "{boss}",
    ),
    ("placeholder-in-name", "client: Dana", "client: Dana {you}", [("PW204", 8, 9)], "name"),
    (
        "you-without-you",
        "you: Sam\n",
        "# no you\n",
        [("PW205", 14, 13)],
        "'you'",
    ),
    # --- the graph (PW3xx) ---
    ("next-not-a-node", "next: done", "next: dome", [("PW301", 18, 15)], "did you mean 'done'"),
    ("start-not-a-node", "start: open", "start: opne", [("PW301", 10, 8)], "did you mean 'open'"),
    ("reply-not-a-node", "firm: done", "firm: gone", [("PW301", 22, 13)], "'gone'"),
    (
        "unreachable",
        "    lesson: You held the line.\n",
        "    lesson: You held the line.\n  spare:\n    ending: caved\n",
        [("PW302", 28, 3)],
        "'spare'",
    ),
    ("no-clean-exit", "ending: clean-exit", "ending: caved", [("PW304", 10, 8)], "clean-exit"),
    # --- YAML level, inside a scenario (PW0xx) ---
    (
        "duplicate-key",
        "    tip: Lead with the decision.\n",
        "    tip: Lead with the decision.\n    tip: Again.\n",
        [("PW004", 16, 5)],
        "first at line 15",
    ),
    (
        "duplicate-top-key",
        "summary: Two invoices are late.\n",
        "summary: Two invoices are late.\nsummary: Again.\n",
        [("PW004", 8, 1)],
        "'summary'",
    ),
    (
        "duplicate-node",
        "    lesson: You held the line.\n",
        "    lesson: You held the line.\n  open:\n    ending: caved\n",
        [("PW004", 28, 3)],
        "duplicate node 'open'",
    ),
    (
        "python-tag",
        "tip: Lead with the decision.",
        "tip: !!python/object/apply:os.system [echo hi]",
        [("PW006", 15, 10)],
        "!!python/object/apply:os.system",
    ),
    ("binary-tag", "tip: Lead with the decision.", "tip: !!binary aGk=", [("PW006", 15, 10)], None),
    ("local-tag", "tip: Lead with the decision.", "tip: !note hi", [("PW006", 15, 10)], "!note"),
    ("set-tag", "nodes:\n", "nodes: !!set\n", [("PW006", 11, 8)], "!!set"),
]


@pytest.mark.parametrize(
    ("old", "new", "expected", "words"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_rule(tmp_path: Path, old: str, new: str, expected: list, words: str | None) -> None:
    diags = check(tmp_path, variant(old, new))
    assert where(diags) == expected, [d.format() for d in diags]
    if words:
        assert any(words in d.message for d in diags), [d.message for d in diags]
    for d in diags:
        assert d.path == "case.yaml"
        assert d.format().startswith(f"case.yaml:{d.line}:{d.column}: error: ")


def test_unknown_choice_key(tmp_path: Path) -> None:
    diags = check(tmp_path, variant("        next: done", "        nxt: done"))
    assert where(diags) == [("PW102", 17, 9), ("PW101", 18, 9)]
    assert "did you mean 'next'" in diags[1].message


def test_choices_not_a_list(tmp_path: Path) -> None:
    text = variant(
        "    choices:\n"
        '      - say: "I\'m ending our work together, {client}."\n'
        "        next: done\n"
        "        coach: Clear decision first.\n"
        "        tags: [decision, firm]\n",
        "    choices: pick one\n",
    )
    diags = check(tmp_path, text)
    assert where(diags) == [("PW103", 16, 14)]
    assert "list" in diags[0].message


def test_no_choices(tmp_path: Path) -> None:
    text = variant(
        "    choices:\n"
        '      - say: "I\'m ending our work together, {client}."\n'
        "        next: done\n"
        "        coach: Clear decision first.\n"
        "        tags: [decision, firm]\n",
        "    choices: []\n",
    )
    assert where(check(tmp_path, text)) == [("PW108", 16, 14)]


def test_too_many_choices(tmp_path: Path) -> None:
    one = "      - {say: Bye., next: done, coach: Short.}\n"
    text = variant("    choices:\n", "    choices:\n" + one * 9)
    diags = check(tmp_path, text)
    # The tenth choice (the one from VALID) is the one pointed at.
    assert where(diags) == [("PW108", 26, 9)]
    assert "10 choices" in diags[0].message


def test_turn_with_neither_choices_nor_reply(tmp_path: Path) -> None:
    text = variant("      default: done\n", "      waffle: other\n      default: done\n")
    text += "  other:\n    client: Hm.\n"
    diags = check(tmp_path, text)
    assert where(diags) == [("PW112", 29, 3)]
    assert "neither a turn nor an ending" in diags[0].message


def test_node_that_cannot_reach_an_ending(tmp_path: Path) -> None:
    text = variant("      default: done\n", "      waffle: loop\n      default: done\n")
    text += textwrap.indent(
        textwrap.dedent(
            """\
            loop:
              client: Again?
              choices:
                - {say: Again., next: loop, coach: Round and round.}
            """
        ),
        "  ",
    )
    diags = check(tmp_path, text)
    assert where(diags) == [("PW303", 29, 3)]
    assert "'loop'" in diags[0].message


def test_say_number(tmp_path: Path) -> None:
    text = variant('- say: "I\'m ending our work together, {client}."', "- say: 42")
    diags = check(tmp_path, text)
    assert where(diags) == [("PW201", 17, 14)]
    assert 'put it in quotes: say: "42"' in diags[0].message


def test_bell_in_lesson(tmp_path: Path) -> None:
    text = variant("lesson: You held the line.", 'lesson: "\\aYou held the line."')
    diags = check(tmp_path, text)
    assert where(diags) == [("PW203", 27, 13)]
    assert "U+0007 (BEL)" in diags[0].message


def test_tab_and_newline_are_fine(tmp_path: Path) -> None:
    text = variant("tip: Lead with the decision.", 'tip: "Lead\\twith\\nthe decision."')
    assert check(tmp_path, text) == []


def test_placeholders_only_client_and_you(tmp_path: Path) -> None:
    text = variant(
        "tip: Lead with the decision.", 'tip: "Say {client} and {you}, not {}, {0} or {Client}."'
    )
    diags = check(tmp_path, text)
    assert where(diags) == [("PW204", 15, 10)]
    assert "'{}'" in diags[0].message


def test_brackets_are_just_text(tmp_path: Path) -> None:
    text = variant("tip: Lead with the decision.", 'tip: "[bold]Lead[/] [@click=quit]"')
    assert check(tmp_path, text) == []


def test_many_problems_sorted_by_position(tmp_path: Path) -> None:
    text = VALID.replace("language: en", "language: xx").replace("format: 1", "format: 7")
    text = text.replace("mood: irritated", "mood: meh").replace("you: Sam", "you: yes")
    diags = check(tmp_path, text)
    assert where(diags) == [
        ("PW104", 1, 9),
        ("PW106", 4, 11),
        ("PW201", 9, 6),
        ("PW106", 13, 11),
    ]


def test_missing_required_keys_listed(tmp_path: Path) -> None:
    diags = check(tmp_path, "format: 1\nid: x\n")
    assert where(diags) == [("PW102", 1, 1)]
    for key in ("title", "language", "reaction", "reason", "summary", "client", "start", "nodes"):
        assert f"'{key}'" in diags[0].message


def test_optional_keys_may_be_left_out(tmp_path: Path) -> None:
    text = textwrap.dedent(
        """\
        format: 1
        id: bare
        title: Bare
        language: fr
        reaction: relieved
        reason: other
        summary: Au revoir.
        client: Claire
        start: only
        nodes:
          only:
            client: "Merci, {client}?"
            reply: {default: bye}
          bye:
            ending: clean-exit
        """
    )
    path = tmp_path / "bare.yaml"
    path.write_text(text, encoding="utf-8")
    scenario, diags = load_file(path)
    assert diags == []
    assert scenario is not None
    assert scenario.difficulty == 1
    assert scenario.you is None
    assert scenario.node("only").choices == ()
    assert scenario.node("only").accepts_reply
    assert scenario.node("bye").client is None


def test_many_unknown_targets_still_fast(tmp_path: Path) -> None:
    lines = [
        "format: 1",
        "id: many",
        "title: T",
        "language: en",
        "reaction: angry",
        "reason: other",
        "summary: S",
        "client: C",
        "start: n0",
        "nodes:",
    ]
    for i in range(2000):
        lines.append(f"  n{i}:\n    client: x\n    reply: {{default: missing{i}}}")
    diags = check(tmp_path, "\n".join(lines) + "\n")
    assert sum(d.code == "PW301" for d in diags) == 2000


# --- invisible text, integers as a person writes them, bounded suggestions ----------------


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("  open:\n", '  "\\u200b":\n', ("PW202", 12, 3)),
        ("  open:\n", '  "\\u200b\\u2060\\ufeff ":\n', ("PW202", 12, 3)),
        ("  open:\n", '  "op\\u202een":\n', ("PW202", 12, 3)),
        (
            "        coach: Clear decision first.",
            '        coach: "\\u200b\\u200b"',
            ("PW202", 19, 16),
        ),
        ("    tip: Lead with the decision.", '    tip: "\\u00ad\\u200e "', ("PW202", 15, 10)),
        ("client: Dana", 'client: "\\u200b"', ("PW202", 8, 9)),
        ("    tip: Lead with the decision.", '    tip: "\\u00a0"', ("PW202", 15, 10)),
    ],
    ids=["zwsp-id", "cf-only-id", "bidi-id", "zwsp-coach", "shy-lrm-tip", "zwsp-name", "nbsp-tip"],
)
def test_invisible_text_counts_as_empty(
    tmp_path: Path, old: str, new: str, expected: tuple[str, int, int]
) -> None:
    diags = check(tmp_path, variant(old, new))
    assert expected in where(diags), [d.format() for d in diags]
    assert {d.code for d in diags} <= {"PW202", "PW301", "PW302", "PW303"}


@pytest.mark.parametrize(
    "char", ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2069"]
)
def test_bidi_controls_are_refused_in_text(tmp_path: Path, char: str) -> None:
    diags = check(
        tmp_path, variant("    tip: Lead with the decision.", f'    tip: "Lead{char} now"')
    )
    assert where(diags) == [("PW203", 15, 10)]
    assert f"U+{ord(char):04X}" in diags[0].message
    assert char not in diags[0].format()


def test_format_characters_inside_text_are_fine(tmp_path: Path) -> None:
    # A family emoji is joined with ZWJ (U+200D); a soft hyphen and an RLM are harmless in words.
    text = variant(
        "    tip: Lead with the decision.", '    tip: "Lead\\u00adwith 👩\\u200d👧 \\u200f."'
    )
    assert check(tmp_path, text) == []


@pytest.mark.parametrize("value", ["0x1", "0o1", "1_0", "+1", "01", "0b1", "1_"])
def test_format_must_be_a_plain_decimal_1(tmp_path: Path, value: str) -> None:
    diags = check(tmp_path, variant("format: 1", f"format: {value}"))
    # '0o1' is text to PyYAML (YAML 1.1), the others are integers it reads its own way.
    assert [d.code for d in diags] == ["PW103"], [d.format() for d in diags]
    assert (diags[0].line, diags[0].column) == (1, 9)
    if value != "0o1":
        assert "plain decimal integer" in diags[0].message
        assert f"'{value}'" in diags[0].message


@pytest.mark.parametrize("value", ["0x2", "+2", "0o2"])
def test_difficulty_must_be_plain_decimal_too(tmp_path: Path, value: str) -> None:
    diags = check(
        tmp_path,
        variant("title: A tiny rehearsal", f"title: A tiny rehearsal\ndifficulty: {value}"),
    )
    assert where(diags) == [("PW103", 4, 13)]


def test_negative_and_huge_integers_are_out_of_range(tmp_path: Path) -> None:
    diags = check(
        tmp_path, variant("title: A tiny rehearsal", "title: A tiny rehearsal\ndifficulty: -1")
    )
    assert where(diags) == [("PW107", 4, 13)]
    assert diags[0].message == "'difficulty' must be 1, 2 or 3, not -1"
    diags = check(tmp_path, variant("format: 1", "format: 1" + "0" * 5000))
    assert where(diags) == [("PW104", 1, 9)]
    assert "(5,001 digits)" in diags[0].message


def _pack_with_dangling_targets(ids: list[str], targets: list[str]) -> str:
    lines = [
        "format: 1",
        "id: big",
        "title: t",
        "language: en",
        "reaction: angry",
        "reason: other",
        "summary: s",
        "client: c",
        f"start: {ids[0]}",
        "nodes:",
    ]
    for name, target in zip(ids, targets, strict=True):
        lines += [f"  {name}:", "    client: hi", "    choices:"]
        lines.append(f"      - {{say: a, next: {target}, coach: c}}")
    return "\n".join(lines) + "\n"


def test_did_you_mean_work_is_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Long random ids and dangling targets made difflib take minutes."""
    import difflib
    import random

    from partways.scenario import diagnostics

    calls: list[tuple[int, int]] = []
    real = difflib.get_close_matches

    def counting(word: str, options: list[str], *args: object, **kwargs: object) -> list[str]:
        calls.append((len(word), len(options)))
        return real(word, options, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(diagnostics.difflib, "get_close_matches", counting)
    rng = random.Random(5)
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"

    def word(n: int) -> str:
        return "".join(rng.choice(alphabet) for _ in range(n))

    # 300 long ids: no suggestion is even tried for such long targets.
    ids = [word(199) for _ in range(300)]
    diags = check(tmp_path, _pack_with_dangling_targets(ids, [word(199) for _ in ids]))
    assert sum(d.code == "PW301" for d in diags) == 300
    assert all(n <= diagnostics.MAX_SUGGEST_LENGTH for n, _ in calls)
    # 1,000 short ids of one length: each try compares a bounded number of them.
    calls.clear()
    ids = [word(12) for _ in range(1000)]
    diags = check(tmp_path, _pack_with_dangling_targets(ids, [i[:-1] + "_" for i in ids]))
    assert sum(d.code == "PW301" for d in diags) == 1000
    assert calls
    assert all(m <= diagnostics.MAX_SUGGEST_CANDIDATES for _, m in calls)
    # The suggestions still work.
    assert any("did you mean" in d.message for d in diags if d.code == "PW301")


def test_suggest_prefers_the_close_name() -> None:
    from partways.scenario.diagnostics import MAX_SUGGEST_LENGTH, suggest

    assert suggest("tipp", ["client", "tip", "mood"]) == "; did you mean 'tip'?"
    assert suggest("Tip", ["client", "tip", "mood"]) == "; did you mean 'tip'?"
    assert suggest("zzzz", ["client", "tip", "mood"]) == ""
    assert suggest("a" * (MAX_SUGGEST_LENGTH + 1), ["a" * MAX_SUGGEST_LENGTH]) == ""
    many = [f"node-{i:04d}" for i in range(5000)]
    assert suggest("node-O123", many) != ""


# --- the tables of fields ----------------------------------------------------------------


def test_every_key_of_a_file_is_a_field_of_the_model() -> None:
    import dataclasses

    from partways.scenario import schema
    from partways.scenario.model import Choice, Node, Scenario

    for table, cls in (
        (schema.SCENARIO_FIELDS, Scenario),
        (schema.NODE_FIELDS, Node),
        (schema.CHOICE_FIELDS, Choice),
    ):
        names = [f.name for f in dataclasses.fields(cls)]
        assert set(schema.keys(table)) <= set(names), cls
        # Every field a file does not give is one the loader fills in.
        assert set(names) - set(schema.keys(table)) <= {"id", "mark", "path", "id_mark"}


def test_an_unknown_key_with_no_close_match_lists_the_known_keys(tmp_path: Path) -> None:
    diags = check(tmp_path, variant("  done:\n", "  done:\n    zzzzzz: x\n"))
    assert [d.message for d in diags] == [
        "unknown key 'zzzzzz' in node 'done' "
        "(known keys: client, mood, tip, choices, reply, ending, lesson)"
    ]
    diags = check(tmp_path, "zzzzzz: 1\n" + VALID)
    assert diags[0].message == (
        "unknown key 'zzzzzz' in the scenario (known keys: format, id, title, language, "
        "reaction, reason, difficulty, summary, client, you, start, nodes)"
    )
