"""The group map for a debrief: anonymous, at least three people per tension shown, a clear
message for each file that cannot be used, and the rest still mapped."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from reflect.cli import main
from reflect.content.loader import Loaded
from reflect.content.model import Catalogue
from reflect.journal.snapshot import SCHEMA
from reflect.summary.cohort import MIN_GROUP, build_cohort, problem_with
from reflect.summary.cohort_pages import RENDER


def export(key: str, now: int | None, preferred: int | None = None, **more: Any) -> dict[str, Any]:
    item: dict[str, Any] = {"id": "power", "now": now, "preferred": preferred, **more}
    return {
        "format": "reflect-session",
        "schema": SCHEMA,
        "session": 1,  # every participant's first session: the key tells them apart
        "started": "2026-11-24T10:00:00Z",
        "key": key,
        "tensions": [item],
    }


@pytest.fixture(scope="module")
def catalogue(shipped: Loaded) -> Catalogue:
    return shipped.catalogue


def test_three_people_make_a_picture_and_two_do_not(catalogue: Catalogue) -> None:
    three = [(f"p{k}", export(f"k{k}", now, 1)) for k, now in enumerate([2, 4, 6])]
    [spot] = build_cohort(three, catalogue).tensions
    assert spot.shown and spot.now == (2, 4, 6) and spot.preferred == (1, 1, 1)
    assert spot.poles == ("Challenge the imbalance", "Accept and work within it")
    assert MIN_GROUP == 3
    [few] = build_cohort(three[:2], catalogue).tensions
    assert not few.shown
    for fmt, render in RENDER.items():
        text = render(build_cohort(three[:2], catalogue), "spring")
        # nothing of where the two people stand is in the map
        assert "range" not in text and '"now"' not in text and "<circle" not in text, fmt
        assert "2 placed themselves here" in text or '"people": 2' in text


def test_each_unusable_file_is_named_and_the_rest_still_mapped(catalogue: Catalogue) -> None:
    newer = {**export("n", 3), "schema": SCHEMA + 1}
    documents = [
        ("a.json", export("same", 2)),
        ("b.json", {"format": "something else"}),
        ("c.json", newer),
        ("d.json", export("same", 2)),  # the same session again
        ("e.json", export("e", 5)),
        ("f.json", export("f", 7)),
    ]
    cohort = build_cohort(documents, catalogue)
    assert cohort.people == 3 and cohort.tensions[0].now == (2, 5, 7)
    assert [p.split(":")[0] for p in cohort.problems] == ["b.json", "c.json", "d.json"]
    assert "newer reflect" in cohort.problems[1] and "same session as a.json" in cohort.problems[2]
    assert problem_with([]) is not None and problem_with(export("x", 1)) is None


def test_action_steps_give_themes_and_are_quoted_only_when_asked(catalogue: Catalogue) -> None:
    steps = ["Raise it <b>at</b> the board", "Keep quiet this time", "Both, depending"]
    documents = [(f"p{k}", export(f"k{k}", 3, action=s)) for k, s in enumerate(steps)]
    leans = {steps[0]: "challenge", steps[1]: "accept", steps[2]: "both"}
    cohort = build_cohort(documents, catalogue, lambda text, tension: leans[text])
    [spot] = cohort.tensions
    assert dict(spot.steps) == {
        "Challenge the imbalance": 1,
        "Accept and work within it": 1,
        "both ends": 1,
    }
    assert spot.quotes == () and all(s not in RENDER["html"](cohort) for s in steps)
    quoted = build_cohort(documents, catalogue, lambda text, tension: leans[text], True)
    page = RENDER["html"](quoted)
    assert "Raise it &lt;b&gt;at&lt;/b&gt; the board" in page and "<b>at</b>" not in page


def write(path: Path, document: Any) -> Path:
    path.write_text(json.dumps(document) if not isinstance(document, str) else document)
    return path


def test_the_command_says_what_it_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = [write(tmp_path / f"p{k}.json", export(f"k{k}", k + 2)) for k in range(3)]
    files.append(write(tmp_path / "broken.json", '{"format": '))
    files.append(write(tmp_path / "again.json", export("k0", 2)))
    out = tmp_path / "map.json"
    argv = ["cohort", *map(str, files), "--format", "json", "-o", str(out)]
    assert main(argv) == 0
    err = capsys.readouterr().err
    assert f"{tmp_path / 'broken.json'}:1:" in err and "not JSON" in err
    assert "again.json: the same session as" in err
    mapped = json.loads(out.read_text())
    assert mapped["people"] == 3 and mapped["tensions"][0]["now"] == {"2": 1, "3": 1, "4": 1}
    assert out.stat().st_mode & 0o777 == 0o600
    assert main(["cohort", str(tmp_path / "broken.json")]) == 1
    assert "no session could be mapped" in capsys.readouterr().err


def test_two_exports_of_one_session_count_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    script = "I named the imbalance at the board.\n1\n2\n\n"
    import subprocess
    import sys

    subprocess.run(
        [sys.executable, "-m", "reflect", "--plain", "--dialogue", "scenario-childrens-trust"],
        input=script,
        text=True,
        capture_output=True,
        env={"REFLECT_DATA_DIR": str(data), "PATH": ""},
        check=True,
        timeout=60,
    )
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    for path in (first, second):
        assert (
            main(["export", "1", "--format", "json", "-o", str(path), "--data-dir", str(data)]) == 0
        )
    assert json.loads(first.read_text())["key"] == json.loads(second.read_text())["key"]
    capsys.readouterr()
    assert main(["cohort", str(first), str(second), "--format", "md"]) == 0
    captured = capsys.readouterr()
    assert "Group map: 1 person" in captured.out and "same session" in captured.err


def test_each_dot_sits_over_its_place(catalogue: Catalogue) -> None:
    import re

    from reflect.summary.cohort_pages import _x, svg

    three = [(f"p{k}", export(f"k{k}", now)) for k, now in enumerate([2, 4, 4])]
    [spot] = build_cohort(three, catalogue).tensions
    xs = sorted(float(x) for x in re.findall(r'<circle cx="([0-9.]+)"', svg(spot)))
    assert xs[0] == pytest.approx(_x(2), abs=0.1)  # one dot: right over its place
    assert sum(xs[1:]) / 2 == pytest.approx(_x(4), abs=0.1)  # two: side by side, centred
    assert xs[1] < _x(4) < xs[2]
