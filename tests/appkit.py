"""The app with what a test gives it: a desk over the shipped content, sessions unsaved."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reflect.content.model import Catalogue
from reflect.conversation.engine import Engine
from reflect.conversation.session import Listener, Session
from reflect.journal.snapshot import snapshot
from reflect.summary.build import Summary, build
from reflect.tui.app import ReflectApp, make_app
from reflect.tui.desk import Desk


def desk_for(
    catalogue: Catalogue,
    variables: dict[str, object] | None = None,
    *,
    summary: dict[str, Any] | None = None,
    on_change: Callable[[], Listener | None] = lambda: None,
    **more: Any,
) -> Desk:
    """A desk whose sessions are new (seed 3) and unsaved; with ``summary``, every summary is
    built from that snapshot instead of the session."""
    engine = Engine(catalogue, seed=3)

    def make_session(dialogue_id: str) -> Session:
        return Session(engine, dialogue_id, variables=variables, on_change=on_change())

    def summarise(session: Session) -> Summary:
        return build(summary or snapshot(session.state, catalogue), catalogue)

    return Desk(lambda: catalogue, make_session, summarise, **more)


def app_for(
    catalogue: Catalogue,
    dialogue: str | None = None,
    variables: dict[str, object] | None = None,
    **more: Any,
) -> ReflectApp:
    return make_app(desk_for(catalogue, variables, **more), dialogue)


def screen_text(app: Any) -> str:
    """What the screen shows, as text (from an SVG screenshot)."""
    import html
    import re

    svg = re.sub(r"<style.*?</style>", "", app.export_screenshot(), flags=re.DOTALL)
    return html.unescape(re.sub(r"<[^>]+>", "", svg)).replace("\xa0", " ")


async def menu_ready(app: Any, pilot: Any) -> None:
    """Wait until the start menu has read the content and listed the conversations."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
