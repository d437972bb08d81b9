"""Saving a session to the journal as it happens: every line, the moment it is sent."""

from __future__ import annotations

from reflect.conversation import Turn
from reflect.model import Catalogue
from reflect.session import Session
from reflect.snapshot import snapshot
from reflect.storage import Journal, StorageError


class Recorder:
    """A session listener that commits each new line with a snapshot of the session.

    If a save fails (a full disk, a folder made read-only), the lines stay pending and are
    saved with the next one; ``failure`` says what went wrong so the face can tell the person.
    """

    def __init__(self, journal: Journal, session_id: int, catalogue: Catalogue) -> None:
        self.journal = journal
        self.session_id = session_id
        self.catalogue = catalogue
        self.saved = 0
        self.failure = ""

    def __call__(self, session: Session, turns: list[Turn]) -> None:
        pending = session.lines[self.saved :]
        if not pending and not session.finished:
            return
        try:
            done = session.finished and not session.state.quit  # a quit session can resume
            state = snapshot(session.state, self.catalogue)
            self.journal.append(self.session_id, pending, state, done)
        except StorageError as exc:
            self.failure = str(exc)
            return
        self.saved += len(pending)
        self.failure = ""
