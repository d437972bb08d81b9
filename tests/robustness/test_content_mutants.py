"""Mutated copies of the shipped content: ``reflect check`` and the plain conversation's load
either accept each one or report ``path:line:column`` problems - never a traceback, a hang or
a crash of the interpreter.

A seeded generator makes the mutants from the files in ``tensions/`` and ``dialogues/``: byte
flips, deleted, duplicated and swapped lines and blocks, values of another type, huge numbers,
impossible dates, explicit tags, deep nesting, long lists, anchor and alias bombs, odd unicode,
truncation, shifted indentation, and content that names what another file failed to define.
Each mutant is a small content folder: the mutated file and the files it needs (the flows it
includes, a tension it names, a scenario naming the tension). Each is checked as
``reflect check --content DIR`` would (``cli.main``), loaded as ``reflect --plain`` loads it,
and every script in what loaded is started and answered to its end - within a time bound, in
child interpreters, so that a crash (a C stack overflow) is caught and named too.

A failure names the seed and the mutant: ``REFLECT_MUTANT_SEED=SEED`` reruns the same
mutants, and ``mutant(SEED, NUMBER).write(DIR)`` makes one of them alone.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import functools
import io
import json
import os
import random
import re
import select
import shutil
import signal
import subprocess
import sys
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from reflect.base.problems import UsageError
from reflect.cli import main
from reflect.content.loader import load_catalogue
from reflect.content.model import Catalogue
from reflect.content.places import ContentDirs
from reflect.content.yamldoc import MAX_BYTES
from reflect.conversation.engine import Engine, EngineError
from reflect.matching.results import Match, TensionScore

ROOT = Path(__file__).resolve().parents[2]
SEED = int(os.environ.get("REFLECT_MUTANT_SEED", "1729"))
COUNT = int(os.environ.get("REFLECT_MUTANTS", "1000"))
#: Seconds one mutant may take (checked and loaded); generous, as CI machines are busy.
BOUND = float(os.environ.get("REFLECT_MUTANT_SECONDS", "10"))

SHIPPED: dict[str, bytes] = {
    f"{folder}/{p.name}": p.read_bytes()
    for folder in ("tensions", "dialogues")
    for p in sorted((ROOT / folder).glob("*.yaml"))
}
TENSIONS = [name for name in SHIPPED if name.startswith("tensions/")]
DIALOGUES = [name for name in SHIPPED if name.startswith("dialogues/")]
PROBLEM = re.compile(
    r"^(?P<path>.+?):(?P<line>\d+):(?P<column>\d+): (?P<message>.+) \[[a-z0-9-]+\]$"
)

# -- the values a mutation puts in place of a value ----------------------------------------

OTHER_TYPES = [
    "~", "", "''", "[]", "{}", "true", "false", "yes", "0", "-1", "3.25", ".inf", "-.nan",
    "[a, [b, c]]", "{a: 1, b: [2]}", "null", "- a", "a: b", "|", ">-", "'it''s'",
    '"\\u00e9\\t\\x00"', "? key", "[", "{", "]", "}", "@at", "`tick", "%", "!!str 12",
    "!!set {a, b}", "!!omap [a: 1]", "!!map {a: 1}", "!!seq [1]", "<<: {a: 1}", "&anchor x",
    "*alias", "!custom value", "!!binary aGVsbG8=", "2024-01-01", "12:30:45",
]  # fmt: skip
HUGE_NUMBERS = [
    "9" * 5000, "1" + "0" * 100_000, "0x" + "f" * 20_000, "0b" + "1" * 50_000,
    "0" + "7" * 6000, "1.0e99999", "-1.5e-99999", "!!int " + "9" * 5000,
    "!!float " + "9" * 5000 + ".5", "1" + ":59" * 20_000, "1" + ":59" * 20_000 + ".5",
    "1_" * 10_000 + "1", "._", "0b_", "0x_", "+._", "190:20:30", "-0x_", "!!int 1" + "_" * 9000,
]  # fmt: skip
DATES = [
    "2023-02-30", "2023-13-01", "2023-00-10", "0000-01-01", "2023-2-29", "1900-02-29",
    "2023-02-29 25:00:00", "2023-02-28 23:59:60", "2023-02-28 23:61:00",
    "2001-12-14t21:59:43.10-25:00", "2001-12-14 21:59:43 +99:00", "2001-12-14T21:59:43.1234567Z",
    "!!timestamp yesterday", "!!timestamp 2023-02-30", "!!timestamp", "!!timestamp 20230230",
    "9999-12-31 23:59:59 -23:59",
]  # fmt: skip
TAGGED = [
    "!!int abc", "!!int ''", "!!int", "!!int -", "!!int +", "!!int 0x", "!!int 1::2",
    "!!int 0o9", "!!int 1.5", "!!float abc", "!!float ''", "!!float", "!!float 1:x", "!!float -",
    "!!bool maybe", "!!bool ''", "!!bool", "!!null not-null", "!!binary ###", "!!binary \u00e9",
    "!!set scalar", "!!omap scalar", "!!pairs scalar", "!!map scalar", "!!seq scalar",
    "!!python/object:os.system echo", "!!python/name:os.system", "!<tag:yaml.org,2002:int> x",
    "!!merge x", "!!value x", "!!yaml x", "!local x", "!!str", "!<!> x", "! x",
    "!!set [a, b]", "!!omap {a: 1}", "!!pairs {a: 1}", "!!int [1, 2]", "!!bool {a: 1}",
]  # fmt: skip
ODD_CHARACTERS = [
    "\u202e", "\u200b", "\ufeff", "\x00", "\x85", "\u2028", "\u2029", "\U0001f600", "\ufffe",
    "\uffff", "e\u0301" * 2000, "\x1b[2J", "\r", "\t", "\x7f", "\x0c", "\u00a0", "\u3000",
    "\\", '"', "'", "#", ": ", " #", "{", "}", "[", "]", ",", "&", "*", "!", "|", ">", "%", "@",
]  # fmt: skip


@dataclass(frozen=True)
class Mutant:
    """A content folder's files (``tensions/x.yaml`` and ``dialogues/y.yaml``) and how they
    were made."""

    number: int
    label: str
    files: dict[str, bytes]

    def write(self, folder: Path) -> Path:
        (folder / "tensions").mkdir(parents=True)
        (folder / "dialogues").mkdir()
        for name, data in self.files.items():
            (folder / name).write_bytes(data)
        return folder

    def name(self, seed: int) -> str:
        return f"seed {seed}, mutant {self.number} ({self.label})"


# -- mutations: each takes the random source and the bytes, returns new bytes and a label --

Mutation = Callable[[random.Random, bytes], tuple[bytes, str]]


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def _value_line(rng: random.Random, lines: list[bytes]) -> int | None:
    """A line holding ``key: value`` or ``- item``, or None when there is none."""
    candidates = [
        i for i, line in enumerate(lines) if re.match(rb"^\s*(?:- |[A-Za-z_]+: ?)\S", line)
    ]
    return rng.choice(candidates) if candidates else None


def _replace_value(
    rng: random.Random, data: bytes, values: list[str], kind: str
) -> tuple[bytes, str]:
    lines = _lines(data)
    i = _value_line(rng, lines)
    value = rng.choice(values)
    if i is None:
        return data + b"\nextra: " + value.encode(), f"{kind} appended"
    found = re.match(rb"^(\s*(?:- )?(?:[A-Za-z_]+: ?)?)", lines[i])
    head = found.group(1) if found else b""
    if not head.endswith((b" ", b"-")):
        head += b" "
    lines[i] = head + value.encode("utf-8", "surrogatepass")
    shown = value if len(value) <= 24 else f"{value[:12]}...({len(value)} chars)"
    return b"\n".join(lines), f"{kind} {shown!r} at line {i + 1}"


def other_type(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    return _replace_value(rng, data, OTHER_TYPES, "other type")


def huge_number(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    return _replace_value(rng, data, HUGE_NUMBERS, "huge number")


def impossible_date(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    return _replace_value(rng, data, DATES, "date")


def tagged(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    return _replace_value(rng, data, TAGGED, "tag")


def flip_bytes(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    if not data:
        return b"\xff", "a byte in an empty file"
    out = bytearray(data)
    count = rng.randint(1, 8)
    for _ in range(count):
        at = rng.randrange(len(out))
        out[at] = rng.randrange(256) if rng.random() < 0.5 else out[at] ^ (1 << rng.randrange(8))
    return bytes(out), f"{count} byte(s) flipped"


def delete_lines(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    lines = _lines(data)
    at = rng.randrange(len(lines))
    count = rng.choice([1, 1, 2, 3, 8])
    del lines[at : at + count]
    return b"\n".join(lines), f"{count} line(s) deleted at line {at + 1}"


def duplicate_lines(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    lines = _lines(data)
    at = rng.randrange(len(lines))
    count = rng.choice([1, 1, 2, 4])
    times = rng.choice([1, 1, 2, 50, 2000])
    block = lines[at : at + count]
    lines[at:at] = block * times
    return b"\n".join(lines), f"{count} line(s) at line {at + 1} repeated {times} time(s)"


def _block(lines: list[bytes], at: int) -> int:
    """Where the block starting at line ``at`` ends: a list item holds the lines indented as
    deep as its text, a key the lines indented deeper than itself."""
    line = lines[at]
    if line.lstrip(b" ").startswith(b"- "):
        deeper = len(line) - len(line.lstrip(b" -")) - 1
    else:
        deeper = len(line) - len(line.lstrip(b" "))
    end = at + 1
    while end < len(lines) and (
        not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip(b" ")) > deeper
    ):
        end += 1
    return end


def replace_block(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    """A key or list item with all it holds, deleted or made a value of another type."""
    lines = _lines(data)
    starts = [i for i, line in enumerate(lines) if re.match(rb"^\s*(?:- |[A-Za-z_]+:)", line)]
    if not starts:
        return data, "no block"
    at = rng.choice(starts)
    end = _block(lines, at)
    head = re.match(rb"^(\s*(?:- )?(?:[A-Za-z_]+: ?)?)", lines[at])
    prefix = head.group(1) if head else b""
    if rng.random() < 0.5:
        lines[at:end] = []
        return b"\n".join(lines), f"lines {at + 1}-{end} deleted"
    value = rng.choice(OTHER_TYPES)
    if rng.random() < 0.5:  # the whole list item, not just its first key's value
        prefix = prefix[: prefix.index(b"- ") + 2] if b"- " in prefix else prefix
    lines[at:end] = [prefix + value.encode()]
    return b"\n".join(lines), f"lines {at + 1}-{end} replaced by {value!r}"


def many_items(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    """A list item (a cue, a step) repeated many times, each copy with its own ids and jumps
    (to steps that do not exist): checks that compare every pair of entries get long lists."""
    lines = _lines(data)
    items = [i for i, line in enumerate(lines) if line.lstrip(b" ").startswith(b"- ")]
    if not items:
        return data, "no list item"
    at = rng.choice(items)
    end = _block(lines, at)
    block = b"\n".join(lines[at:end])
    count = rng.choice([499, 501, 3000, 20_000])
    copies = [
        re.sub(rb"(id|goto|- [^\n:]+$)(: *[a-z0-9-]+)?$", rb"\g<0>-%d" % k, block, flags=re.M)
        for k in range(count)
    ]
    lines[at:end] = copies
    return b"\n".join(lines)[: 2 * MAX_BYTES], f"item at line {at + 1} made {count} items"


def swap_lines(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    lines = _lines(data)
    a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[a], lines[b] = lines[b], lines[a]
    return b"\n".join(lines), f"lines {a + 1} and {b + 1} swapped"


def shift_indent(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    lines = _lines(data)
    at = rng.randrange(len(lines))
    count = rng.choice([1, 1, 3, 10])
    shift = rng.choice([-4, -2, -1, 1, 2, 3, 8])
    for i in range(at, min(at + count, len(lines))):
        if shift > 0:
            lines[i] = b" " * shift + lines[i]
        else:
            strip = min(-shift, len(lines[i]) - len(lines[i].lstrip(b" ")))
            lines[i] = lines[i][strip:]
    if rng.random() < 0.2:
        lines[at] = b"\t" + lines[at].lstrip(b" ")
    return b"\n".join(lines), f"{count} line(s) at line {at + 1} shifted by {shift}"


def truncate(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    at = rng.randrange(len(data) + 1)
    return data[:at], f"truncated at byte {at}"


def odd_unicode(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    text = data.decode("utf-8", "replace")
    inserted = []
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(text) + 1)
        char = rng.choice(ODD_CHARACTERS)
        text = text[:at] + char + text[at:]
        inserted.append(char[:4])
    encoded = text.encode("utf-8")
    if rng.random() < 0.15:  # a lone surrogate, or text in another encoding
        encoded = rng.choice([text.encode("utf-16"), text.encode("latin-1", "replace")])
        encoded += "\ud800".encode("utf-8", "surrogatepass")
    return encoded, f"odd characters {inserted!r}"


def deep_nesting(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    depth = rng.choice([39, 41, 100, 1000, 30_000, 200_000])
    shape = rng.choice(["flow-list", "flow-map", "block", "dashes", "unclosed"])
    lines = _lines(data)
    i = _value_line(rng, lines)
    found = re.match(rb"^(\s*(?:- )?(?:[A-Za-z_]+: ?)?)", lines[i]) if i is not None else None
    head = found.group(1) if found and found.group(1).strip() else b"deep: "
    indent = " " * (len(head) - len(head.lstrip()) + 2)
    if shape == "flow-list":
        value = "[" * depth + "x" + "]" * depth
    elif shape == "flow-map":
        value = "{a: " * depth + "x" + "}" * depth
    elif shape == "unclosed":
        value = "[" * depth
    elif shape == "dashes":
        depth = min(depth, 5000)
        value = "\n" + indent + "- " * depth + "x"
    else:
        depth = min(depth, 1000)
        value = "".join("\n" + indent + "  " * n + "a:" for n in range(depth)) + " x"
    if i is None:
        lines.append(head + value.encode())
    else:
        lines[i] = head + value.encode()
    where = len(lines) if i is None else i + 1
    return b"\n".join(lines), f"{shape} nesting {depth} deep at line {where}"


BOMBS = [
    "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    + "".join(
        f"{c}: &{c} [{', '.join([f'*{p}'] * 9)}]\n"
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    ),
    "loop: &loop [*loop]\n",
    "base: &base {id: x}\nmore:\n  <<: *base\n",
    "list: [" + ", ".join(["*a"] * 20_000) + "]\n",
    "a: &a x\nb: " + "*a " * 3 + "\n",
    "&a key: *a\n",
    "ref: *nowhere\n",
    "anchor: &only value\n",
]


def alias_bomb(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    bomb = rng.choice(BOMBS)
    lines = _lines(data)
    at = rng.choice([0, len(lines)])
    lines[at:at] = [bomb.encode()]
    return b"\n".join(lines), f"anchors and aliases {bomb[:20]!r} at line {at + 1}"


def documents(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    marker = rng.choice(["---", "...", "%YAML 1.1\n---", "%YAML 2.0\n---", "%TAG ! tag:x:\n---"])
    lines = _lines(data)
    at = rng.randrange(len(lines) + 1)
    lines[at:at] = [marker.encode()]
    return b"\n".join(lines), f"{marker!r} at line {at + 1}"


def rename_key(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    lines = _lines(data)
    keys = [i for i, line in enumerate(lines) if re.match(rb"^\s*(?:- )?[A-Za-z_]+:", line)]
    if not keys:
        return data, "no key to rename"
    i = rng.choice(keys)
    new = rng.choice([b"id", b"poles", b"steps", b"kind", b"tension", b"Id", b"cuess", b"x" * 5000])
    lines[i] = re.sub(rb"[A-Za-z_]+:", new + b":", lines[i], count=1)
    return b"\n".join(lines), f"key at line {i + 1} renamed {new[:10]!r}"


def long_scalar(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    size = rng.choice([10_000, 300_000, 1_100_000])
    word = rng.choice(["x", "seed ", "{a|", "{{", "- ", " "])
    return _replace_value(rng, data, [(word * size)[:size]], "long text")


def whole_file(rng: random.Random, data: bytes) -> tuple[bytes, str]:
    choice = rng.choice(["empty", "comment", "null", "scalar", "list", "bom", "repeated"])
    replacement = {
        "empty": b"",
        "comment": b"# nothing here\n",
        "null": b"~\n",
        "scalar": b"just text\n",
        "list": b"- a\n- b\n",
        "bom": b"\xef\xbb\xbf",
        "repeated": data * (1_000_001 // max(len(data), 1) + 1),
    }[choice]
    return replacement, f"whole file {choice}"


MUTATIONS: list[Mutation] = [
    flip_bytes, flip_bytes, delete_lines, delete_lines, duplicate_lines, swap_lines, swap_lines,
    other_type, other_type, other_type, huge_number, impossible_date, tagged, tagged,
    shift_indent, shift_indent, truncate, odd_unicode, odd_unicode, deep_nesting, alias_bomb,
    documents, rename_key, rename_key, long_scalar, whole_file, replace_block, replace_block,
    replace_block, many_items,
]  # fmt: skip

# -- the content folder around a mutated file ----------------------------------------------

_INCLUDE = re.compile(rb"^\s*include: *([a-z0-9-]+)", re.MULTILINE)
_TENSION = re.compile(rb"^tension: *([a-z0-9-]+)", re.MULTILINE)
_SCENARIOS = {
    m.group(1).decode(): name for name in DIALOGUES if (m := _TENSION.search(SHIPPED[name]))
}


def _with_includes(names: list[str]) -> list[str]:
    """These dialogues and every flow they include, as the shipped files have them."""
    todo, found = list(names), list(names)
    while todo:
        for flow in _INCLUDE.findall(SHIPPED[todo.pop()]):
            name = f"dialogues/{flow.decode()}.yaml"
            if name in SHIPPED and name not in found:
                found.append(name)
                todo.append(name)
    return found


def _companions(name: str) -> dict[str, bytes]:
    """The unmutated files a mutated file needs around it to be loaded as it is used."""
    files: list[str]
    if name in TENSIONS:
        tension_id = Path(name).stem
        scenario = _SCENARIOS.get(tension_id, "dialogues/scenario-childrens-trust.yaml")
        files = _with_includes([scenario])
        out = {f: SHIPPED[f] for f in files}
        # a scenario that names the mutated tension, so that a tension which fails to load
        # leaves a dialogue naming it
        out[scenario] = _TENSION.sub(b"tension: " + tension_id.encode(), SHIPPED[scenario])
        return out
    files = _with_includes([name])
    named = _TENSION.search(SHIPPED[name])
    files.append(f"tensions/{named.group(1).decode()}.yaml" if named else "tensions/power.yaml")
    return {f: SHIPPED[f] for f in files}


def mutant(seed: int, number: int) -> Mutant:
    """Mutant ``number`` of the run with ``seed``: the same files every time."""
    rng = random.Random(f"{seed}:{number}")
    target = rng.choice(TENSIONS if rng.random() < 0.5 else DIALOGUES)
    files = _companions(target)
    labels = []
    targets = [target]
    if rng.random() < 0.1:  # a second file, among those around it, mutated too
        targets.append(rng.choice(sorted(set(files) - {target}) or [target]))
    for name in targets:
        data = files.get(name, SHIPPED[name])
        for _ in range(rng.choice([1, 1, 1, 2, 3])):
            mutation = rng.choice(MUTATIONS)
            data, label = mutation(rng, data)
            labels.append(f"{name}: {mutation.__name__}, {label}")
        files[name] = data
    if rng.random() < 0.03:  # a file in the other folder
        other = "dialogues/" if target in TENSIONS else "tensions/"
        files[other + "moved-" + Path(target).name] = files.pop(target)
        labels.append("moved to the other folder")
    return Mutant(number, "; ".join(labels), files)


def mutants(seed: int = SEED, count: int = COUNT) -> list[Mutant]:
    return [mutant(seed, n) for n in range(count)]


# -- what every mutant must give -----------------------------------------------------------


class TooSlow(Exception):
    """A mutant ran past the time bound."""


@contextlib.contextmanager
def time_bound(seconds: float) -> Iterator[None]:
    """Raise ``TooSlow`` in the code inside when it runs longer than ``seconds``."""

    def expire(signum: int, frame: object) -> None:
        raise TooSlow(f"took longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _line_count(path: Path) -> int:
    """How many lines YAML sees in a file (it also breaks lines at CR, NEL, LS and PS)."""
    text = path.read_bytes().decode("utf-8", "replace")
    return len(re.split("\r\n|[\r\n\x85\u2028\u2029]", text))


def check_output_problems(output: str, folder: Path) -> list[str]:
    """What is wrong with ``reflect check``'s output: every line must be a located problem in
    an existing file, and in a file of the folder at a line that file has."""
    wrong = []
    lines: dict[str, int] = {}
    for line in output.splitlines():
        found = PROBLEM.match(line)
        if found is None:
            wrong.append(f"not path:line:column: {line[:200]!r}")
            continue
        if found["path"] not in lines:
            path = (Path.cwd() / found["path"]).resolve()
            inside = path.is_file() and path.parent.parent == folder.resolve()
            lines[found["path"]] = _line_count(path) if inside else 0 if path.is_file() else -1
        count = lines[found["path"]]
        if count < 0:
            wrong.append(f"no such file: {line[:200]!r}")
        elif count and int(found["line"]) > count:
            wrong.append(f"line {found['line']} is past the end of the file: {line[:200]!r}")
    return wrong


def unrunnable(catalogue: Catalogue) -> list[str]:
    """Dialogues in a loaded catalogue that name a tension or a flow it does not hold (the
    engine would stop with an error half way through a conversation)."""
    wrong = []
    tensions = set(catalogue.tension_ids)
    flows = {d.id for d in catalogue.dialogues if d.kind == "flow"}
    for dialogue in catalogue.dialogues:
        named = {dialogue.tension} - {""} | set(dialogue.tensions)
        wrong += [f"{dialogue.id} names tension {t!r}" for t in sorted(named - tensions)]
        wrong += [
            f"{dialogue.id} includes {s.include!r}"
            for s in dialogue.steps
            if s.include and s.include not in flows
        ]
    return wrong


class ReadsFirstPole:
    """A stand-in for the reader: every answer leans to a tension's first pole, and a story
    touches every tension (the real reader takes a second to build, and is not on trial)."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue

    def match(self, text: str, tension: str | None = None) -> Match:
        ranking = tuple(TensionScore(t.id, 0.5) for t in self.catalogue.tensions)
        pole = self.catalogue.tension(tension).poles[0].id if tension else "neither"
        return Match(tension, pole, -0.6, 0.9, (), ranking, unsure=False)


#: An answer of each kind the conversation can wait for.
ANSWERS = {"text": "We met and I spoke up.", "scale": "3", "choice": "1", "pick": "1, 2"}


def converse(catalogue: Catalogue) -> list[str]:
    """Start every script the catalogue holds and answer its questions to the end (or for
    80 answers); return what went wrong."""
    wrong = []
    engine = Engine(catalogue, matcher=ReadsFirstPole(catalogue))  # type: ignore[arg-type]
    for script in catalogue.scripts:
        try:
            state, _ = engine.start(script.id)
            for _ in range(80):
                if not state.waiting:
                    break
                state, _ = engine.reply(state, ANSWERS.get(state.expect.kind, "1"))
        except (EngineError, KeyError, IndexError, ValueError) as exc:
            wrong.append(f"the conversation {script.id!r} stopped: {type(exc).__name__}: {exc}")
    return wrong


def run_one(folder: Path) -> list[str]:
    """Check one content folder as ``reflect check --content DIR`` and load it as the plain
    conversation does; return what is wrong (empty when all is well). The output goes to a
    strict UTF-8 stream, as a terminal's would."""
    raw, err = io.BytesIO(), io.StringIO()
    out = io.TextIOWrapper(raw, encoding="utf-8", errors="strict")
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["check", "--content", str(folder)])
    out.flush()
    wrong = [] if status in (0, 1) else [f"reflect check exited {status}: {err.getvalue()}"]
    wrong += check_output_problems(raw.getvalue().decode("utf-8"), folder)
    try:
        catalogue = load_catalogue(ContentDirs(folder / "tensions", folder / "dialogues"))
    except UsageError:  # no usable tensions: the plain conversation says so and stops
        return wrong
    return wrong + unrunnable(catalogue) + converse(catalogue)


def read_weights_once() -> None:
    """``reflect check`` compares the catalogue with the reader's weights on every run, and
    reading them takes seconds: here they are read once (when first wanted) for every mutant."""
    from reflect.matching import learned

    cached = functools.cache(functools.partial(learned.load, learned.SHIPPED))
    learned.load = lambda path=learned.SHIPPED: cached()  # type: ignore[assignment,misc]


def check_mutants(seed: int, first: int, last: int, folder: Path, crash_at: int = -1) -> None:
    """Check mutants ``first`` to ``last - 1`` in this interpreter (a child of the test), each
    within the time bound. Prints ``start N`` before each and ``wrong N [...]`` after one that
    fails, whose folder is kept; ``crash_at`` kills the interpreter at that mutant (to test
    the test)."""
    read_weights_once()
    for number in range(first, last):
        print(f"start {number}", flush=True)
        if number == crash_at:
            os.kill(os.getpid(), signal.SIGSEGV)
        where = folder / f"m{number}"
        try:
            mutant(seed, number).write(where)
            with time_bound(BOUND):
                wrong = run_one(where)
        except TooSlow as exc:
            wrong = [str(exc)]
        except Exception as exc:  # a traceback: reported with its mutant, and on to the next
            last_frame = traceback.extract_tb(exc.__traceback__)[-1]
            at = f"{Path(last_frame.filename).name}:{last_frame.lineno}"
            wrong = [f"{type(exc).__name__} at {at}: {exc}"[:300]]
        if wrong:
            print(f"wrong {number} {json.dumps(wrong[:3])}", flush=True)
        else:
            shutil.rmtree(where, ignore_errors=True)


CHILD = (
    "import sys; from pathlib import Path; "
    "from tests.robustness.test_content_mutants import check_mutants; "
    "check_mutants(*map(int, sys.argv[1:4]), Path(sys.argv[4]), int(sys.argv[5]))"
)


def _output(process: subprocess.Popen[bytes], quiet: float) -> Iterator[str | None]:
    """The child's lines as they come; None (and the end) when it says nothing for ``quiet``
    seconds: a hang that the alarm inside it could not interrupt."""
    assert process.stdout is not None
    fd, buffer = process.stdout.fileno(), b""
    while True:
        ready, _, _ = select.select([fd], [], [], quiet)
        if not ready:
            yield None
            return
        chunk = os.read(fd, 65536)
        if not chunk:
            return
        *lines, buffer = (buffer + chunk).split(b"\n")
        yield from (line.decode("utf-8", "replace") for line in lines)


def _name(seed: int, number: int) -> str:
    try:
        return mutant(seed, number).name(seed)
    except Exception as exc:  # a fault of the generator, named as such
        return f"seed {seed}, mutant {number} (not made: {type(exc).__name__}: {exc})"


def run_in_children(
    seed: int, first: int, last: int, folder: Path, crash_at: int = -1
) -> tuple[list[str], int]:
    """Check mutants ``first`` to ``last - 1`` in child interpreters: when one crashes or
    hangs, the mutant it was on is a failure and a new child carries on from the next.
    Returns the failures, each naming the seed and the mutant, and how many were started."""
    failures: list[str] = []
    started = 0
    start = first
    while start < last:
        errors = folder / f"stderr-{start}.txt"
        with errors.open("wb") as stderr:
            argv = [str(n) for n in (seed, start, last, folder, crash_at)]
            process = subprocess.Popen(
                [sys.executable, "-c", CHILD, *argv],
                stdout=subprocess.PIPE,
                stderr=stderr,
                cwd=ROOT,
            )
            current = None
            for line in _output(process, BOUND + 30):
                if line is None:
                    process.kill()
                    break
                kind, _, rest = line.partition(" ")
                if kind == "start":
                    current = int(rest)
                    started += 1
                elif kind == "wrong":
                    number, _, wrong = rest.partition(" ")
                    where = folder / f"m{number}"
                    failures.append(f"{_name(seed, int(number))} in {where}: {wrong}")
            status = process.wait()
        if status == 0:
            break
        stopped = current if current is not None else start
        tail = errors.read_text(errors="replace")[-600:]
        failures.append(
            f"{_name(seed, stopped)}: the interpreter ended with {status} "
            f"(negative: killed by that signal; or no output for {BOUND + 30:g} s): {tail}"
        )
        start = stopped + 1
    return failures, started


def test_the_generator_makes_the_same_mutants_from_the_same_seed() -> None:
    assert mutant(SEED, 7) == mutant(SEED, 7)
    assert mutant(SEED, 7) != mutant(SEED + 1, 7)
    assert len({m.label for m in mutants(SEED, 200)}) > 150


def test_every_mutant_is_checked_and_loaded_without_a_traceback_a_hang_or_a_crash(
    tmp_path: Path,
) -> None:
    """The mutants run in two child interpreters side by side, so that a crash of the
    interpreter (a C stack overflow) is caught and named like any other failure."""
    assert COUNT >= 1000 or "REFLECT_MUTANTS" in os.environ
    half = COUNT // 2
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        parts = pool.map(
            lambda bounds: run_in_children(SEED, *bounds, tmp_path), [(0, half), (half, COUNT)]
        )
        results = list(parts)
    failures = [failure for part, _ in results for failure in part]
    again = f"(the same mutants: REFLECT_MUTANT_SEED={SEED}; one: mutant({SEED}, N).write(DIR))"
    assert failures == [], f"{len(failures)} of {COUNT} mutants failed {again}:\n" + "\n".join(
        failures[:20]
    )
    assert sum(started for _, started in results) == COUNT


def test_a_crash_is_reported_with_its_mutant_and_the_rest_still_run(tmp_path: Path) -> None:
    failures, started = run_in_children(SEED, 0, 2, tmp_path, crash_at=0)
    assert len(failures) == 1 and started == 2
    assert failures[0].startswith(f"seed {SEED}, mutant 0 (")
    assert "the interpreter ended with -11" in failures[0]
