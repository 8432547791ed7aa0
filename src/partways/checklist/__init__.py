"""The handoff checklist: offboarding a real client, step by step, and the letter.

Plain Python (no Textual): :mod:`.model` (offboardings, items, what is due),
:mod:`.dates` (offset rules, weekends, dates in each language), :mod:`.template`
(the YAML template, checked with ``CLxxx`` diagnostics), :mod:`.codec` (records
read back from the store), :mod:`.letter` (the letter and the Markdown export).
"""

from __future__ import annotations

import os
from datetime import date

#: Set to ``YYYY-MM-DD`` to fix "today" (snapshots, end-to-end tests, demos).
TODAY_ENV = "PARTWAYS_TODAY"


def today() -> date:
    """Today's date, read only at the edge (the command line, the app); the rest take it."""
    from partways.checklist.dates import parse_iso

    fixed = parse_iso(os.environ.get(TODAY_ENV, ""))
    return fixed if fixed is not None else date.today()
