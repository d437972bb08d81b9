"""``reflect`` with no command: the Textual chat app, saved to the journal as it goes."""

from __future__ import annotations

import random
import threading
from pathlib import Path

from reflect.commands import load_catalogue
from reflect.commands.converse import choose_dialogue, resumed, start_recorded
from reflect.commands.journal import open_journal
from reflect.content import ContentDirs
from reflect.conversation import Turn
from reflect.engine import Engine
from reflect.report.markdown import render
from reflect.session import Session
from reflect.snapshot import snapshot
from reflect.summary import build

#: Seconds after start-up at which the reader's weights are read in the background.
WARM_AFTER = 0.3


#: The start menu's id for carrying on an unfinished session: "resume:ID".
RESUME = "resume:"


def run_app(
    dirs: ContentDirs,
    folder: Path,
    dialogue: str | None,
    tension: str | None,
    resume: int | None = None,
) -> int:
    """Load the catalogue, open the journal, and run the app until the person quits; with
    ``resume``, carry on that unfinished session (0: the latest)."""
    catalogue = load_catalogue(dirs)
    chosen, variables = choose_dialogue(catalogue, dialogue, tension)
    journal = open_journal(folder)
    # a session to carry on is rebuilt now - a usage error before the screen is taken over -
    # and handed to the app as it is, not rebuilt again
    ready = resumed(catalogue, journal, resume or None) if resume is not None else None
    if resume is not None:
        chosen = f"{RESUME}{resume}"
    unfinished = journal.latest_unfinished()
    seen = journal.explored()
    seed = random.SystemRandom().randrange(1 << 30)
    built: list[Engine] = []
    lock = threading.Lock()

    def engine() -> Engine:
        """The engine and its reader's index, built once - after the first screen, in the
        background, unless a session is wanted sooner."""
        with lock:
            if not built:
                built.append(Engine(catalogue, seed=seed))
            return built[0]

    def warm() -> None:
        engine().matcher.warm()

    ids: dict[int, int] = {}  # session object -> its id in the journal

    def make_session(dialogue_id: str) -> Session:
        if dialogue_id.startswith(RESUME):
            number = int(dialogue_id.removeprefix(RESUME)) or None
            if ready is not None and (number is None or number == ready[1].session_id):
                session, recorder, answered = ready
            else:
                session, recorder, answered = resumed(catalogue, journal, number)
            note = f"Carrying on session {recorder.session_id} ({answered} answer(s) so far)."
            session.opening = [Turn("system", note, "note"), *session.opening]
        else:
            session, recorder = start_recorded(journal, engine(), dialogue_id, variables, seen)
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

    start = chosen if (dialogue or tension or resume is not None) else None
    carry_on = None
    if unfinished is not None and start is None:
        when = unfinished.updated[:16].replace("T", " ")
        title = next((d.title for d in catalogue.scripts if d.id == unfinished.dialogue), "")
        carry_on = (f"{RESUME}{unfinished.id}", f"Carry on where you left off: {title} ({when})")
    # build the reader and read its weights while the first screen draws, not before it
    warming = threading.Timer(WARM_AFTER, warm)
    warming.daemon = True
    warming.start()
    app = make_app(catalogue, make_session, closing, start, carry_on)
    app.run()
    session = app.session
    if session is not None and not session.finished and id(session) in ids:
        # left mid-way: nothing is lost, and the person should know how to come back
        number = ids[id(session)]
        print(f"Your answers so far are saved as session {number}.")
        print(f"To carry on: reflect resume {number}")
    return 0
