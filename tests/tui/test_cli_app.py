"""`partways` (no command) builds the app: small packs load first, big ones in a worker."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest

from partways import cli, loading
from partways.paths import bundled_scenarios
from partways.scenario.catalog import Catalog, load_catalog
from partways.tui.app import PartwaysApp

sys.path.insert(0, str(Path(__file__).parent.parent.parent / "benchmarks"))
from gen_scenario import generate


@pytest.fixture
def built(monkeypatch: pytest.MonkeyPatch) -> list[PartwaysApp]:
    apps: list[PartwaysApp] = []

    def fake_run(self: PartwaysApp, *args: Any, **kwargs: Any) -> None:
        apps.append(self)

    monkeypatch.setattr(PartwaysApp, "run", fake_run)
    return apps


def test_small_packs_are_loaded_before_the_first_screen(
    built: list[PartwaysApp], tmp_path: Path
) -> None:
    assert cli.main(["--data-dir", str(tmp_path)]) == 0
    [app] = built
    assert app.catalog is not None and app.catalog.scenarios
    assert not app.loading


def test_big_packs_load_in_a_worker(built: list[PartwaysApp], tmp_path: Path) -> None:
    big = tmp_path / "big"
    big.mkdir()
    (big / "huge.yaml").write_text(generate(1_000), encoding="utf-8")
    assert cli.main(["--data-dir", str(tmp_path), "--scenarios", str(big)]) == 0
    [app] = built
    assert app.loading
    loader = app.loader
    assert isinstance(loader, loading.PackLoader) and loader.in_worker()
    assert loader.size() > loading.LOAD_IN_WORKER_ABOVE
    catalog = loader()
    bundled = load_catalog([bundled_scenarios()])
    assert isinstance(catalog, Catalog)
    expected = {s.id for s in bundled.scenarios} | {"generated-1000"}
    assert {s.id for s in catalog.scenarios} == expected


def test_coach_pad_opens_the_app_on_the_pad(built: list[PartwaysApp], tmp_path: Path) -> None:
    assert cli.main(["coach", "--pad", "--data-dir", str(tmp_path)]) == 0
    assert cli.main(["coach", "Sorry, maybe later?", "--pad", "--lang", "fr"]) == 0
    first, second = built
    assert first._pad == ("", None) and first.played is None
    assert second._pad == ("Sorry, maybe later?", "fr")


def test_coach_pad_refuses_json_and_unknown_languages(
    built: list[PartwaysApp], capsys: pytest.CaptureFixture[str]
) -> None:
    for argv in (["coach", "--pad", "--json"], ["coach", "--pad", "--lang", "xx"]):
        with pytest.raises(SystemExit) as exit_info:
            cli.main(argv)
        assert exit_info.value.code == 2
    assert not built
    assert "--pad opens the app" in capsys.readouterr().err


def test_play_file_takes_a_cataloged_file_from_the_catalog(tmp_path: Path) -> None:
    """`partways play FILE` for a file the catalog holds reads no YAML before the
    first screen (the catalog comes from its cache)."""
    import subprocess

    path = bundled_scenarios() / "angry-late-payer.yaml"
    code = (
        "import sys\n"
        "from partways.cli import main\n"
        "from partways.tui.app import PartwaysApp\n"
        "played = []\n"
        "PartwaysApp.run = lambda self: played.append(self.played)\n"
        f"argv = ['--data-dir', {str(tmp_path)!r}, 'play', {str(path)!r}]\n"
        "assert main(argv) == 0\n"  # the first run writes the catalog cache
        "for name in [m for m in sys.modules if m == 'yaml' or m.startswith('yaml.')]:\n"
        "    del sys.modules[name]\n"
        "assert main(argv) == 0\n"
        "assert [s.id for s in played] == ['angry-late-payer'] * 2\n"
        "print('yaml' in sys.modules)\n"
    )
    env = {**os.environ, "PARTWAYS_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert done.stdout.split() == ["False"]
