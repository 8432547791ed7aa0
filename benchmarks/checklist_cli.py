"""``partways checklist list --json`` beside ``partways history --json`` and ``python -c pass``.

Each command runs as the installed script, interleaved, for ROUNDS rounds, on one
offboarding in a fresh data folder; the figures are medians and ratios measured in
this one run: ``.venv/bin/python benchmarks/checklist_cli.py``.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROUNDS = 12


def main() -> None:
    script = Path(sys.executable).parent / "partways"
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "PARTWAYS_DATA_DIR": folder}
        new = [str(script), "checklist", "new", "Dana", "--talk", "2026-03-09", "--notice", "30"]
        subprocess.run(new, check=True, capture_output=True, env=env)
        commands = {
            "checklist list --json": [str(script), "checklist", "list", "--json"],
            "history --json": [str(script), "history", "--json"],
            "python -c pass": [sys.executable, "-c", "pass"],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(ROUNDS):
            for name, argv in commands.items():
                start = time.perf_counter()
                subprocess.run(argv, check=True, capture_output=True, env=env)
                times[name].append(time.perf_counter() - start)
    median = {name: statistics.median(values) * 1000 for name, values in times.items()}
    for name, ms in median.items():
        print(f"{name:24} {ms:6.0f} ms")
    listing = median["checklist list --json"]
    print(f"checklist list / history: {listing / median['history --json']:.2f}x")
    print(f"checklist list / python -c pass: {listing / median['python -c pass']:.2f}x")


if __name__ == "__main__":
    main()
