"""Faults: a disk that fills up while writing, a folder that cannot be written, two processes
on one journal. A clear message, earlier answers intact, never half a file."""

from __future__ import annotations

import errno
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reflect.cli import main
from reflect.journal import files
from reflect.journal.storage import Journal, StorageError
from tests.robustness.test_kills import ANSWERS


def plain(monkeypatch: pytest.MonkeyPatch, folder: Path, lines: list[str], *argv: str) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(f"{line}\n" for line in lines)))
    return main([*(argv or ("--plain", "--tension", "power")), "--data-dir", str(folder)])


def test_an_export_the_disk_cannot_hold_leaves_no_half_file_and_spoils_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "data"
    assert plain(monkeypatch, folder, ANSWERS) == 0
    out = tmp_path / "summary.md"
    assert main(["export", "1", "--format", "md", "-o", str(out), "--data-dir", str(folder)]) == 0
    before = out.read_text(encoding="utf-8")
    capsys.readouterr()

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(files.os, "fsync", full)
    argv = ["export", "1", "--format", "html", "-o", str(out), "--data-dir", str(folder)]
    assert main(argv) == 2
    assert f"cannot write {out}: No space left on device" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == before  # the earlier export is untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "summary.md"]  # no .part


def test_a_folder_that_cannot_be_written_gives_a_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "data"
    assert plain(monkeypatch, folder, ANSWERS) == 0
    capsys.readouterr()
    out = tmp_path / "not-a-folder" / "summary.md"
    (tmp_path / "not-a-folder").write_text("a file, not a folder")
    assert main(["export", "1", "-o", str(out), "--data-dir", str(folder)]) == 2
    err = capsys.readouterr().err
    assert (
        err.startswith(f"reflect: cannot write {out}: Not a directory") and "Traceback" not in err
    )


def test_a_journal_that_fills_up_keeps_what_came_before_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "data"
    append = Journal.append
    calls = [0]

    def filling(self: Journal, *args: object, **kwargs: object) -> None:
        calls[0] += 1
        if calls[0] > 3:
            raise StorageError(f"the disk is full: cannot save to {folder}")
        append(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Journal, "append", filling)
    assert plain(monkeypatch, folder, ANSWERS) == 0
    out = capsys.readouterr().out
    assert "Not saved yet: the disk is full" in out
    assert "could not be saved: the disk is full" in out
    assert "To carry on from there: reflect resume 1" in out
    monkeypatch.setattr(Journal, "append", append)
    assert Journal(folder).lines(1) == ANSWERS[:3]  # the three saved before it filled


def test_two_processes_writing_one_journal_lose_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "reflect", "--plain", "--tension", "power"],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env={**os.environ, "REFLECT_DATA_DIR": str(folder)},
        )
        for _ in range(2)
    ]
    for run in runs:
        _, err = run.communicate("".join(f"{a}\n" for a in ANSWERS).encode(), timeout=120)
        assert run.returncode == 0, err.decode()
    journal = Journal(folder)
    kept = journal.sessions()
    assert len(kept) == 2 and all(s.finished for s in kept)
    assert all(journal.lines(s.id) == ANSWERS for s in kept)
