"""The Textual app: for now, a browser of the tension catalogue."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from reflect.model import Catalogue, Tension


def describe(tension: Tension) -> Text:
    """A tension as plain, styled text (content is never parsed as markup)."""
    text = Text()
    text.append(f"{tension.title}\n", style="bold")
    text.append(f"{tension.kind} tension\n\n", style="italic")
    text.append(f"{tension.summary}\n\n")
    for pole in tension.poles:
        text.append(f"{pole.name}\n", style="bold underline")
        text.append(f"{pole.in_practice}\n")
        text.append("What it gives\n", style="bold")
        text.append("".join(f"  + {item}\n" for item in pole.upsides))
        text.append("What it risks when over-done\n", style="bold")
        text.append("".join(f"  - {item}\n" for item in pole.downsides) + "\n")
    if tension.both_and:
        text.append("Both-and\n", style="bold underline")
        for position in tension.both_and:
            text.append(f"{position.name}: ", style="bold")
            text.append(f"{position.description}\n")
        text.append("\n")
    text.append("Questions to carry\n", style="bold underline")
    for question in tension.questions:
        text.append(f"- {question}\n")
    for quote in tension.quotes:
        text.append(f"\n\u201c{quote.text}\u201d ", style="italic")
        text.append(f"({quote.speaker}, {quote.seed})")
    return text


class ReflectApp(App[None]):
    """Browse the tensions: a list on the left, the chosen tension on the right."""

    CSS_PATH = "app.tcss"
    TITLE = "reflect"
    BINDINGS: ClassVar[list[BindingType]] = [("q", "quit", "Quit")]

    def __init__(self, catalogue: Catalogue) -> None:
        super().__init__()
        self.catalogue = catalogue

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            yield OptionList(
                *(Option(t.title, id=t.id) for t in self.catalogue.tensions), id="tensions"
            )
            with VerticalScroll(id="detail"):
                yield Static(describe(self.catalogue.tensions[0]), id="tension")
        yield Footer()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id is not None:
            tension = self.catalogue.tension(event.option.id)
            self.query_one("#tension", Static).update(describe(tension))


def make_app(catalogue: Catalogue) -> ReflectApp:
    """The one app factory, used by the CLI and by the tests."""
    return ReflectApp(catalogue)
