"""``reflect serve`` without a browser: where it may listen, what it says, and each person's
private space (the browser itself is driven in test_serve_browser.py)."""

from __future__ import annotations

import json
import shlex
from pathlib import Path
from typing import Any, ClassVar

import pytest

from reflect.cli import app as app_command
from reflect.cli import main
from reflect.content.places import ContentDirs
from reflect.journal.storage import Journal, new_participant, participants, served_root
from reflect.serve.server import app_command as serve_command
from reflect.serve.server import is_loopback


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "::1", "localhost"])
def test_loopback_addresses(host: str) -> None:
    assert is_loopback(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "::", "example.org"])
def test_addresses_other_machines_reach(host: str) -> None:
    assert not is_loopback(host)


class FakeServer:
    """Stands in for textual-serve's server: records how it was made, serves nothing."""

    made: ClassVar[list[dict[str, Any]]] = []

    def __init__(self, command: str, **options: Any) -> None:
        FakeServer.made.append({"command": command, **options})

    def serve(self) -> None:
        FakeServer.made[-1]["served"] = True


@pytest.fixture
def fake_server(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    import textual_serve.server

    FakeServer.made = []
    monkeypatch.setattr(textual_serve.server, "Server", FakeServer)
    return FakeServer.made


def test_another_address_needs_public_and_nothing_is_served(
    fake_server: list[dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", "--host", "0.0.0.0"]) == 2
    assert "--public" in capsys.readouterr().err
    assert fake_server == []


def test_public_says_what_it_exposes(
    fake_server: list[dict[str, Any]], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["serve", "--host", "0.0.0.0", "--public", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "http://0.0.0.0:8000" in out and "no password" in out and "not encrypted" in out
    assert [s["host"] for s in fake_server] == ["0.0.0.0"]


def test_loopback_is_the_default_and_says_nothing_of_exposure(
    fake_server: list[dict[str, Any]], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["serve", "--port", "8123", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "http://127.0.0.1:8123" in out and "no password" not in out
    [made] = fake_server
    assert (made["host"], made["port"], made["served"]) == ("127.0.0.1", 8123, True)
    # the page's template is the project's own: its font comes from the server itself
    page = (Path(made["templates_path"]) / "app_index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in page and "fonts/RobotoMono" in page


def test_a_workshop_runs_one_dialogue_for_everyone(
    fake_server: list[dict[str, Any]], tmp_path: Path
) -> None:
    argv = ["serve", "--workshop", "spring-cohort", "--dialogue", "scenario-janus"]
    assert main([*argv, "--data-dir", str(tmp_path)]) == 0
    command = shlex.split(fake_server[0]["command"])
    assert command[command.index("--dialogue") + 1] == "scenario-janus"
    root = tmp_path / "workshops" / "spring-cohort"
    assert command[command.index("--served") + 1] == str(root.resolve())
    record = json.loads((root / "workshop.json").read_text(encoding="utf-8"))
    assert (record["workshop"], record["dialogue"]) == ("spring-cohort", "scenario-janus")


@pytest.mark.parametrize(
    ("argv", "status", "says"),
    [
        (["--workshop", "../elsewhere"], 1, "cannot name a workshop"),
        (["--dialogue", "no-such-thing"], 2, "no dialogue 'no-such-thing'"),
        (["--port", "0"], 2, "--port"),
    ],
)
def test_bad_options_are_refused_before_serving(
    fake_server: list[dict[str, Any]],
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    argv: list[str],
    status: int,
    says: str,
) -> None:
    assert main(["serve", *argv, "--data-dir", str(tmp_path)]) == status
    assert says in capsys.readouterr().err and fake_server == []


def test_the_command_survives_paths_with_spaces(tmp_path: Path) -> None:
    dirs = ContentDirs(tmp_path / "my tensions", tmp_path / "my dialogues")
    command = shlex.split(serve_command(dirs, tmp_path / "a root", "check-in"))
    assert command[command.index("--tensions") + 1] == str((tmp_path / "my tensions").resolve())
    assert command[-2:] == ["--dialogue", "check-in"]


def test_each_connection_gets_a_new_private_space(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    opened: list[Path] = []

    def run_app(dirs: ContentDirs, folder: Path, *args: Any, **kwargs: Any) -> int:
        opened.append(folder)
        assert kwargs == {"served": True}
        return 0

    monkeypatch.setattr(app_command, "run_app", run_app)
    root = served_root(tmp_path, None)
    dirs = ContentDirs(tmp_path, tmp_path)
    app_command.run_served(dirs, root, None)
    app_command.run_served(dirs, root, None)
    first, second = opened
    assert first != second and first.parent == second.parent == root / "participants"
    assert all(p.stat().st_mode & 0o777 == 0o700 for p in (root, first, second))


def test_no_participant_sees_another_ones_sessions(tmp_path: Path) -> None:
    root = served_root(tmp_path, "demo")
    alice, bob = Journal(new_participant(root)), Journal(new_participant(root))
    kept = alice.create("check-in", 1, {}, frozenset())
    assert [s.id for s in alice.sessions()] == [kept]
    assert bob.sessions() == [] and bob.get(kept) is None
    assert bob.forget(kept) == 0 and [s.id for s in alice.sessions()] == [kept]
    assert set(participants(root)) == {alice.folder, bob.folder}
