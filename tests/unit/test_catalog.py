"""Finding files, loading them together, ids across files, and the code list itself."""

from __future__ import annotations

import os
import re
import textwrap
from pathlib import Path
from typing import Any

import pytest

from partways.scenario.catalog import (
    Catalog,
    find_files,
    load_catalog,
    missing_paths,
    validate_paths,
)
from partways.scenario.diagnostics import CODES, MEANINGS, Code
from partways.scenario.loader import MAX_BYTES, load_file, load_text

ROOT = Path(__file__).resolve().parents[2]

GOOD = textwrap.dedent(
    """\
    format: 1
    id: {id}
    title: A rehearsal
    language: en
    reaction: pushback
    reason: scope-creep
    summary: Short.
    client: Dana
    start: open
    nodes:
      open:
        client: "Well, {{client}}?"
        choices:
          - {{say: "I'm done.", next: bye, coach: Clear.}}
      bye:
        ending: clean-exit
    """
)


def good(scenario_id: str) -> str:
    return GOOD.format(id=scenario_id)


def put(folder: Path, rel: str, text: str) -> Path:
    path = folder / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_find_files_in_folders_recursively_sorted(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    for rel in ("b.yaml", "a.yml", "sub/c.yaml", "README.md", "notes.txt", ".hidden.yaml"):
        put(pack, rel, good("x"))
    put(pack, ".git/d.yaml", good("x"))
    found = find_files([str(pack)])
    assert [display for _, display in found] == [
        os.path.join(str(pack), "a.yml"),
        os.path.join(str(pack), "b.yaml"),
        os.path.join(str(pack), "sub", "c.yaml"),
    ]
    assert all(path.is_file() for path, _ in found)


def test_find_files_keeps_display_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    put(tmp_path, "pack/one.yaml", good("one"))
    put(tmp_path, "two.txt", good("two"))
    found = find_files(["./pack/", "two.txt", Path("pack/one.yaml")])
    # A file given explicitly is taken whatever its name; a file reached twice is listed once.
    assert [display for _, display in found] == ["./pack/one.yaml", "two.txt"]


def test_missing_paths(tmp_path: Path) -> None:
    put(tmp_path, "a.yaml", good("a"))
    assert missing_paths([tmp_path / "a.yaml", tmp_path / "nope", str(tmp_path)]) == [
        tmp_path / "nope"
    ]


def test_broken_files_never_hide_good_ones(tmp_path: Path) -> None:
    put(tmp_path, "a.yaml", good("first"))
    put(tmp_path, "b.yaml", "format: [\n")
    put(tmp_path, "c.yaml", good("third").replace("ending: clean-exit", "ending: caved"))
    put(tmp_path, "d.yaml", good("fourth"))
    catalog = load_catalog([tmp_path])
    assert isinstance(catalog, Catalog)
    assert [s.id for s in catalog.scenarios] == ["first", "fourth"]
    b, c = os.path.join(str(tmp_path), "b.yaml"), os.path.join(str(tmp_path), "c.yaml")
    assert list(catalog.problems) == [b, c]
    assert [d.code for d in catalog.problems[b]] == ["PW003"]
    assert [d.code for d in catalog.problems[c]] == ["PW304"]
    assert not catalog.ok
    assert catalog.find("fourth") is catalog.scenarios[1]
    assert catalog.find("third") is None


def test_id_clash_goes_to_the_second_file(tmp_path: Path) -> None:
    first = put(tmp_path, "one/z.yaml", good("same-id"))
    second = put(tmp_path, "two/a.yaml", "# a comment first\n" + good("same-id"))
    catalog = load_catalog([str(tmp_path / "one"), str(tmp_path / "two")])
    assert [s.path for s in catalog.scenarios] == [first]
    [(display, diags)] = catalog.problems.items()
    assert display == os.path.join(str(tmp_path / "two"), "a.yaml")
    assert [(d.code, d.line, d.column) for d in diags] == [("PW401", 3, 5)]
    assert os.path.join(str(tmp_path / "one"), "z.yaml") in diags[0].message
    assert second.exists()


def test_id_clash_order_is_the_order_given(tmp_path: Path) -> None:
    put(tmp_path, "a.yaml", good("same-id"))
    put(tmp_path, "b.yaml", good("same-id"))
    catalog = load_catalog([str(tmp_path / "b.yaml"), str(tmp_path / "a.yaml")])
    assert [s.path for s in catalog.scenarios] == [tmp_path / "b.yaml"]
    assert list(catalog.problems) == [str(tmp_path / "a.yaml")]


def test_validate_paths_in_file_order(tmp_path: Path) -> None:
    put(tmp_path, "a.yaml", "format: 2\n")
    put(tmp_path, "b.yaml", good("b"))
    put(tmp_path, "c.yaml", good("c").replace("language: en", "language: de"))
    diags = validate_paths([str(tmp_path)])
    assert [Path(d.path).name for d in diags] == ["a.yaml", "a.yaml", "c.yaml"]
    assert [d.code for d in diags] == ["PW102", "PW104", "PW106"]
    assert validate_paths([str(tmp_path / "b.yaml")]) == []


def test_missing_file_named_directly_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    diags = validate_paths([str(tmp_path / "gone.yaml")])
    assert [d.code for d in diags] == ["PW008"]


def test_empty_folder(tmp_path: Path) -> None:
    assert load_catalog([tmp_path]) == Catalog([], {})


# --- folders and paths that are not what they look like -----------------------------------


def test_unreadable_subfolder_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    put(tmp_path, "pack/a.yaml", good("a"))
    put(tmp_path, "pack/locked/b.yaml", good("b"))
    locked = os.path.join(str(tmp_path / "pack"), "locked")
    real_scandir = os.scandir

    def scandir(path: str) -> Any:  # tests run as root, where mode 000 is still readable
        if os.fspath(path) == locked:
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    catalog = load_catalog([str(tmp_path / "pack")])
    assert [s.id for s in catalog.scenarios] == ["a"]
    [(display, diags)] = catalog.problems.items()
    assert display == locked
    assert [(d.code, d.line, d.column) for d in diags] == [("PW008", 1, 1)]
    assert "cannot read this folder: permission denied" in diags[0].message


def test_unreadable_folder_given_directly_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = str(tmp_path / "pack")
    put(tmp_path, "pack/a.yaml", good("a"))
    real_scandir = os.scandir

    def scandir(path: str) -> Any:
        if os.fspath(path) == pack:
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    diags = validate_paths([pack])
    assert [(d.path, d.code) for d in diags] == [(pack, "PW008")]


def test_symlink_loops_and_special_files_in_a_folder(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    put(pack, "good.yaml", good("good"))
    (pack / "loop.yaml").symlink_to(pack / "loop.yaml")
    (pack / "sub").mkdir()
    (pack / "sub" / "up").symlink_to(pack)  # a folder loop: never followed
    if hasattr(os, "mkfifo"):
        os.mkfifo(pack / "pipe.yaml")
    if Path("/dev/zero").exists():
        (pack / "zero.yaml").symlink_to("/dev/zero")
    catalog = load_catalog([str(pack)])
    assert [s.id for s in catalog.scenarios] == ["good"]
    messages = {Path(k).name: [d.message for d in v] for k, v in catalog.problems.items()}
    assert "symbolic links" in messages.pop("loop.yaml")[0]
    if hasattr(os, "mkfifo"):
        assert "a pipe" in messages.pop("pipe.yaml")[0]
    if Path("/dev/zero").exists():
        assert "a device" in messages.pop("zero.yaml")[0]
    assert messages == {}


def test_a_symlink_loop_is_not_missing(tmp_path: Path) -> None:
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(loop)
    dangling = tmp_path / "dangling.yaml"
    dangling.symlink_to(tmp_path / "nowhere")
    assert missing_paths([loop, dangling, tmp_path / "nope" / "x.yaml"]) == [
        dangling,
        tmp_path / "nope" / "x.yaml",
    ]


def test_validate_a_symlink_loop_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from partways.cli import main

    loop = tmp_path / "loop.yaml"
    loop.symlink_to(loop)
    assert main(["validate", str(loop)]) == 1
    out = capsys.readouterr().out
    assert f"{loop}:1:1: error: cannot read: too many levels of symbolic links" in out
    assert "no such file" not in out


@pytest.mark.parametrize("kind", ["folder", "loop"])
def test_play_a_path_that_is_not_a_file_says_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    from partways.cli import main

    target = tmp_path / "dir.yaml"
    if kind == "folder":
        target.mkdir()
    else:
        target.symlink_to(target)
    status = main(["play", str(target), "--data-dir", str(tmp_path / "data")])
    err = capsys.readouterr().err
    assert status == 1
    assert "no such file" not in err
    assert ("is a folder, not a file" if kind == "folder" else "symbolic links") in err


def test_play_a_missing_file_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from partways.cli import main

    with pytest.raises(SystemExit) as stop:
        main(["play", str(tmp_path / "nope.yaml"), "--data-dir", str(tmp_path / "data")])
    assert stop.value.code == 2
    assert "no such file" in capsys.readouterr().err


# --- the code list ------------------------------------------------------------------------


def test_codes_are_well_formed() -> None:
    values = [code.value for code in Code]
    assert all(re.fullmatch(r"PW[0-4]\d\d", value) for value in values)
    assert values == sorted(values)
    assert set(values) == CODES
    assert list(MEANINGS) == list(Code)
    assert all(meaning and meaning == meaning.strip() for meaning in MEANINGS.values())


ONE_CHOICE = '    choices:\n      - {say: "I\'m done.", next: bye, coach: Clear.}\n'
TURN_LINE = '    client: "Well, {client}?"\n'


def edited(old: str, new: str, scenario_id: str = "tiny") -> str:
    text = good(scenario_id)
    assert text.count(old) == 1, old
    return text.replace(old, new)


#: code -> (a minimal failing file, every code it gives). Text is loaded with load_text;
#: bytes are written to a file and loaded with load_file; None names a file that is not there.
PRODUCED: dict[Code, tuple[str | bytes | None, list[str]]] = {
    Code.NOT_UTF8: (good("tiny").replace("Short.", "caf\xe9").encode("latin-1"), ["PW001"]),
    Code.TOO_BIG: (b"#" * (MAX_BYTES + 1), ["PW002"]),
    Code.BAD_YAML: ("title: a: b\n", ["PW003"]),
    Code.DUPLICATE: ("format: 1\n" + good("tiny"), ["PW004"]),
    Code.ALIAS: (edited("client: Dana", "client: &who Dana"), ["PW005"]),
    Code.YAML_TAG: (edited("summary: Short.", "summary: !!python/name:os.system"), ["PW006"]),
    Code.TOO_DEEP: (edited("summary: Short.", "summary: " + "[" * 65 + "]" * 65), ["PW007"]),
    Code.UNREADABLE: (None, ["PW008"]),
    Code.NOT_A_MAPPING: ("- a\n", ["PW100"]),
    Code.UNKNOWN_KEY: (good("tiny") + "extra: 1\n", ["PW101"]),
    Code.MISSING_KEY: (edited("title: A rehearsal\n", ""), ["PW102"]),
    Code.WRONG_TYPE: (edited("format: 1", "format: 0x1"), ["PW103"]),
    Code.FORMAT: (edited("format: 1", "format: 2"), ["PW104"]),
    Code.BAD_ID: (good("Tiny-Thing"), ["PW105"]),
    Code.NOT_ALLOWED: (edited("language: en", "language: de"), ["PW106"]),
    Code.DIFFICULTY: (good("tiny") + "difficulty: 5\n", ["PW107"]),
    Code.CHOICE_COUNT: (
        edited(ONE_CHOICE, "    choices: []\n    reply: {default: bye}\n"),
        ["PW108"],
    ),
    Code.UNKNOWN_STANCE: (
        edited(TURN_LINE, TURN_LINE + "    reply: {frim: bye, default: bye}\n"),
        ["PW109"],
    ),
    Code.NO_DEFAULT: (edited(TURN_LINE, TURN_LINE + "    reply: {firm: bye}\n"), ["PW110"]),
    Code.MISPLACED_KEY: (edited(TURN_LINE, TURN_LINE + "    lesson: Ha.\n"), ["PW111"]),
    Code.NO_KIND: (
        edited(TURN_LINE, TURN_LINE + "    reply: {default: other}\n")
        + "  other:\n    client: Hi.\n",
        ["PW112"],
    ),
    Code.UNKNOWN_TAG: (edited("coach: Clear.}", "coach: Clear., tags: [desicion]}"), ["PW113"]),
    Code.NOT_A_STRING: (good("tiny") + "you: NO\n", ["PW201"]),
    Code.EMPTY: (edited("summary: Short.", 'summary: ""'), ["PW202"]),
    Code.CONTROL: (edited("summary: Short.", 'summary: "\\e[31mBye"'), ["PW203"]),
    Code.PLACEHOLDER: (edited("summary: Short.", 'summary: "Hi {boss}"'), ["PW204"]),
    Code.NO_YOU: (edited("summary: Short.", 'summary: "Hi {you}"'), ["PW205"]),
    Code.NO_SUCH_NODE: (edited(TURN_LINE, TURN_LINE + "    reply: {default: bey}\n"), ["PW301"]),
    Code.UNREACHABLE: (good("tiny") + "  spare:\n    ending: caved\n", ["PW302"]),
    Code.DEAD_END: (
        edited(TURN_LINE, TURN_LINE + "    reply: {default: loop}\n")
        + "  loop:\n    client: Again.\n    reply: {default: loop}\n",
        ["PW303"],
    ),
    Code.NO_CLEAN_EXIT: (edited("ending: clean-exit", "ending: caved"), ["PW304"]),
    Code.ID_TAKEN: ("two files with one id", ["PW401"]),
}


def produce(code: Code, tmp_path: Path) -> list[str]:
    """The codes the minimal failing input for ``code`` gives."""
    given, _ = PRODUCED[code]
    if code is Code.ID_TAKEN:
        put(tmp_path, "a.yaml", good("same"))
        put(tmp_path, "b.yaml", good("same"))
        return [d.code for d in validate_paths([str(tmp_path)])]
    if isinstance(given, str):
        scenario, diags = load_text(given)
    else:
        path = tmp_path / "case.yaml"
        if given is not None:
            path.write_bytes(given)
        scenario, diags = load_file(path)
    assert scenario is None
    return [d.code for d in diags]


def test_every_code_has_a_minimal_failing_input() -> None:
    assert list(PRODUCED) == list(Code)


@pytest.mark.parametrize("code", list(Code), ids=[code.value for code in Code])
def test_every_code_is_produced(code: Code, tmp_path: Path) -> None:
    assert produce(code, tmp_path) == PRODUCED[code][1]
    assert code.value in PRODUCED[code][1]


def test_every_code_is_documented_in_the_authoring_guide() -> None:
    """The table in scenarios/README.md lists every code, with the meaning MEANINGS gives."""
    guide = (ROOT / "scenarios" / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `(PW\d{3})` \|([^|]*)\|(.*)$", guide, flags=re.MULTILINE)
    assert [code for code, _, _ in rows] == [code.value for code in Code]
    for code, meaning, rest in rows:
        assert meaning.strip().replace("`", "") == MEANINGS[Code(code)], code
        assert rest.count("|") >= 2, f"{code}: needs an example and the message"
