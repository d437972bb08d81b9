"""The Textual chat app, driven with Pilot: state and messages, not pixels."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rich.text import Text
from textual.widgets import Input, Markdown, OptionList, Static

from reflect.engine import Engine
from reflect.loader import Loaded
from reflect.model import Catalogue
from reflect.session import Session
from reflect.tui.app import ChatScreen, Message, ReflectApp, make_app

SIZE = (110, 40)


def app_for(
    catalogue: Catalogue, dialogue: str | None = None, variables: dict[str, object] | None = None
) -> ReflectApp:
    engine = Engine(catalogue, seed=3)

    def make_session(dialogue_id: str) -> Session:
        return Session(engine, dialogue_id, variables=variables)

    return make_app(catalogue, make_session, lambda s: "SUMMARY OF TRADE-OFFS", dialogue)


def messages(app: ReflectApp) -> list[str]:
    shown = []
    for widget in app.screen.query(Message):
        content = widget.render()
        shown.append(content.plain if isinstance(content, Text) else str(content))
    return shown


async def test_the_start_menu_lists_the_scripts_and_starts_the_chosen_one(
    shipped: Loaded,
) -> None:
    app = app_for(shipped.catalogue)
    async with app.run_test(size=SIZE) as pilot:
        options = app.screen.query_one("#dialogues", OptionList)
        assert options.option_count == len(shipped.catalogue.scripts)
        options.focus()
        await pilot.press("enter")  # the first: the check-in
        await pilot.pause()
        assert isinstance(app.screen, ChatScreen)
        assert app.session is not None and app.session.state.dialogue == "check-in"


async def test_a_whole_conversation_ends_with_the_summary(shipped: Loaded) -> None:
    app = app_for(shipped.catalogue, "one", {"chosen": "power"})
    async with app.run_test(size=SIZE) as pilot:
        for line in [
            "I pushed back and said it isn't a partnership.",
            "",  # how it felt: skipped
            "",  # the longer version: not wanted
            "1",
            "",
            "",  # what tells you that: skipped
            "4",
            "More say",
            "",  # when a compromise is acceptable: skipped
            "",  # how others would see it: skipped
            "",  # the moment again: skipped
            "Find allies",
            "I go quiet",
        ]:
            await pilot.click("#reply")
            await pilot.press(*line, "enter") if line else await pilot.press("enter")
            await pilot.pause()
        assert app.session is not None and app.session.finished
        record = app.session.state.record("power")
        assert record.now in (1, 2) and record.preferred == 4  # the suggestion: the challenge end
        assert record.get("action") == "Find allies"
        summary = app.screen.query_one("#summary", Markdown)
        assert summary.source == "SUMMARY OF TRADE-OFFS"  # drawn as Markdown, not shown raw
        assert app.screen.query_one("#reply", Input).disabled


async def test_what_the_person_types_is_shown_as_typed(shipped: Loaded) -> None:
    app = app_for(shipped.catalogue, "one", {"chosen": "power"})
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, ChatScreen)
        screen.send("We [bold]pushed back[/] \x1b[31m hard")
        await pilot.pause()
        shown = messages(app)
        assert "We [bold]pushed back[/] \\x1b[31m hard" in shown


async def test_the_hint_shows_the_options_and_back_undoes(shipped: Loaded) -> None:
    app = app_for(shipped.catalogue, "one", {"chosen": "aims"})
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, ChatScreen)
        screen.send("We just got on with a pilot and worked it out as we went.")
        screen.send("")  # how it felt
        screen.send("")  # the longer version
        await pilot.pause()
        hint = screen.query_one("#expect", Static).render()
        assert "1) Yes, that's right" in str(hint)
        for _ in range(3):
            await pilot.press("ctrl+b")
            await pilot.pause()
        assert app.session is not None and app.session.state.expect.kind == "text"


async def test_the_summary_is_drawn_and_the_person_s_words_stay_as_written(
    shipped: Loaded,
) -> None:
    import html
    import re

    from textual.app import App, ComposeResult

    from reflect.report.markdown import render
    from reflect.summary import build

    typed = "Find # allies _now_ [bold]hard[/] `x` <b>y</b> \\ end **really**"
    snap = {
        "name": "Sam [b]x[/b]",
        "tensions": [{"id": "power", "now": 2, "action": typed}],
    }
    source = render(build(snap, shipped.catalogue))

    class Shown(App[None]):
        def compose(self) -> ComposeResult:
            yield Markdown(source)

    app = Shown()
    async with app.run_test(size=(120, 80)) as pilot:
        await pilot.pause()
        svg = app.export_screenshot()
    screen = html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")
    assert typed in screen and "Sam [b]x[/b]" in screen
    assert "Your action step:" in screen and "**Your action step:**" not in screen
    assert "## " not in screen and "```" not in screen  # drawn, not raw syntax


def test_leaving_the_app_mid_way_says_how_to_carry_on(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import reflect.tui.app as tui
    from reflect.commands.app import run_app
    from reflect.content import packaged

    class Left:
        """The app, as far as run_app can tell: a session started, answered once, left."""

        def __init__(self, catalogue: Catalogue, make_session: Any, *rest: Any) -> None:
            self.make_session, self.session = make_session, None

        def run(self) -> None:
            session = self.make_session("one")
            session.send("We pushed back at the board.")
            self.session = session

    monkeypatch.setattr(tui, "make_app", Left)
    assert run_app(packaged(), tmp_path, None, "power") == 0
    out = capsys.readouterr().out
    assert "saved as session 1" in out and "reflect resume 1" in out


async def test_the_keys_work_while_typing(shipped: Loaded) -> None:
    app = app_for(shipped.catalogue, "one", {"chosen": "power"})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#reply")
        await pilot.press(*"half an answer")
        await pilot.press("ctrl+n")  # skip, with the answer box focused and holding text
        await pilot.pause()
        assert app.session is not None
        record = app.session.state.record("power")
        assert "open" in record.skipped
        assert app.screen.query_one("#reply", Input).value == ""
        await pilot.press("f1")
        await pilot.pause()
        assert any("Ctrl+N skips" in m for m in messages(app))
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert app.session.state.question[0].step == "open"


def test_the_start_menu_offers_the_unfinished_session_first_and_carries_it_on(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import io

    import reflect.tui.app as tui
    from reflect.cli import main
    from reflect.commands.app import run_app
    from reflect.content import packaged

    monkeypatch.setattr("sys.stdin", io.StringIO("We pushed back at the board.\n/quit\n"))
    assert main(["--plain", "--tension", "power", "--data-dir", str(tmp_path)]) == 0
    offered: list[tuple[str, str] | None] = []

    class Chooses:
        """The app, as far as run_app can tell: the person picks the first menu entry."""

        def __init__(
            self, catalogue: Any, make_session: Any, closing: Any, start: Any, carry_on: Any = None
        ) -> None:
            self.make_session, self.carry_on, self.start = make_session, carry_on, start
            self.session: Session | None = None

        def run(self) -> None:
            offered.append(self.carry_on)
            self.session = self.make_session(self.carry_on[0])

    monkeypatch.setattr(tui, "make_app", Chooses)
    assert run_app(packaged(), tmp_path, None, None) == 0
    assert offered[0] is not None and offered[0][1].startswith("Carry on where you left off")
    assert "reflect resume 1" in capsys.readouterr().out  # still unfinished when it closed
    # and `reflect resume` on a terminal opens the app on that session
    resumed_at: list[str] = []

    class Resumes(Chooses):
        def run(self) -> None:
            session = self.make_session(self.start)
            resumed_at.append(session.state.record("power").get("answer"))
            self.session = session

    monkeypatch.setattr(tui, "make_app", Resumes)
    assert run_app(packaged(), tmp_path, None, None, resume=0) == 0
    assert resumed_at == ["We pushed back at the board."]


async def test_the_header_says_which_tension_of_how_many(shipped: Loaded) -> None:
    app = app_for(shipped.catalogue, "coaching")
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, ChatScreen)
        for line in ["Sam", "To leave with one thing to try.", "power, aims"]:
            screen.send(line)
        await pilot.pause()
        assert screen.sub_title == "Power - tension 1 of 2"
        for _ in range(40):  # answer power through
            if app.session is None or app.session.state.frame.tension != "power":
                break
            kind = app.session.state.expect.kind
            screen.send({"choice": "1", "scale": "4", "text": "We pushed back."}.get(kind, ""))
        await pilot.pause()
        assert screen.sub_title == "Managing aims - tension 2 of 2"


async def test_a_failed_save_is_shown_and_the_answer_kept(shipped: Loaded) -> None:
    engine = Engine(shipped.catalogue, seed=3)

    class Failing:
        failure = ""

        def __call__(self, session: Session, turns: list[Any]) -> None:
            self.failure = "the disk is full."

    def make_session(dialogue_id: str) -> Session:
        return Session(engine, dialogue_id, variables={"chosen": "power"}, on_change=Failing())

    app = make_app(shipped.catalogue, make_session, lambda s: "", "one")
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, ChatScreen)
        screen.send("We pushed back at the board.")
        await pilot.pause()
        assert any("Not saved yet: the disk is full." in m for m in messages(app))
        assert app.session is not None
        assert app.session.state.record("power").get("answer") == "We pushed back at the board."


async def test_going_back_puts_the_earlier_answer_in_the_box(shipped: Loaded) -> None:
    app = app_for(shipped.catalogue, "one", {"chosen": "power"})
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, ChatScreen)
        screen.send("We pushed back at the board.")
        await pilot.pause()
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert app.session is not None and app.session.state.question[0].step == "open"
        assert screen.query_one("#reply", Input).value == "We pushed back at the board."
