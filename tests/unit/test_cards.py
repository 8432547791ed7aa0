"""The cache's index of cards: the home list before the catalog arrives."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from partways.loading import PackLoader
from partways.paths import bundled_scenarios
from partways.scenario.cache import index_file, load_cards_cached, load_catalog_cached
from partways.scenario.cards import FIELDS, Card, card_of, decode_cards
from partways.scenario.catalog import load_catalog


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    folder = tmp_path / "pack"
    shutil.copytree(bundled_scenarios(), folder)
    return folder


def test_the_index_lists_what_the_catalog_holds(pack: Path, tmp_path: Path) -> None:
    cache_file = tmp_path / "catalog.json"
    assert load_cards_cached([pack], cache_file) is None  # nothing cached yet
    catalog = load_catalog_cached([pack], cache_file)
    cards = load_cards_cached([pack], cache_file)
    assert cards == [card_of(s) for s in catalog.scenarios]
    assert cards and all(c.matches(c.language) for c in cards)


def test_a_stale_index_is_not_used(pack: Path, tmp_path: Path) -> None:
    cache_file = tmp_path / "catalog.json"
    load_catalog_cached([pack], cache_file)
    target = pack / "angry-late-payer.yaml"
    target.write_text(target.read_text(encoding="utf-8").replace("title:", "title: X", 1))
    assert load_cards_cached([pack], cache_file) is None
    (pack / "pushback-scope-creep.yaml").unlink()
    assert load_cards_cached([pack], cache_file) is None


def test_the_pack_loader_offers_cards_only_with_a_cache(pack: Path, tmp_path: Path) -> None:
    cache_file = tmp_path / "catalog.json"
    load_catalog_cached([pack], cache_file)
    assert PackLoader((pack,), cache_file=cache_file).cards()
    assert PackLoader((pack,)).cards() is None
    assert PackLoader.of(load_catalog([pack])).cards() is None


def test_scenario_and_card_match_a_filter_the_same_way(pack: Path) -> None:
    for scenario in load_catalog([pack]).scenarios:
        card = card_of(scenario)
        for needle in ("", scenario.language, scenario.reason, "nothing-like-it", scenario.id):
            assert card.matches(needle) == scenario.matches(needle)


GOOD = ["an-id", "A title", "en", "angry", "nonpayment", "Summary", "Dana", 2]


@pytest.mark.parametrize(
    "row",
    [
        GOOD[:-1],
        [*GOOD[:1], "tit\x1ble", *GOOD[2:]],
        [*GOOD[:2], "xx", *GOOD[3:]],
        [*GOOD[:3], "sulks", *GOOD[4:]],
        [*GOOD[:4], "boredom", *GOOD[5:]],
        [*GOOD[:-1], 4],
        [*GOOD[:-1], True],
        [*GOOD[:-1], "2"],
        ["", *GOOD[1:]],
        {"id": "x"},
    ],
)
def test_a_damaged_card_spoils_the_index(row: object) -> None:
    assert decode_cards([GOOD]) == [Card(*GOOD)]  # type: ignore[arg-type]
    assert decode_cards([GOOD, row]) is None


def test_duplicate_ids_spoil_the_index() -> None:
    assert decode_cards([GOOD, GOOD]) is None


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_in_the_index_never_raise(data: bytes) -> None:
    folder = Path(__file__).parent.parent / "fixtures" / "scenarios"
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        cache_file = Path(tmp) / "catalog.json"
        load_catalog_cached([folder], cache_file)
        index_file(cache_file).write_bytes(data)
        cards = load_cards_cached([folder], cache_file)
        assert cards is None or all(isinstance(c, Card) for c in cards)


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.one_of(st.text(max_size=5), st.integers(-1, 5)), max_size=9)))
def test_random_rows_give_valid_cards_or_none(rows: list[list[object]]) -> None:
    cards = decode_cards(rows)
    if cards is not None:
        assert len({c.id for c in cards}) == len(cards) == len(rows)
        assert all(len(FIELDS) == 8 and 1 <= c.difficulty <= 3 for c in cards)


def test_one_scenario_comes_from_the_cache_alone(pack: Path, tmp_path: Path) -> None:
    """``partways play`` takes its scenario from the cache by id or by file, decoded
    and checked alone; anything doubtful means None (the caller loads the catalog)."""
    from partways.scenario.cache import load_one_cached

    cache_file = tmp_path / "catalog.json"
    assert load_one_cached([pack], cache_file, scenario_id="angry-late-payer") is None
    catalog = load_catalog_cached([pack], cache_file)
    wanted = catalog.find("angry-late-payer")
    by_id = load_one_cached([pack], cache_file, scenario_id="angry-late-payer")
    assert by_id == wanted and by_id is not None
    by_path = load_one_cached([pack], cache_file, path=pack / "angry-late-payer.yaml")
    assert by_path == wanted
    assert load_one_cached([pack], cache_file, scenario_id="no-such-id") is None
    assert load_one_cached([pack], cache_file, path=tmp_path / "elsewhere.yaml") is None
    loader = PackLoader((pack,), cache_file=cache_file)
    assert loader.one(scenario_id="angry-late-payer") == wanted
    assert PackLoader.of(catalog).one(scenario_id="angry-late-payer") is None


def test_a_doubtful_cache_gives_no_single_scenario(pack: Path, tmp_path: Path) -> None:
    from partways.scenario.cache import load_one_cached

    cache_file = tmp_path / "catalog.json"
    load_catalog_cached([pack], cache_file)
    document = json.loads(cache_file.read_text(encoding="utf-8"))
    entry = next(e for e in document["scenarios"] if e["id"] == "angry-late-payer")
    broken = json.loads(json.dumps(entry))
    broken["start"] = "nowhere"  # breaks a rule of the format
    document["scenarios"] = [broken if e is entry else e for e in document["scenarios"]]
    cache_file.write_text(json.dumps(document), encoding="utf-8")
    assert load_one_cached([pack], cache_file, scenario_id="angry-late-payer") is None
    document["scenarios"].append(entry)  # the same id twice
    cache_file.write_text(json.dumps(document), encoding="utf-8")
    assert load_one_cached([pack], cache_file, scenario_id="angry-late-payer") is None
    target = pack / "angry-late-payer.yaml"
    load_catalog_cached([pack], cache_file)  # rewritten: good again
    assert load_one_cached([pack], cache_file, scenario_id="angry-late-payer") is not None
    target.write_text(target.read_text(encoding="utf-8").replace("title:", "title: X", 1))
    assert load_one_cached([pack], cache_file, scenario_id="angry-late-payer") is None  # stale
