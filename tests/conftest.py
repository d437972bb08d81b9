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
