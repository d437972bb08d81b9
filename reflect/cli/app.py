"""``reflect`` with no command: the Textual chat app, saved to the journal as it goes.

The start menu's first frame is drawn before the content is read and before the conversation,
the summary and the exports are imported: each closure below imports what it uses when it is
first called (start-up time, not import cycles, is the reason).
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from reflect.base.problems import UsageError
from reflect.cli.common import carry_on, open_journal
from reflect.journal import settings
from reflect.tui.desk import Desk, Past

if TYPE_CHECKING:
    from reflect.content.model import Catalogue
    from reflect.content.places import ContentDirs
    from reflect.conversation.engine import Engine
    from reflect.conversation.session import Session
    from reflect.journal.storage import Journal
    from reflect.summary.build import Summary

#: The start menu's id for carrying on an unfinished session: "resume:ID".
RESUME = "resume:"


def exports_folder() -> Path:
    """Where the app saves exported summaries: the person's documents folder."""
    from platformdirs import user_documents_dir

    return Path(user_documents_dir()) / "reflect"


def journal_desk(
    content: Callable[[], Catalogue],
    journal: Journal,
    folder: Path,
    make_session: Callable[[str], Session],
    kept_as: Callable[[Session], int | None],
    exports: Path | None = None,
) -> Desk:
    """The app's desk over a journal: sessions made by ``make_session``, past sessions,
    exports (to ``exports``, else the documents folder), comparing, forgetting, settings."""

    def history() -> list[Past]:
        catalogue = content()
        titles = {d.id: d.title for d in catalogue.scripts}
        names = {t.id: t.title for t in catalogue.tensions}
        return [
            Past(
                s.id,
                s.started[:16].replace("T", " "),
                titles.get(s.dialogue, s.dialogue),
                "; ".join(names.get(t, t) for t in s.tensions),
                s.finished,
            )
            for s in reversed(journal.sessions())
        ]

    def stored(session_id: int) -> Summary:
        from reflect.summary.build import build

        kept = journal.get(session_id)
        if kept is None:
            raise ValueError(f"session {session_id} is no longer in the journal")
        return build(kept.recorded, content())

    def export(session_id: int, fmt: str) -> Path:
        from reflect.cli.journal import export_text, write_private
        from reflect.summary.exporters import EXPORTERS

        folder_out = exports or exports_folder()
        try:
            text = export_text(journal, content(), session_id, fmt)
            folder_out.mkdir(mode=0o700, parents=True, exist_ok=True)
            path = folder_out / f"reflect-session-{session_id}.{EXPORTERS[fmt].ending}"
            write_private(text, path)
        except UsageError as exc:
            raise ValueError(str(exc)) from None
        except OSError as exc:
            raise ValueError(f"cannot write to {folder_out}: {exc.strerror}") from None
        return path

    def compare(first: int, second: int) -> list[str]:
        from reflect.cli.journal import compare_lines

        try:
            return compare_lines(journal, content(), first, second)
        except UsageError as exc:
            return [str(exc)]

    def forget(session_id: int) -> None:
        journal.forget(session_id)

    def summary(session: Session) -> Summary:
        from reflect.journal.snapshot import snapshot
        from reflect.summary.build import build

        return build(snapshot(session.state, content()), content())

    return Desk(
        content=content,
        make_session=make_session,
        kept_as=kept_as,
        summary=summary,
        export=export,
        history=history,
        stored=stored,
        compare=compare,
        forget=forget,
        settings=settings.load(folder),
        remember=lambda changed: settings.save(folder, changed),
    )


def run_served(dirs: ContentDirs, root: Path, dialogue: str | None) -> int:
    """The app for one browser connection (``reflect serve``): in a new private folder under
    ``root``, its exports sent to the browser."""
    from reflect.journal.storage import new_participant

    return run_app(dirs, new_participant(root), dialogue, None, served=True)


def run_app(
    dirs: ContentDirs,
    folder: Path,
    dialogue: str | None,
    tension: str | None,
    resume: int | None = None,
    served: bool = False,
    coach: bool = False,
) -> int:
    """Open the journal and run the app until the person quits; with ``resume``, carry on
    that unfinished session (0: the latest). The content is loaded before the screen is taken
    over when a dialogue, tension or session is named (a usage error is said first), else just
    after the start menu's first frame. ``served``: in a browser, whose person cannot reach
    this machine's folders: exports are kept in ``folder`` and sent to the browser. ``coach``:
    a coach sits beside the person (their note key is shown)."""
    loaded: list[Catalogue] = []
    loading = threading.Lock()

    def content() -> Catalogue:
        with loading:
            if not loaded:
                from reflect.content.loader import load_catalogue

                loaded.append(load_catalogue(dirs))
            return loaded[0]

    chosen, variables = "", dict[str, object]()
    if dialogue or tension or resume is not None:
        from reflect.cli.converse import choose_dialogue

        chosen, variables = choose_dialogue(content(), dialogue, tension)
    journal = open_journal(folder)
    ready = None
    if resume is not None:
        # a session to carry on is rebuilt now - a usage error before the screen is taken
        # over - and handed to the app as it is, not rebuilt again
        from reflect.journal.start import resumed

        ready = resumed(content(), journal, resume or None)
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
        from reflect.conversation.engine import Engine

        with lock:
            if not built:
                built.append(Engine(content(), seed=seed))
            return built[0]

    def warm() -> None:
        engine().matcher.warm()

    def make_session(dialogue_id: str) -> Session:
        from reflect.conversation.values import Turn
        from reflect.journal.start import resumed, start_recorded

        if dialogue_id.startswith(RESUME):
            number = int(dialogue_id.removeprefix(RESUME)) or None
            if ready is not None and (number is None or number == ready[1].session_id):
                session, recorder, answered = ready
            else:
                session, recorder, answered = resumed(content(), journal, number)
            note = f"Carrying on session {recorder.session_id} ({answered} answer(s) so far)."
            session.opening = [Turn("system", note, "note"), *session.opening]
        else:
            session, recorder = start_recorded(journal, engine(), dialogue_id, variables, seen)
        return session

    exports = folder / "exports" if served else None
    desk = journal_desk(content, journal, folder, make_session, lambda s: s.kept_as, exports)
    desk.download = served
    desk.coach = coach
    # the app asks for the reader after its first screen (the menu full, or the conversation
    # drawn); its weights are read on a thread that never holds up leaving
    desk.warm = lambda: threading.Thread(target=warm, daemon=True).start()

    from reflect.tui.app import make_app

    start = chosen if (dialogue or tension or resume is not None) else None
    offer = None
    if unfinished is not None and start is None:
        when = unfinished.updated[:16].replace("T", " ")
        offer = (
            f"{RESUME}{unfinished.id}",
            f"Carry on where you left off: session {unfinished.id}, last answered {when}",
        )
    app = make_app(desk, start, offer)
    app.run()
    session = app.session
    if served:
        return app.return_code or 0
    number = session.kept_as if session is not None else None
    if session is not None and not session.finished and number is not None:
        # left mid-way: nothing is lost, and the person should know how to come back
        print(f"Your answers so far are saved as session {number}.")
        print(f"To carry on: {carry_on(number, folder)}")
    return app.return_code or 0
