from __future__ import annotations

import os
from pathlib import Path

from partways.paths import bundled_scenarios, data_dir, scenario_dirs


def test_bundled_scenarios_are_found() -> None:
    assert any(bundled_scenarios().glob("*.yaml"))


def test_scenario_dirs_order_and_env(tmp_path: Path) -> None:
    env = {"PARTWAYS_SCENARIOS": os.pathsep.join([str(tmp_path / "a"), "", str(tmp_path / "b")])}
    dirs = scenario_dirs([tmp_path / "c"], environ=env)
    assert dirs == [bundled_scenarios(), tmp_path / "a", tmp_path / "b", tmp_path / "c"]


def test_data_dir_precedence(tmp_path: Path) -> None:
    env = {"PARTWAYS_DATA_DIR": str(tmp_path / "env")}
    assert data_dir(tmp_path / "flag", env) == tmp_path / "flag"
    assert data_dir(None, env) == tmp_path / "env"
    assert data_dir(None, {}).name == "partways"
