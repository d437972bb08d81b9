"""The Textual app: a chat with the reflective-practice assistant.

A thin face over the same ``Session`` the plain mode uses: what the person types goes to
``session.send``; the turns that come back are shown. Nothing the person types is ever read
as markup: every message is a ``rich.text.Text``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Markdown, OptionList, Static
from textual.widgets.option_list import Option

from reflect.conversation import State, Turn
from reflect.messages import ui
from reflect.model import Catalogue
from reflect.session import Session
from reflect.textsafe import visible

#: Makes a session for a dialogue id (the CLI wires in the journal).
SessionFactory = Callable[[str], Session]


def expectation(state: State) -> Text:
    """The hint under the conversation: the options, or the scale, the question wants."""
    expect = state.expect
    text = Text()
    if expect.kind in ("choice", "pick"):
        for i, option in enumerate(expect.options, start=1):
            text.append(f"{i}) {option.label}   ")
    elif expect.kind == "scale":
        text.append(ui("scale-legend", low=expect.low or "1", high=expect.high or "7"))
        if expect.suggestion is not None:
            text.append(" " + ui("scale-suggestion", suggestion=expect.suggestion))
    elif expect.kind == "text":
        text.append("Write in your own words and press Enter.")
    text.append("   /help for commands", style="dim")
    return text


class Message(Static):
    """One turn of the conversation."""

    DEFAULT_CSS = """
    Message { margin: 0 0 1 0; padding: 0 1; }
    Message.person { margin-left: 8; background: $boost; }
    Message.system { color: $text-muted; }
    Message.coach { border-left: thick $accent; }
    """

    def __init__(self, turn: Turn) -> None:
        style = "bold" if turn.kind == "question" else ""
        super().__init__(Text(visible(turn.text), style=style), classes=turn.speaker)
        self.turn = turn


class ChatScreen(Screen[None]):
    """The conversation: the transcript above, the reply box below."""

    # priority: they work while the answer box has focus (and none is a key it uses itself)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+b", "back", "Back", priority=True),
        Binding("ctrl+n", "skip", "Skip", priority=True),
        Binding("f1", "help", "Help", priority=True),
        Binding("ctrl+q", "app.quit", "Quit", priority=True),
    ]

    def __init__(self, session: Session, closing: Callable[[Session], str]) -> None:
        super().__init__()
        self.session = session
        self.closing = closing

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="transcript"):
            for turn in self.session.opening:
                yield Message(turn)
        yield Static(expectation(self.session.state), id="expect")
        yield Input(placeholder="Your answer", id="reply")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#reply", Input).focus()
        self.count()

    def on_screen_resume(self) -> None:
        self.count()

    def count(self) -> None:
        """Where the person is: "Power - tension 2 of 3" in the header."""
        state = self.session.state
        frame = state.stack[-1] if state.stack else None
        if frame is None or not frame.tension:
            self.sub_title = ""
            return
        done = sum(record.done for record in state.records.values())
        total = done + 1 + len(frame.queue)
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
        self.query_one("#reply", Input).disabled = True
        # the summary is Markdown with the person's words escaped: drawn, never shown as syntax
        summary = Markdown(self.closing(self.session), id="summary")
        self.query_one("#transcript", VerticalScroll).mount(summary)
        self.query_one("#expect", Static).update(Text("Press Ctrl+Q to leave."))

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
        unsaved = getattr(self.session.on_change, "failure", "")
        warning = [Turn("system", ui("not-saved", why=unsaved), "error")] if unsaved else []
        self.show([*(said or shown), *(t for t in turns if t.speaker != "person"), *warning])

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

    def action_skip(self) -> None:
        self.query_one("#reply", Input).value = ""
        self.send("/skip")

    def action_help(self) -> None:
        """The keys, then the commands: shown in the conversation, nothing answered."""
        keys = Turn("system", ui("app-keys"), "help")
        self.show([keys, *self.session.send("/help")])


class StartScreen(Screen[str]):
    """Choose a dialogue to start; an unfinished session, if any, is offered first."""

    def __init__(self, catalogue: Catalogue, carry_on: tuple[str, str] | None = None) -> None:
        super().__init__()
        self.catalogue = catalogue
        self.carry_on = carry_on

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(
            Text("What would you like to do? Choose a conversation and press Enter."), id="intro"
        )
        resume = []
        if self.carry_on is not None:
            key, label = self.carry_on
            resume = [Option(Text(label, style="bold"), id=key)]
        yield OptionList(
            *resume,
            *(
                Option(Text(f"{d.title}\n  {d.description}"), id=d.id)
                for d in self.catalogue.scripts
            ),
            id="dialogues",
        )
        yield Footer()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.dismiss(event.option.id)


class ReflectApp(App[None]):
    """Start a dialogue (or the one given) and hold the conversation."""

    CSS_PATH = "app.tcss"
    TITLE = "reflect"

    def __init__(
        self,
        catalogue: Catalogue,
        make_session: SessionFactory,
        closing: Callable[[Session], str],
        dialogue: str | None = None,
        carry_on: tuple[str, str] | None = None,
    ) -> None:
        super().__init__()
        self.catalogue = catalogue
        self.make_session = make_session
        self.closing = closing
        self.dialogue = dialogue
        self.carry_on = carry_on
        self.session: Session | None = None

    def on_mount(self) -> None:
        if self.dialogue:
            self.start(self.dialogue)
        else:
            self.push_screen(StartScreen(self.catalogue, self.carry_on), self.start)

    def start(self, dialogue: str | None) -> None:
        if dialogue is None:
            self.exit()
            return
        self.session = self.make_session(dialogue)
        self.push_screen(ChatScreen(self.session, self.closing))


def make_app(
    catalogue: Catalogue,
    make_session: SessionFactory,
    closing: Callable[[Session], str],
    dialogue: str | None = None,
    carry_on: tuple[str, str] | None = None,
) -> ReflectApp:
    """The one app factory, used by the CLI and by the tests."""
    return ReflectApp(catalogue, make_session, closing, dialogue, carry_on)
