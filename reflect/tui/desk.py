"""What the app needs from the rest of reflect, handed to it by the command that starts it.

Plain callables, so that the app holds no journal, files or content loading of its own, and a
test can give it exactly what it needs. No Textual here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reflect.content.model import Catalogue
    from reflect.conversation.session import Session
    from reflect.summary.build import Summary


@dataclass(frozen=True)
class Past:
    """One session in the journal, as the history screen lists it."""

    id: int
    when: str
    title: str
    tensions: str
    finished: bool


@dataclass
class Desk:
    """The content, the sessions and the journal, as the app may use them."""

    #: the content (tensions and dialogues), loaded on first use - after the first screen
    content: Callable[[], Catalogue]
    #: a new session for a dialogue id (or "resume:ID" to carry one on), saved as it goes
    make_session: Callable[[str], Session]
    #: the summary of a session held in the app
    summary: Callable[[Session], Summary]
    #: where a session is kept in the journal (None: not kept)
    kept_as: Callable[[Session], int | None] = lambda session: None
    #: write a kept session's summary as "html", "md" or "json"; says where it went, or raises
    #: ValueError with a message the person can read
    export: Callable[[int, str], Path] | None = None
    #: the sessions in the journal, newest first
    history: Callable[[], list[Past]] | None = None
    #: a kept session's summary
    stored: Callable[[int], Summary] | None = None
    #: how positions moved between two kept sessions, as lines of text
    compare: Callable[[int, int], list[str]] | None = None
    #: delete a kept session
    forget: Callable[[int], None] | None = None
    #: the app's remembered settings (the theme), and how to remember a change
    settings: dict[str, str] | None = None
    remember: Callable[[dict[str, str]], None] = lambda settings: None
    #: a coach sits beside the person (``--coach``; the coaching dialogue always): the key for
    #: a coach's note is shown
    coach: bool = False
    #: the app runs in a browser (``reflect serve``): an export is also sent to it to download
    download: bool = False
    #: start getting ready to read answers, in the background (called once the menu is full)
    warm: Callable[[], None] = lambda: None
