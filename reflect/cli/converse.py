"""``reflect --plain`` and ``reflect resume``: a conversation in plain line mode, saved as it
goes."""

from __future__ import annotations

import random
import shutil
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from reflect.base.messages import did_you_mean, ui
from reflect.base.problems import UsageError
from reflect.cli.common import carry_on, open_journal
from reflect.content.loader import load_catalogue
from reflect.content.model import Catalogue
from reflect.content.places import ContentDirs
from reflect.conversation.engine import Engine, EngineError
from reflect.conversation.session import Session
from reflect.conversation.values import coached
from reflect.journal.recorder import Recorder
from reflect.journal.snapshot import snapshot
from reflect.journal.start import resumed, start_recorded
from reflect.plain import run_plain
from reflect.summary.build import build


def choose_dialogue(
    catalogue: Catalogue, dialogue: str | None, tension: str | None
) -> tuple[str, dict[str, object]]:
    """The dialogue to start and its starting variables, or a usage error."""
    scripts = [d.id for d in catalogue.scripts]
    if tension is not None and tension not in catalogue.tension_ids:
        raise UsageError(
            f"unknown tension '{tension}'{did_you_mean(tension, list(catalogue.tension_ids))}"
        )
    chosen = dialogue or ("one" if tension else "check-in")
    if chosen not in scripts:
        raise UsageError(
            f"unknown dialogue '{chosen}'{did_you_mean(chosen, scripts)}; see 'reflect dialogues'"
        )
    variables: dict[str, object] = {}
    if tension:
        variables.update(chosen=tension, picked=tension)
    return chosen, variables


def _typed() -> Iterator[str]:
    if hasattr(sys.stdin, "reconfigure"):
        sys.stdin.reconfigure(errors="replace")  # a stray byte is a \ufffd, never an error
    while True:
        try:
            yield input("> ")
        except EOFError:
            return


def _piped() -> Iterator[str]:
    """Lines from standard input read as bytes and decoded one by one, a stray byte as
    \ufffd: every line before a bad byte is handled (and saved) as it comes."""
    encoding = getattr(sys.stdin, "encoding", None) or "utf-8"
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # a text stream handed in (tests): it is already decoded
        for line in sys.stdin:  # noqa: UP028 (a "yield from" would close the stream with this)
            yield line
        return
    for raw in stream:
        yield raw.decode(encoding, "replace")


class _Reporting:
    """Input lines, with a word to the person whenever a save fails."""

    def __init__(self, lines: Iterable[str], recorder: Recorder, out: TextIO) -> None:
        self.lines, self.recorder, self.out = lines, recorder, out

    def __iter__(self) -> Iterator[str]:
        for line in self.lines:
            yield line
            if self.recorder.failure:
                self.out.write(f"\n({ui('not-saved', why=self.recorder.failure)})\n")


def _converse(session: Session, recorder: Recorder, session_id: int, folder: Path) -> int:
    interactive = sys.stdin.isatty()
    lines = _typed() if interactive else _piped()
    out = sys.stdout
    catalogue = session.engine.catalogue
    summary = lambda: build(snapshot(session.state, catalogue), catalogue)  # noqa: E731
    # on a terminal, lines break between words (never inside one), at most 100 columns wide
    width = min(shutil.get_terminal_size().columns, 101) - 1 if out.isatty() else 0
    status = run_plain(
        session,
        _Reporting(lines, recorder, out),
        out,
        echo=not interactive,
        summary=summary,
        width=width,
    )
    recorder.save(session)  # a last save, with the final state
    if recorder.failure:
        # the last lines could not be written: say so, and what is kept
        out.write(
            f"\nYour last {len(recorder.pending)} answer(s) could not be saved: "
            f"{recorder.failure}\nWhat you answered before them is kept as session "
            f"{session_id}. To carry on from there: {carry_on(session_id, folder)}\n"
        )
        return status
    out.write(
        f"\nSaved as session {session_id}. Later: reflect export {session_id} "
        "--format html -o summary.html\n"
    )
    if not session.finished or session.state.quit:
        out.write(f"To carry on: {carry_on(session_id, folder)}\n")
    return status


def run_plain_command(
    dirs: ContentDirs, folder: Path, dialogue: str | None, tension: str | None, coach: bool = False
) -> int:
    catalogue = load_catalogue(dirs)
    dialogue_id, variables = choose_dialogue(catalogue, dialogue, tension)
    journal = open_journal(folder)
    seen = journal.explored()
    engine = Engine(catalogue, seed=random.SystemRandom().randrange(1 << 30))
    try:
        session, recorder = start_recorded(journal, engine, dialogue_id, variables, seen)
    except EngineError as exc:
        raise UsageError(str(exc)) from None
    if coached(dialogue_id, coach):
        print(ui("coach-mode"))
    return _converse(session, recorder, recorder.session_id, folder)


def run_resume(dirs: ContentDirs, folder: Path, session_id: int | None) -> int:
    """Rebuild a session from its saved lines and carry on where it stopped, in plain mode."""
    catalogue = load_catalogue(dirs)
    journal = open_journal(folder)
    session, recorder, answered = resumed(catalogue, journal, session_id)
    print(f"Resuming session {recorder.session_id} ({answered} answer(s) so far).")
    return _converse(session, recorder, recorder.session_id, folder)
