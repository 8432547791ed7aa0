"""Offboardings, kept beside the history: the checklist's one small interface.

The screens (through the app's workers) and the command line use
:class:`ChecklistStore` only. Underneath is a
:class:`~partways.store.collection.Collection` called ``checklists``
(``checklists.json`` + ``checklists.journal`` in the data folder): journaled,
locked, safe on crash and with two copies of partways open, a corrupt file set
aside with a notice. Every call returns a :class:`Result`; a store that cannot
be used at all raises :class:`~partways.store.collection.StoreUnavailable` (an
``OSError`` with a one-line message) and nothing is moved or overwritten.

Records are read back through :func:`partways.checklist.codec.offboarding_from_json`:
a hand-edited record is tidied, an unusable one skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from partways.checklist.codec import offboarding_from_json
from partways.checklist.model import Offboarding
from partways.store.collection import Collection, Result, StoreUnavailable

NAME = "checklists"
#: The record's schema: 1, the first.
SCHEMA = 1

__all__ = ["ChecklistStore", "Result", "StoreUnavailable"]


@dataclass
class ChecklistStore:
    """Reads and writes offboardings in ``data_dir``."""

    data_dir: Path
    _collection: Collection = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._collection = Collection(
            self.data_dir, NAME, schema=SCHEMA, table="offboardings", label="checklists"
        )

    @property
    def path(self) -> Path:
        return self._collection.path

    def all(self) -> Result[list[Offboarding]]:
        """Every offboarding: open ones first, then by conversation date and client."""
        read = self._collection.all()
        found = (offboarding_from_json(doc) for doc in read.value.values())
        records = sorted(
            (o for o in found if o is not None), key=lambda o: (o.archived, o.talk, o.client)
        )
        return Result(records, read.notice)

    def put(self, offboarding: Offboarding) -> Result[None]:
        """Add or replace (by ``id``) one offboarding."""
        return self._collection.put(offboarding.id, offboarding.to_json())

    def get(self, offboarding_id: str) -> Result[Offboarding | None]:
        read = self._collection.get(offboarding_id)
        return Result(offboarding_from_json(read.value), read.notice)

    def find(self, client: str) -> Result[Offboarding | None]:
        """The offboarding of ``client`` (any case): the open one, else the latest archived."""
        read = self.all()
        wanted = " ".join(client.split()).casefold()
        matches = [o for o in read.value if o.client.casefold() == wanted]
        open_ = [o for o in matches if not o.archived]
        pick = open_[0] if open_ else (max(matches, key=lambda o: o.talk) if matches else None)
        return Result(pick, read.notice)
