"""The journal: what it keeps, how private it is, and what it does with damaged or newer files."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from reflect.content.loader import Loaded
from reflect.journal.storage import DATABASE, VERSION, Journal, StorageError


def test_a_session_is_kept_line_by_line_with_its_snapshot(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "data")
    sid = journal.create("one", 42, {"chosen": "power"}, frozenset({"arena"}))
    journal.append(sid, ["first answer"], {"tensions": [{"id": "power"}]}, False)
    journal.append(sid, ["yes", ""], {"tensions": [{"id": "power", "now": 3}]}, True)
    stored = journal.get(sid)
    assert stored is not None
    assert journal.lines(sid) == ["first answer", "yes", ""]
    assert stored.snapshot["tensions"][0]["now"] == 3
    assert (stored.dialogue, stored.seed, stored.finished) == ("one", 42, True)
    assert stored.variables == {"chosen": "power"} and stored.seen == {"arena"}
    assert stored.tensions == ("power",)
    assert journal.explored() == {"power"}


def test_the_journal_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    Journal(folder).create("one", 1, {}, frozenset())
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / DATABASE).stat().st_mode) == 0o600


def test_a_folder_left_open_to_others_is_closed_again(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    Journal(folder).close()
    folder.chmod(0o755)
    (folder / DATABASE).chmod(0o644)
    Journal(folder)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE((folder / DATABASE).stat().st_mode) == 0o600


def test_a_journal_from_a_newer_version_is_refused_and_left_untouched(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    Journal(folder).close()
    db = sqlite3.connect(folder / DATABASE)
    db.execute(f"PRAGMA user_version = {VERSION + 5}")
    db.close()
    before = (folder / DATABASE).read_bytes()
    with pytest.raises(StorageError, match="newer version of reflect"):
        Journal(folder)
    assert (folder / DATABASE).read_bytes() == before


def test_a_damaged_journal_is_refused_and_left_untouched(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    garbage = b"this is not a database at all" * 100
    (folder / DATABASE).write_bytes(garbage)
    with pytest.raises(StorageError, match="damaged"):
        Journal(folder)
    assert (folder / DATABASE).read_bytes() == garbage


def test_an_older_journal_is_migrated(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    sqlite3.connect(folder / DATABASE).close()  # schema version 0: an empty file
    journal = Journal(folder)
    assert journal.db.execute("PRAGMA user_version").fetchone()[0] == VERSION
    assert journal.sessions() == []


def test_forget_one_and_all(tmp_path: Path) -> None:
    journal = Journal(tmp_path / "data")
    a = journal.create("one", 1, {}, frozenset())
    b = journal.create("one", 2, {}, frozenset())
    journal.append(a, ["x"], {}, False)
    assert journal.forget(a) == 1
    assert [s.id for s in journal.sessions()] == [b] and journal.lines(a) == []
    assert journal.forget(None) == 1 and journal.sessions() == []


def _as_nobody(args: list[str], cwd: str) -> subprocess.CompletedProcess[str]:
    command = [
        "setpriv",
        "--reuid=65534",
        "--regid=65534",
        "--clear-groups",
        sys.executable,
        "-m",
        "reflect",
        *args,
    ]
    env = {k: v for k, v in os.environ.items() if k != "REFLECT_DATA_DIR"}
    return subprocess.run(command, capture_output=True, text=True, cwd=cwd, env=env, check=False)


@pytest.mark.skipif(
    os.geteuid() != 0 or not shutil.which("setpriv"),
    reason="needs root to run a check as another user",
)
def test_a_read_only_data_folder_gives_a_clear_message_and_no_traceback() -> None:
    base = Path(tempfile.mkdtemp(prefix="reflect-ro-"))
    try:
        base.chmod(0o755)
        probe = _as_nobody(["--version"], str(base))
        if probe.returncode != 0:
            pytest.skip("another user cannot run this checkout")
        folder = base / "data"
        folder.mkdir(mode=0o700)
        os.chown(folder, 65534, 65534)
        first = _as_nobody(["history", "--data-dir", str(folder)], str(base))
        assert first.returncode == 0, first.stderr
        (folder / DATABASE).chmod(0o400)
        folder.chmod(0o500)
        result = _as_nobody(["--plain", "--tension", "power", "--data-dir", str(folder)], str(base))
        assert result.returncode == 1
        assert "Traceback" not in result.stderr
        assert "journal" in result.stderr and str(folder) in result.stderr
    finally:
        shutil.rmtree(base, ignore_errors=True)


def test_a_lone_surrogate_in_an_answer_is_saved_mended(shipped: Loaded, tmp_path: Path) -> None:
    """Half of a broken pair (a paste, an undecodable byte) can always be saved."""
    from reflect.conversation.engine import Engine
    from reflect.journal.start import start_recorded

    journal = Journal(tmp_path)
    session, recorder = start_recorded(
        journal, Engine(shipped.catalogue, seed=3), "one", {"chosen": "power"}, frozenset()
    )
    session.send("We pushed back \ud800 at the board.")
    assert recorder.failure == ""
    assert journal.lines(recorder.session_id)[-1] == "We pushed back \ufffd at the board."
