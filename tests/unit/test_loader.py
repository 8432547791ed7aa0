"""Loading files: YAML-level traps, unreadable files, and what a valid file becomes."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from partways.scenario import loader
from partways.scenario.diagnostics import Diagnostic
from partways.scenario.loader import MAX_BYTES, MAX_DEPTH, load_file, load_text
from partways.scenario.model import Choice, Mark, Node, Scenario
from tests.conftest import MINIMAL


def _load_generator():
    path = Path(__file__).resolve().parents[2] / "benchmarks" / "gen_scenario.py"
    spec = importlib.util.spec_from_file_location("gen_scenario", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.generate


generate = _load_generator()


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


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("\ufeff\r\na", (2, 1)),  # found by the property tests: libyaml was one column off
        ("\ufeffa", (1, 2)),
        ("\ufeffa: b: c", (1, 6)),
    ],
)
def test_a_leading_byte_order_mark_places_problems_alike_with_both_loaders(
    each_loader: type, text: str, where: tuple[int, int]
) -> None:
    """libyaml's marks do not count a leading BOM; positions are characters of the text."""
    diags = load_text(text)[1]
    assert [(d.line, d.column) for d in diags][:1] == [where]


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


# --- hostile input --------------------------------------------------------------------

#: Every line break YAML (or PyYAML) knows: LF, CRLF, CR, NEL, U+2028, U+2029.
BREAKS = ["\n", "\r\n", "\r", "\x85", "\u2028", "\u2029"]
BREAK_IDS = ["lf", "crlf", "cr", "nel", "ls", "ps"]


def _deep_shapes(br: str) -> dict[str, str]:
    """Nesting far past MAX_DEPTH, written with the line break ``br``."""
    return {
        "compact-block": "tip:" + br + "  " + "- " * 50_000 + "x" + br,
        "indented-block": "tip:" + br + "".join(" " * i + "- " + br for i in range(0, 400, 2)),
        "block-map": "".join(" " * i + "k:" + br for i in range(300)) + " " * 300 + "v" + br,
        "flow-seq": "tip: " + ("[" + br) * 20_000 + "]" * 20_000 + br,
        "flow-map": "tip: " + ("{a: " + br) * 20_000 + "b" + "}" * 20_000 + br,
    }


@pytest.mark.parametrize("br", BREAKS, ids=BREAK_IDS)
def test_deep_nesting_is_refused_with_every_line_break(br: str, each_loader: type) -> None:
    for shape, text in _deep_shapes(br).items():
        _, diags = load_text(text, "deep.yaml")
        assert [d.code for d in diags] == ["PW007"], (shape, diags)
        assert f"more than {MAX_DEPTH} levels" in diags[0].message


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 1_000, 20_000])
@pytest.mark.parametrize("kind", ["flow", "block"])
def test_any_depth_past_the_limit_is_refused(depth: int, kind: str, each_loader: type) -> None:
    if kind == "flow":
        text = "tip: " + "[" * depth + "]" * depth + "\n"
    else:
        text = "tip:\n" + "".join(" " * (2 * i + 2) + "-\n" for i in range(depth))
    _, diags = load_text(text, "deep.yaml")
    assert [d.code for d in diags] == ["PW007"]


def test_the_depth_limit_is_exact(each_loader: type) -> None:
    # The top-level mapping, 'nodes' and the node 'open' are three levels: 'tip' adds the rest.
    def tip(levels: int) -> str:
        return MINIMAL.replace(
            "tip: Lead with the decision, in one sentence.",
            "tip: " + "[" * levels + "]" * levels,
        )

    _, diags = load_text(tip(MAX_DEPTH - 3), "s.yaml")
    assert where(diags) == [("PW103", 18, 10)]
    _, diags = load_text(tip(MAX_DEPTH - 2), "s.yaml")
    assert where(diags) == [("PW007", 18, 10 + MAX_DEPTH - 3)]


def test_nothing_recursive_composes_the_file(
    monkeypatch: pytest.MonkeyPatch, each_loader: type
) -> None:
    """PyYAML's (recursive) composers are never used: the loader builds the tree itself."""

    def recursive(*args: object, **kwargs: object) -> None:
        raise AssertionError("PyYAML composer used")

    monkeypatch.setattr(yaml, "compose", recursive)
    monkeypatch.setattr(each_loader, "get_single_node", recursive)
    monkeypatch.setattr(each_loader, "compose_node", recursive, raising=False)
    scenario, diags = load_text(MINIMAL)
    assert diags == []
    assert scenario is not None


@pytest.mark.parametrize("br", ["\r", "\x85", "\u2028", "\u2029"], ids=["cr", "nel", "ls", "ps"])
def test_deep_nesting_never_crashes_the_process(tmp_path: Path, br: str) -> None:
    """The C composer crashed the process (exit 139) on these: prove it cannot, out of process."""
    import subprocess

    paths = []
    for shape, text in _deep_shapes(br).items():
        path = tmp_path / f"{shape}.yaml"
        path.write_text(text, encoding="utf-8", newline="")
        paths.append(str(path))
    code = (
        "import sys\nfrom pathlib import Path\nfrom partways.scenario.loader import load_file\n"
        "for p in sys.argv[1:]:\n    print(load_file(Path(p))[1][0].code)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, *paths], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["PW007"] * len(paths)


def test_the_reported_crash_command_gives_pw007(tmp_path: Path) -> None:
    """A CR-broken compact block list of 50,000 levels."""
    import subprocess

    from tests.installed import installed_partways

    path = tmp_path / "e.yaml"
    path.write_bytes(("tip:\r  " + "- " * 50000 + "x\r").encode())
    result = subprocess.run(
        [installed_partways(), "validate", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PARTWAYS_DATA_DIR": str(tmp_path / "data")},
    )
    assert result.returncode == 1, result.stderr  # problems found: not a signal
    assert result.stdout.startswith(f"{path}:2:")
    assert "[PW007]" in result.stdout
    assert "Traceback" not in result.stderr


def test_libyaml_own_depth_limit_is_pw007() -> None:
    if not yaml.__with_libyaml__:
        pytest.skip("no libyaml")
    # libyaml 0.2.6 stops its scanner at 1,000 levels of flow nesting, before any event.
    text = "a: " + "[" * 1_500 + "]" * 1_500 + "\n"
    try:
        list(yaml.parse(text, Loader=yaml.CSafeLoader))
    except yaml.YAMLError as exc:
        assert "maximum nesting depth" in str(exc)
    _, diags = load_text(text, "deep.yaml")
    assert [d.code for d in diags] == ["PW007"]


# --- positions: one way to count lines --------------------------------------------------


@pytest.mark.parametrize("br", ["\x85", "\u2028", "\u2029"], ids=["nel", "ls", "ps"])
def test_unicode_line_separators_in_a_title_do_not_move_later_lines(
    tmp_path: Path, br: str, each_loader: type
) -> None:
    text = MINIMAL.replace(
        "title: The late payer gets angry", f'title: "The late{br}payer gets angry"'
    ).replace("reason: nonpayment", "reason: nonpaymnt")
    _, diags = load_file(write(tmp_path, text))
    assert where(diags) == [("PW106", 6, 9)]


def test_cr_only_file_reports_real_lines(tmp_path: Path, each_loader: type) -> None:
    lines = MINIMAL.split("\n")
    lines[15] += "  # \x1b[2J"  # line 16
    path = tmp_path / "cr.yaml"
    path.write_bytes("\r".join(lines).encode())
    _, diags = load_file(path)
    assert where(diags) == [("PW203", 16, len(lines[15]) - 3)]


def test_cr_only_file_places_nodes(tmp_path: Path) -> None:
    path = tmp_path / "cr.yaml"
    path.write_bytes(MINIMAL.replace("\n", "\r").encode())
    scenario, diags = load_file(path)
    assert diags == []
    assert scenario is not None
    assert scenario.id_mark == Mark(2, 5)
    assert scenario.node("open").mark == Mark(15, 3)
    assert scenario.node("open").choices[0].mark == Mark(20, 9)


def test_parser_marks_count_characters_not_bytes(each_loader: type) -> None:
    """The positions rely on marks' .index being a character index, for both parsers."""
    text = 'a: "é€😀\u2028x"\nb: c\r\nd: e\rf: "\x85g"\nh: i\n'
    for event in yaml.parse(text, Loader=each_loader):
        if isinstance(event, yaml.ScalarEvent):
            start = event.start_mark.index
            assert text[start] in 'abcdefhi"', (event.value, start)
            if event.style is None:
                assert text[start : start + len(event.value)] == event.value


def test_not_utf8_position_counts_cr_lines(tmp_path: Path) -> None:
    path = write(tmp_path, "format: 1\rid: x\r\ntitle: caf\xe9 ok\n".encode("latin-1"))
    _, diags = load_file(path, "s.yaml")
    assert where(diags) == [("PW001", 3, 11)]


def test_yaml_errors_are_placed_by_the_same_line_count(each_loader: type) -> None:
    _, diags = load_text('format: 1\rtitle: "a\u2028b\rid: [unclosed\r', "s.yaml")
    assert [d.code for d in diags] == ["PW003"]
    assert diags[0].line <= 4


# --- values quoted in messages ----------------------------------------------------------


def test_a_100000_digit_difficulty_says_what_is_wrong(tmp_path: Path, each_loader: type) -> None:
    text = MINIMAL.replace("difficulty: 2", "difficulty: " + "9" * 100_000)
    _, diags = load_file(write(tmp_path, text))
    assert where(diags) == [("PW107", 7, 13)]
    message = diags[0].message
    assert "must be 1, 2 or 3" in message
    assert "99999…9999999999 (100,000 digits)" in message
    assert "not an integer" not in message
    assert len(message) < 150


def test_long_values_are_quoted_shortened_everywhere(tmp_path: Path) -> None:
    long = "x" * 50_000
    text = (
        MINIMAL.replace("language: en", f"language: {long}")
        .replace(
            "next: walked-out\n            coach: Clear", f"next: {long}\n            coach: Clear"
        )
        .replace("tags: [decision, gratitude]", f"tags: [decision, {long}]")
        .replace("you: Sam", f"you: Sam\n? {long}\n: 1\nyou: Robin")
        .replace("format: 1", "format: 1" + "0" * 30_000)
    )
    _, diags = load_file(write(tmp_path, text))
    assert len(diags) >= 5, [d.format()[:200] for d in diags]
    for d in diags:
        assert len(d.message) < 300, d.message[:300]


def test_esc_in_a_quoted_value_is_written_out(tmp_path: Path) -> None:
    text = MINIMAL.replace("language: en", 'language: "\\e[2Jen"')
    _, diags = load_file(write(tmp_path, text))
    assert "\x1b" not in diags[0].message
    assert "\\x1b[2Jen" in diags[0].message


# --- files that are not files --------------------------------------------------------------


def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    _, diags = load_file(fifo, "pipe.yaml")
    assert where(diags) == [("PW008", 1, 1)]
    assert "not a regular file (a pipe)" in diags[0].message


def test_symlink_to_a_device_is_refused(tmp_path: Path) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    link = tmp_path / "zero.yaml"
    link.symlink_to("/dev/zero")
    _, diags = load_file(link, "zero.yaml")
    assert where(diags) == [("PW008", 1, 1)]
    assert "device" in diags[0].message


def test_symlink_loop_is_not_no_such_file(tmp_path: Path) -> None:
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(loop)
    _, diags = load_file(loop, "loop.yaml")
    assert where(diags) == [("PW008", 1, 1)]
    assert "symbolic links" in diags[0].message
    assert "no such file" not in diags[0].message
