"""The Textual app: the start menu, then the conversation (``reflect.tui.chat``).

The start menu's first frame needs only this module and Textual: the conversation, the summary
and the past sessions are imported when first opened, and the content is read after that frame,
off the screen's thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.console import Group
from rich.padding import Padding
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from reflect.tui.desk import Desk
from reflect.tui.help import HELP, THEME, HelpScreen
from reflect.tui.themes import HIGH_CONTRAST

if TYPE_CHECKING:
    from reflect.conversation.session import Session

#: The start menu's entry for the past sessions.
HISTORY = "history:"


def entry(title: str, description: str) -> Group:
    """A menu entry: its title, then its description indented under it however it wraps."""
    return Group(Text(title, style="bold"), Padding(Text(description), (0, 0, 0, 2)))


class StartScreen(Screen[str]):
    """Choose a dialogue to start; an unfinished session, if any, is offered first, and the
    past sessions last."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "Help", tooltip=HELP),
        Binding("f4", "app.change_theme", "Theme", tooltip=THEME),
        Binding("ctrl+q", "app.quit", "Quit", priority=True, tooltip="leave"),
    ]

    def __init__(self, desk: Desk, carry_on: tuple[str, str] | None = None) -> None:
        super().__init__()
        self.desk = desk
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
        loading = Option(Text("Loading the conversations\u2026", style="italic"), disabled=True)
        yield OptionList(*resume, loading, id="dialogues")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.call_after_refresh(self.load)

    def load(self) -> None:
        """Read the content after the first frame, off the screen's thread."""
        self.run_worker(self.desk.content, thread=True, name="content", exit_on_error=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.name != "content":
            return
        if event.state == WorkerState.ERROR:
            self.app.exit(return_code=2, message=str(event.worker.error))
        elif event.state == WorkerState.SUCCESS:
            self.fill()
            self.desk.warm()

    def fill(self) -> None:
        """The conversations to choose from, then the past sessions."""
        options = self.query_one("#dialogues", OptionList)
        options.remove_option_at_index(options.option_count - 1)  # "Loading ..."
        options.add_options(
            Option(entry(d.title, d.description), id=d.id) for d in self.desk.content().scripts
        )
        if self.desk.history is not None:
            options.add_option(
                Option(
                    entry("Your past sessions", "Open a summary, compare two, forget one."),
                    id=HISTORY,
                )
            )
        if options.highlighted is None:
            options.highlighted = 0

    async def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == HISTORY:
            await self.app.run_action("history")
        elif event.option.id is not None:
            self.dismiss(event.option.id)

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self.BINDINGS))


class ReflectApp(App[None]):
    """Start a dialogue (or the one given) and hold the conversation."""

    CSS_PATH = "app.tcss"
    TITLE = "reflect"

    def __init__(
        self, desk: Desk, dialogue: str | None = None, carry_on: tuple[str, str] | None = None
    ) -> None:
        super().__init__()
        self.desk = desk
        self.dialogue = dialogue
        self.carry_on = carry_on
        self.session: Session | None = None
        self.register_theme(HIGH_CONTRAST)
        chosen = (desk.settings or {}).get("theme", "")
        if chosen in self.available_themes:
            self.theme = chosen

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self.remember_theme)
        if self.dialogue:
            self.start(self.dialogue)
            self.call_after_refresh(self.desk.warm)  # the conversation is drawn: now the reader
        else:
            self.push_screen(StartScreen(self.desk, self.carry_on), self.start)

    def remember_theme(self, theme: Any) -> None:
        settings = dict(self.desk.settings or {})
        if settings.get("theme") != self.theme:
            settings["theme"] = self.theme
            self.desk.settings = settings
            self.desk.remember(settings)

    def start(self, dialogue: str | None) -> None:
        if dialogue is None:
            self.exit()
            return
        from reflect.tui.chat import ChatScreen  # not needed for the start menu's first frame

        self.session = self.desk.make_session(dialogue)
        self.push_screen(ChatScreen(self.session, self.desk))

    def action_history(self) -> None:
        """The past sessions (imported when first wanted, not at start-up)."""
        if self.desk.history is None:
            return
        from reflect.tui.history import HistoryScreen

        self.push_screen(HistoryScreen(self.desk))


def make_app(
    desk: Desk, dialogue: str | None = None, carry_on: tuple[str, str] | None = None
) -> ReflectApp:
    """The one app factory, used by the CLI and by the tests."""
    return ReflectApp(desk, dialogue, carry_on)
