"""Saving a session to the journal as it happens: every line, the moment it is sent."""

from __future__ import annotations

from dataclasses import dataclass, field

from reflect.content.model import Catalogue
from reflect.conversation.session import Session
from reflect.conversation.values import Turn
from reflect.journal.snapshot import Snapshot, snapshot
from reflect.journal.storage import Journal, StorageError


@dataclass
class Batch:
    """What to save: the lines sent since the last capture and the session they led to."""

    lines: list[str]
    state: Snapshot
    done: bool


@dataclass
class Recorder:
    """A session listener that commits each new line with a snapshot of the session.

    Saving is two steps, so that a face can take the snapshot where the session lives and do
    the writing elsewhere (the app, on a worker thread): ``capture`` then ``commit``. If a save
    fails (a full disk, a folder made read-only), the lines stay pending and are saved with the
    next one; ``failure`` says what went wrong so the face can tell the person.
    """

    journal: Journal
    session_id: int
    catalogue: Catalogue
    saved: int = 0
    failure: str = ""
    captured: int = 0
    pending: list[str] = field(default_factory=list)

    def __call__(self, session: Session, turns: list[Turn]) -> None:
        self.save(session)

    def save(self, session: Session) -> None:
        """Capture and commit at once: whatever the session has said since the last save."""
        batch = self.capture(session)
        if batch is not None:
            self.commit(batch)

    def capture(self, session: Session) -> Batch | None:
        """The lines not yet captured and the session's state now; None if nothing changed."""
        lines = session.lines[self.captured :]
        if not lines and not session.finished:
            return None
        self.captured += len(lines)
        done = session.finished and not session.state.quit  # a quit session can resume
        return Batch(list(lines), snapshot(session.state, self.catalogue), done)

    def commit(self, batch: Batch) -> bool:
        """Save ``batch`` with any lines a failed save left pending; False if it failed."""
        lines = [*self.pending, *batch.lines]
        try:
            self.journal.append(self.session_id, lines, batch.state, batch.done)
        except StorageError as exc:
            self.pending = lines
            self.failure = str(exc)
            return False
        self.saved += len(lines)
        self.pending = []
        self.failure = ""
        return True
