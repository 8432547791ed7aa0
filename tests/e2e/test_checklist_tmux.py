"""The installed ``partways`` in tmux at 80x24: set up an offboarding with the keyboard,
tick a step, open the letter, kill the app, and find it all again (CLI and app)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.test_tmux import Tmux, running
from tests.installed import installed_partways

pytestmark = pytest.mark.e2e


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    command = f"cd {tmp_path} && {installed_partways()} checklist"
    yield from running(tmp_path, command, PARTWAYS_TODAY="2026-03-04")


def test_set_up_tick_letter_then_kill_and_find_it_again(tmux: Tmux, tmp_path: Path) -> None:
    tmux.wait_for("No offboardings yet")
    tmux.send("n")
    tmux.wait_for("New offboarding")
    # One field at a time, each seen on screen before the next key, as a person
    # types: a burst of keys in one read is taken for a paste.
    for text, key in (("Dana Corp", "Tab"), ("2026-03-09", "Tab"), ("14", "Enter")):
        tmux.type(text)
        tmux.wait_for(text)
        tmux.send(key)
        time.sleep(0.2)
    screen = tmux.wait_for("Before the conversation")
    assert "Dana Corp" in screen and "last day 2026-03-23" in screen
    tmux.send("Space")
    tmux.wait_for("Before 1/")
    tmux.send("l")
    screen = tmux.wait_for("Stance:")
    assert "Stance: firm" in screen
    tmux.send("C-s")
    tmux.wait_for("Export to a Markdown file")
    tmux.send("Enter")
    tmux.wait_for("Exported to")
    # A crash: the process is killed, nothing is closed cleanly.
    pid = tmux.run("list-panes", "-t", tmux.session, "-F", "#{pane_pid}").split()[0]
    os.kill(int(pid), signal.SIGKILL)
    end = time.monotonic() + 15
    while tmux.alive() and time.monotonic() < end:
        time.sleep(0.1)
    listed = subprocess.run(
        [installed_partways(), "checklist", "list", "--json"],
        check=True,
        capture_output=True,
        text=True,
        env=tmux.env,
    )
    [record] = json.loads(listed.stdout)
    assert record["client"] == "Dana Corp" and record["last_day"] == "2026-03-23"
    assert record["items"][0]["done"] is True
    assert (tmp_path / "offboarding-dana-corp.md").is_file()
