"""``reflect history``, ``export``, ``compare`` and ``forget``: the journal, from the shell."""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from reflect.base.problems import UsageError
from reflect.base.textsafe import visible
from reflect.cli.common import open_journal
from reflect.content.model import Catalogue
from reflect.journal import files
from reflect.journal.snapshot import without_notes
from reflect.journal.storage import Journal, StoredSession
from reflect.summary.build import build
from reflect.summary.exporters import EXPORTERS, Export


def _session(journal: Journal, session_id: int) -> StoredSession:
    stored = journal.get(session_id)
    if stored is None:
        raise UsageError(f"no session {session_id} in the journal (see 'reflect history')")
    return stored


def run_history(folder: Path, as_json: bool, titles: dict[str, str] | None = None) -> int:
    """One line per session: id, date, dialogue, tensions (by title), finished or not."""
    titles = titles or {}
    journal = open_journal(folder)
    sessions = journal.sessions()
    if as_json:
        rows = [
            {
                "id": s.id,
                "started": s.started,
                "updated": s.updated,
                "dialogue": s.dialogue,
                "tensions": list(s.tensions),
                "finished": s.finished,
            }
            for s in sessions
        ]
        sys.stdout.write(json.dumps(rows) + "\n")
        return 0
    if not sessions:
        print("No sessions yet. Start one with: reflect --plain")
        return 0
    lines = [f"{'id':>5}  {'date':<16}  {'dialogue':<26}  {'state':<10}  tensions"]
    for s in sessions:
        state = "finished" if s.finished else "unfinished"
        date = s.started[:16].replace("T", " ")
        lines.append(
            f"{s.id:>5}  {date:<16}  {s.dialogue:<26}  {state:<10}  "
            + "; ".join(titles.get(t, t) for t in s.tensions)
        )
    sys.stdout.write(visible("\n".join(lines)) + "\n")
    return 0


def write_out(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    write_private(text, output)
    print(f"Written to {output}", file=sys.stderr)


def run_export(
    folder: Path,
    catalogue: Catalogue,
    session_id: int,
    fmt: str,
    output: Path | None,
    with_words: bool,
    coach_notes: bool = True,
) -> int:
    """Write one session's summary as Markdown, HTML or JSON (without the coach's notes when
    ``coach_notes`` is false)."""
    journal = open_journal(folder)
    text = export_text(journal, catalogue, session_id, fmt, with_words, coach_notes)
    write_out(text, output)
    return 0


def export_text(
    journal: Journal,
    catalogue: Catalogue,
    session_id: int,
    fmt: str,
    with_words: bool = False,
    coach_notes: bool = True,
) -> str:
    """One session's summary in one of the export formats (``EXPORTERS``)."""
    stored = _session(journal, session_id)
    snap = stored.recorded if coach_notes else without_notes(stored.recorded)
    title = next((d.title for d in catalogue.scripts if d.id == stored.dialogue), "")
    subtitle = f"Session {stored.id}, {stored.started[:10]}" + (f": {title}" if title else "")
    meta = {"session": stored.id, "started": stored.started, "key": session_key(stored)}
    given = Export(build(snap, catalogue), snap, subtitle, meta, with_words)
    return EXPORTERS[fmt].render(given)


def session_key(stored: StoredSession) -> str:
    """An opaque key for one session, the same in every export of it: what lets a group map
    count a session once however many times it is given (ids alone repeat across journals)."""
    seen = f"{stored.started}|{stored.seed}|{stored.id}|{stored.dialogue}"
    return hashlib.sha256(seen.encode("utf-8")).hexdigest()[:16]


def write_private(text: str, output: Path) -> None:
    """Write ``text`` to ``output``, readable by its owner only, whole or not at all."""
    try:
        files.write_private(text, output)
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from None


def run_compare(folder: Path, catalogue: Catalogue, first: int, second: int) -> int:
    """How positions moved between two sessions, tension by tension."""
    journal = open_journal(folder)
    print(visible("\n".join(compare_lines(journal, catalogue, first, second))))
    return 0


def compare_lines(journal: Journal, catalogue: Catalogue, first: int, second: int) -> list[str]:
    """How positions moved between two sessions, tension by tension, as lines of text."""
    a, b = _session(journal, first), _session(journal, second)
    before = {t.id: t for t in a.recorded.tensions}
    after = {t.id: t for t in b.recorded.tensions}
    shared = [t for t in after if t in before]
    lines = [f"Session {a.id} ({a.started[:10]}) -> session {b.id} ({b.started[:10]})"]
    if not shared:
        return [*lines, "These sessions explored no tension in common."]
    for tension_id in shared:
        try:
            tension = catalogue.tension(tension_id)
        except KeyError:
            continue
        left, right = tension.poles[0].name, tension.poles[1].name
        lines.append(f"{tension.title} ({left} 1 ... 7 {right})")
        was, now = before[tension_id], after[tension_id]
        for label, old, new in (
            ("now", was.now, now.now),
            ("preferred", was.preferred, now.preferred),
        ):
            if old is None or new is None:
                lines.append(
                    f"  {label}: {old if old is not None else '-'} -> "
                    f"{new if new is not None else '-'}"
                )
                continue
            if new == old:
                move = "no change"
            else:
                move = f"{abs(new - old)} towards {right if new > old else left}"
            lines.append(f"  {label}: {old} -> {new} ({move})")
    only = [t for t in list(before) + list(after) if t not in shared]
    if only:
        names = {t: catalogue.tension(t).title for t in only if t in catalogue.tension_ids}
        lines.append(
            "Explored in only one of the two: "
            + "; ".join(names.get(t, t) for t in dict.fromkeys(only))
        )
    return lines


def run_forget(folder: Path, session_id: int | None, everything: bool, yes: bool) -> int:
    """Delete one session, or all of them, after asking."""
    if (session_id is None) == (not everything):
        raise UsageError("say which session to forget (reflect forget ID), or --all")
    journal = open_journal(folder)
    if session_id is not None:
        _session(journal, session_id)
    what = "ALL sessions" if everything else f"session {session_id}"
    if not yes:
        if not sys.stdin.isatty():
            raise UsageError(f"refusing to forget {what} without confirmation: add --yes")
        answer = input(f"Forget {what}? This cannot be undone. Type yes to confirm: ")
        if answer.strip().lower() != "yes":
            print("Nothing was deleted.")
            return 1
    count = journal.forget(None if everything else session_id)
    print(f"Forgot {count} session{'s' if count != 1 else ''}.")
    return 0
