"""The summary screen: the map drawn, the rest as Markdown drawn (never shown as syntax), and
buttons that save it as a file and say where it went."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Markdown, Static

from reflect.summary.build import Summary
from reflect.summary.markdown import parts
from reflect.tui.chart import MapChart
from reflect.tui.desk import Desk

FORMATS = (("html", "Save as a web page"), ("md", "Save as Markdown"), ("json", "Save as JSON"))


class SummaryScreen(Screen[None]):
    """One session's summary; Esc goes back to where it was opened from."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("w", "export('html')", "Web page"),
        Binding("m", "export('md')", "Markdown"),
        Binding("j", "export('json')", "JSON"),
        Binding("ctrl+q", "app.quit", "Quit", priority=True),
    ]

    def __init__(self, desk: Desk, summary: Summary, kept_as: int | None, title: str = "") -> None:
        super().__init__()
        self.desk = desk
        self.summary = summary
        self.kept_as = kept_as
        self.title_text = title or "Your summary of trade-offs"

    def compose(self) -> ComposeResult:
        head, body = parts(self.summary, title=self.title_text)
        yield Header()
        with VerticalScroll(id="summary"):
            yield Markdown(head, id="summary-head")
            if self.summary.tensions:
                yield Static(Text("The map", style="bold"), classes="map-title")
                yield MapChart(self.summary.tensions, id="summary-map")
            yield Markdown(body, id="summary-body")
        # always in view, under the summary: where it is kept, and saving it as a file
        yield Static(self._kept(), id="saved")
        if self.kept_as is not None and self.desk.export is not None:
            with Horizontal(id="exports"):
                for fmt, label in FORMATS:
                    yield Button(label, id=f"export-{fmt}", compact=True)
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self.query_one("#summary", VerticalScroll).focus()

    def _kept(self) -> Text:
        if self.kept_as is None:
            return Text("This session was not saved.")
        return Text(f"Kept in your private journal as session {self.kept_as}.")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id and event.button.id.startswith("export-"):
            self.action_export(event.button.id.removeprefix("export-"))

    def action_export(self, fmt: str) -> None:
        if self.kept_as is None or self.desk.export is None:
            return
        status = self.query_one("#saved", Static)
        try:
            path = self.desk.export(self.kept_as, fmt)
        except ValueError as exc:
            status.update(Text(f"Not saved: {exc}", style="bold"))
            return
        if self.desk.download:
            self.app.deliver_text(path, save_filename=path.name)
            status.update(Text(f"Sent to your browser to download, as {path.name}."))
            return
        status.update(Text(f"Saved to {path} (only you can read it)."))
