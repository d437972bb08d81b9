"""The Textual chat app, driven with Pilot: state and messages, not pixels."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rich.text import Text
from textual.binding import Binding
from textual.widgets import Input, Markdown, OptionList, Static

from reflect.content.loader import Loaded
from reflect.content.model import Catalogue
from reflect.conversation.session import Session
from reflect.tui.app import ReflectApp, make_app
from reflect.tui.chart import MapChart
from reflect.tui.chat import ChatScreen, Hint, Message
from reflect.tui.desk import Desk
from reflect.tui.help import HelpScreen, key_name
from reflect.tui.summary import SummaryScreen
from tests.appkit import app_for, menu_ready, screen_text

SIZE = (110, 40)


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
        await menu_ready(app, pilot)
        options = app.screen.query_one("#dialogues", OptionList)
        assert options.option_count == len(shipped.catalogue.scripts)
        options.focus()
        await pilot.press("enter")  # the first: the check-in
        await pilot.pause()
        assert isinstance(app.screen, ChatScreen)
        assert app.session is not None and app.session.state.dialogue == "check-in"


async def test_the_start_menu_is_drawn_before_the_content_is_read_then_the_reader_warms(
    shipped: Loaded,
) -> None:
    import threading

    from tests.appkit import desk_for

    release = threading.Event()
    events: list[str] = []

    def content() -> Catalogue:
        events.append("read")
        release.wait(timeout=10)  # the content is slow to read: the screen must not wait
        return shipped.catalogue

    desk = desk_for(shipped.catalogue, warm=lambda: events.append("warm"))
    desk.content = content
    app = make_app(desk)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown = screen_text(app)
        assert "What would you like to do?" in shown and "Loading the conversations" in shown
        assert events == ["read"]  # reading, off the screen's thread; not yet warming
        release.set()
        await menu_ready(app, pilot)
        options = app.screen.query_one("#dialogues", OptionList)
        assert options.option_count == len(shipped.catalogue.scripts)
        assert "Loading the conversations" not in screen_text(app)
        assert events[-1] == "warm" and events.count("warm") == 1  # once the menu is full


async def test_opened_straight_into_a_conversation_the_reader_warms_after_it_is_drawn(
    shipped: Loaded,
) -> None:
    warmed: list[bool] = []
    app = app_for(shipped.catalogue, "one", {"chosen": "power"}, warm=lambda: warmed.append(True))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ChatScreen) and warmed == [True]


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
        # the summary, on a screen of its own: drawn, never raw Markdown
        assert isinstance(app.screen, SummaryScreen)
        body = app.screen.query_one("#summary-body", Markdown)
        assert "Find allies" in body.source and "#" not in screen_text(app)
        drawn = app.screen.query_one("#summary-map", MapChart).render()
        assert "Challenge the imbalance" in drawn.plain and "\u25cb" in drawn.plain
        await pilot.press("escape")  # back to the conversation, finished
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
        hint = screen.query_one("#expect", Static).content
        assert isinstance(hint, Hint) and "1) Yes, that's right   2)" in hint.plain
        for _ in range(3):
            await pilot.press("ctrl+b")
            await pilot.pause()
        assert app.session is not None and app.session.state.expect.kind == "text"


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 40)])
async def test_the_options_never_break_mid_name_nor_hide_the_question(
    shipped: Loaded, size: tuple[int, int]
) -> None:
    import re

    app = app_for(shipped.catalogue, "one")  # the picker: every tension by name
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        shown = screen_text(app)
        assert "Which tension would you like to explore?" in shown
        names = {str(n): t.title for n, t in enumerate(shipped.catalogue.tensions, start=1)}
        assert len(names) > 12
        listed = []
        for line in shown.splitlines():
            for number in re.findall(r"(?:^|   )(\d+)\) ", line):
                assert f"{number}) {names[number]}" in line, line  # whole, on one line
                listed.append(number)
        # all of them where there is room; on a small screen the list scrolls
        assert len(listed) == len(names) if size[0] >= 80 else len(listed) >= 8


async def test_the_summary_is_drawn_and_the_person_s_words_stay_as_written(
    shipped: Loaded,
) -> None:
    import html
    import re

    from textual.app import App, ComposeResult

    from reflect.summary.build import build
    from reflect.summary.markdown import render

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
    from reflect.cli.app import run_app
    from reflect.content.places import packaged

    class Left:
        """The app, as far as run_app can tell: a session started, answered once, left."""

        return_code = 0

        def __init__(self, desk: Desk, *rest: Any) -> None:
            self.desk, self.session = desk, None

        def run(self) -> None:
            session = self.desk.make_session("one")
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
        assert isinstance(app.screen, HelpScreen)
        shown = screen_text(app)
        # every key the conversation has is on the help screen, with the commands
        for binding in ChatScreen.BINDINGS:
            assert isinstance(binding, Binding)
            said = " ".join(binding.tooltip.split()[:4])  # its first words (the rest may wrap)
            assert key_name(binding.key) in shown and said in shown, binding.key
        assert "/skip" in shown and "/back" in shown and "about a 5" in shown
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ChatScreen)
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert app.session.state.question[0].step == "open"


def test_the_start_menu_offers_the_unfinished_session_first_and_carries_it_on(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    import io

    import reflect.tui.app as tui
    from reflect.cli import main
    from reflect.cli.app import run_app
    from reflect.content.places import packaged

    monkeypatch.setattr("sys.stdin", io.StringIO("We pushed back at the board.\n/quit\n"))
    assert main(["--plain", "--tension", "power", "--data-dir", str(tmp_path)]) == 0
    offered: list[tuple[str, str] | None] = []

    class Chooses:
        """The app, as far as run_app can tell: the person picks the first menu entry."""

        return_code = 0

        def __init__(self, desk: Desk, start: Any, carry_on: Any = None) -> None:
            self.make_session, self.carry_on, self.start = desk.make_session, carry_on, start
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
        seen = set()
        for _ in range(40):  # answer power through
            if app.session is None or app.session.state.frame.tension != "power":
                break
            kind = app.session.state.expect.kind
            screen.send({"choice": "1", "scale": "4", "text": "We pushed back."}.get(kind, ""))
            screen.count()
            seen.add(screen.sub_title)
        await pilot.pause()
        # the count never moves while the tension is in hand, even after its scale
        assert seen <= {"Power - tension 1 of 2", "Managing aims - tension 2 of 2"}
        assert screen.sub_title == "Managing aims - tension 2 of 2"


class Disk:
    """A journal as the recorder sees it: each save handed to ``save(lines)``."""

    def __init__(self, save: Callable[[list[str]], None]) -> None:
        self.save = save

    def append(self, session_id: int, lines: list[str], state: Any, done: bool) -> None:
        self.save(list(lines))


def saving_app(shipped: Loaded, save: Callable[[list[str]], None]) -> tuple[ReflectApp, Any]:
    """The app on a one-tension Power session whose saves go to ``save``, and its recorder."""
    from reflect.journal.recorder import Recorder

    recorder = Recorder(Disk(save), 1, shipped.catalogue)  # type: ignore[arg-type]
    on_change = lambda: recorder  # noqa: E731
    return app_for(shipped.catalogue, "one", {"chosen": "power"}, on_change=on_change), recorder


async def test_saving_happens_off_the_screen_s_thread_and_a_failure_is_shown(
    shipped: Loaded,
) -> None:
    """Each answer is written by a worker thread, in order; a failed write is said in the
    conversation and its lines go with the next write that works."""
    import threading

    from reflect.journal.storage import StorageError

    written: list[tuple[str, list[str]]] = []
    failing = [True]

    def save(lines: list[str]) -> None:
        if failing[0]:
            raise StorageError("the disk is full.")
        written.append((threading.current_thread().name, lines))

    app, recorder = saving_app(shipped, save)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, ChatScreen)
        screen.send("We pushed back at the board.")
        for _ in range(50):
            await pilot.pause(0.02)
            if any("Not saved yet" in m for m in messages(app)):
                break
        assert any("Not saved yet: the disk is full." in m for m in messages(app))
        assert app.session is not None
        assert app.session.state.record("power").get("answer") == "We pushed back at the board."
        failing[0] = False
        screen.send("Angry, then relieved.")
        screen.flush()  # what leaving does: every answer written
    assert [lines for _, lines in written] == [
        ["We pushed back at the board.", "Angry, then relieved."]
    ]
    assert written[0][0] != threading.main_thread().name and recorder.pending == []


async def test_quitting_writes_every_answer_and_lets_the_saving_thread_end(
    shipped: Loaded,
) -> None:
    """Textual marks every worker cancelled as the app closes; the saving thread must still
    get its end mark, or the process would wait for it forever after the screen has gone."""
    import time

    written: list[str] = []

    def slow(lines: list[str]) -> None:
        time.sleep(0.05)
        written.extend(lines)

    app, _ = saving_app(shipped, slow)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, ChatScreen)
        screen.send("We pushed back at the board.")
        screen.send("Angry, then relieved.")
        await pilot.press("ctrl+q")
    assert screen.saved_all.wait(timeout=10)  # the thread reached the end mark and stopped
    assert written == ["We pushed back at the board.", "Angry, then relieved."]


async def test_a_pasted_escape_sequence_never_reaches_the_terminal(shipped: Loaded) -> None:
    from textual import events

    app = app_for(shipped.catalogue, "one", {"chosen": "power"})
    async with app.run_test(size=SIZE) as pilot:
        reply = app.screen.query_one("#reply", Input)
        reply.post_message(events.Paste("We \x1b[31mpushed\x1b[0m back\x9b>\x07\tat the board"))
        await pilot.pause()
        assert reply.value == "We [31mpushed[0m back> at the board"
        await pilot.press("x")
        assert reply.value.endswith("boardx")
        await pilot.press("enter")
        await pilot.pause()
        assert app.session is not None
        answer = app.session.state.record("power").get("answer")
        assert answer == "We [31mpushed[0m back> at the boardx"
        assert "\x1b" not in screen_text(app)


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
