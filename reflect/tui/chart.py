"""The map of trade-offs, drawn: each tension's two ends, where the person is and would prefer
to be. Shapes carry the meaning as well as colour (\u25cf now, \u25cb preferred, \u25c9 both)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widget import Widget

from reflect.summary.build import TensionSummary
from reflect.summary.markdown import BOTH, EMPTY, NOW, PREFERRED, cells

LEGEND = f"{NOW} now   {PREFERRED} would prefer"


#: How each point of the scale is drawn (the shapes carry the meaning; the style helps).
STYLES = {NOW: "bold", BOTH: "bold", PREFERRED: "bold italic", EMPTY: "dim"}


def _scale(item: TensionSummary) -> Text:
    return Text(" ").join(Text(point, style=STYLES[point]) for point in cells(item))


def map_text(items: Sequence[TensionSummary], width: int) -> Text:
    """The map at ``width`` columns: a title line per tension, then its scale between its two
    ends on one line where they fit, else the ends on lines of their own - never cut."""
    out = Text()
    if not items:
        out.append("Your positions appear here as you place yourself.", style="dim")
        return out
    out.append(LEGEND + "\n", style="dim")
    # the scales line up when every row fits on one line
    left = max(len(i.left) for i in items)
    right = max(len(i.right) for i in items)
    one_line = left + right + 13 + 4 <= width
    for item in items:
        out.append("\n" + item.title + "\n", style="bold")
        scale = _scale(item)
        if one_line:
            out.append(f"{item.left:>{left}}  ")
            out.append_text(scale)
            out.append(f"  {item.right}\n")
        else:
            out.append(f"1 {item.left}\n")
            out.append_text(scale)
            out.append(f"\n7 {item.right}\n")
        if item.now is None and item.preferred is None:
            out.append("not placed yet\n", style="dim italic")
    return out


class MapChart(Widget):
    """The map, redrawn whenever its tensions change or its width does."""

    DEFAULT_CSS = """
    MapChart { height: auto; padding: 0 2; }
    """

    def __init__(self, items: Sequence[TensionSummary] = (), **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.items: tuple[TensionSummary, ...] = tuple(items)

    def show(self, items: Sequence[TensionSummary]) -> None:
        self.items = tuple(items)
        self.refresh(layout=True)

    def render(self) -> Text:
        return map_text(self.items, max(20, self.content_size.width or 80))
