"""Whatever a template file or a person types, the checklist answers without raising."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from partways.checklist.codec import offboarding_from_json
from partways.checklist.dates import parse_rule
from partways.checklist.draft import read_draft
from partways.checklist.template import load_text

pytestmark = pytest.mark.slow

#: Pieces of a template, so that generated text is often nearly valid.
PIECES = st.sampled_from(
    [
        "format: 1\n",
        "items:\n",
        "  - id: x\n",
        "    phase: before\n",
        "    text: t\n",
        "    due: on the talk\n",
        "    when: [abusive]\n",
        "    agency: yes\n",
        "  - &a {}\n",
        "*a\n",
        "\t",
        "\x1b",
        ": :\n",
        "- [\n",
        "    due: 3 days before the talk\n",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(PIECES, st.text(max_size=20)), max_size=12).map("".join))
def test_any_template_text_gives_items_or_placed_problems(text: str) -> None:
    items, problems = load_text(text, "t.yaml")
    assert not (items and problems)
    for problem in problems:
        assert problem.code.startswith("CL") and problem.line >= 1 and problem.column >= 1
        assert "\x1b" not in problem.format()


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(
            ["client", "talk", "notice", "reason", "language", "you", "contact", "deliver"]
        ),
        st.text(max_size=30),
    )
)
def test_any_typed_fields_give_a_draft_or_one_reason(fields: dict[str, str]) -> None:
    draft, _field, why = read_draft(fields)
    assert (draft is None) == bool(why)
    if draft is not None:
        assert all(ord(c) >= 32 for c in draft.client)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_any_rule_text_parses_or_not(text: str) -> None:
    rule = parse_rule(text)
    assert rule is None or abs(rule.days) <= 366


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(
            [
                "client",
                "reason",
                "talk",
                "notice_days",
                "items",
                "archived",
                "rehearsals",
                "letter",
                "deliverables",
            ]
        ),
        JSON,
    )
)
def test_any_stored_record_is_tidied_or_skipped(data: dict[str, object]) -> None:
    offboarding_from_json(data)
    offboarding_from_json(data | {"client": "Dana", "reason": "pivot", "talk": "2026-03-09"})
