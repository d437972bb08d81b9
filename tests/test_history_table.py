"""The text table of ``reflect history``: one row per session, oldest first, under a header."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reflect.cli import main
from reflect.content.loader import Loaded
from reflect.journal.storage import Journal

HEADER = ["id", "date", "dialogue", "state", "tensions"]


def kept(journal: Journal, dialogue: str, tensions: list[str], finished: bool) -> int:
    """A session as a conversation leaves it: created, then saved with what it explored."""
    number = journal.create(dialogue, 5, {}, frozenset())
    if tensions or finished:
        snapshot = {"tensions": [{"id": t} for t in tensions]}
        journal.append(number, ["an answer"], snapshot, finished)
    return number


def table(capsys: pytest.CaptureFixture[str], *argv: str) -> list[str]:
    assert main(["history", *argv]) == 0
    return capsys.readouterr().out.splitlines()


def cells(row: str) -> list[str]:
    """A row's columns (they are set apart by two spaces or more)."""
    return re.split(r"\s{2,}", row.strip())


def test_each_session_is_a_row_with_its_number_date_dialogue_state_and_tensions(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, shipped: Loaded
) -> None:
    folder = tmp_path / "elsewhere"  # --data-dir, not the folder reflect finds by itself
    journal = Journal(folder)
    kept(journal, "one", ["power"], finished=True)
    kept(journal, "check-in", ["aims", "power"], finished=False)
    kept(journal, "full", [], finished=False)  # started, nothing answered yet
    started = {s.id: s.started[:16].replace("T", " ") for s in journal.sessions()}
    title = {t.id: t.title for t in shipped.catalogue.tensions}

    header, *rows = table(capsys, "--data-dir", str(folder))
    assert header.split() == HEADER
    assert [cells(row) for row in rows] == [
        ["1", started[1], "one", "finished", title["power"]],
        ["2", started[2], "check-in", "unfinished", f"{title['aims']}; {title['power']}"],
        ["3", started[3], "full", "unfinished"],
    ]
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", day) for day in started.values())
    # a table: every column starts where its heading does
    for heading in ("date", "dialogue", "state"):
        at = header.index(heading)
        assert all(row[at - 2 : at] == "  " and row[at] != " " for row in rows), heading


def test_the_rows_go_oldest_first_by_session_number(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    journal = Journal(tmp_path / "journal")
    for dialogue in ("full", "one", "check-in", "coaching"):
        kept(journal, dialogue, ["power"], finished=True)
    journal.forget(2)  # a gap stays a gap: numbers are never reused or shifted
    _, *rows = table(capsys, "--data-dir", str(tmp_path / "journal"))
    numbered = [(cells(row)[0], cells(row)[2]) for row in rows]
    assert numbered == [("1", "full"), ("3", "check-in"), ("4", "coaching")]


def test_a_tension_the_content_does_not_know_is_listed_by_its_id(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, shipped: Loaded
) -> None:
    journal = Journal(tmp_path / "journal")
    kept(journal, "one", ["retired-tension", "aims"], finished=True)
    _, row = table(capsys, "--data-dir", str(tmp_path / "journal"))
    aims = shipped.catalogue.tension("aims").title
    assert cells(row)[-1] == f"retired-tension; {aims}"


def test_without_readable_content_the_tensions_are_listed_by_id(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    journal = Journal(tmp_path / "journal")
    kept(journal, "one", ["power", "aims"], finished=True)
    missing = tmp_path / "no-such-folder"
    _, row = table(capsys, "--data-dir", str(tmp_path / "journal"), "--tensions", str(missing))
    assert cells(row)[-1] == "power; aims"


def test_an_empty_journal_says_how_to_start_instead_of_a_table(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    Journal(tmp_path / "journal")
    lines = table(capsys, "--data-dir", str(tmp_path / "journal"))
    assert lines == ["No sessions yet. Start one with: reflect --plain"]
    # and a journal whose every session was forgotten is empty again
    journal = Journal(tmp_path / "journal")
    kept(journal, "one", ["power"], finished=True)
    journal.forget(None)
    assert table(capsys, "--data-dir", str(tmp_path / "journal")) == lines
