"""The command line, called in process through ``cli.main``."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from reflect import __version__
from reflect.base.textsafe import MAX_TEXT
from reflect.cli import main
from reflect.content.places import ContentDirs
from tests.contentkit import edited_content

from .conftest import SEEDS

INVALID = Path(__file__).parent / "data" / "invalid" / "tensions"


def test_check_passes_on_the_shipped_content(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert "0 error(s), 0 warning(s)" in err


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed texts are not beside the checkout")
def test_check_with_seeds_finds_every_quote(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--seeds", str(SEEDS)]) == 0
    assert "quote-not-found" not in capsys.readouterr().out


@pytest.mark.parametrize(
    ("name", "where", "code"),
    [
        ("tab-indent", ":9:1:", "yaml-tab"),
        ("missing-pole", ":8:3:", "pole-count"),
        ("duplicate-pole-id", ":17:9:", "duplicate-id"),
        ("misspelt-key", ":13:5:", "unknown-key"),
    ],
)
def test_a_broken_file_gives_one_precise_line_and_exit_1(
    name: str, where: str, code: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", str(INVALID / f"{name}.yaml")]) == 1
    out = capsys.readouterr().out
    errors = [line for line in out.splitlines() if "warning:" not in line]
    assert len(errors) == 1
    assert f"{name}.yaml{where}" in errors[0] and errors[0].endswith(f"[{code}]")
    assert "Traceback" not in out


def test_checking_a_folder_reports_every_broken_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(INVALID)]) == 1
    out = capsys.readouterr().out
    broken = {Path(line.split(":")[0]).name for line in out.splitlines() if "warning:" not in line}
    assert broken == {p.name for p in INVALID.glob("*.yaml")}


def test_strict_turns_warnings_into_failure(tmp_path: Path) -> None:
    sample = Path(__file__).parent / "data" / "sample.yaml"
    folder = tmp_path / "tensions"
    folder.mkdir()
    shutil.copy(sample, folder / "sample.yaml")
    assert main(["check", str(folder)]) == 0  # only "too few" warnings
    assert main(["check", "--strict", str(folder)]) == 1


def test_content_option_points_at_another_folder(
    tmp_path: Path, shipped_dirs: ContentDirs, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(shipped_dirs.tensions, tmp_path / "tensions")
    (tmp_path / "tensions" / "power.yaml").unlink()
    assert main(["tensions", "--content", str(tmp_path)]) == 0
    listing = capsys.readouterr().out
    assert "agency-dependency" in listing and " power " not in listing


def test_a_missing_path_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "no/such/file.yaml"]) == 2
    assert "no such file or folder: no/such/file.yaml" in capsys.readouterr().err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"reflect {__version__}"


@pytest.mark.parametrize("argv", [["--version"], ["--help"], ["check", "--help"], ["check"]])
def test_non_ui_commands_never_import_textual(argv: list[str]) -> None:
    code = (
        "import sys\n"
        "from reflect.cli import main\n"
        f"status = main({argv!r})\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "print(status, bad)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip().splitlines()[-1] == "0 []"


def test_python_dash_m_reflect_runs_the_cli() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "reflect", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and result.stdout.strip() == f"reflect {__version__}"


def test_match_prints_the_pole_and_marks_the_evidence(capsys: pytest.CaptureFixture[str]) -> None:
    text = "We rely on the council for most of our funding and we can't say no to them."
    assert main(["match", "--tension", "agency-dependency", text]) == 0
    out = capsys.readouterr().out
    assert "Leans to:   Dependency" in out
    assert "\u00bbrely\u00ab" in out
    assert "Read:" not in out  # all of it was read


def test_match_json_follows_the_contract(capsys: pytest.CaptureFixture[str]) -> None:
    text = "We pushed back hard and called it out at the board."
    assert main(["match", "--json", "--tension", "power", text]) == 0
    result = json.loads(capsys.readouterr().out)
    keys = {"tension", "pole", "lean", "confidence", "unsure", "evidence", "tensions"}
    assert set(result) == keys | {"read_chars", "truncated"}
    assert result["pole"] == "challenge" and -1 <= result["lean"] < 0
    assert result["unsure"] is False
    assert (result["read_chars"], result["truncated"]) == (len(text), False)
    first = result["evidence"][0]
    assert text[first["start"] : first["end"]] == first["text"]


def stdin_of(data: bytes) -> io.TextIOWrapper:
    """Standard input as a strict UTF-8 terminal would give it: text that fails on a bad byte,
    over a ``.buffer`` of bytes (which is what ``reflect match`` reads)."""
    return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", errors="strict")


def strict_json(line: str) -> dict[str, Any]:
    """One output line, read as strictly as a parser in another language would."""

    def refuse(name: str) -> None:
        raise AssertionError(f"{name} in {line!r}")

    assert line.isascii() and line.isprintable(), line  # no control character reaches a tty
    value = json.loads(line, parse_constant=refuse)
    assert isinstance(value, dict)
    return value


def jsonl(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, data: bytes
) -> list[dict[str, Any]]:
    monkeypatch.setattr("sys.stdin", stdin_of(data))
    assert main(["match", "--jsonl"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return [strict_json(line) for line in out.split("\n")[:-1]]


def test_match_jsonl_gives_one_line_per_line_in_order(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = [
        '{"id": "a1", "text": "we rely on their money", "tension": "agency-dependency"}',
        "this is not json",
        '{"id": "a3"}',
        '{"id": "a4", "text": "We threatened judicial review."}',
        '{"id": "a5", "text": "x", "tension": "powr"}',
        '["a list"]',
        "",
        "   ",
        '{"id": 9, "text": "we rely on them"}',
    ]
    out = jsonl(capsys, monkeypatch, ("\n".join(lines) + "\n").encode())
    assert [o["line"] for o in out] == list(range(1, 10))
    assert [o["id"] for o in out] == ["a1", None, "a3", "a4", "a5", None, None, None, 9]
    assert out[0]["pole"] == "dependency" and out[0]["truncated"] is False
    assert "not JSON" in out[1]["error"] and out[2]["error"] == "no text"
    assert out[3]["tension"] == "conflict" and out[3]["tensions"][0]["id"] == "conflict"
    assert "did you mean 'power'" in out[4]["error"]
    codes = [o.get("code") for o in out]
    assert codes[:6] == [None, "not-json", "no-text", None, "unknown-tension", "not-object"]
    assert codes[6:] == ["blank", "blank", None]


# (why, the line, the error code, the id given back)
BAD_LINES = [
    # NaN and Infinity are not JSON, whatever Python's json module accepts
    ("nan-id", b'{"id": NaN, "text": "we rely on them"}', "not-json", None),
    ("infinity-id", b'{"id": -Infinity, "text": "we rely on them"}', "not-json", None),
    # valid JSON, but a number no reader can hold: Python reads 1e999 as inf
    ("overflowing-id", b'{"id": 1e999, "text": "we rely on them"}', "bad-id", None),
    # Python refuses to read an int of more than 4,300 digits (a ValueError)
    ("5000-digit-id", b'{"id": ' + b"9" * 5000 + b', "text": "x"}', "bad-id", None),
    # beyond 2^53 a JavaScript reader would change the number silently
    ("unsafe-int-id", b'{"id": 9007199254740993, "text": "x"}', "bad-id", None),
    ("list-id", b'{"id": [1], "text": "x"}', "bad-id", None),
    # a tension must be a string (a list is unhashable: a TypeError)
    ("list-tension", b'{"id": 1, "text": "x", "tension": ["power"]}', "bad-type", 1),
    ("object-tension", b'{"id": 2, "text": "x", "tension": {"a": 1}}', "bad-type", 2),
    ("number-text", b'{"id": 3, "text": 42}', "bad-type", 3),
    ("list-text", b'{"id": 4, "text": ["we rely on them"]}', "bad-type", 4),
    # deep nesting is a RecursionError in the json module
    ("deep-list", b"[" * 100_000 + b"]" * 100_000, "too-deep", None),
    (
        "deep-field",
        b'{"id": 5, "text": ' + b'{"a": ' * 50_000 + b"1" + b"}" * 50_001,
        "too-deep",
        None,
    ),
    # a bad byte: an error that still gives the id back
    ("bad-utf8", b'{"id": "u", "text": "we rely \xff\xfe on them"}', "not-utf8", "u"),
    ("bad-utf8-not-json", b"\xc3\x28 not json", "not-utf8", None),
    # json keeps the last of two keys silently: which text was meant?
    ("duplicate-key", b'{"id": 6, "text": "a", "text": "b"}', "duplicate-key", 6),
    ("blank", b"", "blank", None),
    ("carriage-return", b"\r", "blank", None),
    ("whitespace", b" \t ", "blank", None),
    ("number", b"3", "not-object", None),
    ("null", b"null", "not-object", None),
]


def test_match_jsonl_answers_each_bad_line_with_an_error_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    good = b'{"id": "ok", "text": "we rely on them"}'
    data = b"".join(good + b"\n" + line + b"\n" for _, line, _, _ in BAD_LINES) + good + b"\n"
    out = jsonl(capsys, monkeypatch, data)
    assert len(out) == 2 * len(BAD_LINES) + 1
    assert [o["line"] for o in out] == list(range(1, len(out) + 1))
    assert all(o["id"] == "ok" and "pole" in o for o in out[::2])
    found = [
        (why, o.get("code"), o["id"]) for (why, *_), o in zip(BAD_LINES, out[1::2], strict=True)
    ]
    assert found == [(why, code, answer_id) for why, _, code, answer_id in BAD_LINES]
    assert all(o["error"] for o in out[1::2])


def test_match_jsonl_echoes_any_safe_id_as_given(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = ["\ud800", "\x1b[2J\u202e\x7f\x9b", 2**53 - 1, -(2**53 - 1), 1.5e300, True, False, None]
    data = "".join(json.dumps({"id": i, "text": "we rely on them"}) + "\n" for i in ids)
    out = jsonl(capsys, monkeypatch, data.encode())
    assert [o["id"] for o in out] == ids
    assert all("pole" in o for o in out)


def test_match_jsonl_goes_on_after_a_line_the_reader_fails_on(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from reflect.matching.matcher import Matcher

    match = Matcher.match

    def failing(self: Matcher, text: str, tension: str | None = None) -> object:
        if "boom" in text:
            raise RuntimeError("a bug in the reader")
        return match(self, text, tension)

    monkeypatch.setattr(Matcher, "match", failing)
    lines = ['{"id": 1, "text": "boom"}', '{"id": 2, "text": "we rely on them"}']
    out = jsonl(capsys, monkeypatch, ("\n".join(lines) + "\n").encode())
    assert out[0]["code"] == "internal" and "RuntimeError" in out[0]["error"]
    assert out[1]["id"] == 2 and "pole" in out[1]


def test_match_jsonl_evidence_with_a_lone_surrogate_indexes_the_text(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "We are completely reliant on \ud800 their funding \x7f\x9b\u202e"
    data = json.dumps({"id": "s", "text": text, "tension": "agency-dependency"}) + "\n"
    (out,) = jsonl(capsys, monkeypatch, data.encode())
    assert any("\ud800" in e["text"] for e in out["evidence"])
    for e in out["evidence"]:
        assert text[e["start"] : e["end"]] == e["text"]


def test_match_jsonl_reads_bytes_whatever_the_locale(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = '\ufeff{"id": 1, "text": "caf\u00e9 \u2014 we rely on them"}\n{"id": 2}'.encode()
    out = jsonl(capsys, monkeypatch, data + b"\n\xff\n")  # a byte-order mark, no last newline
    assert [o["line"] for o in out] == [1, 2, 3]
    assert out[0]["tension"] == "agency-dependency" and out[1]["code"] == "no-text"
    assert out[2]["code"] == "not-utf8"


def test_match_jsonl_skips_a_line_too_long_to_read(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("reflect.cli.match.MAX_LINE", 1000)
    long = json.dumps({"id": "long", "text": "we rely on them " * 1000}).encode()
    short = json.dumps({"id": "short", "text": "we rely on them"}).encode()
    out = jsonl(capsys, monkeypatch, long + b"\n" + short + b"\n" + long)
    assert [o.get("code") for o in out] == ["too-long", None, "too-long"]


def test_match_reads_at_most_max_text_characters_and_says_so(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    head = "We are completely reliant on the council's money. " * 600
    text = head[:MAX_TEXT] + "We shape what gets commissioned. " * 3_000
    data = "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate([text, head]))
    whole, part = jsonl(capsys, monkeypatch, data.encode())
    assert (whole["read_chars"], whole["truncated"]) == (MAX_TEXT, True)
    assert (part["read_chars"], part["truncated"]) == (len(head[:MAX_TEXT]), len(head) > MAX_TEXT)
    alone = {k: v for k, v in whole.items() if k not in ("id", "line")}
    monkeypatch.setattr("sys.stdin", stdin_of(text[:MAX_TEXT].encode()))
    assert main(["match", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {**alone, "truncated": False}
    assert main(["match", text]) == 0
    assert (
        "Read:       the first 20,000 characters (the rest is not read)" in capsys.readouterr().out
    )


def test_match_reads_standard_input_as_bytes(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", stdin_of(b"We rely \xff on the council \xc2 for money"))
    assert main(["match", "--json"]) == 0
    result = strict_json(capsys.readouterr().out.strip())
    read = "We rely \ufffd on the council \ufffd for money"
    assert result["pole"] == "dependency" and result["read_chars"] == len(read)


def test_match_shows_escape_sequences_instead_of_running_them(
    capsys: pytest.CaptureFixture[str],
) -> None:
    text = "we \x1b[2J pushed back \x07 hard \x9b31m and \u202eelbat eht ta\u202c spoke \x7f out"
    assert main(["match", "--tension", "power", text]) == 0
    out = capsys.readouterr().out
    assert all(ch in "\n" or ch.isprintable() for ch in out)
    assert "\\x1b[2J" in out and "\\x9b31m" in out and "\\u202e" in out and "\\x7f" in out


def test_match_shows_control_characters_in_the_content_escaped_too(
    tmp_path: Path, shipped_dirs: ContentDirs, capsys: pytest.CaptureFixture[str]
) -> None:
    def odd(text: str) -> str:
        text = text.replace("title: Power\n", 'title: "Power \\e[31m\\u202e"\n', 1)
        return text.replace("name: Challenge the imbalance", 'name: "Challenge \\x9b2J"', 1)

    folder = edited_content(tmp_path, {"tensions/power.yaml": odd}) / "tensions"
    assert main(["match", "--tensions", str(folder), "--tension", "power", "we pushed back"]) == 0
    out = capsys.readouterr().out
    assert "Power \\x1b[31m\\u202e (power)" in out and "Challenge \\x9b2J" in out
    assert all(ch == "\n" or ch.isprintable() for ch in out)


def test_match_plain_output_survives_an_ascii_terminal() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "PYTHONUTF8")}
    env.update(LC_ALL="C", PYTHONUTF8="0", PYTHONCOERCECLOCALE="0")
    result = subprocess.run(
        [sys.executable, "-m", "reflect", "match", "--tension", "agency-dependency"],
        input="We rely on the council \u2014 caf\u00e9 \ud800".encode("utf-8", "surrogatepass"),
        capture_output=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0 and result.stderr == b"", result.stderr
    out = result.stdout.decode("ascii")
    assert "Leans to:   Dependency" in out and "\\xbbrely" in out


def test_match_with_an_unknown_tension_suggests_one(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["match", "--tension", "powr", "text"]) == 2
    assert "did you mean 'power'" in capsys.readouterr().err
    assert main(["match", "--tension", "\x1b]0;owned\x07" + "x" * 500, "text"]) == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err and len(err) < 200


def test_strict_check_passes_on_the_shipped_content() -> None:
    assert main(["check", "--strict"]) == 0


def test_strict_check_reports_an_example_on_the_wrong_pole(
    tmp_path: Path, shipped_dirs: ContentDirs, capsys: pytest.CaptureFixture[str]
) -> None:
    def misplaced(text: str) -> str:
        marker = "    examples:\n"
        first = text.index(marker) + len(marker)  # the first pole (challenge) lists its examples
        return (
            text[:first] + "      - We accept their decision and know our place.\n" + text[first:]
        )

    folder = edited_content(tmp_path, {"tensions/power.yaml": misplaced}) / "tensions"
    assert main(["check", str(folder)]) == 0
    assert main(["check", "--strict", str(folder)]) == 1
    out = capsys.readouterr().out
    assert "power.yaml:" in out and "[example-misplaced]" in out and "as 'accept'" in out
