"""F1: every key and command, on a screen of its own; any key closes it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

#: What each key does, as the help screen says it.
BACK = "go back to the last question; the earlier answer is put back in the box"
HELP = "this help"
MAP = "show or hide the map of where you have placed yourself"
HISTORY_KEY = "your past sessions: open a summary, compare two, forget one"
THEME = "choose a colour theme (there is a high-contrast one); it is remembered"
SUMMARY = "at the end, the summary again"
NOTE = "a coach's note: starts one in the answer box (/note), kept apart from the answers"
QUIT = "stop; everything answered so far is kept, and you can carry on later"

#: What can be typed in the answer box, besides an answer.
COMMANDS = (
    ("/back", "go back to the last question"),
    ("/skip", "move on without answering"),
    ("/note TEXT", "a coach's note, kept apart from the answers"),
    ("/quit", "stop; everything answered so far is kept"),
    ("/help", "the commands, in the conversation"),
)
ANSWERS = (
    "At a choice, type its number or its words; at a scale, a number from 1 to 7, or words "
    "such as \u201cabout a 5\u201d, \u201cneither\u201d, \u201cboth\u201d or \u201cpartly\u201d. "
    "Press Enter on an empty box to accept what is suggested."
)


def key_name(key: str) -> str:
    """ "ctrl+b" as "Ctrl+B", "f1" as "F1"."""
    return "+".join(p.capitalize() if len(p) > 2 else p.upper() for p in key.split("+"))


def help_table(bindings: Sequence[BindingType]) -> Table:
    """Every key of a screen (its bindings, with what they do), then the commands."""
    table = Table(show_header=False, box=None, padding=(0, 2, 0, 0))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    table.add_row("Enter", "answer")
    for binding in bindings:
        if isinstance(binding, Binding):
            table.add_row(key_name(binding.key), binding.tooltip or binding.description)
    table.add_row("Ctrl+P", "every command, searchable")
    table.add_row("", "")
    for command, what in COMMANDS:
        table.add_row(Text(command), what)
    return table


class HelpScreen(ModalScreen[None]):
    """The keys of the screen it was opened from (read from its bindings), then the commands."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 80; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; padding: 1 2; background: $surface;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,q,enter", "dismiss", "Close", priority=True),
    ]

    def __init__(self, bindings: Sequence[BindingType]) -> None:
        super().__init__()
        self.keys = tuple(bindings)

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(Text("Keys and commands\n", style="bold"))
            yield Static(help_table(self.keys), id="help-keys")
            yield Static(Text(ANSWERS), id="help-answers")
            yield Static(Text("Esc closes this help.", style="dim"))
