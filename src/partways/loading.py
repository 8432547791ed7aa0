"""When the scenario packs are loaded: before the first screen, or in a worker behind it.

Plain Python, no Textual. The command line builds a :class:`PackLoader`; the app
asks it :meth:`~PackLoader.in_worker` and either loads the packs before its first
screen or shows that screen at once and loads them in a thread worker.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from partways.scenario.cards import Card
    from partways.scenario.catalog import Catalog
    from partways.scenario.model import Scenario

#: Packs smaller than this (the bundled ones are ~40 KiB) load before the first
#: screen: measured faster than a worker, whose imports compete with the first
#: paint. Larger collections load in a worker while the screen is already up.
LOAD_IN_WORKER_ABOVE = 256 * 1024


@dataclass(frozen=True)
class PackLoader:
    """Loads the scenario packs in ``folders`` when called (in a worker, or right away).

    With a ``cache_file``, a catalog validated on an earlier start is reused while
    no file has changed, so that a warm start never imports YAML. A catalog that
    is already ``loaded`` (``partways play`` needs it to find the scenario, tests
    build their own) is returned as it is.
    """

    folders: tuple[Path, ...] = ()
    cache_file: Path | None = None
    loaded: Catalog | None = None

    @classmethod
    def of(cls, catalog: Catalog) -> PackLoader:
        """A loader for a catalog that is already loaded."""
        return cls(loaded=catalog)

    def __call__(self) -> Catalog:
        if self.loaded is not None:
            return self.loaded
        # Imported here, not above: the cache path must not import the YAML loader.
        if self.cache_file is not None:
            from partways.scenario.cache import load_catalog_cached

            return load_catalog_cached(list(self.folders), self.cache_file)
        from partways.scenario.catalog import load_catalog

        return load_catalog(list(self.folders))

    def cards(self) -> list[Card] | None:
        """What the scenario list shows, from the cache's index when it is current:
        the first screen can show the list while the catalog loads behind it."""
        if self.loaded is not None or self.cache_file is None:
            return None
        from partways.scenario.cache import load_cards_cached

        return load_cards_cached(list(self.folders), self.cache_file)

    def one(self, scenario_id: str | None = None, path: Path | None = None) -> Scenario | None:
        """One scenario from the cache (by id or by its file) without the others, or
        None: not cached, or not current. See :func:`~partways.scenario.cache.load_one_cached`."""
        if self.loaded is not None or self.cache_file is None:
            return None
        from partways.scenario.cache import load_one_cached

        return load_one_cached(
            list(self.folders), self.cache_file, scenario_id=scenario_id, path=path
        )

    def size(self) -> int:
        """Bytes of YAML in the folders: a cheap guess at how long loading takes."""
        total = 0
        for folder in self.folders:
            try:
                total += sum(f.stat().st_size for f in folder.rglob("*.y*ml") if f.is_file())
            except OSError:
                return LOAD_IN_WORKER_ABOVE + 1  # unreadable: let the worker report it
        return total

    def in_worker(self) -> bool:
        """True when loading would hold up the first screen: load it behind the screen."""
        return self.loaded is None and self.size() > LOAD_IN_WORKER_ABOVE
