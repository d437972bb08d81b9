"""``reflect`` with no command: the Textual chat app, saved to the journal as it goes."""

from __future__ import annotations

import random
import threading
from pathlib import Path

from reflect.commands import load_catalogue
from reflect.commands.converse import choose_dialogue, start_recorded
from reflect.commands.journal import open_journal
from reflect.content import ContentDirs
from reflect.engine import Engine
from reflect.report.markdown import render
from reflect.session import Session
from reflect.snapshot import snapshot
from reflect.summary import build

#: Seconds after start-up at which the reader's weights are read in the background.
WARM_AFTER = 0.3


def run_app(dirs: ContentDirs, folder: Path, dialogue: str | None, tension: str | None) -> int:
    """Load the catalogue, open the journal, and run the app until the person quits."""
    catalogue = load_catalogue(dirs)
    chosen, variables = choose_dialogue(catalogue, dialogue, tension)
    journal = open_journal(folder)
    seen = journal.explored()
    engine = Engine(catalogue, seed=random.SystemRandom().randrange(1 << 30))
    ids: dict[int, int] = {}  # session object -> its id in the journal

    def make_session(dialogue_id: str) -> Session:
        session, recorder = start_recorded(journal, engine, dialogue_id, variables, seen)
        ids[id(session)] = recorder.session_id
        return session

    def closing(session: Session) -> str:
        # Markdown, the person's words escaped: the app draws it, it never shows the syntax
        summary = render(build(snapshot(session.state, catalogue), catalogue))
        session_id = ids.get(id(session), 0)
        return (
            f"{summary}\nSaved as session {session_id}. Export it with: `reflect export "
            f"{session_id} --format html -o summary.html`"
        )

    from reflect.tui.app import make_app

    start = chosen if (dialogue or tension) else None
    # read the reader's weights while the first screen draws, not before it
    warm = threading.Timer(WARM_AFTER, engine.matcher.warm)
    warm.daemon = True
    warm.start()
    app = make_app(catalogue, make_session, closing, start)
    app.run()
    session = app.session
    if session is not None and not session.finished and id(session) in ids:
        # left mid-way: nothing is lost, and the person should know how to come back
        number = ids[id(session)]
        print(f"Your answers so far are saved as session {number}.")
        print(f"To carry on: reflect resume {number}")
    return 0
