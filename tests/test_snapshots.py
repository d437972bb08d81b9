"""What the app looks like, at 80x24 and 120x40: SVG snapshots, compared on every run.

After a deliberate change to the look, review the report and update them with
``.venv/bin/python -m pytest tests/test_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from reflect.content.loader import Loaded
from reflect.tui.app import ReflectApp
from reflect.tui.chat import ChatScreen
from tests.appkit import app_for, menu_ready

SIZES = [(80, 24), (120, 40)]
SUMMARY = {
    "name": "Priya",
    "reflections": {"story": "The council brought the plan to the board as already agreed."},
    "tensions": [
        {"id": "power", "now": 2, "preferred": 3, "action": "Brief two allies first."},
        {"id": "arena", "now": 5, "grounds": "The phone call worked; the meeting did not."},
    ],
}


def app(loaded: Loaded, dialogue: str | None = None) -> ReflectApp:
    return app_for(loaded.catalogue, dialogue, {"chosen": "power"}, summary=SUMMARY)


def steady(*answers: str) -> Any:
    async def run_before(pilot: Pilot[None]) -> None:
        if not isinstance(pilot.app.screen, ChatScreen):
            await menu_ready(pilot.app, pilot)
        screen = pilot.app.screen
        if isinstance(screen, ChatScreen):
            screen.query_one("#reply", Input).cursor_blink = False
            for answer in answers:
                screen.send(answer)
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_the_start_menu(snap_compare: Any, shipped: Loaded, size: tuple[int, int]) -> None:
    assert snap_compare(app(shipped), terminal_size=size, run_before=steady())


@pytest.mark.parametrize("size", SIZES)
def test_a_question(snap_compare: Any, shipped: Loaded, size: tuple[int, int]) -> None:
    assert snap_compare(app(shipped, "one"), terminal_size=size, run_before=steady())


@pytest.mark.parametrize("size", SIZES)
def test_a_scale(snap_compare: Any, shipped: Loaded, size: tuple[int, int]) -> None:
    answers = ("I pushed back at the board and said it isn't a partnership.", "", "", "1")
    assert snap_compare(app(shipped, "one"), terminal_size=size, run_before=steady(*answers))


@pytest.mark.parametrize("size", SIZES)
def test_the_summary(snap_compare: Any, shipped: Loaded, size: tuple[int, int]) -> None:
    answers = ("I pushed back at the board.", "", "", "1", "", "", "4", *[""] * 4, "x", "y")
    assert snap_compare(app(shipped, "one"), terminal_size=size, run_before=steady(*answers))
