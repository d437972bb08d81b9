"""The Textual app, driven with Pilot."""

from __future__ import annotations

from dataclasses import replace

from textual.widgets import OptionList, Static

from reflect.loader import Loaded
from reflect.model import Catalogue
from reflect.tui.app import make_app


def _shown(app: object) -> str:
    static = app.query_one("#tension", Static)  # type: ignore[attr-defined]
    return str(static.render())


async def test_the_app_lists_every_tension_and_shows_the_highlighted_one(shipped: Loaded) -> None:
    catalogue = shipped.catalogue
    app = make_app(catalogue)
    async with app.run_test(size=(120, 40)) as pilot:
        options = app.query_one("#tensions", OptionList)
        assert options.option_count == len(catalogue.tensions)
        assert catalogue.tensions[0].title in _shown(app)
        options.focus()
        await pilot.press("down", "down")
        await pilot.pause()
        assert catalogue.tensions[options.highlighted or 0].title in _shown(app)
        assert catalogue.tensions[0].summary[:40] not in _shown(app)


async def test_content_text_is_never_read_as_markup(shipped: Loaded) -> None:
    first = shipped.catalogue.tensions[0]
    odd = replace(first, summary="Keep [bold]this[/bold] and [/] as typed \x1b[31m.")
    app = make_app(Catalogue((odd,)))
    async with app.run_test(size=(120, 40)):
        shown = _shown(app)
        assert "Keep [bold]this[/bold] and [/] as typed" in shown
