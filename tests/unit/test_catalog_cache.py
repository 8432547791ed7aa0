"""The validated-catalog cache: a warm start gives the same catalog without YAML."""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import json
import os
import shutil
import stat
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import partways
from partways.cli import _packs, build_parser
from partways.engine import Rehearsal
from partways.loading import PackLoader
from partways.paths import bundled_scenarios
from partways.scenario import cache as cache_module
from partways.scenario.cache import load_catalog_cached
from partways.scenario.catalog import Catalog, load_catalog
from partways.scenario.loader import load_text
from partways.scenario.model import Mark, Node, Scenario
from partways.scenario.rules import scenario_problems

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


def test_the_app_pack_loader_uses_the_cache(
    tmp_path: Path, calls: list[object], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PARTWAYS_CACHE_DIR", str(tmp_path / "cache"))
    options = build_parser().parse_args(["--data-dir", str(tmp_path / "data")])
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
    def refuse(path: Path, payload: bytes) -> None:
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr(cache_module, "atomic_write", refuse)
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
    index = cache_module.index_file(cache_file)
    for written in (cache_file, index):
        assert stat.S_IMODE(written.stat().st_mode) == 0o600
    assert sorted(cache_file.parent.iterdir()) == [cache_file, index]  # no temp files


def test_missing_paths_are_reported_not_cached_wrongly(tmp_path: Path) -> None:
    cache_file = tmp_path / "catalog.json"
    gone = str(tmp_path / "gone.yaml")
    first = load_catalog_cached([gone], cache_file)
    assert first == load_catalog([gone]) and first.problems
    assert load_catalog_cached([gone], cache_file) == first


# -- a cache is not trusted: it must keep every rule a fresh catalog keeps ------


def scenario_yaml(scenario: Scenario) -> str:
    """``scenario`` written back as a scenario file (for the real validator)."""
    nodes: dict[str, Any] = {}
    for name, node in scenario.nodes.items():
        item: dict[str, Any] = {
            key: value
            for key, value in (
                ("client", node.client),
                ("mood", node.mood),
                ("tip", node.tip),
                ("ending", node.ending),
                ("lesson", node.lesson),
            )
            if value is not None
        }
        if node.choices:
            item["choices"] = [
                {"say": c.say, "next": c.next, "coach": c.coach, "tags": list(c.tags)}
                for c in node.choices
            ]
        if node.reply:
            item["reply"] = dict(node.reply)
        nodes[name] = item
    document: dict[str, Any] = {
        "format": scenario.format,
        "id": scenario.id,
        "title": scenario.title,
        "language": scenario.language,
        "reaction": scenario.reaction,
        "reason": scenario.reason,
        "difficulty": scenario.difficulty,
        "summary": scenario.summary,
        "client": scenario.client,
        "start": scenario.start,
        "nodes": nodes,
    }
    if scenario.you is not None:
        document["you"] = scenario.you
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=10_000)


def assert_valid(catalog: Catalog) -> None:
    """Every scenario in ``catalog`` passes the validator as a file would, ids are unique."""
    for scenario in catalog.scenarios:
        assert scenario_problems(scenario) == []
        again, diags = load_text(scenario_yaml(scenario), f"{scenario.id}.yaml")
        assert diags == [] and again is not None
    ids = [s.id for s in catalog.scenarios]
    assert len(ids) == len(set(ids))


def first_node(doc: dict[str, Any]) -> dict[str, Any]:
    return next(iter(doc["scenarios"][0]["nodes"].values()))


def an_ending(doc: dict[str, Any]) -> dict[str, Any]:
    return next(n for n in doc["scenarios"][0]["nodes"].values() if n["ending"])


def a_choice(doc: dict[str, Any]) -> list[Any]:
    choices: list[Any] = first_node(doc)["choices"]
    return choices[0]  # type: ignore[no-any-return]


def loop_every_choice(doc: dict[str, Any]) -> None:
    """Every turn leads back to itself: a rehearsal that can never be finished."""
    for name, node in doc["scenarios"][0]["nodes"].items():
        for choice in node["choices"]:
            choice[1] = name
        node["reply"] = dict.fromkeys(node["reply"], name)


BROKEN_RULES = {
    "start-names-no-node": lambda doc: doc["scenarios"][0].update(start="nowhere"),
    "next-names-no-node": lambda doc: a_choice(doc).__setitem__(1, "nowhere"),
    "reply-names-no-node": lambda doc: first_node(doc)["reply"].update(default="nowhere"),
    "ending-used-as-a-class": lambda doc: an_ending(doc).update(ending="x[@click=app.quit]"),
    "esc-in-the-id": lambda doc: doc["scenarios"][0].update(id="late\x1b]0;pwned\x07"),
    "esc-in-a-title": lambda doc: doc["scenarios"][0].update(title="Late \x1b[2J payer"),
    "c1-in-a-choice": lambda doc: a_choice(doc).__setitem__(0, "I'm done.\x9b31m"),
    "lone-surrogate-in-text": lambda doc: doc["scenarios"][0].update(summary="x\ud800"),
    "esc-in-a-node-id": lambda doc: first_node(doc).update(id="open\x1b"),
    "empty-title": lambda doc: doc["scenarios"][0].update(title="  "),
    "unknown-placeholder": lambda doc: a_choice(doc).__setitem__(2, "Hi {name}"),
    "placeholder-in-a-name": lambda doc: doc["scenarios"][0].update(client="{you}"),
    "cannot-be-finished": loop_every_choice,
    "language-out-of-range": lambda doc: doc["scenarios"][0].update(language="de"),
    "reaction-out-of-range": lambda doc: doc["scenarios"][0].update(reaction="meh"),
    "difficulty-out-of-range": lambda doc: doc["scenarios"][0].update(difficulty=7),
    "difficulty-a-boolean": lambda doc: doc["scenarios"][0].update(difficulty=True),
    "format-out-of-range": lambda doc: doc["scenarios"][0].update(format=2),
    "mood-out-of-range": lambda doc: first_node(doc).update(mood="smug"),
    "unknown-tag": lambda doc: a_choice(doc)[3].append("sneaky"),
    "reply-without-default": lambda doc: first_node(doc)["reply"].pop("default"),
    "unknown-stance": lambda doc: first_node(doc)["reply"].update(sneaky="open"),
    "ten-choices": lambda doc: first_node(doc).update(choices=[a_choice(doc)] * 10),
    "turn-without-client": lambda doc: first_node(doc).update(client=None),
    "turn-with-a-lesson": lambda doc: first_node(doc).update(lesson="Ha."),
    "ending-with-choices": lambda doc: an_ending(doc).update(choices=[a_choice(doc)]),
    "no-nodes": lambda doc: doc["scenarios"][0].update(nodes={}),
    "a-scenario-twice": lambda doc: doc["scenarios"].append(doc["scenarios"][0]),
    "a-scenario-dropped": lambda doc: doc["scenarios"].pop(),
    "another-path": lambda doc: doc["scenarios"][0].update(path="/etc/passwd"),
    "two-scenarios-one-id": lambda doc: doc["scenarios"][1].update(id=doc["scenarios"][0]["id"]),
    "an-unknown-code": lambda doc: doc["problems"][0][1][0].__setitem__(3, "PW999"),
    "problems-of-no-file": lambda doc: doc["problems"].append(["/nowhere.yaml", []]),
    "mark-zero": lambda doc: doc["scenarios"][0].update(id_mark=[0, 1]),
    "an-extra-key": lambda doc: doc["scenarios"][0].update(extra=1),
}


@pytest.mark.parametrize("damage", list(BROKEN_RULES.values()), ids=list(BROKEN_RULES))
def test_a_cache_that_breaks_a_rule_is_ignored_and_rewritten(
    tmp_path: Path, calls: list[object], damage: Callable[[dict[str, Any]], object]
) -> None:
    cache_file = tmp_path / "catalog.json"
    fresh = load_catalog_cached(PATHS, cache_file)
    document = json.loads(cache_file.read_bytes())
    damage(document)
    cache_file.write_text(json.dumps(document))
    assert load_catalog_cached(PATHS, cache_file) == fresh
    assert len(calls) == 2
    # Rewritten from the files: the next start is served from the cache again.
    assert load_catalog_cached(PATHS, cache_file) == fresh
    assert len(calls) == 2


def test_every_rule_in_the_model_check_agrees_with_the_validator() -> None:
    fresh = load_catalog(PATHS)
    assert fresh.scenarios
    assert_valid(fresh)  # what the loader builds keeps the model's rules
    for scenario in fresh.scenarios:
        broken = dataclasses.replace(scenario, start="nowhere")
        assert scenario_problems(broken) == ["'start' names no node"]
        assert load_text(scenario_yaml(broken))[1]  # the validator refuses it too


def test_a_cached_rehearsal_never_crashes_the_engine(tmp_path: Path) -> None:
    """The item's first symptom: a start that names no node was a KeyError on play."""
    cache_file = tmp_path / "catalog.json"
    load_catalog_cached(PATHS, cache_file)
    document = json.loads(cache_file.read_bytes())
    for scenario in document["scenarios"]:
        scenario["start"] = "nowhere"
    cache_file.write_text(json.dumps(document))
    for scenario in load_catalog_cached(PATHS, cache_file).scenarios:
        assert Rehearsal(scenario).node.id == scenario.start


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True)
    | st.text(max_size=12)
    | st.sampled_from(["open", "clean-exit", "default", "firm", "x[@click=app.quit]", "\x1b"]),
    lambda inner: (
        st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=8), inner, max_size=5)
    ),
    max_leaves=12,
)


def _mutate(data: st.DataObject, document: dict[str, Any]) -> None:
    """Replace, drop or add one value somewhere in the document (its key kept intact)."""
    parent: Any = document
    step: Any = data.draw(st.sampled_from(["scenarios", "problems"]))
    while isinstance(parent[step], dict | list) and parent[step] and data.draw(st.booleans()):
        parent = parent[step]
        step = data.draw(
            st.sampled_from(list(parent))
            if isinstance(parent, dict)
            else st.integers(0, len(parent) - 1)
        )
    action = data.draw(st.sampled_from(["replace", "drop", "add", "swap"]))
    if action == "drop":
        del parent[step]
    elif action == "add" and isinstance(parent[step], list):
        parent[step].append(data.draw(JSON_VALUES))
    elif action == "add" and isinstance(parent[step], dict):
        parent[step][data.draw(st.text(max_size=8))] = data.draw(JSON_VALUES)
    elif action == "swap":
        # A value of the right type taken from elsewhere: passes the shape checks.
        strings = _strings(document["scenarios"])
        parent[step] = data.draw(st.sampled_from(strings)) if strings else None
    else:
        parent[step] = data.draw(JSON_VALUES)


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (k, *_strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


@pytest.mark.slow
def test_random_damage_to_the_cache_never_raises_nor_yields_an_invalid_scenario(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    folder = tmp_path_factory.mktemp("mutations")
    cache_file = folder / "catalog.json"
    fresh = load_catalog_cached(PATHS, cache_file)
    pristine = json.loads(cache_file.read_bytes())

    @settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(data=st.data())
    def check(data: st.DataObject) -> None:
        document = copy.deepcopy(pristine)
        for _ in range(data.draw(st.integers(1, 3))):
            with contextlib.suppress(LookupError, TypeError):
                _mutate(data, document)
        assert document["key"] == pristine["key"]
        cache_file.write_text(json.dumps(document))
        catalog = load_catalog_cached(PATHS, cache_file)
        assert_valid(catalog)
        assert [s.path for s in catalog.scenarios] == [s.path for s in fresh.scenarios]
        assert list(catalog.problems) == list(fresh.problems)

    check()


# -- a cache that is not a plain file ---------------------------------------------


def _load_in_a_thread(cache_file: Path) -> Catalog:
    """Load with ``cache_file``; fail (rather than hang the suite) if it blocks."""
    done: list[Catalog] = []
    worker = threading.Thread(
        target=lambda: done.append(load_catalog_cached(PATHS, cache_file)), daemon=True
    )
    worker.start()
    worker.join(120)
    assert done, "loading the catalog blocked on the cache file"
    return done[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_cache_that_is_a_fifo_is_never_waited_on(tmp_path: Path, calls: list[object]) -> None:
    cache_file = tmp_path / "cache" / "catalog.json"
    cache_file.parent.mkdir()
    os.mkfifo(cache_file)
    assert _load_in_a_thread(cache_file) == load_catalog(PATHS)
    assert len(calls) == 1
    # The FIFO was replaced (a temp file renamed over it), never opened for writing.
    assert stat.S_ISREG(os.lstat(cache_file).st_mode)
    assert load_catalog_cached(PATHS, cache_file) == load_catalog(PATHS) and len(calls) == 1


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")
def test_a_cache_that_links_to_an_endless_device_is_not_read(
    tmp_path: Path, calls: list[object], monkeypatch: pytest.MonkeyPatch
) -> None:
    cache_file = tmp_path / "catalog.json"
    cache_file.symlink_to("/dev/zero")
    reads: list[int] = []
    real_read = os.read

    def counting_read(fd: int, size: int) -> bytes:
        data = real_read(fd, size)
        reads.append(len(data))
        return data

    monkeypatch.setattr(os, "read", counting_read)
    assert _load_in_a_thread(cache_file) == load_catalog(PATHS)
    # What was read: at most the limit from the device, plus the scenario files themselves.
    yaml_bytes = sum(f.stat().st_size for p in PATHS for f in Path(p).rglob("*.y*ml"))
    assert sum(reads) <= cache_module.MAX_CACHE_BYTES + 1 + yaml_bytes
    assert len(calls) == 1
    assert not cache_file.is_symlink() and stat.S_ISREG(cache_file.stat().st_mode)


def test_a_symlink_planted_at_the_cache_is_replaced_not_followed(
    tmp_path: Path, calls: list[object]
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    cache_file = tmp_path / "data" / "catalog.json"
    cache_file.parent.mkdir()
    cache_file.symlink_to(victim)
    assert load_catalog_cached(PATHS, cache_file) == load_catalog(PATHS)
    assert victim.read_text() == "keep me"
    assert not cache_file.is_symlink() and json.loads(cache_file.read_bytes())["scenarios"]


def test_a_cache_over_the_size_limit_is_ignored(
    tmp_path: Path, calls: list[object], monkeypatch: pytest.MonkeyPatch
) -> None:
    cache_file = tmp_path / "catalog.json"
    load_catalog_cached(PATHS, cache_file)
    size = cache_file.stat().st_size
    monkeypatch.setattr(cache_module, "MAX_CACHE_BYTES", size - 1)
    assert load_catalog_cached(PATHS, cache_file) == load_catalog(PATHS)
    assert len(calls) == 2
    # A catalog too big to cache is not written (it would only be ignored).
    cache_file.unlink()
    load_catalog_cached(PATHS, cache_file)
    assert not cache_file.exists()


@pytest.mark.parametrize(
    "content",
    [
        b"[" * 100_000 + b"]" * 100_000,  # nested past the recursion limit
        b'{"key": ' + b"9" * 10_000 + b"}",  # an integer too long to convert
        b'{"key": NaN, "scenarios": [], "problems": []}',
        '{"key": "\udcff"}'.encode("utf-8", "surrogatepass"),
        b"\xfe\xff\x00{",  # a UTF-16 byte order mark
    ],
)
def test_json_that_python_chokes_on_is_ignored(
    tmp_path: Path, calls: list[object], content: bytes
) -> None:
    cache_file = tmp_path / "catalog.json"
    cache_file.write_bytes(content)
    assert load_catalog_cached(PATHS, cache_file) == load_catalog(PATHS)
    assert len(calls) == 1


# -- the codec: derived from the model's fields, strict on the way back ------------


def test_the_codec_round_trips_every_field() -> None:
    from partways.scenario.codec import decode, encode

    for scenario in load_catalog(PATHS).scenarios:
        data = json.loads(json.dumps(encode(scenario)))
        assert decode(Scenario, data) == scenario
        # Every field of the dataclass is written, under its name.
        assert list(data) == [f.name for f in dataclasses.fields(Scenario)]
        node = next(iter(data["nodes"].values()))
        assert list(node) == [f.name for f in dataclasses.fields(Node)]


def test_a_field_added_to_the_model_is_carried_without_another_edit() -> None:
    from partways.scenario.codec import decode, encode

    @dataclasses.dataclass(frozen=True)
    class Extra:
        mark: Mark
        note: str | None = None
        counts: tuple[int, ...] = ()
        where: Path | None = None

    value = Extra(Mark(2, 3), "hi", (1, 2), Path("/x"))
    assert encode(value) == [[2, 3], "hi", [1, 2], "/x"]
    assert decode(Extra, encode(value)) == value


@pytest.mark.parametrize(
    "data",
    [
        [1, True],  # a boolean is not an integer
        [0, 1],  # positions are 1-based
        [1, 1, 1],  # one value too many
        {"line": 1, "column": 1},  # a mark is a list
        None,
    ],
)
def test_the_codec_refuses_anything_encode_does_not_give(data: object) -> None:
    from partways.scenario.codec import Invalid, decode

    with pytest.raises(Invalid):
        decode(Mark, data)


def test_the_codec_refuses_a_diagnostic_with_an_unknown_code() -> None:
    from partways.scenario.codec import Invalid, decode
    from partways.scenario.diagnostics import Diagnostic

    good = ["a.yaml", 1, 1, "PW003", "invalid YAML"]
    assert decode(Diagnostic, good) == Diagnostic("a.yaml", 1, 1, "PW003", "invalid YAML")
    with pytest.raises(Invalid):
        decode(Diagnostic, ["a.yaml", 1, 1, "PW999", "invalid YAML"])
