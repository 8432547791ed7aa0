"""The validated-catalog cache: a warm start gives the same catalog without YAML."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import partways
from partways.cli import PackLoader, _packs, build_parser
from partways.paths import bundled_scenarios
from partways.scenario import cache as cache_module
from partways.scenario.cache import load_catalog_cached
from partways.scenario.catalog import load_catalog

FIXTURES = Path(__file__).parent.parent / "fixtures"
PATHS: list[Path | str] = [
    bundled_scenarios(),
    FIXTURES / "broken",
    str(FIXTURES / "scenarios"),
]


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Records every real load (a cache hit makes none)."""
    import partways.scenario.catalog as catalog_module

    seen: list[object] = []
    real = catalog_module.load_catalog

    def spy(paths: object) -> object:
        seen.append(paths)
        return real(paths)  # type: ignore[arg-type]

    monkeypatch.setattr(catalog_module, "load_catalog", spy)
    return seen


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    """A writable copy of the bundled packs."""
    folder = tmp_path / "pack"
    shutil.copytree(bundled_scenarios(), folder)
    return folder


def test_warm_load_equals_cold_load(tmp_path: Path, calls: list[object]) -> None:
    cache_file = tmp_path / "data" / "cache" / "catalog.json"
    fresh = load_catalog(PATHS)
    assert fresh.scenarios and fresh.problems  # the broken fixture has problems
    cold = load_catalog_cached(PATHS, cache_file)
    assert cache_file.is_file() and len(calls) == 1
    warm = load_catalog_cached(PATHS, cache_file)
    assert len(calls) == 1  # served from the cache
    assert cold == fresh
    assert warm == fresh
    assert warm.diagnostics() == fresh.diagnostics()
    for got, want in zip(warm.scenarios, fresh.scenarios, strict=True):
        assert got.path == want.path and isinstance(got.path, Path)
        assert got.id_mark == want.id_mark
        assert list(got.nodes) == list(want.nodes)
        for node in got.nodes.values():
            assert isinstance(node.choices, tuple) and isinstance(node.reply, dict)
            assert all(isinstance(choice.tags, tuple) for choice in node.choices)


def test_warm_load_never_imports_yaml(tmp_path: Path) -> None:
    cache_file = tmp_path / "catalog.json"
    paths = [str(p) for p in PATHS]
    probe = (
        "import sys\n"
        "from pathlib import Path\n"
        "from partways.scenario.cache import load_catalog_cached\n"
        f"catalog = load_catalog_cached({paths!r}, Path({str(cache_file)!r}))\n"
        "assert catalog.scenarios\n"
        "print('\\n'.join(sorted(sys.modules)))\n"
    )

    def modules() -> set[str]:
        result = subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, text=True, check=True
        )
        return set(result.stdout.split())

    cold = modules()
    assert "yaml" in cold  # the first start loads the files for real
    warm = modules()
    assert "partways.scenario.cache" in warm
    assert not {m for m in warm if m == "yaml" or m.startswith(("yaml.", "_yaml"))}
    assert not {m for m in warm if m == "textual" or m.startswith("textual.")}
    assert "partways.scenario.loader" not in warm


def test_the_app_pack_loader_uses_the_cache(tmp_path: Path, calls: list[object]) -> None:
    options = build_parser().parse_args(["--data-dir", str(tmp_path)])
    loader = _packs(options)
    assert loader.cache_file == tmp_path / "cache" / "catalog.json"
    first = loader()
    assert loader.cache_file.is_file()
    assert loader() == first and len(calls) == 1
    # Without a cache file (as `validate` loads), nothing is cached.
    assert PackLoader(loader.folders)() == first and len(calls) == 2


def test_editing_a_file_invalidates(pack: Path, tmp_path: Path, calls: list[object]) -> None:
    cache_file = tmp_path / "catalog.json"
    before = load_catalog_cached([pack], cache_file)
    target = pack / "angry-late-payer.yaml"
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("title:", "title: Edited", 1), encoding="utf-8")
    after = load_catalog_cached([pack], cache_file)
    assert len(calls) == 2
    assert after == load_catalog([pack]) and after != before


def test_a_newer_mtime_invalidates(pack: Path, tmp_path: Path, calls: list[object]) -> None:
    cache_file = tmp_path / "catalog.json"
    load_catalog_cached([pack], cache_file)
    target = pack / "angry-late-payer.yaml"
    st = target.stat()
    os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    load_catalog_cached([pack], cache_file)
    assert len(calls) == 2
    load_catalog_cached([pack], cache_file)
    assert len(calls) == 2


def test_a_new_file_invalidates(pack: Path, tmp_path: Path, calls: list[object]) -> None:
    cache_file = tmp_path / "catalog.json"
    before = load_catalog_cached([pack], cache_file)
    (pack / "sub").mkdir()
    (pack / "sub" / "extra.yaml").write_text("not: [a scenario\n", encoding="utf-8")
    after = load_catalog_cached([pack], cache_file)
    assert len(calls) == 2
    assert after == load_catalog([pack]) and after.problems and not before.problems


def test_a_deleted_file_invalidates(pack: Path, tmp_path: Path, calls: list[object]) -> None:
    cache_file = tmp_path / "catalog.json"
    before = load_catalog_cached([pack], cache_file)
    (pack / "angry-late-payer.yaml").unlink()
    after = load_catalog_cached([pack], cache_file)
    assert len(calls) == 2
    assert len(after.scenarios) == len(before.scenarios) - 1
    assert after == load_catalog([pack])


def test_a_version_bump_invalidates(
    tmp_path: Path, calls: list[object], monkeypatch: pytest.MonkeyPatch
) -> None:
    cache_file = tmp_path / "catalog.json"
    load_catalog_cached(PATHS, cache_file)
    monkeypatch.setattr(partways, "__version__", "99.0.0")
    assert load_catalog_cached(PATHS, cache_file) == load_catalog(PATHS)
    assert len(calls) == 2
    assert json.loads(cache_file.read_text())["key"]["partways"] == "99.0.0"


def test_a_format_bump_invalidates(
    tmp_path: Path, calls: list[object], monkeypatch: pytest.MonkeyPatch
) -> None:
    cache_file = tmp_path / "catalog.json"
    load_catalog_cached(PATHS, cache_file)
    monkeypatch.setattr(cache_module, "CACHE_FORMAT", cache_module.CACHE_FORMAT + 1)
    load_catalog_cached(PATHS, cache_file)
    assert len(calls) == 2


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"{not json",
        b"\xff\xfe garbage",
        b"[]",
        b"null",
        b'{"key": 1}',
    ],
)
def test_a_corrupt_cache_is_ignored_and_rewritten(
    tmp_path: Path, calls: list[object], content: bytes
) -> None:
    cache_file = tmp_path / "catalog.json"
    cache_file.write_bytes(content)
    assert load_catalog_cached(PATHS, cache_file) == load_catalog(PATHS)
    assert len(calls) == 1
    assert json.loads(cache_file.read_bytes())["scenarios"]  # rewritten
    load_catalog_cached(PATHS, cache_file)
    assert len(calls) == 1


@pytest.mark.parametrize(
    "damage",
    [
        lambda doc: doc.pop("scenarios"),
        lambda doc: doc.update(problems={"not": "a list"}),
        lambda doc: doc["scenarios"][0].pop("title"),
        lambda doc: doc["scenarios"][0].update(difficulty="hard"),
        lambda doc: doc["scenarios"][0].update(nodes=[1, 2]),
        lambda doc: doc["scenarios"][0]["id_mark"].append(3),
        lambda doc: next(iter(doc["scenarios"][0]["nodes"].values())).update(choices=[[1]]),
        lambda doc: next(iter(doc["scenarios"][0]["nodes"].values())).update(reply=[]),
        lambda doc: doc["problems"][0][1][0].pop(),
    ],
)
def test_a_cache_of_the_wrong_shape_is_ignored(
    tmp_path: Path, calls: list[object], damage: object
) -> None:
    cache_file = tmp_path / "catalog.json"
    load_catalog_cached(PATHS, cache_file)
    document = json.loads(cache_file.read_bytes())
    damage(document)  # type: ignore[operator]
    cache_file.write_text(json.dumps(document))
    assert load_catalog_cached(PATHS, cache_file) == load_catalog(PATHS)
    assert len(calls) == 2


def test_an_unwritable_cache_location_still_returns_the_catalog(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    cache_file = blocker / "cache" / "catalog.json"  # its folder can never be made
    assert load_catalog_cached(PATHS, cache_file) == load_catalog(PATHS)
    assert load_catalog_cached(PATHS, cache_file) == load_catalog(PATHS)


def test_a_failing_write_still_returns_the_catalog(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import partways.store.storage as storage

    def refuse(path: Path, payload: bytes) -> None:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(storage, "atomic_write", refuse)
    cache_file = tmp_path / "catalog.json"
    assert load_catalog_cached(PATHS, cache_file) == load_catalog(PATHS)
    assert not cache_file.exists()


def test_a_cache_that_is_a_folder_is_ignored(tmp_path: Path) -> None:
    cache_file = tmp_path / "catalog.json"
    cache_file.mkdir()
    assert load_catalog_cached(PATHS, cache_file) == load_catalog(PATHS)


def test_the_cache_file_is_private(tmp_path: Path) -> None:
    cache_file = tmp_path / "data" / "cache" / "catalog.json"
    load_catalog_cached(PATHS, cache_file)
    assert stat.S_IMODE(cache_file.stat().st_mode) == 0o600
    assert not [p for p in cache_file.parent.iterdir() if p != cache_file]  # no temp files


def test_missing_paths_are_reported_not_cached_wrongly(tmp_path: Path) -> None:
    cache_file = tmp_path / "catalog.json"
    gone = str(tmp_path / "gone.yaml")
    first = load_catalog_cached([gone], cache_file)
    assert first == load_catalog([gone]) and first.problems
    assert load_catalog_cached([gone], cache_file) == first
