"""``partways new``: a skeleton that validates, walks clean and passes the schema in
every language; never overwrites; one-line errors."""

from __future__ import annotations

import os
from pathlib import Path

import jsonschema
import pytest
import yaml

from partways.cli import main
from partways.coach import analyze
from partways.scenario.jsonschema import SCHEMA_NAME, build
from partways.scenario.loader import load_file
from partways.scenario.skeleton import TEXTS, skeleton
from partways.scenario.walk_report import check
from partways.vocab import LANGUAGES, REACTIONS, REASONS


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_skeleton_validates_and_walks_clean_in_every_language(
    lang: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "mine.yaml"
    assert main(["new", "my-first", "--lang", lang, "-o", str(target)]) == 0
    schema = tmp_path / SCHEMA_NAME
    assert capsys.readouterr().out == (
        f"Wrote {target} and {schema} (for your editor). "
        f"Check it with: partways validate {target} --cover\n"
    )
    scenario, problems = load_file(target)
    assert problems == [] and scenario is not None
    assert (scenario.id, scenario.language) == ("my-first", lang)
    assert {node.ending for node in scenario.endings} == {
        "clean-exit",
        "caved",
        "stalled",
        "burned-bridge",
    }
    covered = check(scenario, str(target), full=True)
    assert covered.findings == [] and covered.untaken == []
    walked = check(scenario, str(target), walks=200, seed=0)
    assert walked.ok and walked.failures == []
    text = target.read_text(encoding="utf-8")
    assert text.startswith(f"# yaml-language-server: $schema={SCHEMA_NAME}\n")
    assert list(jsonschema.Draft7Validator(build()).iter_errors(yaml.safe_load(text))) == []
    assert main(["validate", str(target), "--cover"]) == 0


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_coach_reads_the_skeletons_lines_as_their_tags_say(lang: str) -> None:
    texts = TEXTS[lang]
    for key, stance in (("firm", "firm"), ("firm2", "firm"), ("firm3", "firm")):
        said = texts[key].replace("{client}", texts["client"])
        assert analyze(said, lang).stance == stance, (lang, key)
    assert analyze(texts["waffle"], lang).stance == "waffle"
    assert analyze(texts["cave"], lang).stance == "cave"


def test_every_language_fills_every_blank() -> None:
    for lang, texts in TEXTS.items():
        assert set(texts) == set(TEXTS["en"]), lang
        text = skeleton("x", lang, REACTIONS[-1], REASONS[0])
        assert "<" not in text.replace("<title>", "?"), lang
        assert f"reaction: {REACTIONS[-1]}\nreason: {REASONS[0]}\n" in text


def test_it_goes_to_id_yaml_by_default_and_never_overwrites(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["new", "late-payer", "--reaction", "angry", "--reason", "nonpayment"]) == 0
    made = tmp_path / "late-payer.yaml"
    first = made.read_bytes()
    assert b"reaction: angry\nreason: nonpayment\n" in first
    assert made.stat().st_mode & 0o777 == 0o666 & ~_umask()
    capsys.readouterr()
    with pytest.raises(SystemExit) as stop:
        main(["new", "late-payer", "--lang", "sv"])
    assert stop.value.code == 2
    assert capsys.readouterr() == (
        "",
        "partways: error: late-payer.yaml already exists; choose another file with -o\n",
    )
    assert made.read_bytes() == first
    (tmp_path / "dangling.yaml").symlink_to(tmp_path / "nowhere")
    with pytest.raises(SystemExit):
        main(["new", "x", "-o", "dangling.yaml"])
    assert not (tmp_path / "nowhere").exists()
    assert sorted(os.listdir(tmp_path)) == [  # no temp files
        "dangling.yaml",
        "late-payer.yaml",
        "partways-scenario.schema.json",
    ]


def test_the_schema_the_modeline_names_is_written_beside_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The skeleton's first line points the editor at the schema beside it: ``new``
    puts it there, once, and never replaces a file of that name."""
    from partways.scenario.jsonschema import SCHEMA_NAME, dumps

    monkeypatch.chdir(tmp_path)
    assert main(["new", "first"]) == 0
    first_line = (tmp_path / "first.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == f"# yaml-language-server: $schema={SCHEMA_NAME}"
    assert (tmp_path / SCHEMA_NAME).read_text(encoding="utf-8") == dumps()
    assert SCHEMA_NAME in capsys.readouterr().out
    (tmp_path / SCHEMA_NAME).write_text("{} mine", encoding="utf-8")
    assert main(["new", "second"]) == 0
    assert (tmp_path / SCHEMA_NAME).read_text(encoding="utf-8") == "{} mine"
    assert SCHEMA_NAME not in capsys.readouterr().out


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Bad Id"], "partways: error: id 'Bad Id' must be lowercase letters and digits"),
        (["x\x1b[2J"], "partways: error: id 'x\\x1b[2J' must be"),
        (["ok", "--lang", "de"], "argument --lang: invalid choice: 'de'"),
        (["ok", "--reason", "boredom"], "argument --reason: invalid choice: 'boredom'"),
    ],
)
def test_bad_arguments_are_one_line_and_exit_2(
    args: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["new", *args, "-o", str(tmp_path / "n.yaml")])
    assert stop.value.code == 2
    out, err = capsys.readouterr()
    assert out == "" and message in err and "Traceback" not in err
    assert not (tmp_path / "n.yaml").exists()


def test_a_folder_that_cannot_be_written_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "no" / "such" / "folder" / "n.yaml"
    assert main(["new", "n", "-o", str(target)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"partways: error: cannot write {target}: ") and err.count("\n") == 1


def test_the_authoring_guide_shows_what_partways_new_writes() -> None:
    from tests.conftest import ROOT

    guide = (ROOT / "scenarios" / "README.md").read_text(encoding="utf-8")
    start = guide.index("## Start here")
    block = guide[guide.index("```yaml\n", start) + len("```yaml\n") :]
    block = block[: block.index("```")]
    assert block == skeleton("late-payer-nina", "en", "angry", "nonpayment")
    assert "partways new late-payer-nina --lang en --reaction angry --reason nonpayment" in guide
