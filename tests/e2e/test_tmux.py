"""Run the installed ``partways`` for real inside tmux: digits, a typed reply, the history."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.installed import installed_partways

FIXTURES = Path(__file__).parent.parent / "fixtures" / "scenarios"
pytestmark = pytest.mark.e2e


class Tmux:
    def __init__(self, session: str, env: dict[str, str]) -> None:
        self.session = session
        self.env = env

    def run(self, *args: str) -> str:
        return subprocess.run(
            ["tmux", *args], check=True, capture_output=True, text=True, env=self.env
        ).stdout

    def send(self, *keys: str) -> None:
        self.run("send-keys", "-t", self.session, *keys)

    def type(self, text: str) -> None:
        self.run("send-keys", "-t", self.session, "-l", text)

    def alive(self) -> bool:
        result = subprocess.run(
            ["tmux", "has-session", "-t", self.session], capture_output=True, env=self.env
        )
        return result.returncode == 0

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", self.session)

    def wait_for(self, text: str, deadline: float = 30.0) -> str:
        """Poll the pane until ``text`` shows (a readiness wait, not a timing assertion)."""
        end = time.monotonic() + deadline
        while True:
            screen = self.screen()
            if text in screen:
                return screen
            if time.monotonic() > end:
                raise AssertionError(f"{text!r} never appeared; the screen was:\n{screen}")
            time.sleep(0.1)


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    command = f"{installed_partways()} --scenarios {FIXTURES} play fixture-markup"
    yield from running(tmp_path, command)


def running(tmp_path: Path, command: str, **extra_env: str) -> Iterator[Tmux]:
    """``command`` in a fresh tmux session at 80×24, with its data in ``tmp_path``: a
    :class:`Tmux` to drive it; the tmux server is killed afterwards."""
    if shutil.which("tmux") is None:
        pytest.fail("tmux is not installed (.ci/run installs it)")
    env = {
        **os.environ,
        "PARTWAYS_DATA_DIR": str(tmp_path / "data"),
        "TERM": "xterm-256color",
        "TEXTUAL_ANIMATIONS": "none",
        "TMUX_TMPDIR": str(tmp_path),
        **extra_env,
    }
    env.pop("TMUX", None)
    session = f"partways-{uuid.uuid4().hex[:8]}"
    subprocess.run(
        ["tmux", "new-session", "-d", "-s", session, "-x", "80", "-y", "24", command],
        check=True,
        env=env,
    )
    try:
        yield Tmux(session, env)
    finally:
        subprocess.run(["tmux", "kill-server"], env=env, capture_output=True)


def test_play_with_a_typed_reply_and_a_digit_then_history(tmux: Tmux, tmp_path: Path) -> None:
    screen = tmux.wait_for("press 1–2 to pick a line")
    assert "Click [@click=app.quit]here[/] if you must" in screen
    assert "1. Thanks, Robin [b]." in screen

    tmux.type("Thanks. I've decided to end our work together on the 30th.")
    tmux.send("Enter")
    screen = tmux.wait_for("one more month")
    assert "coach" in screen

    tmux.send("1")
    screen = tmux.wait_for("Clean exit")
    assert "Firmness" in screen

    tmux.send("q")
    end = time.monotonic() + 15
    while tmux.alive() and time.monotonic() < end:
        time.sleep(0.1)
    assert not tmux.alive(), "q on the ending screen quits the app"

    history = subprocess.run(
        [installed_partways(), "history", "--json"],
        check=True,
        capture_output=True,
        text=True,
        env=tmux.env,
    )
    records = json.loads(history.stdout)
    assert len(records) == 1
    record = records[0]
    assert record["scenario"] == "fixture-markup"
    assert record["outcome"] == "clean-exit"
    assert [turn["how"] for turn in record["turns"]] == ["typed", "picked"]
    assert set(record["scores"]) == {"firmness", "brevity", "grace", "handoff"}


def test_a_paste_full_of_escape_codes_is_typed_text(tmux: Tmux) -> None:
    """tmux pastes with the terminal's bracketed-paste markers, as a real terminal does."""
    tmux.wait_for("press 1–2 to pick a line")
    tmux.run("set-buffer", "-b", "hostile", "AAAA \x1b[2J BBBB\x1b]52;c;aGk=\x07 CCCC")
    tmux.run("paste-buffer", "-p", "-d", "-b", "hostile", "-t", tmux.session)
    screen = tmux.wait_for("CCCC")
    assert "AAAA [2J BBBB]52;c;aGk= CCCC" in screen
    assert "press 1–2 to pick a line" not in screen  # the box holds the paste
    assert "Firmness" not in screen  # no key inside the paste was pressed
