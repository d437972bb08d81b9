"""Shared fixtures: hermetic data folder, the shipped content, the seed texts."""

from __future__ import annotations

from pathlib import Path

import pytest

from reflect.content.loader import Loaded, load_content
from reflect.content.places import ContentDirs, packaged
from reflect.matching.cues import CueReader
from reflect.matching.matcher import Matcher

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"


#: Tests that take over two minutes between them: the reader's held-out
#: accuracy (it is trained three times), the three heaviest robustness runs, and the answer
#: typed in a real browser (it starts Chromium). They are marked
#: ``slow`` and run on their own, after the suite, as CI runs them:
#: ``pytest -m slow --dist loadfile``.
SLOW = {
    "test_heldout.py": (),  # every test in it
    "test_content_mutants.py": (
        "test_every_mutant_is_checked_and_loaded_without_a_traceback_a_hang_or_a_crash",
    ),
    "test_app_hostile.py": ("test_hostile_answers_never_crash_or_command_the_app",),
    "test_kills.py": ("test_a_session_killed_at_any_moment_loses_nothing_and_carries_on",),
    "test_serve_browser.py": (),
}


#: The longest of the rest (seconds each), started first so that the cores finish together.
FIRST = (
    "test_style_checks_pass",  # mypy --strict, from a cold cache in CI
    "test_a_whole_conversation_ends_with_the_summary",
    "test_past_sessions_open_compare_and_forget_after_asking",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        names = SLOW.get(item.path.name)
        if names is not None and (not names or getattr(item, "originalname", "") in names):
            item.add_marker(pytest.mark.slow)
    rank = {name: i for i, name in enumerate(FIRST)}
    items.sort(key=lambda item: rank.get(getattr(item, "originalname", ""), len(FIRST)))


@pytest.fixture(autouse=True)
def _hermetic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing a test does touches the user's real data folder."""
    monkeypatch.setenv("REFLECT_DATA_DIR", str(tmp_path / "data"))


@pytest.fixture(scope="session")
def shipped_dirs() -> ContentDirs:
    return packaged()


@pytest.fixture(scope="session")
def shipped(shipped_dirs: ContentDirs) -> Loaded:
    return load_content(shipped_dirs.tensions, shipped_dirs.dialogues)


@pytest.fixture(scope="session")
def matcher(shipped: Loaded) -> Matcher:
    """The reader as shipped: the cue layer and the learned weights."""
    return Matcher(shipped.catalogue)


@pytest.fixture(scope="session")
def cues(shipped: Loaded) -> CueReader:
    """The cue layer alone: its rules feed the learned reader and read untrained tensions."""
    return CueReader(shipped.catalogue)
