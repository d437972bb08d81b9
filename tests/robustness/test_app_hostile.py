"""Hostile answers typed and pasted into the app, at every kind of question: the app neither
crashes nor obeys them (markup, escape sequences, actions), and what it keeps is what was
given, mended."""

from __future__ import annotations

import random

from textual import events
from textual.widgets import Input

from reflect.content.loader import Loaded
from reflect.tui.chat import ChatScreen
from tests.appkit import app_for, screen_text

SEED = 4242
LINES = 80

PIECES = [
    "\u00b2",
    "\u2460",
    "\u0663",
    "\uff15",
    "9" * 5000,
    "-1",
    "0",
    "8",
    "4.5",
    "1e999",
    "NaN",
    "[b]bold[/b]",
    "[@click=app.quit]quit[/]",
    "[link=file:///etc/passwd]x[/link]",
    "\x1b[2J\x1b[H",
    "\x1b]0;title\x07",
    "\x9b31m",
    "\u202e\u2066bidi",
    "\ud800",
    "\U0001f469\u200d\U0001f469\u200d\U0001f467",
    "/back",
    "/skip",
    "/note [b]n[/b]",
    "/frobnicate",
    "%s %d {0} {x}",
    "'; DROP TABLE lines; --",
    "x" * 25_000,
    "",
    "   ",
    "yes",
    "4",
    "about a 5",
]


def hostile(rng: random.Random) -> str:
    return " ".join(rng.choice(PIECES) for _ in range(rng.randint(1, 3)))


async def test_hostile_answers_never_crash_or_command_the_app(shipped: Loaded) -> None:
    rng = random.Random(SEED)
    app = app_for(shipped.catalogue, "one", {"chosen": "power"})
    sent = 0
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, ChatScreen)
        reply = screen.query_one("#reply", Input)
        for _ in range(LINES):
            if app.session is None or app.session.finished:
                break
            text = hostile(rng)
            if rng.random() < 0.5:
                reply.post_message(events.Paste(text))  # pasted
                await pilot.pause()
                await pilot.press("enter")
            else:
                screen.send(text)  # typed and sent
            await pilot.pause()
            sent += 1
            assert app.is_running and app.screen is screen, f"seed {SEED}, line {sent}: {text!r}"
        shown = screen_text(app)
        assert "\x1b" not in shown and "\x9b" not in shown
        assert app.session is not None
        for line in app.session.lines:
            assert len(line) <= 20_000 and "\ud800" not in line
    assert sent >= 20
