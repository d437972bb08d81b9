"""Hostile input to ``reflect match --jsonl``, and the reader's contract on any text at all.

A seeded generator writes thousands of hostile lines - lone surrogates, NaN, Infinity, 1e999
and numbers of 5,000 digits as ids, every field of every wrong type, deep nesting, blank
lines, bad UTF-8, control and bidi characters, megabyte texts - and the real command reads
them, in process and once in a subprocess under ``LC_ALL=C``: every line in gets exactly one
line of strict, ASCII JSON out, in order, and nothing raises. Hypothesis then checks the
reader on any string: a valid reading for every tension, evidence that quotes the text as
given, and a negated cue that never counts for its own pole.
"""

from __future__ import annotations

import io
import itertools
import json
import math
import os
import random
import subprocess
import sys
from dataclasses import dataclass, field
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reflect.base.textsafe import MAX_TEXT
from reflect.cli import main
from reflect.cli.match import match_dict, to_json
from reflect.matching.cues import CueReader
from reflect.matching.matcher import Matcher
from reflect.matching.results import Match

SEED = 20261123
#: Hostile lines in the in-process run (the subprocess reads fewer).
LINES = 2_400
#: Megabyte texts among them.
HUGE = 4
MEGABYTE = 1_000_000

#: Known tension ids (a few), and strings that are not.
TENSIONS = ["power", "agency-dependency", "conflict", "leadership", "arena"]
NOT_TENSIONS = ["powr", "", " power", "POWER", "\ud800", "\x1b[2J", "\u202epower", "x" * 5_000]

#: Pieces of hostile text: cue words, so that evidence is found, among everything else.
WORDS = [
    "we rely on them",
    "they hold the purse strings",
    "we pushed back hard",
    "we don't",
    "not",
    "never",
    "but",
    "however",
    "at the same time",
    "the council",
    "funding",
    "we negotiated",
    "I suppose",
    "rather than",
    "without them we would",
]
ODD = [
    "\ud800",  # lone surrogates: high, low, the escape of a stray byte
    "\udfff",
    "\udc80",
    "\U0001f600",  # a whole pair
    "e\u0301",
    "\x00",
    "\x07",
    "\x1b[2J",
    "\x1b]0;owned\x07",
    "\r",
    "\x0b",
    "\x0c",
    "\x1c\x1d\x1e",
    "\x7f",
    "\x85",  # C1: NEL, CSI, DCS, OSC
    "\x9b31m",
    "\x90",
    "\x9d",
    "\u2028",
    "\u2029",
    "\u202e",  # bidi overrides and isolates
    "\u2066",
    "\u2067",
    "\u2069",
    "\u200f",
    "\u061c",
    "\u200b",
    "\u200d",
    "\ufeff",
    "\uffff",
    "\ufffe",
    "\ue000",
    "\U000e0001",
    "[bold]x[/]",
    "</script>",
    '"',
    "\\",
    "\\u0000",
    "a" * 500,
    "9" * 300,
    ". . . . .",
    "\n",
    "\t",
]
#: Ids that go back out as given.
SAFE_IDS: list[Any] = [
    "a1",
    "",
    "\ud800",
    "\x1b[2J\u202e",
    "\x7f\x9b\x85",
    "\U0001f600",
    0,
    -1,
    2**53 - 1,
    -(2**53 - 1),
    1.5,
    -0.0,
    1e300,
    True,
    False,
    None,
]
#: Ids as raw JSON that cannot go back out, and the code each gets.
BAD_IDS = [
    ("NaN", "not-json"),
    ("Infinity", "not-json"),
    ("-Infinity", "not-json"),
    ("1e999", "bad-id"),
    ("-1e999", "bad-id"),
    ("9" * 5_000, "bad-id"),
    ("-" + "9" * 5_000, "bad-id"),
    (str(2**53), "bad-id"),
    (str(2**63), "bad-id"),
    ("[1]", "bad-id"),
    ('{"a": 1}', "bad-id"),
    ("[]", "bad-id"),
]
#: Values of the wrong type for ``text`` and ``tension`` (raw JSON).
WRONG = ["42", "-1.5", "1e999", "9" * 5_000, "true", "false", "[]", '["power"]', '{"a": "b"}']
#: Byte sequences that are not UTF-8.
BAD_BYTES = [
    b"\xff",
    b"\xfe",
    b"\x80",
    b"\xc0\x80",  # an overlong NUL
    b"\xed\xa0\x80",  # an encoded surrogate (CESU-8)
    b"\xe2\x82",  # cut short
    b"\xf5\x80\x80\x80",
    b"\xf4\x90\x80\x80",  # beyond U+10FFFF
]
#: Lines that are not JSON.
NOT_JSON = [
    b"{",
    b"}",
    b'{"text": "cut',
    b"{'text': 'single quotes'}",
    b'{"text": "x",}',
    b'{"text": "x"} trailing',
    b'{"text": "raw \x01 control"}',
    b'{"text": "x"}\x0c',  # form feed is not JSON whitespace (and splits no line here)
    b'{"text":\x0b"x"}',
    b'{"text": "x"} // comment',
    b"\x1c\x1d\x1e",  # white space to Python's str.strip, not to JSON
    b"undefined",
    b"'",
]
NOT_OBJECTS = [b"3", b"null", b"true", b'"a string"', b"[1, 2]", b'[{"text": "x"}]', b"-0"]
BLANKS = [b"", b" ", b"\t", b"\r", b"  \r", b" \t \r"]


@dataclass
class Line:
    """One hostile line and what must come back for it."""

    raw: bytes
    code: str | None = None  # the error code, or None for a reading
    answer_id: Any = None  # the id that must come back
    text: str | None = None  # for a reading: the text, to check the evidence against
    checks: dict[str, Any] = field(default_factory=dict)


def hostile_text(rng: random.Random, size: int) -> str:
    """Words and odd characters, about ``size`` pieces of them."""
    pieces = [rng.choice(WORDS if rng.random() < 0.5 else ODD) for _ in range(size)]
    return rng.choice([" ", "", "\u00a0"]).join(pieces)


def huge_text(rng: random.Random) -> str:
    """A megabyte of text: cue sentences with odd characters among them."""
    chunk = hostile_text(rng, 200) + " We are completely reliant on the council. "
    return (chunk * (MEGABYTE // len(chunk) + 1))[:MEGABYTE]


def dumps(value: Any, rng: random.Random) -> bytes:
    """``value`` as JSON, ASCII or raw UTF-8 (which cannot hold a lone surrogate)."""
    raw = json.dumps(value, ensure_ascii=False)
    try:
        return raw.encode() if rng.random() < 0.5 else json.dumps(value).encode()
    except UnicodeEncodeError:
        return json.dumps(value).encode()


def good(rng: random.Random, text: str | None = None) -> Line:
    """A line that must be read: a safe id (or none), a text, a known tension (or none)."""
    text = text if text is not None else hostile_text(rng, rng.randint(1, 40)) + " we rely"
    item: dict[str, Any] = {"text": text}
    answer_id = rng.choice(SAFE_IDS)
    if rng.random() < 0.9:
        item["id"] = answer_id
    else:
        answer_id = None
    tension = rng.choice([*TENSIONS, None, "absent"])
    if tension != "absent":
        item["tension"] = tension
    if rng.random() < 0.2:
        item["extra"] = {"nested": [[[1]]], "odd": "\ud800"}
    items = list(item.items())
    rng.shuffle(items)
    raw = dumps(dict(items), rng) + (b"\r" if rng.random() < 0.1 else b"")
    # the text as JSON gives it: "\ud800\udfff" in Python is two code points, in JSON one
    return Line(raw, None, answer_id, json.loads(raw)["text"])


def bad(rng: random.Random) -> Line:
    """A line that must give an error line, of a known code."""
    kind = rng.choice(
        [
            "bad-id",
            "text-type",
            "tension-type",
            "no-text",
            "unknown-tension",
            "too-deep",
            "not-utf8",
            "not-json",
            "not-object",
            "duplicate-key",
            "blank",
        ]
    )
    answer_id = rng.choice([i for i in SAFE_IDS if i is not None])
    id_json = json.dumps(answer_id).encode()
    if kind == "bad-id":
        value, code = rng.choice(BAD_IDS)
        return Line(b'{"id": ' + value.encode() + b', "text": "we rely on them"}', code)
    if kind in ("text-type", "tension-type"):
        field_ = "text" if kind == "text-type" else "tension"
        value = rng.choice(WRONG).encode()
        other = b'"tension": "power"' if field_ == "text" else b'"text": "we rely on them"'
        raw = (
            b'{"id": ' + id_json + b', "' + field_.encode() + b'": ' + value + b", " + other + b"}"
        )
        return Line(raw, "bad-type", answer_id)
    if kind == "no-text":
        text = rng.choice(['"text": null, ', '"text": "", ', '"text": " \\t\\n ", ', ""])
        return Line(b'{"id": ' + id_json + b", " + text.encode() + b'"x": 1}', "no-text", answer_id)
    if kind == "unknown-tension":
        item = {"id": answer_id, "text": "we rely on them", "tension": rng.choice(NOT_TENSIONS)}
        return Line(json.dumps(item).encode(), "unknown-tension", answer_id)
    if kind == "too-deep":
        depth = rng.choice([20_000, 50_000])
        nest = rng.choice([(b"[", b"]"), (b'{"a": ', b"}")])
        deep = nest[0] * depth + b"1" + nest[1] * depth
        raw = rng.choice([deep, b'{"id": 1, "text": ' + deep + b"}"])
        return Line(raw, "too-deep")
    if kind == "not-utf8":
        text = dumps(hostile_text(rng, rng.randint(1, 10)), rng)
        cut = rng.choice([1, len(text) - 1])  # inside the quotes, never inside an escape
        text = text[:cut] + rng.choice(BAD_BYTES) + text[cut:]
        return Line(b'{"id": ' + id_json + b', "text": ' + text + b"}", "not-utf8", answer_id)
    if kind == "not-json":
        return Line(rng.choice(NOT_JSON), "not-json")
    if kind == "not-object":
        return Line(rng.choice(NOT_OBJECTS), "not-object")
    if kind == "duplicate-key":
        raw = b'{"id": ' + id_json + b', "text": "a", "tension": "power", "text": "we rely"}'
        return Line(raw, "duplicate-key", answer_id)
    return Line(rng.choice(BLANKS), "blank")


def hostile_lines(seed: int, count: int, huge: int) -> list[Line]:
    """``count`` lines, about half of them bad, ``huge`` of them megabyte texts."""
    rng = random.Random(seed)
    lines = [good(rng) if rng.random() < 0.45 else bad(rng) for _ in range(count)]
    for k in range(huge):
        at = (k + 1) * count // (huge + 1)
        lines[at] = good(rng, huge_text(rng))
        lines[at].checks = {"read_chars": MAX_TEXT, "truncated": True}
    if count > 3:  # random bytes (but no newline): something must still come back
        lines[3] = Line(bytes(rng.choice([*range(10), *range(11, 256)]) for _ in range(300)), "?")
    return lines


def strict_json(line: str) -> dict[str, Any]:
    """One output line, read as strictly as a parser in another language would."""

    def refuse(name: str) -> None:
        raise AssertionError(f"{name} in {line[:200]!r}")

    assert line.isascii() and line.isprintable(), line[:200]
    value = json.loads(line, parse_constant=refuse)
    assert isinstance(value, dict)
    return value


def check_answers(lines: list[Line], out: str, tension: str | None = None) -> dict[str, int]:
    """Each line's answer, in order; the count of each kind of answer."""
    assert out.endswith("\n")
    answers = out[:-1].split("\n")
    assert len(answers) == len(lines)
    kinds: dict[str, int] = {}
    for number, (line, text) in enumerate(zip(lines, answers, strict=True), start=1):
        got = strict_json(text)
        why = f"line {number}: {line.raw[:120]!r} -> {text[:300]}"
        assert got["line"] == number, why
        assert got.get("code") != "internal", why
        kind = got.get("code") or "reading"
        kinds[kind] = kinds.get(kind, 0) + 1
        if line.code == "?":
            continue
        assert got.get("code") == line.code, why
        assert got["id"] == line.answer_id, why
        if line.code is not None:
            assert got["error"], why
            continue
        assert line.text is not None
        assert got["pole"] and -1 <= got["lean"] <= 1 and 0 <= got["confidence"] <= 1, why
        assert got["read_chars"] == min(len(line.text), MAX_TEXT), why
        assert got["truncated"] == (len(line.text) > MAX_TEXT), why
        for e in got["evidence"]:
            assert line.text[e["start"] : e["end"]] == e["text"], why
            assert e["end"] <= got["read_chars"], why
        for key, value in line.checks.items():
            assert got[key] == value, why
    return kinds


def test_every_hostile_line_gets_one_valid_json_line_in_order(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = hostile_lines(SEED, LINES, HUGE)
    data = b"".join(line.raw + b"\n" for line in lines)
    # a strict UTF-8 text stream over bytes: reading it as text would fail on the first bad byte
    stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", errors="strict")
    monkeypatch.setattr("sys.stdin", stdin)
    assert main(["match", "--jsonl"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    kinds = check_answers(lines, out)
    # the mix is what it claims to be: every kind of answer, many times over
    assert kinds["reading"] > LINES // 3
    codes = {line.code for line in lines} - {None, "?"}
    assert all(kinds.get(code, 0) >= 20 for code in codes), kinds


@pytest.mark.parametrize(
    "env",
    [
        {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"},  # ASCII, all the way
        {"LC_ALL": "C.UTF-8", "PYTHONIOENCODING": "utf-8:strict"},  # strict UTF-8 text streams
    ],
    ids=["C", "strict-utf8"],
)
def test_a_subprocess_under_a_strict_locale_answers_every_line(env: dict[str, str]) -> None:
    lines = hostile_lines(SEED + 1, 300, 1)
    data = b"".join(line.raw + b"\n" for line in lines)
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "PYTHONIO"))}
    environ.pop("PYTHONUTF8", None)
    environ.pop("LANG", None)
    result = subprocess.run(
        [sys.executable, "-m", "reflect", "match", "--jsonl", "--tension", "power"],
        input=data,
        capture_output=True,
        env=environ | env,
        check=False,
    )
    assert result.returncode == 0 and result.stderr == b"", result.stderr[-2000:]
    check_answers(lines, result.stdout.decode("ascii"))


# The reader itself, on any string.

#: Any character at all, lone surrogates included.
ANY_CHAR = st.characters(exclude_categories=())
ANY_TEXT = st.one_of(
    st.text(ANY_CHAR, max_size=300),
    st.lists(
        st.one_of(st.sampled_from(WORDS + ODD), st.text(ANY_CHAR, max_size=5)), max_size=40
    ).map(" ".join),
)
QUICK = settings(
    max_examples=30,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def assert_valid(result: Match, text: str, matcher: Matcher, tension: str | None) -> None:
    """The reading's contract, for a reading of ``text``."""
    ids = matcher.index.tension_ids
    if tension is not None:
        assert result.tension == tension
    assert result.tension is None or result.tension in ids
    poles = matcher.catalogue.tension(result.tension).poles if result.tension else ()
    pole_ids = {p.id for p in poles}
    assert result.pole in pole_ids | {"both", "neither"}
    assert math.isfinite(result.lean) and -1 <= result.lean <= 1
    assert math.isfinite(result.confidence) and 0 <= result.confidence <= 1
    assert result.read_chars == min(len(text), MAX_TEXT)
    assert result.truncated == (len(text) > MAX_TEXT)
    for e in result.evidence:
        assert e.pole in pole_ids
        assert 0 <= e.start < e.end <= result.read_chars
        assert text[e.start : e.end] == e.text
    assert all(t.id in ids and 0 < t.score <= 1 for t in result.tensions)
    strict_json(to_json(match_dict(result, "id")))


@QUICK
@given(text=ANY_TEXT)
def test_any_text_gives_a_valid_reading_for_every_tension(matcher: Matcher, text: str) -> None:
    for tension in (None, *matcher.index.tension_ids):
        assert_valid(matcher.match(text, tension), text, matcher, tension)


#: Cue phrases with odd characters between their words, and a lead that may run past the
#: limit (so that a cue can be cut in two by it).
CUE_TEXT = st.tuples(
    st.sampled_from([0, 0, 0, MAX_TEXT - 40, MAX_TEXT - 12, MAX_TEXT + 5]),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=8),
    st.lists(st.sampled_from([" ", " ", " ", *ODD]), min_size=1, max_size=8),
).map(
    lambda t: (
        "and so on " * (t[0] // 10) + "".join(w + t[2][k % len(t[2])] for k, w in enumerate(t[1]))
    )
)


@QUICK
@given(text=CUE_TEXT, tension=st.sampled_from(["agency-dependency", "power", "conflict", None]))
def test_evidence_quotes_the_text_as_given(
    matcher: Matcher, cues: CueReader, text: str, tension: str | None
) -> None:
    for reader in (matcher, cues):
        result = reader.match(text, tension)
        assert_valid(result, text, matcher, tension)


#: Clear cues of the shipped tension files, as verb phrases: (tension, pole, verb, past).
CLEAR_CUES = [
    ("agency-dependency", "dependency", "depend on them", "depended on them"),
    ("power", "challenge", "push back", "pushed back"),
    ("power", "challenge", "hold them to account", "held them to account"),
    ("power", "accept", "accept their decision", "accepted their decision"),
    ("conflict", "confrontation", "confront them", "confronted them"),
    ("conflict", "confrontation", "go to the press", "went to the press"),
    ("conflict", "negotiation", "meet them halfway", "met them halfway"),
    ("conflict", "negotiation", "strike a deal", "struck a deal"),
    ("leadership", "direction", "take charge", "took charge"),
    ("leadership", "direction", "push it through", "pushed it through"),
    ("leadership", "facilitation", "bring everyone along", "brought everyone along"),
    ("cooperation-competition", "cooperation", "share our resources", "shared our resources"),
    ("cooperation-competition", "competition", "win the contract", "won the contract"),
    ("values-pragmatism", "pragmatism", "go along with it for now", "went along with it for now"),
    ("aims", "act-first", "crack on", "cracked on"),
    ("aims", "agree-first", "agree the aims", "agreed the aims"),
    ("unity-diversity", "unity", "speak with one voice", "spoke with one voice"),
    ("unity-diversity", "unity", "pull together", "pulled together"),
    ("arena", "frontstage", "raise it at the board", "raised it at the board"),
    ("distinctiveness-incorporation", "incorporation", "deliver their service", "delivered"),
]
# "{v}": the verb phrase; "{p}": its past tense (as tests/test_matching.py words its cases)
NEGATIONS = [
    "We did not {v}",
    "We didn't {v}",
    "We never {p}",
    "We do not {v}",
    "We don't {v}",
    "I did not {v}",
    "We would never {v}",
    "We refused to {v}",
]
NEGATED = st.tuples(
    st.sampled_from(CLEAR_CUES),
    st.sampled_from(NEGATIONS),
    st.sampled_from(["", "Honestly, ", "Last year "]),
    st.sampled_from([".", " at all.", " this time."]),
)


def toward(result: Match, reader: Matcher | CueReader, pole: str) -> float:
    """The reading's lean towards ``pole`` (-1 to +1)."""
    first, _ = (p.id for p in reader.catalogue.tension(result.tension or "").poles)
    return -result.lean if pole == first else result.lean


def sentences(case: tuple[Any, ...]) -> tuple[str, str]:
    """A clear cue said plainly, and denied."""
    (_, _, verb, past), negation, lead, end = case
    if past == "delivered":
        past = "delivered their service"
    said = f"{lead}We {past}{end}"
    negated = negation.format(v=verb, p=past)
    if lead and not negated.startswith("I "):
        negated = negated[0].lower() + negated[1:]
    return said, f"{lead}{negated}{end}"


def negation_holds(reader: Matcher | CueReader, case: tuple[Any, ...]) -> None:
    (tension, pole, _, _), *_ = case
    said, unsaid = sentences(case)
    plain, denied = reader.match(said, tension), reader.match(unsaid, tension)
    assert plain.pole == pole or plain.pole == "both", (said, plain.pole)  # the cue is clear
    assert denied.pole != pole, (unsaid, denied)
    assert toward(denied, reader, pole) < toward(plain, reader, pole), (unsaid, denied, plain)


@settings(QUICK, max_examples=60)
@given(case=NEGATED)
def test_negating_a_clear_cue_never_counts_for_its_pole(cues: CueReader, case: Any) -> None:
    negation_holds(cues, case)


#: Every case: 20 clear cues, 8 ways of denying them, 3 openings, 3 endings.
EVERY_NEGATION = list(
    itertools.product(
        CLEAR_CUES, NEGATIONS, ["", "Honestly, ", "Last year "], [".", " at all.", " this time."]
    )
)


def test_the_learned_reader_never_counts_a_negated_cue_for_its_pole(matcher: Matcher) -> None:
    """Every case, not a sample. The learned reader weighs every word, so a denial can leave
    it unsure (the words around the cue still lean its way); it must then ask, never tell."""
    wrong = []
    for case in EVERY_NEGATION:
        said, unsaid = sentences(case)
        (tension, pole, _, _), *_ = case
        plain, denied = matcher.match(said, tension), matcher.match(unsaid, tension)
        if plain.pole not in (pole, "both"):
            continue  # the plain sentence does not place them: it says nothing of negation
        told_it = denied.pole == pole and not denied.unsure
        if told_it or toward(denied, matcher, pole) >= toward(plain, matcher, pole):
            wrong.append((unsaid, denied.pole, denied.lean, plain.lean))
    assert not wrong, wrong
