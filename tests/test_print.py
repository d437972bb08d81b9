"""The HTML summary on paper: printed by headless Chromium (installed by .ci/run), counted."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from reflect.content.loader import Loaded
from reflect.summary.build import build
from reflect.summary.html import render

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync "
    "--no-pdf-header-footer"
).split()


def printed_pages(html: str, folder: Path) -> int:
    assert CHROMIUM is not None
    page, pdf = folder / "summary.html", folder / "summary.pdf"
    page.write_text(html, encoding="utf-8")
    subprocess.run(
        [
            CHROMIUM,
            *FLAGS,
            f"--user-data-dir={folder / 'profile'}",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))


def answered(tension: str, now: int) -> dict[str, object]:
    """A tension answered in full, with long answers: the most a summary prints."""
    story = (
        "Last month the council brought the plan to the board as already agreed. I said in the "
        "meeting that families had not been consulted, and the chair moved on. Afterwards I "
        "phoned the head of early help and we agreed two parents would present next time."
    )
    return {
        "id": tension,
        "now": now,
        "preferred": 4,
        "answer": story,
        **{k: story for k in ("feeling", "grounds", "cost", "probe", "others", "again")},
        "action": "Brief two allies before the next board.",
        "warning": "I catch myself using the council's words.",
    }


@pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium (.ci/run installs it)")
def test_three_tensions_print_on_at_most_four_a4_pages(shipped: Loaded, tmp_path: Path) -> None:
    snap = {
        "name": "Priya",
        "reflections": {"story": "x " * 200, "feeling": "Furious, then resigned."},
        "tensions": [answered("arena", 6), answered("agency-dependency", 3), answered("power", 2)],
    }
    html = render(build(snap, shipped.catalogue))
    assert printed_pages(html, tmp_path) <= 4
