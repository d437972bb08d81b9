"""``run_app``, the app's real start, driven headless: the journal behind it, and leaving it."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, OptionList, Static

import reflect.tui.app as tui
from reflect.cli.app import run_app
from reflect.content.loader import Loaded
from reflect.content.places import packaged
from reflect.conversation.engine import Engine
from reflect.journal.start import start_recorded
from reflect.journal.storage import Journal
from reflect.matching.matcher import Matcher
from reflect.tui.app import ReflectApp
from reflect.tui.chat import ChatScreen
from reflect.tui.desk import Desk
from reflect.tui.summary import SummaryScreen
from tests.appkit import menu_ready

SIZE = (110, 40)
FIRST = "We pushed back at the board."
SECOND = "Angry, then tired."
#: The rest of the one-tension conversation on power, after FIRST, to its end.
REST = ["", "", "1", "", "", "4", "", "", "", "", "Find allies", "I go quiet"]

Drive = Callable[[ReflectApp, Any], Awaitable[None]]


def driven(monkeypatch: pytest.MonkeyPatch, drive: Drive) -> list[ReflectApp]:
    """Have ``run_app`` build its real app, then run it headless with ``drive`` pressing the
    keys (``App.run`` would take over the terminal); the apps made are listed."""
    made: list[ReflectApp] = []
    real = tui.make_app

    def make_app(
        desk: Desk, dialogue: str | None = None, carry_on: tuple[str, str] | None = None
    ) -> ReflectApp:
        app = real(desk, dialogue, carry_on)

        async def headless() -> None:
            async with app.run_test(size=SIZE) as pilot:
                await pilot.pause()
                await drive(app, pilot)

        monkeypatch.setattr(app, "run", lambda: asyncio.run(headless()))
        made.append(app)
        return app

    monkeypatch.setattr(tui, "make_app", make_app)
    return made


async def answer(app: ReflectApp, pilot: Any, line: str) -> None:
    """Type ``line`` into the answer box (at once: key by key is slow) and press Enter."""
    assert isinstance(app.screen, ChatScreen)
    app.screen.query_one("#reply", Input).value = line
    await pilot.press("enter")
    await pilot.pause()


async def answer_first_and_leave(app: ReflectApp, pilot: Any) -> None:
    await answer(app, pilot, FIRST)
    await pilot.press("ctrl+q")


async def answer_everything(app: ReflectApp, pilot: Any) -> None:
    await answer(app, pilot, FIRST)
    chat = app.screen
    assert isinstance(chat, ChatScreen)
    for line in REST:
        chat.send(line)
    await pilot.pause()


def test_an_answer_typed_in_the_app_is_saved_in_a_new_journal_session(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    folder = tmp_path / "journal"
    made = driven(monkeypatch, answer_first_and_leave)
    assert run_app(packaged(), folder, None, "power") == 0
    journal = Journal(folder)
    [kept] = journal.sessions()
    assert (kept.id, kept.dialogue, kept.tensions, kept.finished) == (1, "one", ("power",), False)
    assert journal.lines(1) == [FIRST]
    stored = journal.get(1)
    assert stored is not None and stored.variables["chosen"] == "power"
    # the session the app held is the one in the journal, its answer where the script keeps it
    [app] = made
    assert app.session is not None and app.session.lines == [FIRST]
    assert app.session.state.record("power").get("answer") == FIRST


def test_leaving_the_app_mid_way_says_the_session_s_number_and_how_to_carry_on(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "journal"
    driven(monkeypatch, answer_first_and_leave)
    assert run_app(packaged(), folder, None, "power") == 0
    out = capsys.readouterr().out
    assert "Your answers so far are saved as session 1." in out
    # not the folder reflect finds by itself, so the command names it
    assert f"To carry on: reflect resume 1 --data-dir {folder}" in out


def test_the_start_menu_carries_the_unfinished_session_on_in_the_same_journal_session(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, shipped: Loaded, matcher: Matcher
) -> None:
    folder = tmp_path / "journal"
    engine = Engine(shipped.catalogue, matcher, seed=1)
    earlier, _ = start_recorded(Journal(folder), engine, "one", {"chosen": "power"}, frozenset())
    earlier.send(FIRST)  # and left there
    offered: list[str] = []

    async def carry_on_and_leave(app: ReflectApp, pilot: Any) -> None:
        await menu_ready(app, pilot)
        menu = app.screen.query_one("#dialogues", OptionList)
        first = menu.get_option_at_index(0)
        offered.append(f"{first.id} {first.prompt}")
        menu.focus()
        menu.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        await answer(app, pilot, SECOND)
        await pilot.press("ctrl+q")

    driven(monkeypatch, carry_on_and_leave)
    assert run_app(packaged(), folder, None, None) == 0
    assert offered[0].startswith("resume:1 Carry on where you left off: session 1")
    journal = Journal(folder)
    assert [s.id for s in journal.sessions()] == [1]  # no second session
    assert journal.lines(1) == [FIRST, SECOND]


def test_a_conversation_finished_in_the_app_is_kept_finished_with_every_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "journal"
    made = driven(monkeypatch, answer_everything)
    assert run_app(packaged(), folder, None, "power") == 0
    journal = Journal(folder)
    [kept] = journal.sessions()
    assert kept.finished and journal.lines(1) == [FIRST, *REST]
    stored = journal.get(1)
    assert stored is not None and stored.recorded.tensions[0].get("action") == "Find allies"
    [app] = made
    assert app.session is not None and app.session.finished
    assert "To carry on" not in capsys.readouterr().out  # nothing to carry on


def test_the_summary_at_the_end_says_which_journal_session_keeps_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    shown: list[str] = []

    async def finish_and_read_the_summary(app: ReflectApp, pilot: Any) -> None:
        await answer_everything(app, pilot)
        assert isinstance(app.screen, SummaryScreen)
        shown.append(str(app.screen.query_one("#saved", Static).render()))

    driven(monkeypatch, finish_and_read_the_summary)
    assert run_app(packaged(), tmp_path / "journal", None, "power") == 0
    assert shown == ["Kept in your private journal as session 1."]
