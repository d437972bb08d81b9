"""A coach beside the person: notes under their own label, a key for them in the app, their own
part of the summary, and an export that can leave them out."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from textual.widgets import Input

from reflect.cli import main
from reflect.content.loader import Loaded
from reflect.journal.snapshot import without_notes
from reflect.tui.chat import ChatScreen, Message
from tests.appkit import app_for

NOTE = "Coach: she lit up talking about the minutes - come back to that."


def plain(data: Path, *argv: str, lines: list[str]) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "reflect", "--plain", *argv],
        input="\n".join(lines) + "\n",
        text=True,
        capture_output=True,
        env={"REFLECT_DATA_DIR": str(data), "PATH": ""},
        timeout=60,
    )
    return done.stdout


def test_in_plain_mode_a_coach_is_told_how_to_note_and_notes_are_labelled(tmp_path: Path) -> None:
    said = plain(
        tmp_path / "data",
        "--coach",
        "--dialogue",
        "scenario-childrens-trust",
        lines=["/note " + NOTE, "I named the imbalance at the board.", "1", "2", ""],
    )
    assert "With a coach: at any question, /note TEXT adds a coach's note." in said
    assert "Coach's note: " + NOTE in said
    alone = plain(tmp_path / "other", "--dialogue", "scenario-childrens-trust", lines=[""])
    assert "With a coach" not in alone


def test_an_export_can_leave_the_coachs_notes_out(tmp_path: Path) -> None:
    data = tmp_path / "data"
    plain(
        data,
        "--dialogue",
        "scenario-childrens-trust",
        lines=["/note " + NOTE, "I named the imbalance at the board.", "1", "2", ""],
    )
    with_notes, without = tmp_path / "with.md", tmp_path / "without.md"
    base = ["export", "1", "--format", "md", "--data-dir", str(data)]
    assert main([*base, "-o", str(with_notes)]) == 0
    assert main([*base, "--no-coach-notes", "-o", str(without)]) == 0
    assert "Coach's notes" in with_notes.read_text() and "lit up" in with_notes.read_text()
    assert "Coach's notes" not in without.read_text() and "lit up" not in without.read_text()
    # the rest of the summary is the same
    assert "named the imbalance" in without.read_text()


def test_leaving_notes_out_keeps_everything_else() -> None:
    snap = {"notes": ["a"], "tensions": [{"id": "power", "notes": ["b"], "now": 2}], "x": 1}
    assert without_notes(snap) == {
        "notes": [],
        "tensions": [{"id": "power", "notes": [], "now": 2}],
        "x": 1,
    }
    assert snap["notes"] == ["a"]  # the stored snapshot is not changed


async def test_in_the_app_a_coach_has_a_key_and_notes_show_under_their_label(
    shipped: Loaded,
) -> None:
    app = app_for(shipped.catalogue, "scenario-childrens-trust", coach=True)
    async with app.run_test(size=(100, 40)) as pilot:
        chat = app.screen
        assert isinstance(chat, ChatScreen) and chat.check_action("note", ()) is True
        await pilot.press("ctrl+o")
        reply = chat.query_one("#reply", Input)
        assert reply.value == "/note "
        reply.value += NOTE
        await pilot.press("enter")
        await pilot.pause()
        notes = [m for m in chat.query(Message) if m.turn.speaker == "coach"]
        assert [str(m.render()) for m in notes] == ["Coach's note: " + NOTE]
        assert chat.session.state.records["power"].notes == (NOTE,)
    without = app_for(shipped.catalogue, "scenario-childrens-trust")
    async with without.run_test(size=(100, 40)):
        assert isinstance(without.screen, ChatScreen)
        assert without.screen.check_action("note", ()) is False  # no coach: no key shown
    coaching = app_for(shipped.catalogue, "coaching")
    async with coaching.run_test(size=(100, 40)):
        assert isinstance(coaching.screen, ChatScreen)
        assert coaching.screen.check_action("note", ()) is True  # the coaching dialogue
