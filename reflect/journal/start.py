"""Starting a session that is saved to the journal as it goes, or carrying a saved one on: the
one way every face (the app, plain mode, the browser) begins a recorded session."""

from __future__ import annotations

from reflect.base.problems import UsageError
from reflect.content.model import Catalogue
from reflect.conversation.engine import Engine, EngineError
from reflect.conversation.session import Session
from reflect.journal.recorder import Recorder
from reflect.journal.storage import Journal


def start_recorded(
    journal: Journal,
    engine: Engine,
    dialogue_id: str,
    variables: dict[str, object],
    seen: frozenset[str],
) -> tuple[Session, Recorder]:
    """A new session, created in the journal and saved there line by line."""
    session_id = journal.create(dialogue_id, engine.seed, variables, seen)
    recorder = Recorder(journal, session_id, engine.catalogue)
    session = Session(engine, dialogue_id, variables=variables, seen=seen, on_change=recorder)
    session.kept_as = session_id
    return session, recorder


def resumed(
    catalogue: Catalogue, journal: Journal, session_id: int | None
) -> tuple[Session, Recorder, int]:
    """A saved session rebuilt from its lines and saving again as it goes, its recorder and how
    many lines it had; or a usage error."""
    stored = journal.get(session_id) if session_id is not None else journal.latest_unfinished()
    if stored is None:
        raise UsageError(
            f"no session {session_id} in the journal"
            if session_id is not None
            else "no unfinished session to resume (see 'reflect history')"
        )
    if stored.finished:
        raise UsageError(
            f"session {stored.id} is finished; export it with "
            f"'reflect export {stored.id} --format md'"
        )
    lines = journal.lines(stored.id)
    recorder = Recorder(journal, stored.id, catalogue)
    recorder.saved = recorder.captured = len(lines)
    try:
        session = Session(
            Engine(catalogue, seed=stored.seed),
            stored.dialogue,
            variables=stored.variables,
            seen=stored.seen,
        )
        session.replay(lines)
    except EngineError as exc:
        raise UsageError(f"cannot resume session {stored.id}: {exc}") from None
    session.on_change = recorder
    session.kept_as = stored.id
    session.opening = list(session.state.question)
    return session, recorder, len(lines)
