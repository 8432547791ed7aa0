"""Loading files: YAML-level traps, unreadable files, and what a valid file becomes."""

from __future__ import annotations

import importlib.util
import os
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml

from partways.scenario import loader
from partways.scenario.diagnostics import Diagnostic
from partways.scenario.loader import MAX_BYTES, MAX_DEPTH, load_file, load_text
from partways.scenario.model import Choice, Mark, Node, Scenario


def _load_generator():
    path = Path(__file__).resolve().parents[2] / "benchmarks" / "gen_scenario.py"
    spec = importlib.util.spec_from_file_location("gen_scenario", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.generate


generate = _load_generator()

MINIMAL = textwrap.dedent(
    """\
    format: 1
    id: angry-late-payer
    title: The late payer gets angry
    language: en
    reaction: angry
    reason: nonpayment
    difficulty: 2
    summary: >
      Two invoices are 45 days late.
      You call to end the engagement.
    client: Dana
    you: Sam
    start: open
    nodes:
      open:
        mood: irritated
        client: "You wanted to talk, {you}? Make it quick."
        tip: Lead with the decision, in one sentence.
        choices:
          - say: "Thanks for making time, {client}. I've decided to end our work together."
            next: walked-out
            coach: Clear decision first, one reason at most.
            tags: [decision, gratitude]
          - say: "So, um, maybe we could talk about how things are going?"
            next: walked-out
            coach: "Hedges ('kind of', 'maybe') and no decision: the client takes control."
            tags: [waffle, hedge]
        reply:
          firm: walked-out
          default: walked-out
      walked-out:
        client: "Fine. Send me the files."
        ending: clean-exit
        lesson: You held the line and kept it civil.
    """
)

LOADERS = [pytest.param(yaml.SafeLoader, id="python")]
if yaml.__with_libyaml__:
    LOADERS.append(pytest.param(yaml.CSafeLoader, id="libyaml"))


@pytest.fixture(params=LOADERS)
def each_loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> type:
    """Run the test once with the pure-Python loader and once with libyaml."""
    monkeypatch.setattr(loader, "_LOADER", request.param)
    return request.param


def write(tmp_path: Path, text: str | bytes, name: str = "s.yaml") -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def where(diags: list[Diagnostic]) -> list[tuple[str, int, int]]:
    return [(d.code, d.line, d.column) for d in diags]


# --- a valid file ---------------------------------------------------------------


def test_minimal_scenario_loads_into_the_model(tmp_path: Path, each_loader: type) -> None:
    path = write(tmp_path, MINIMAL)
    scenario, diags = load_file(path)
    assert diags == []
    assert isinstance(scenario, Scenario)
    assert scenario.id == "angry-late-payer"
    assert scenario.title == "The late payer gets angry"
    assert (scenario.language, scenario.reaction, scenario.reason) == ("en", "angry", "nonpayment")
    assert scenario.difficulty == 2
    assert scenario.summary == "Two invoices are 45 days late. You call to end the engagement.\n"
    assert (scenario.client, scenario.you, scenario.start) == ("Dana", "Sam", "open")
    assert scenario.format == 1
    assert scenario.path == path
    assert scenario.id_mark == Mark(2, 5)
    assert list(scenario.nodes) == ["open", "walked-out"]

    opening = scenario.node("open")
    assert isinstance(opening, Node)
    assert opening.mark == Mark(15, 3)
    assert opening.mood == "irritated"
    assert opening.client == "You wanted to talk, {you}? Make it quick."
    assert opening.tip == "Lead with the decision, in one sentence."
    assert not opening.is_ending
    assert opening.accepts_reply
    assert dict(opening.reply) == {"firm": "walked-out", "default": "walked-out"}
    assert len(opening.choices) == 2
    first = opening.choices[0]
    assert isinstance(first, Choice)
    assert first.say.startswith("Thanks for making time, {client}.")
    assert first.next == "walked-out"
    assert first.tags == ("decision", "gratitude")
    assert first.stance is None
    assert first.mark == Mark(20, 9)
    assert opening.choices[1].stance == "waffle"
    assert opening.targets() == ("walked-out",)

    end = scenario.node("walked-out")
    assert end.is_ending
    assert end.ending == "clean-exit"
    assert end.lesson == "You held the line and kept it civil."
    assert end.choices == ()
    assert scenario.endings == (end,)


def test_display_defaults_to_the_path(tmp_path: Path) -> None:
    path = write(tmp_path, "format: 2\n")
    _, diags = load_file(path)
    assert diags[0].path == str(path)
    _, diags = load_file(path, "packs/s.yaml")
    assert {d.path for d in diags} == {"packs/s.yaml"}


def test_bom_and_crlf_are_fine(tmp_path: Path) -> None:
    data = b"\xef\xbb\xbf" + MINIMAL.replace("\n", "\r\n").encode("utf-8")
    scenario, diags = load_file(write(tmp_path, data))
    assert diags == []
    assert scenario is not None


def test_generated_10000_nodes_validate_clean(tmp_path: Path) -> None:
    text = generate(10_000)
    assert len(text.encode()) < MAX_BYTES
    scenario, diags = load_file(write(tmp_path, text))
    assert diags == []
    assert scenario is not None
    assert len(scenario.nodes) == 10_000


@pytest.mark.parametrize("n", [2, 3, 10, 57])
def test_generated_small_scenarios_are_valid(n: int, each_loader: type) -> None:
    scenario, diags = load_text(generate(n, seed=n))
    assert diags == []
    assert scenario is not None and len(scenario.nodes) == n


# --- the known traps ------------------------------------------------------------------


def test_duplicate_keys_are_reported_not_overwritten(tmp_path: Path, each_loader: type) -> None:
    text = MINIMAL.replace("client: Dana\n", "client: Dana\nclient: Robin\n")
    _, diags = load_file(write(tmp_path, text))
    assert where(diags) == [("PW004", 12, 1)]
    assert "first at line 11" in diags[0].message


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("you: NO", "a boolean"),
        ("you: off", "a boolean"),
        ("you: ~", None),
        ("you: 12", "an integer"),
        ("you: 1.5", "a number"),
        ("you: 2024-01-02", "a date"),
    ],
)
def test_non_string_scalars_suggest_quoting(
    tmp_path: Path, each_loader: type, line: str, kind: str | None
) -> None:
    _, diags = load_file(write(tmp_path, MINIMAL.replace("you: Sam", line)))
    assert len(diags) == 1
    d = diags[0]
    assert (d.line, d.column) == (12, 6)
    if kind is None:
        assert d.code == "PW202"
    else:
        assert d.code == "PW201"
        assert kind in d.message
        assert f'you: "{line[5:]}"' in d.message


def test_date_for_client_suggests_quoting(tmp_path: Path) -> None:
    _, diags = load_file(write(tmp_path, MINIMAL.replace("client: Dana", "client: 2024-01-02")))
    assert where(diags) == [("PW201", 11, 9)]
    assert 'client: "2024-01-02"' in diags[0].message


def test_quoted_values_are_text(tmp_path: Path) -> None:
    text = MINIMAL.replace("you: Sam", 'you: "NO"').replace("client: Dana", "client: '2024'")
    scenario, diags = load_file(write(tmp_path, text))
    assert diags == []
    assert scenario is not None and (scenario.you, scenario.client) == ("NO", "2024")


@pytest.mark.parametrize(
    "text",
    [
        "[" * 100_000 + "]" * 100_000,
        "{a: " * 50_000 + "b" + "}" * 50_000,
        "- " * 100_000 + "x\n",
        "".join(" " * i + "k:\n" for i in range(200)) + " " * 200 + "v\n",
        '[ "]", ' * 50_000 + "x" + "]" * 50_000,
    ],
    ids=["flow-seq", "flow-map", "block-seq", "block-map", "brackets-hidden-in-strings"],
)
def test_deep_nesting_is_refused_without_crashing(text: str, each_loader: type) -> None:
    _, diags = load_text(text, "deep.yaml")
    assert [d.code for d in diags] == ["PW007"]
    assert f"more than {MAX_DEPTH} levels" in diags[0].message


def test_deep_nesting_in_a_subprocess_with_libyaml(tmp_path: Path) -> None:
    """The C composer could crash the whole process: prove it does not, out of process."""
    import subprocess

    path = write(tmp_path, "a: " + "[" * 300_000 + "]" * 300_000 + "\n")
    code = (
        "import sys\nfrom pathlib import Path\nfrom partways.scenario.loader import load_file\n"
        f"s, d = load_file(Path({str(path)!r}))\nprint(d[0].code)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "PW007"


def test_moderate_nesting_is_just_a_type_error(each_loader: type) -> None:
    text = MINIMAL.replace(
        "tip: Lead with the decision, in one sentence.", "tip: " + "[" * 40 + "]" * 40
    )
    _, diags = load_text(text, "s.yaml")
    assert where(diags) == [("PW103", 18, 10)]


def test_alias_bomb_is_refused_without_expanding(each_loader: type) -> None:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 10):
        prev = f"*a{i - 1}"
        lines.append(f"a{i}: &a{i} [{', '.join([prev] * 9)}]")
    bomb = "\n".join(lines) + "\n"
    _, diags = load_text(bomb, "bomb.yaml")
    assert diags, "refused"
    assert {d.code for d in diags} == {"PW005"}
    assert (diags[0].line, diags[0].column) == (1, 5)
    assert "&a0" in diags[0].message
    assert any("*a8" in d.message for d in diags)


def test_anchor_without_alias_is_refused(tmp_path: Path, each_loader: type) -> None:
    text = MINIMAL.replace("client: Dana", "client: &who Dana")
    _, diags = load_file(write(tmp_path, text))
    assert where(diags) == [("PW005", 11, 9)]
    assert "&who" in diags[0].message


def test_alias_without_anchor_is_refused(tmp_path: Path, each_loader: type) -> None:
    _, diags = load_file(write(tmp_path, MINIMAL.replace("you: Sam", "you: *who")))
    assert where(diags) == [("PW005", 12, 6)]


def test_ampersand_in_text_is_fine(tmp_path: Path) -> None:
    text = MINIMAL.replace("tip: Lead with", "tip: Q&A later. Lead with")
    scenario, diags = load_file(write(tmp_path, text))
    assert diags == []
    assert scenario is not None


def test_esc_in_text_is_an_error(tmp_path: Path, each_loader: type) -> None:
    text = MINIMAL.replace('"Fine. Send me the files."', '"Fine.\\e]0;pwned\\aSend the files."')
    _, diags = load_file(write(tmp_path, text))
    assert where(diags) == [("PW203", 32, 13)]
    assert "ESC" in diags[0].message


def test_raw_esc_in_the_file_is_an_error(tmp_path: Path, each_loader: type) -> None:
    text = MINIMAL.replace("Fine. Send me", "Fine.\x1b[2J Send me")
    _, diags = load_file(write(tmp_path, text))
    assert where(diags) == [("PW203", 32, 19)]
    assert "U+001B (ESC)" in diags[0].message


def test_python_tags_are_refused_and_never_run(tmp_path: Path, each_loader: type) -> None:
    marker = tmp_path / "pwned"
    text = MINIMAL.replace(
        "tip: Lead with the decision, in one sentence.",
        f"tip: !!python/object/apply:os.system ['touch {marker}']",
    )
    text += f"extra: !!python/object/apply:subprocess.call [[touch, {marker}]]\n"
    _, diags = load_file(write(tmp_path, text))
    assert ("PW006", 18, 10) in where(diags)
    assert "!!python/object/apply:os.system" in diags[0].message
    assert not marker.exists()
    root = load_text(f"!!python/object/apply:os.system ['touch {marker}']\n")[1]
    assert [d.code for d in root] == ["PW006"]
    assert not marker.exists()


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("format: 1\nid: [unclosed\n", 3, 1),
        ("format: 1\n  id: x\n", 2, 5),
        ("format: 1\n\tid: x\n", 2, 1),
        ('title: "open\n', 2, 1),
    ],
)
def test_yaml_syntax_errors_point_at_the_problem(
    text: str, line: int, column: int, each_loader: type
) -> None:
    _, diags = load_text(text, "s.yaml")
    assert where(diags) == [("PW003", line, column)]
    assert diags[0].message.startswith("invalid YAML: ")


def test_two_documents_are_refused(each_loader: type) -> None:
    _, diags = load_text(MINIMAL + "---\nformat: 1\n", "s.yaml")
    assert where(diags) == [("PW003", 35, 1)]
    assert "second document" in diags[0].message


@pytest.mark.parametrize(
    ("text", "found"), [("", "empty"), ("# only a comment\n", "empty"), ("- a\n", "a list")]
)
def test_top_level_must_be_a_mapping(text: str, found: str) -> None:
    _, diags = load_text(text, "s.yaml")
    assert where(diags) == [("PW100", 1, 1)]
    assert found in diags[0].message


def test_scalar_top_level() -> None:
    _, diags = load_text("just words\n", "s.yaml")
    assert where(diags) == [("PW100", 1, 1)]


# --- files that cannot be used ------------------------------------------------------------


def test_not_utf8(tmp_path: Path) -> None:
    path = write(tmp_path, "format: 1\ntitle: caf\xe9 ok\n".encode("latin-1"))
    _, diags = load_file(path, "s.yaml")
    assert where(diags) == [("PW001", 2, 11)]
    assert "0xe9" in diags[0].message


def test_binary_file(tmp_path: Path) -> None:
    path = write(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    _, diags = load_file(path, "s.png")
    assert [d.code for d in diags] == ["PW001"]


def test_nul_byte(tmp_path: Path) -> None:
    _, diags = load_file(write(tmp_path, b"format: 1\nid: a\x00b\n"), "s.yaml")
    assert where(diags) == [("PW001", 2, 6)]


def test_huge_file_is_refused_before_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, b"#" * (MAX_BYTES + 1))

    def no_parsing(*args: object, **kwargs: object) -> None:
        raise AssertionError("parsed")

    monkeypatch.setattr(yaml, "compose", no_parsing)
    monkeypatch.setattr(yaml, "parse", no_parsing)
    _, diags = load_file(path, "big.yaml")
    assert where(diags) == [("PW002", 1, 1)]
    assert "5 MiB" in diags[0].message


def test_exactly_5_mib_is_allowed(tmp_path: Path) -> None:
    body = MINIMAL.encode()
    path = write(tmp_path, body + b"#" * (MAX_BYTES - len(body)))
    scenario, diags = load_file(path)
    assert diags == []
    assert scenario is not None


def test_directory(tmp_path: Path) -> None:
    _, diags = load_file(tmp_path, "folder")
    assert where(diags) == [("PW008", 1, 1)]
    assert "folder" in diags[0].message


def test_missing_file(tmp_path: Path) -> None:
    _, diags = load_file(tmp_path / "nope.yaml", "nope.yaml")
    assert where(diags) == [("PW008", 1, 1)]
    assert "no such file" in diags[0].message


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, MINIMAL)
    real_open = os.open

    def deny(file: object, *args: Any, **kwargs: Any) -> int:
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied")
        return real_open(file, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", deny)
    _, diags = load_file(path, "s.yaml")
    assert where(diags) == [("PW008", 1, 1)]
    assert "permission denied" in diags[0].message


def test_special_file_is_not_read() -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    _, diags = load_file(Path("/dev/zero"))
    assert [d.code for d in diags] == ["PW008"]
