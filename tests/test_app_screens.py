"""The app's other screens over a real journal: the summary and its exports, past sessions
(open, compare, forget), the live map, themes and NO_COLOR."""

from __future__ import annotations

import io
import stat
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Button, OptionList, Static

from reflect.cli import main
from reflect.cli.app import journal_desk
from reflect.content.loader import Loaded
from reflect.conversation.engine import Engine
from reflect.conversation.session import Session
from reflect.journal.start import start_recorded
from reflect.journal.storage import Journal
from reflect.tui.app import make_app
from reflect.tui.chart import MapChart
from reflect.tui.chat import ChatScreen
from reflect.tui.desk import Desk
from reflect.tui.history import Comparison, Confirm, HistoryScreen
from reflect.tui.summary import SummaryScreen
from tests.appkit import menu_ready, screen_text

POWER = [
    "We pushed back at the board.",
    "",
    "",
    "1",
    "",
    "",
    "4",
    "",
    "",
    "",
    "",
    "Allies",
    "Quiet",
]


def two_sessions(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two finished one-tension sessions on power: now 1 then now 5."""
    for now in ("1", "5"):
        answers = [*POWER]
        answers[4] = now
        monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(answers) + "\n"))
        assert main(["--plain", "--tension", "power", "--data-dir", str(folder)]) == 0


def desk(shipped: Loaded, folder: Path, exports: Path | None = None) -> Desk:
    journal = Journal(folder)
    engine = Engine(shipped.catalogue, seed=3)
    kept: dict[int, int] = {}

    def make_session(dialogue: str) -> Session:
        session, recorder = start_recorded(journal, engine, dialogue, {"chosen": "power"}, set())
        kept[id(session)] = recorder.session_id
        return session

    return journal_desk(
        lambda: shipped.catalogue, journal, folder, make_session, lambda s: kept.get(id(s)), exports
    )


async def finish(app: Any, pilot: Any) -> None:
    """Answer the one-tension conversation on power to its summary."""
    chat = app.screen
    assert isinstance(chat, ChatScreen)
    for line in POWER:
        chat.send(line)
    await pilot.pause()
    assert isinstance(app.screen, SummaryScreen)


def saved(app: Any) -> str:
    """What the summary screen says of the last save."""
    return str(app.screen.query_one("#saved", Static).render())


async def test_the_summary_saves_each_export_and_says_where(
    shipped: Loaded, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, out = tmp_path / "journal", tmp_path / "out"
    app = make_app(desk(shipped, folder, out), "one")
    async with app.run_test(size=(100, 40)) as pilot:
        await finish(app, pilot)
        await pilot.click("#export-html")
        await pilot.pause()
        said = saved(app)
        page = out / "reflect-session-1.html"
        assert f"Saved to {page}" in said
        assert "We <mark>pushed back" in page.read_text()
        assert ": A single tension" in page.read_text() and " - one" not in page.read_text()
        assert stat.S_IMODE(page.stat().st_mode) == 0o600
        await pilot.press("m")
        await pilot.pause()
        assert (out / "reflect-session-1.md").read_text().startswith("# Your summary")
        await pilot.press("j")
        await pilot.pause()
        assert '"session": 1' in (out / "reflect-session-1.json").read_text()
        # a folder it cannot write to: said plainly, and nothing lost
        for written in out.iterdir():
            written.unlink()
        out.rmdir()
        out.write_text("a file where the folder was")
        await pilot.press("w")
        await pilot.pause()
        assert "Not saved: cannot write to" in saved(app)
        assert [b.label.plain for b in app.screen.query(Button)] == [
            "Save as a web page",
            "Save as Markdown",
            "Save as JSON",
        ]


async def test_in_a_browser_an_export_is_sent_to_download(
    shipped: Loaded, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, out = tmp_path / "journal", tmp_path / "space" / "exports"
    served = desk(shipped, folder, out)
    served.download = True  # as 'reflect serve' starts the app
    app = make_app(served, "one")
    sent: list[tuple[Path, str | None]] = []
    monkeypatch.setattr(
        app, "deliver_text", lambda path, save_filename=None: sent.append((path, save_filename))
    )
    async with app.run_test(size=(100, 40)) as pilot:
        await finish(app, pilot)
        await pilot.press("m")
        await pilot.pause()
        said = saved(app)
    page = out / "reflect-session-1.md"
    assert sent == [(page, "reflect-session-1.md")]
    assert page.read_text().startswith("# Your summary")
    assert "Sent to your browser to download, as reflect-session-1.md" in said


async def test_past_sessions_open_compare_and_forget_after_asking(
    shipped: Loaded, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "journal"
    two_sessions(folder, monkeypatch)
    app = make_app(desk(shipped, folder))
    async with app.run_test(size=(100, 40)) as pilot:
        await menu_ready(app, pilot)
        menu = app.screen.query_one("#dialogues", OptionList)
        menu.highlighted = menu.option_count - 1  # the last entry: past sessions
        menu.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        shown = screen_text(app)
        assert "Session 2, " in shown and "A single tension" in shown and "Power" in shown
        assert "power" not in shown.split()
        # newest first; Enter opens its summary
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert "Session 2" in app.screen.title_text
        await pilot.press("escape")
        await pilot.pause()
        # compare: mark one, then the other
        await pilot.press("c", "down", "c")
        await pilot.pause()
        assert isinstance(app.screen, Comparison)
        compared = str(app.screen.query_one("#comparison", Static).render())
        assert "Session 2" in compared and "now: 5 -> 1 (4 towards Challenge the imbalance)" in (
            compared
        )
        await pilot.press("escape")
        await pilot.pause()
        # forget asks first; No (the default) keeps it
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("enter")  # No, keep it
        await pilot.pause()
        assert len(Journal(folder).sessions()) == 2
        await pilot.press("d")
        await pilot.pause()
        await pilot.click("#yes")
        await pilot.pause()
        assert [s.id for s in Journal(folder).sessions()] == [2]
        assert "Session 1 is forgotten" in str(app.screen.query_one("#history-status").render())


async def test_the_map_fills_in_beside_the_conversation_and_hides_when_narrow(
    shipped: Loaded, tmp_path: Path
) -> None:
    app = make_app(desk(shipped, tmp_path / "journal"), "one")
    async with app.run_test(size=(130, 40)) as pilot:
        chat = app.screen
        assert isinstance(chat, ChatScreen)
        panel = chat.query_one("#map-panel")
        assert panel.display

        def drawn() -> str:
            return chat.query_one("#live-map", MapChart).render().plain

        assert "appear here as you place yourself" in drawn()
        for line in POWER[:4]:
            chat.send(line)
        await pilot.pause()
        assert "not placed yet" in drawn()
        chat.send(POWER[4])  # where they are now
        await pilot.pause()
        assert "\u25cf" in drawn() and "not placed yet" not in drawn()
        await pilot.press("f2")
        assert not panel.display
        await pilot.press("f2")
        assert panel.display
    narrow = make_app(desk(shipped, tmp_path / "journal2"), "one")
    async with narrow.run_test(size=(80, 24)) as pilot:
        panel = narrow.screen.query_one("#map-panel")
        assert not panel.display
        await pilot.press("f2")  # asked for: shown even so
        assert panel.display


async def test_the_theme_chosen_is_remembered_and_high_contrast_is_offered(
    shipped: Loaded, tmp_path: Path
) -> None:
    folder = tmp_path / "journal"
    app = make_app(desk(shipped, folder))
    async with app.run_test(size=(80, 24)) as pilot:
        assert "high-contrast" in app.available_themes
        app.theme = "high-contrast"
        await pilot.pause()
    again = make_app(desk(shipped, folder))
    async with again.run_test(size=(80, 24)):
        assert again.theme == "high-contrast"
    assert stat.S_IMODE((folder / "settings.json").stat().st_mode) == 0o600


async def test_no_color_is_honoured(
    shipped: Loaded, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import re

    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(desk(shipped, tmp_path / "journal"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        svg = app.export_screenshot()
    colours = set(re.findall(r"fill: (#[0-9a-f]{6})", svg))

    def grey(colour: str) -> bool:  # red, green and blue (near) equal
        channels = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
        return max(channels) - min(channels) <= 4

    assert colours and all(grey(c) for c in colours), colours
