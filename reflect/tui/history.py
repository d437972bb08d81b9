"""Past sessions: open one's summary, compare two, forget one after asking."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from reflect.tui.desk import Desk, Past
from reflect.tui.summary import SummaryScreen


def _label(past: Past, marked: bool) -> Text:
    text = Text()
    text.append("[compare] " if marked else "", style="bold")
    text.append(f"Session {past.id}, {past.when}: {past.title}", style="bold")
    text.append("" if past.finished else "  (unfinished)", style="italic")
    if past.tensions:
        text.append(f"\n  {past.tensions}")
    return text


class Confirm(ModalScreen[bool]):
    """A yes-or-no question; No is the default."""

    DEFAULT_CSS = """
    Confirm { align: center middle; }
    Confirm > Vertical {
        width: 60; max-width: 100%; height: auto; border: round $error; padding: 1 2;
        background: $surface;
    }
    Confirm Horizontal { height: auto; margin-top: 1; }
    Confirm Button { margin-right: 2; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,n", "answer(False)", "No")]

    def __init__(self, question: str, yes: str) -> None:
        super().__init__()
        self.question = question
        self.yes = yes

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.question))
            with Horizontal():
                yield Button("No, keep it", id="no", variant="primary")
                yield Button(self.yes, id="yes", variant="error")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class Comparison(ModalScreen[None]):
    """How positions moved between two sessions."""

    DEFAULT_CSS = """
    Comparison { align: center middle; }
    Comparison > VerticalScroll {
        width: 90; max-width: 100%; height: auto; max-height: 100%; border: round $accent;
        padding: 1 2; background: $surface;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,enter,q", "dismiss", "Close")]

    def __init__(self, lines: list[str]) -> None:
        super().__init__()
        self.lines = lines

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(Text("\n".join(self.lines)), id="comparison")
            yield Static(Text("Esc closes.", style="dim"))


class HistoryScreen(Screen[None]):
    """The journal's sessions, newest first."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("enter", "open", "Open summary", show=True),
        Binding("c", "compare", "Compare two"),
        Binding("d", "forget", "Forget"),
        Binding("ctrl+q", "app.quit", "Quit", priority=True),
    ]

    def __init__(self, desk: Desk) -> None:
        super().__init__()
        self.desk = desk
        self.sessions: list[Past] = []
        self.marked: int | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(
            Text(
                "Your past sessions. Enter opens a summary; C marks one to compare, then C on "
                "another compares them; D forgets one (after asking)."
            ),
            id="history-intro",
        )
        yield OptionList(id="sessions")
        yield Static("", id="history-status")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.sub_title = "Past sessions"
        self.reload()
        self.query_one("#sessions", OptionList).focus()

    def reload(self) -> None:
        self.sessions = self.desk.history() if self.desk.history else []
        options = self.query_one("#sessions", OptionList)
        at = options.highlighted
        options.clear_options()
        if not self.sessions:
            options.add_option(Option(Text("No sessions yet."), disabled=True))
            return
        options.add_options(
            Option(_label(p, p.id == self.marked), id=str(p.id)) for p in self.sessions
        )
        options.highlighted = min(at or 0, len(self.sessions) - 1)

    def current(self) -> Past | None:
        at = self.query_one("#sessions", OptionList).highlighted
        return self.sessions[at] if at is not None and at < len(self.sessions) else None

    def say(self, text: str) -> None:
        self.query_one("#history-status", Static).update(Text(text))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_open()

    def action_open(self) -> None:
        past = self.current()
        if past is None or self.desk.stored is None:
            return
        title = f"Session {past.id}, {past.when}: {past.title}"
        self.app.push_screen(SummaryScreen(self.desk, self.desk.stored(past.id), past.id, title))

    def action_compare(self) -> None:
        past = self.current()
        if past is None or self.desk.compare is None:
            return
        if self.marked is None or self.marked == past.id:
            self.marked = None if self.marked == past.id else past.id
            self.reload()
            if self.marked is not None:
                self.say(f"Session {past.id} marked. Now choose another and press C.")
            return
        first, self.marked = self.marked, None
        self.reload()
        self.app.push_screen(Comparison(self.desk.compare(first, past.id)))

    def action_forget(self) -> None:
        past = self.current()
        if past is None or self.desk.forget is None:
            return
        forget = self.desk.forget

        def answered(yes: bool | None) -> None:
            if not yes:
                self.say("Nothing was deleted.")
                return
            forget(past.id)
            if self.marked == past.id:
                self.marked = None
            self.reload()
            self.say(f"Session {past.id} is forgotten.")

        self.app.push_screen(
            Confirm(
                f"Forget session {past.id} ({past.when}, {past.title})? Its answers are deleted "
                "from your journal; this cannot be undone.",
                "Yes, forget it",
            ),
            answered,
        )
