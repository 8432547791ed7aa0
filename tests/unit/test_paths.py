from __future__ import annotations

import os
from pathlib import Path

from partways.paths import bundled_scenarios, cache_dir, catalog_cache, data_dir, scenario_dirs


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


def test_cache_dir_precedence(tmp_path: Path) -> None:
    env = {"PARTWAYS_CACHE_DIR": str(tmp_path / "env"), "PARTWAYS_DATA_DIR": str(tmp_path / "d")}
    assert cache_dir(env) == tmp_path / "env"
    assert catalog_cache(env) == tmp_path / "env" / "catalog.json"
    platform = cache_dir({"PARTWAYS_DATA_DIR": str(tmp_path / "d")})
    assert platform.name == "partways"
    assert platform != data_dir(None, {}), "the cache is not kept with the history"


def test_the_tests_never_use_the_users_cache(_own_cache_dir: Path) -> None:
    assert cache_dir() == _own_cache_dir
    assert catalog_cache().parent == _own_cache_dir
