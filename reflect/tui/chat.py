"""The conversation screen: the transcript, the reply box, the map beside; answers saved as
they are given, off the screen's thread.

A thin face over the same ``Session`` the plain mode uses: what the person types goes to
``session.send``; the turns that come back are shown. Nothing the person types is ever read
as markup: every message is a ``rich.text.Text``.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from typing import Any, ClassVar

from rich.console import Console, ConsoleOptions, RenderResult
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.events import Resize
from textual.message import Message as TextualMessage
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static
from textual.worker import Worker

from reflect.base.messages import ui
from reflect.base.textsafe import plain_line, visible
from reflect.conversation.hint import hint
from reflect.conversation.session import Session
from reflect.conversation.values import State, Turn, coached
from reflect.journal.recorder import Recorder
from reflect.tui.chart import MapChart
from reflect.tui.desk import Desk
from reflect.tui.help import (
    BACK,
    HELP,
    HISTORY_KEY,
    MAP,
    NOTE,
    QUIT,
    SUMMARY,
    THEME,
    HelpScreen,
)

#: Below this many columns the map panel is hidden unless asked for (F2).
MAP_WIDTH = 110


class Hint:
    """Pieces laid out in lines as wide as the widget, each piece whole on a line when it fits:
    an option's name is never broken in the middle (Textual wraps at any space)."""

    def __init__(self, pieces: list[Text]) -> None:
        self.pieces = pieces

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        line = Text()
        for piece in self.pieces:
            gap = 3 if line else 0
            if line and line.cell_len + gap + piece.cell_len > width:
                yield from line.wrap(console, width)
                line, gap = Text(), 0
            line.append(" " * gap)
            line.append_text(piece)
        yield from line.wrap(console, width)

    @property
    def plain(self) -> str:
        return "   ".join(piece.plain for piece in self.pieces)


def expectation(state: State) -> Hint:
    """The hint under the conversation: the options, or the scale, the question wants."""
    pieces = [Text(piece) for piece in hint(state.expect)]
    if state.expect.kind == "text":
        pieces = [Text("Write in your own words and press Enter.")]
    return Hint([*pieces, Text("/help for commands", style="dim")])


class AnswerBox(Input):
    """The reply box. A control character pasted or typed into it (an escape sequence's ESC,
    C1 controls, a tab) never reaches the box: drawn as it is, it would reach the terminal."""

    def validate_value(self, value: str) -> str:
        return plain_line(value)


#: What a coach's note is shown under, in the conversation.
COACH_LABEL = "Coach's note: "


class Message(Static):
    """One turn of the conversation."""

    DEFAULT_CSS = """
    Message { margin: 0 0 1 0; padding: 0 1; }
    Message.person { margin: 0 0 1 8; background: $boost; }
    Message.system { color: $text-muted; }
    Message.coach { border-left: thick $accent; }
    """

    def __init__(self, turn: Turn) -> None:
        style = "bold" if turn.kind == "question" else ""
        text = Text(visible(turn.text), style=style)
        if turn.speaker == "coach":
            text = Text.assemble((COACH_LABEL, "bold"), text)
        super().__init__(text, classes=turn.speaker)
        self.turn = turn


class NotSaved(TextualMessage):
    """A save failed, on the saving thread; the conversation says so."""

    def __init__(self, why: str) -> None:
        super().__init__()
        self.why = why


class ChatScreen(Screen[None]):
    """The conversation: the transcript above, the reply box below, the map beside."""

    # priority: they work while the answer box has focus (and none is a key it uses itself)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+b", "back", "Back", priority=True, tooltip=BACK),
        Binding("ctrl+n", "skip", "Skip", priority=True, tooltip="skip this question"),
        Binding("f1", "help", "Help", priority=True, tooltip=HELP),
        Binding("f2", "toggle_map", "Map", priority=True, tooltip=MAP),
        Binding("f3", "app.history", "History", priority=True, tooltip=HISTORY_KEY),
        # in the help and the command palette; left out of the footer to keep it on one line
        Binding("f4", "app.change_theme", "Theme", priority=True, show=False, tooltip=THEME),
        Binding("ctrl+s", "summary", "Summary", priority=True, show=False, tooltip=SUMMARY),
        Binding("ctrl+o", "note", "Coach's note", priority=True, tooltip=NOTE),
        Binding("ctrl+q", "app.quit", "Quit", priority=True, tooltip=QUIT),
    ]

    def __init__(self, session: Session, desk: Desk) -> None:
        super().__init__()
        self.session = session
        self.desk = desk
        self.map_wanted: bool | None = None  # None: shown when there is room
        self.saves: queue.SimpleQueue[Any] | None = None
        self.saved_all = threading.Event()
        self.saving_started = threading.Event()
        self.saver: Worker[None] | None = None
        self.save_here: Callable[[], None] = lambda: None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="body"):
            with VerticalScroll(id="transcript"):
                for turn in self.session.opening:
                    yield Message(turn)
            with VerticalScroll(id="map-panel"):
                yield Static(Text("The map", style="bold"))
                yield MapChart(id="live-map")
        yield Static(expectation(self.session.state), id="expect")
        yield AnswerBox(placeholder="Your answer", id="reply")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#reply", Input).focus()
        self.defer_saving()
        self.count()
        self.redraw_map()

    def on_screen_resume(self) -> None:
        self.count()

    def on_resize(self, event: Resize) -> None:
        self.place_map()

    def place_map(self) -> None:
        wanted = self.map_wanted if self.map_wanted is not None else self.size.width >= MAP_WIDTH
        self.query_one("#map-panel").display = wanted

    def action_toggle_map(self) -> None:
        shown = bool(self.query_one("#map-panel").display)
        self.map_wanted = not shown
        self.place_map()

    def redraw_map(self) -> None:
        self.query_one("#live-map", MapChart).show(self.desk.summary(self.session).tensions)

    # -- saving, off the UI thread -------------------------------------------------------------

    def defer_saving(self) -> None:
        """Take each snapshot here, where the session lives, and write it in a worker thread,
        in order; a failure is shown and the lines kept for the next save."""
        recorder = self.session.on_change
        if not isinstance(recorder, Recorder):
            return
        saves: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self.saves, self.saved_all = saves, threading.Event()
        saved_all, started = self.saved_all, self.saving_started

        def on_change(session: Session, turns: list[Turn]) -> None:
            batch = recorder.capture(session)
            if batch is not None:
                saves.put(batch)

        def save_loop() -> None:
            started.set()
            try:
                while (batch := saves.get()) is not None:
                    if not recorder.commit(batch):
                        self.post_message(NotSaved(recorder.failure))  # thread-safe, never waits
            finally:
                saved_all.set()

        def save_here() -> None:
            """If the saving thread never ran (the app closing at once), save here; the end
            mark goes back, so that a thread starting late stops at once."""
            while not saves.empty():
                batch = saves.get_nowait()
                if batch is not None:
                    recorder.commit(batch)
            saves.put(None)

        self.save_here = save_here
        self.session.on_change = on_change
        self.saver = self.run_worker(
            save_loop, thread=True, group="saving", name="saving", exit_on_error=False
        )

    def flush(self) -> None:
        """Wait for every answer to be written (on leaving). A saving thread that has started
        runs to the end mark even when Textual has marked its worker cancelled (it does so to
        every worker as the app closes), so it is waited for; if it never started, or is stuck,
        what is left is saved here."""
        if self.saves is None:
            return
        saves, self.saves = self.saves, None
        saves.put(None)
        if not (self.saving_started.is_set() and self.saved_all.wait(timeout=30)):
            self.save_here()

    def on_not_saved(self, message: NotSaved) -> None:
        self.show([Turn("system", ui("not-saved", why=message.why), "error")])

    def on_unmount(self) -> None:
        self.flush()

    # -- the conversation -----------------------------------------------------------------------

    def count(self) -> None:
        """Where the person is: "Power - tension 2 of 3" in the header."""
        state = self.session.state
        frame = state.stack[-1] if state.stack else None
        if frame is None or not frame.tension:
            self.sub_title = ""
            return
        # the tension in hand counts as the current one until the conversation leaves it, even
        # once its place on the scale is given
        done = sum(r.done for t, r in state.records.items() if t != frame.tension)
        # the tensions still to come are queued on the frame that walks them, not on a flow it
        # has included for this tension (reading an answer back, say)
        queued = max(len(f.queue) for f in state.stack if f.tension == frame.tension)
        total = done + 1 + queued
        title = self.session.engine.catalogue.tension(frame.tension).title
        self.sub_title = f"{title} - tension {done + 1} of {total}"

    def show(self, turns: list[Turn]) -> None:
        self.count()
        transcript = self.query_one("#transcript", VerticalScroll)
        for turn in turns:
            if turn.text:
                transcript.mount(Message(turn))
        self.query_one("#expect", Static).update(expectation(self.session.state))
        if self.session.finished:
            self.finish()
        transcript.scroll_end(animate=False)

    def finish(self) -> None:
        reply = self.query_one("#reply", Input)
        if reply.disabled:
            return
        reply.disabled = True
        self.query_one("#expect", Static).update(
            Text("Finished. Ctrl+S shows the summary again; Ctrl+Q leaves.")
        )
        self.action_summary()

    def action_summary(self) -> None:
        if not self.session.finished:
            return
        from reflect.tui.summary import SummaryScreen  # after the first screen: start-up

        summary = self.desk.summary(self.session)
        self.app.push_screen(SummaryScreen(self.desk, summary, self.desk.kept_as(self.session)))

    def send(self, line: str) -> None:
        if self.session.finished:
            return
        shown = (
            [Turn("person", line, "answer")]
            if line.strip() and not line.strip().startswith("/")
            else []
        )
        turns = self.session.send(line)
        if line.strip() == "/back":
            self.restore()
        # the person's answer as the conversation took it (a choice by its label, an accepted
        # suggestion by its number); what was typed when the reply did not fit
        said = [t for t in turns if t.speaker == "person"]
        self.show([*(said or shown), *(t for t in turns if t.speaker != "person")])
        self.redraw_map()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.input.value = ""
        self.send(event.value)

    def action_back(self) -> None:
        self.send("/back")

    def restore(self) -> None:
        """After going back, the earlier answer is in the box again, ready to change."""
        question = self.session.state.question
        if not question:
            return
        step, tension = question[0].step, question[0].tension
        earlier = [
            t.text
            for t in self.session.transcript
            if t.speaker == "person" and t.step == step and t.tension == tension
        ]
        if earlier:
            reply = self.query_one("#reply", Input)
            reply.value = earlier[-1]
            reply.cursor_position = len(reply.value)

    @property
    def coached(self) -> bool:
        """A coach sits beside the person: their key is shown."""
        return coached(self.session.state.dialogue, self.desk.coach)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "note":
            return self.coached  # hidden from the footer when no coach is there (/note works)
        return True

    def action_note(self) -> None:
        """Start a coach's note in the answer box."""
        reply = self.query_one("#reply", Input)
        if not reply.value.startswith("/note"):
            reply.value = "/note " + reply.value
        reply.cursor_position = len(reply.value)
        reply.focus()

    def action_skip(self) -> None:
        self.query_one("#reply", Input).value = ""
        self.send("/skip")

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self.BINDINGS))
