"""partways benchmarks: every figure is a ratio of two things measured side by side in one run.

    python benchmarks/run.py            # all three
    python benchmarks/run.py startup    # (a) first screen of `partways`, `partways play ID` and
                                        #     `partways play FILE` vs a minimal Textual app
    python benchmarks/run.py validate   # (b) validate 10,000 nodes vs the C loader; 1k vs 10k
    python benchmarks/run.py version    # (c) `partways --version` vs `python -c pass`
    python benchmarks/run.py keystroke  # (d) coach analysis per keystroke vs one Input frame
    python benchmarks/run.py coach      # (e) `partways coach "..."` vs `python -c pass`

Runs are interleaved (A, B, A, B, ...) so that machine noise hits both sides alike;
each figure is the ratio of the medians. Goals (from issue 2): (a) <= 1.25,
(b) <= 2.0 and 10k/1k close to 10 (linear), (c) no Textual import (checked by tests);
from issue 7: (d) <= 0.25, (e) <= 4.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from gen_scenario import generate  # noqa: E402

PARTWAYS_FIRST_SCREEN = """
import sys
from importlib.machinery import PathFinder

async def ready(pilot):
    await pilot.pause()  # let the first screen finish mounting and painting
    print("READY", type(pilot.app.screen).__name__, file=sys.__stdout__, flush=True)
    pilot.app.exit()

class AutoPilot(PathFinder):
    # Gives the app an auto-pilot that reports the first screen (and which screen
    # it is) when partways.tui.app is imported: where and when `partways` imports it.
    @classmethod
    def find_spec(cls, name, path=None, target=None):
        if name != "partways.tui.app":
            return None
        spec = PathFinder.find_spec(name, path, target)
        run_module = spec.loader.exec_module

        def exec_module(module):
            run_module(module)
            app = module.PartwaysApp
            app.run = lambda self, _run=app.run: _run(
                self, headless=True, size=(80, 24), auto_pilot=ready
            )

        spec.loader.exec_module = exec_module
        return spec

sys.meta_path.insert(0, AutoPilot)
from partways.cli import main

# Exactly what `partways --data-dir DIR [ARGS]` runs.
main(["--data-dir", *sys.argv[1:]])
"""

MINIMAL_FIRST_SCREEN = """
import sys
from textual.app import App
from textual.widgets import Static

class Minimal(App):
    def compose(self):
        yield Static("Hello")

async def ready(pilot):
    await pilot.pause()  # let the first screen finish mounting and painting
    print("READY", file=sys.__stdout__, flush=True)
    pilot.app.exit()

Minimal().run(headless=True, size=(80, 24), auto_pilot=ready)
"""


def timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def side_by_side(
    a: Callable[[], object], b: Callable[[], object], rounds: int
) -> tuple[float, float]:
    """Median seconds of ``a`` and of ``b``, run alternately ``rounds`` times each."""
    a(), b()  # warm caches (file system, bytecode)
    times_a: list[float] = []
    times_b: list[float] = []
    for _ in range(rounds):
        times_a.append(timed(a))
        times_b.append(timed(b))
    return statistics.median(times_a), statistics.median(times_b)


def python(*args: str) -> Callable[[], object]:
    return lambda: subprocess.run([sys.executable, *args], check=True, capture_output=True)


def first_screen(*args: str, screen: str = "") -> Callable[[], float]:
    """The seconds until the child prints READY (its first screen has painted), not
    to its exit; ``screen`` is the class name of the screen it must be showing."""

    def run() -> float:
        start = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, *args], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
        )
        assert child.stdout is not None
        line = child.stdout.readline()
        elapsed = time.perf_counter() - start
        assert line.split()[:1] == ["READY"], line
        assert not screen or line.split()[1:] == [screen], line
        child.wait()
        return elapsed

    return run


def report(label: str, a: float, b: float, goal: str) -> None:
    print(f"{label:<52} {a * 1000:8.1f} ms / {b * 1000:8.1f} ms = {a / b:5.2f}x  ({goal})")


#: The ways into a rehearsal: (label, arguments after ``--data-dir DIR``, first screen).
WAYS_IN = (
    ("partways", (), "HomeScreen"),
    ("partways play ID", ("play", "angry-late-payer"), "ConversationScreen"),
    (
        "partways play FILE",
        ("play", str(HERE.parent / "scenarios" / "angry-late-payer.yaml")),
        "ConversationScreen",
    ),
)


def bench_startup(rounds: int = 20) -> None:
    """Each way in and the minimal app, all interleaved in one loop (A, B, C, M, A, ...)."""
    with tempfile.TemporaryDirectory() as data:
        runs = [
            first_screen("-c", PARTWAYS_FIRST_SCREEN, data, *args, screen=screen)
            for _label, args, screen in WAYS_IN
        ]
        minimal = first_screen("-c", MINIMAL_FIRST_SCREEN)
        for run in (*runs, minimal):
            run()  # warm caches (and the catalog cache)
        times: list[list[float]] = [[] for _ in runs]
        times_minimal: list[float] = []
        for _ in range(rounds):
            for run, measured in zip(runs, times, strict=True):
                measured.append(run())
            times_minimal.append(minimal())
    b = statistics.median(times_minimal)
    for (label, _args, _screen), measured in zip(WAYS_IN, times, strict=True):
        a = statistics.median(measured)
        report(f"(a) first screen: {label} / minimal Textual app", a, b, "goal <= 1.25x")


def bench_validate(rounds: int = 5) -> None:
    import yaml

    from partways.scenario.catalog import validate_paths

    loader = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader
    with tempfile.TemporaryDirectory() as folder:
        files = {}
        for n in (1_000, 10_000):
            path = Path(folder) / f"gen-{n}.yaml"
            path.write_text(generate(n), encoding="utf-8")
            files[n] = path

        def validate(n: int) -> Callable[[], object]:
            def run() -> None:
                problems = validate_paths([files[n]])
                assert not problems, problems[:3]

            return run

        def parse(n: int) -> Callable[[], object]:
            return lambda: yaml.load(files[n].read_text(encoding="utf-8"), Loader=loader)

        a, b = side_by_side(validate(10_000), parse(10_000), rounds)
        report(f"(b) validate 10,000 nodes / {loader.__name__} parse", a, b, "goal <= 2x")
        big, small = side_by_side(validate(10_000), validate(1_000), rounds)
        report("(b) validate 10,000 nodes / 1,000 nodes", big, small, "linear: ~10x")


def bench_version(rounds: int = 20) -> None:
    script = Path(sys.executable).parent / "partways"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "partways.cli"]

    def version() -> None:
        subprocess.run([*command, "--version"], check=True, capture_output=True)

    a, b = side_by_side(version, python("-c", "pass"), rounds)
    report("(c) partways --version / python -c pass", a, b, "no Textual import")


#: A 100-word reply, as someone might type it into the reply box.
REPLY_100 = (
    "Hi Dana, thank you for the last two years, I have learned a lot working with your team. "
    "I have decided to end our contract at the end of the month, because the project has "
    "grown beyond what I can take on. I know the timing is not ideal, and I am sorry about "
    "that. I will finish the current sprint and send you all the files, logins and a short "
    "handover document by Friday. I can also recommend two developers I trust. It has been "
    "a pleasure, and I wish you the best with the launch"
)


def bench_keystroke(rounds: int = 400) -> None:
    """Coach analysis per keystroke (a character typed at the end of a 100-word reply)
    vs Textual rendering one frame of an 80x24 screen holding an Input with that reply.

    The figure (d) types ten characters over and over (as the issue set it); the line
    under it types the reply's last ``rounds`` characters one by one, so that every
    text is new (the sentence being typed is always read afresh), for scale."""
    import asyncio

    from textual.app import App, ComposeResult
    from textual.widgets import Input

    from partways.coach import analyze

    words = len(REPLY_100.split())
    assert 95 <= words <= 105, words
    assert len(REPLY_100) > rounds

    class ReplyBox(App[None]):
        def compose(self) -> ComposeResult:
            yield Input(value=REPLY_100, id="reply")

    async def measure(typed: list[str]) -> tuple[float, float]:
        app = ReplyBox()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            reply = app.query_one(Input)
            compositor = app.screen._compositor
            analyze(typed[0][:-1], "en")  # warm: word lists loaded, sentences seen
            times_a: list[float] = []
            times_b: list[float] = []
            for n in range(rounds):
                start = time.perf_counter()
                analyze(typed[n], "en")
                times_a.append(time.perf_counter() - start)
                reply.cursor_position = n % len(REPLY_100)
                start = time.perf_counter()
                compositor.render_update(full=True)
                times_b.append(time.perf_counter() - start)
            return statistics.median(times_a), statistics.median(times_b)

    again = [REPLY_100 + "abcdefghij"[: n % 10] for n in range(rounds)]
    a, b = asyncio.run(measure(again))
    report(f"(d) coach per keystroke ({words} words) / one Input frame", a, b, "goal <= 0.25x")
    print(f"{'':<52} {a * 1e6:8.0f} us / {b * 1e6:8.0f} us")
    fresh = [REPLY_100[: len(REPLY_100) - rounds + n + 1] for n in range(rounds)]
    c, d = asyncio.run(measure(fresh))
    report("    for scale: every keystroke a new text / one frame", c, d, "no goal")
    print(f"{'':<52} {c * 1e6:8.0f} us / {d * 1e6:8.0f} us")


def bench_coach(rounds: int = 20) -> None:
    script = Path(sys.executable).parent / "partways"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "partways.cli"]
    reply = "Sorry, but my decision is final. I'll send the files on Friday."

    def coach() -> None:
        done = subprocess.run([*command, "coach", reply], capture_output=True, check=False)
        assert done.returncode == 0, done.stderr  # firm

    a, b = side_by_side(coach, python("-c", "pass"), rounds)
    report("(e) partways coach TEXT / python -c pass", a, b, "goal <= 4x")
    c, d = side_by_side(python("-c", "import argparse, re, json"), python("-c", "pass"), rounds)
    report("    for scale: argparse, re, json / python -c pass", c, d, "the floor")


BENCHES = {
    "startup": bench_startup,
    "validate": bench_validate,
    "version": bench_version,
    "keystroke": bench_keystroke,
    "coach": bench_coach,
}


def main(argv: list[str]) -> int:
    chosen = argv or list(BENCHES)
    unknown = [name for name in chosen if name not in BENCHES]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; choose from {', '.join(BENCHES)}")
        return 2
    # An installed wheel has its bytecode compiled at install time; an editable
    # checkout (with PYTHONDONTWRITEBYTECODE set, as here) may not. Compile it so
    # both sides start from .pyc files, as Textual's own modules do.
    import compileall

    import partways

    compileall.compile_dir(Path(partways.__file__).parent, quiet=1)
    print(f"python {sys.version.split()[0]}; medians of interleaved runs")
    for name in chosen:
        BENCHES[name]()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
