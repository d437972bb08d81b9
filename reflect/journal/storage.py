"""The private journal: one SQLite database in the user's data folder. The only module that
touches that folder.

Every line the person sends is committed the moment it is given, together with a snapshot of
what the session has recorded so far, so a closed terminal or a killed process loses nothing:
the lines replay through the engine to resume, and the snapshot serves history, export and
compare without replaying. The folder is readable by its owner only (0700) and so is the
database (0600). The schema carries a version; older journals are migrated forward, and a
journal from a newer ``reflect`` is refused rather than overwritten.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import sqlite3
import stat
import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reflect.base.problems import StorageError
from reflect.journal.files import write_private

if TYPE_CHECKING:
    from reflect.journal.snapshot import Snapshot

__all__ = ["Journal", "StorageError", "StoredSession"]

DATABASE = "journal.sqlite3"

#: Each entry brings the schema from version i to i + 1.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        started TEXT NOT NULL,
        updated TEXT NOT NULL,
        dialogue TEXT NOT NULL,
        seed INTEGER NOT NULL,
        variables TEXT NOT NULL,
        seen TEXT NOT NULL,
        tensions TEXT NOT NULL DEFAULT '',
        finished INTEGER NOT NULL DEFAULT 0,
        snapshot BLOB NOT NULL DEFAULT '{}'
    );
    CREATE TABLE lines (
        session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        at TEXT NOT NULL,
        line TEXT NOT NULL,
        PRIMARY KEY (session_id, seq)
    );
    CREATE INDEX sessions_updated ON sessions(updated);
    """,
    # 2: a finished session's lines are kept as one compressed log
    """
    ALTER TABLE sessions ADD COLUMN log BLOB;
    """,
]
VERSION = len(MIGRATIONS)


@dataclass(frozen=True)
class StoredSession:
    """One session as the journal keeps it."""

    id: int
    started: str
    updated: str
    dialogue: str
    seed: int
    variables: dict[str, Any]
    seen: frozenset[str]
    tensions: tuple[str, ...]
    finished: bool
    #: the snapshot as stored (plain data); ``recorded`` reads it as a ``Snapshot``
    snapshot: dict[str, Any]

    @property
    def recorded(self) -> Snapshot:
        """The stored snapshot as a typed value."""
        # here, not at the top: reading the journal's list needs none of the conversation
        from reflect.journal.snapshot import Snapshot

        return Snapshot.read(self.snapshot)


def _pack(snapshot: dict[str, Any]) -> bytes:
    """A snapshot as compressed JSON (a tenth of the size of the text)."""
    return zlib.compress(json.dumps(snapshot, ensure_ascii=False).encode("utf-8"), 6)


def _unpack(value: bytes | str) -> dict[str, Any]:
    text = zlib.decompress(value).decode("utf-8") if isinstance(value, bytes) else value
    result: dict[str, Any] = json.loads(text)
    return result


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _private_folder(folder: Path) -> None:
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if stat.S_IMODE(folder.stat().st_mode) != 0o700:
            folder.chmod(0o700)
    except OSError as exc:
        raise StorageError(f"cannot use the data folder {folder}: {exc.strerror}") from None


class Journal:
    """The sessions of one person, in one SQLite file."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / DATABASE
        _private_folder(folder)
        fresh = not self.path.exists()
        if fresh:
            try:
                os.close(os.open(self.path, os.O_CREAT | os.O_WRONLY, 0o600))
            except OSError as exc:
                raise StorageError(
                    f"cannot create the journal in {folder}: {exc.strerror}"
                ) from None
        elif stat.S_IMODE(self.path.stat().st_mode) & 0o077:
            self.path.chmod(0o600)
        # one connection per thread (the app saves from a worker thread while the screen
        # reads), as separate processes would have
        self._local = threading.local()
        try:
            self._migrate()
            self.db.execute("PRAGMA journal_mode = WAL")
        except sqlite3.DatabaseError as exc:
            raise StorageError(self._explain(exc)) from None

    @property
    def db(self) -> sqlite3.Connection:
        """This thread's connection to the journal, opened on first use."""
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self.path, isolation_level=None)
            db.execute("PRAGMA foreign_keys = ON")
            db.execute("PRAGMA synchronous = FULL")
            self._local.db = db
        return db

    def _explain(self, exc: sqlite3.Error) -> str:
        text = str(exc)
        if "not a database" in text or "malformed" in text:
            return (
                f"the journal {self.path} is damaged and cannot be read. It has been left "
                "untouched; move it aside (or restore a backup) to start a new one."
            )
        if "readonly" in text or "unable to open" in text or "disk I/O" in text:
            return (
                f"cannot write to the journal {self.path}: {text}. Check the folder's permissions."
            )
        if "full" in text:
            return f"the disk is full: cannot save to {self.path}."
        return f"cannot use the journal {self.path}: {text}"

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > VERSION:
            raise StorageError(
                f"the journal {self.path} was written by a newer version of reflect "
                f"(schema {version}; this version reads up to {VERSION}). It has been left "
                "untouched: upgrade reflect to use it."
            )
        for number in range(version, VERSION):
            try:
                self.db.executescript(
                    f"BEGIN IMMEDIATE; {MIGRATIONS[number]}; PRAGMA user_version = {number + 1};"
                    " COMMIT;"
                )
            except sqlite3.Error:
                if self.db.in_transaction:
                    self.db.execute("ROLLBACK")
                # another process opening the same new journal migrated it first
                if self.db.execute("PRAGMA user_version").fetchone()[0] > number:
                    continue
                raise

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        try:
            if not self.db.in_transaction:
                self.db.execute("BEGIN IMMEDIATE")
            yield
            self.db.execute("COMMIT")
        except sqlite3.Error as exc:
            if self.db.in_transaction:
                self.db.execute("ROLLBACK")
            raise StorageError(self._explain(exc)) from None

    def close(self) -> None:
        """Close this thread's connection."""
        db = getattr(self._local, "db", None)
        if db is not None:
            db.close()
            self._local.db = None

    # -- writing ------------------------------------------------------------------------------

    def create(
        self, dialogue: str, seed: int, variables: dict[str, Any], seen: frozenset[str]
    ) -> int:
        """A new session; returns its id."""
        now = _now()
        with self._transaction():
            cursor = self.db.execute(
                "INSERT INTO sessions (started, updated, dialogue, seed, variables, seen)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (now, now, dialogue, seed, json.dumps(variables), json.dumps(sorted(seen))),
            )
        return int(cursor.lastrowid or 0)

    def append(
        self,
        session_id: int,
        lines: list[str],
        snapshot: Snapshot | dict[str, Any],
        finished: bool,
    ) -> None:
        """Save lines sent since the last save, and the snapshot they led to, in one commit."""
        now = _now()
        if not isinstance(snapshot, dict):
            snapshot = snapshot.data()
        tensions = ",".join(t["id"] for t in snapshot.get("tensions", []))
        with self._transaction():
            seq = self.db.execute(
                "SELECT COALESCE(MAX(seq), 0) FROM lines WHERE session_id = ?", (session_id,)
            ).fetchone()[0]
            self.db.executemany(
                "INSERT INTO lines (session_id, seq, at, line) VALUES (?, ?, ?, ?)",
                [(session_id, seq + i, now, line) for i, line in enumerate(lines, start=1)],
            )
            if finished:
                self._close_log(session_id)
            self.db.execute(
                "UPDATE sessions SET updated = ?, tensions = ?, finished = ?, snapshot = ?"
                " WHERE id = ?",
                (
                    now,
                    tensions,
                    int(finished),
                    _pack(snapshot),
                    session_id,
                ),
            )

    def _close_log(self, session_id: int) -> None:
        """Fold a finished session's lines into one compressed log (a fifth of the space)."""
        lines = [
            r[0]
            for r in self.db.execute(
                "SELECT line FROM lines WHERE session_id = ? ORDER BY seq", (session_id,)
            )
        ]
        old = self.db.execute("SELECT log FROM sessions WHERE id = ?", (session_id,)).fetchone()
        earlier = json.loads(zlib.decompress(old[0])) if old and old[0] else []
        log = zlib.compress(json.dumps(earlier + lines, ensure_ascii=False).encode("utf-8"), 6)
        self.db.execute("UPDATE sessions SET log = ? WHERE id = ?", (log, session_id))
        self.db.execute("DELETE FROM lines WHERE session_id = ?", (session_id,))

    def forget(self, session_id: int | None) -> int:
        """Delete one session (or all of them, with None); returns how many were deleted."""
        with self._transaction():
            if session_id is None:
                count = self.db.execute("DELETE FROM sessions").rowcount
            else:
                count = self.db.execute("DELETE FROM sessions WHERE id = ?", (session_id,)).rowcount
        if session_id is None:
            self.db.execute("VACUUM")
        return int(count)

    # -- reading ------------------------------------------------------------------------------

    def _row(self, row: tuple[Any, ...], with_snapshot: bool) -> StoredSession:
        return StoredSession(
            id=row[0],
            started=row[1],
            updated=row[2],
            dialogue=row[3],
            seed=row[4],
            variables=json.loads(row[5]),
            seen=frozenset(json.loads(row[6])),
            tensions=tuple(t for t in row[7].split(",") if t),
            finished=bool(row[8]),
            snapshot=_unpack(row[9]) if with_snapshot else {},
        )

    def sessions(self) -> list[StoredSession]:
        """Every session, oldest first, without snapshots (what ``history`` needs)."""
        try:
            rows = self.db.execute(
                "SELECT id, started, updated, dialogue, seed, tensions, finished FROM sessions"
                " ORDER BY id"
            ).fetchall()
        except sqlite3.Error as exc:
            raise StorageError(self._explain(exc)) from None
        return [
            StoredSession(
                r[0],
                r[1],
                r[2],
                r[3],
                r[4],
                {},
                frozenset(),
                tuple(t for t in r[5].split(",") if t),
                bool(r[6]),
                {},
            )
            for r in rows
        ]

    def get(self, session_id: int) -> StoredSession | None:
        try:
            row = self.db.execute(
                "SELECT id, started, updated, dialogue, seed, variables, seen, tensions,"
                " finished, snapshot FROM sessions WHERE id = ?",
                (session_id,),
            ).fetchone()
        except sqlite3.Error as exc:
            raise StorageError(self._explain(exc)) from None
        return self._row(row, True) if row else None

    def latest_unfinished(self) -> StoredSession | None:
        row = self.db.execute(
            "SELECT id FROM sessions WHERE finished = 0 ORDER BY id DESC LIMIT 1"
        ).fetchone()
        return self.get(row[0]) if row else None

    def lines(self, session_id: int) -> list[str]:
        """Every line sent in a session, in order."""
        row = self.db.execute("SELECT log FROM sessions WHERE id = ?", (session_id,)).fetchone()
        logged: list[str] = json.loads(zlib.decompress(row[0])) if row and row[0] else []
        rows = self.db.execute(
            "SELECT line FROM lines WHERE session_id = ? ORDER BY seq", (session_id,)
        ).fetchall()
        return logged + [r[0] for r in rows]

    def explored(self) -> frozenset[str]:
        """Tensions the person has explored in any earlier session."""
        rows = self.db.execute("SELECT tensions FROM sessions").fetchall()
        return frozenset(t for (row,) in rows for t in row.split(",") if t)


# -- spaces for the people a served app (``reflect serve``) reaches ---------------------------

#: Where a served app keeps each participant's journal, inside its root (see ``served_root``).
PARTICIPANTS = "participants"
#: A workshop's record of itself, in its root.
WORKSHOP = "workshop.json"
#: A workshop's name: letters, digits, "-" and "_" (it names a folder).
WORKSHOP_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")


def served_root(folder: Path, workshop: str | None) -> Path:
    """Where the served app keeps its participants: the workshop's own folder, or one shared
    by every participant served outside a workshop. Raises ``StorageError`` for a workshop
    name that cannot name a folder."""
    if workshop is None:
        return folder / "served"
    if not WORKSHOP_NAME.fullmatch(workshop):
        raise StorageError(
            f"{workshop!r} cannot name a workshop: use letters, digits, '-' and '_' "
            "(at most 64, starting with a letter or digit)"
        )
    return folder / "workshops" / workshop


def new_participant(root: Path) -> Path:
    """A new private folder for one participant, under ``root``: their journal, exports and
    settings live there, where no other participant's app looks."""
    parent = root / PARTICIPANTS
    _private_folder(root)
    _private_folder(parent)
    for _ in range(8):
        space = parent / secrets.token_hex(8)
        try:
            space.mkdir(mode=0o700)
        except FileExistsError:
            continue
        except OSError as exc:
            raise StorageError(f"cannot use the data folder {parent}: {exc.strerror}") from None
        return space
    raise StorageError(f"cannot make a new participant's folder in {parent}")


def participants(root: Path) -> list[Path]:
    """Every participant's folder under ``root`` that holds a journal, oldest first."""
    parent = root / PARTICIPANTS
    if not parent.is_dir():
        return []
    found = [p for p in parent.iterdir() if (p / DATABASE).is_file()]
    return sorted(found, key=lambda p: ((p / DATABASE).stat().st_mtime, p.name))


def record_workshop(root: Path, name: str, dialogue: str) -> None:
    """Write down which dialogue a workshop runs (its trainer's later reports read it)."""
    _private_folder(root)
    path = root / WORKSHOP
    record = {"workshop": name, "dialogue": dialogue, "started": _now()}
    if path.is_file():
        with suppress(OSError, ValueError, KeyError, TypeError):  # unreadable: start afresh
            record["started"] = json.loads(path.read_text(encoding="utf-8"))["started"]
    try:
        write_private(json.dumps(record) + "\n", path)
    except OSError as exc:
        raise StorageError(f"cannot write {path}: {exc.strerror}") from None
