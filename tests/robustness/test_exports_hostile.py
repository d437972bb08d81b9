"""Hostile words through whole plain-mode sessions and every export: what a person typed reads
back exactly as typed and never becomes structure (Markdown headings, lists, rules, links,
emphasis; HTML elements), and the JSON holds it exactly."""

from __future__ import annotations

import io
import json
import random
import unicodedata
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from reflect.base.textsafe import visible
from reflect.cli import main

SEED = 20261123
SESSIONS = 4

#: What can make structure, alone and in mixtures.
PIECES = [
    "# heading",
    "## two",
    "- item",
    "+ item",
    "* item",
    "1. first",
    "2) second",
    "---",
    "***",
    "___",
    "===",
    "> quoted",
    "```",
    "~~~",
    "    four spaces",
    "~~struck~~",
    "*em*",
    "**strong**",
    "_under_",
    "`code`",
    "[link](http://example.org)",
    "![image](x.png)",
    "<b>bold</b>",
    "<script>alert(1)</script>",
    "<http://example.org>",
    "https://example.org/path",
    "www.example.org",
    "someone@example.org",
    "&amp; &lt; &#35;",
    "| a | b |",
    "\\*not em\\*",
    "trailing spaces  ",
    "a\\",
    "[^1]",
    "{curly}",
    "2 + 2 = 4 - ok",
    "\u202eevil bidi",
    "\x1b[31mred\x1b[0m",
    "caf\u00e9 \u2014 \U0001f600",
    "C1 \x9b31m and \x85 next line",
    "zero\u200bwidth and \ufeff mark",
]


#: The pieces that make structure at the start of a line (a coach's note is a list item).
BLOCKS = 15


def hostile(rng: random.Random, lead: str) -> str:
    """``lead`` first, then up to three more pieces."""
    words = [lead, *(rng.choice(PIECES) for _ in range(rng.randint(0, 3)))]
    return rng.choice([" ", "  ", " \u00b7 "]).join(words)


#: The power dialogue's lines, with {} where the person writes freely.
SCRIPT = [
    "{} pushed back at the board.",
    "{}",  # how it felt
    "",  # no longer version
    "yes",
    "",
    "{}",  # what tells you that
    "4",
    "{}",
    "/note {}",
    "{}",
    "/note {}",
    "/note {}",
    "{}",
    "/note {}",
    "{}",
    "{}",
    "{}",
]


def session(folder: Path, texts: list[str], monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A power session in plain mode with ``texts`` in its free-text slots; what was typed."""
    given = iter(texts)
    lines = [line.format(next(given)) if "{}" in line else line for line in SCRIPT]
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(f"{line}\n" for line in lines)))
    assert main(["--plain", "--tension", "power", "--data-dir", str(folder)]) == 0
    return [line.removeprefix("/note ") for line in lines if "{}" in SCRIPT[lines.index(line)]]


def export(folder: Path, fmt: str, tmp: Path) -> str:
    out = tmp / f"export.{fmt}"
    out.unlink(missing_ok=True)
    argv = ["export", "1", "--format", fmt, "-o", str(out), "--data-dir", str(folder)]
    assert main([*argv, "--with-words"] if fmt == "json" else argv) == 0
    return out.read_text(encoding="utf-8")


def markdown_shape(text: str) -> tuple[Counter[str], str]:
    """The Markdown's structure (every token type but text) and its text, as rendered."""
    tokens = MarkdownIt("gfm-like").parse(text)
    shape: Counter[str] = Counter()
    words: list[str] = []

    def walk(items: list) -> None:  # type: ignore[type-arg]
        for token in items:
            if token.type in ("text", "text_special", "softbreak", "hardbreak"):
                words.append(token.content if token.type.startswith("text") else "\n")
            elif not token.type.startswith("strong_"):
                # (bold marks the words that placed the person, which differ with the words;
                # typed asterisks are checked as text: read as bold, they would be missing)
                shape[token.type] += 1
            if token.children:
                walk(token.children)

    walk(tokens)
    return shape, "".join(words)


class Elements(HTMLParser):
    """The HTML's elements, and its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: Counter[str] = Counter()
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "mark":  # (the words that placed the person: as bold in Markdown)
            self.tags[tag] += 1

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def html_shape(text: str) -> tuple[Counter[str], str]:
    parser = Elements()
    parser.feed(text)
    return parser.tags, "".join(parser.text)


def squeeze(text: str) -> str:
    return " ".join(text.split())


def test_hostile_words_read_back_as_typed_in_every_export(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(SEED)
    slots = sum("{}" in line for line in SCRIPT)
    plain = tmp_path / "plain"
    typed = session(plain, [f"plain words {i}" for i in range(slots)], monkeypatch)
    md_shape, _ = markdown_shape(export(plain, "md", tmp_path))
    page_shape, _ = html_shape(export(plain, "html", tmp_path))
    tried = 0
    for n in range(SESSIONS):
        folder = tmp_path / f"s{n}"
        # every piece leads a text, every block piece leads a note, somewhere in the run
        notes = iter(PIECES[(n * 4 + k) % BLOCKS] for k in range(4))
        leads = iter(PIECES[(n * slots + k) % len(PIECES)] for k in range(slots))
        texts = [
            hostile(rng, next(notes) if line.startswith("/note") else next(leads))
            for line in SCRIPT
            if "{}" in line
        ]
        typed = session(folder, texts, monkeypatch)
        raw = {fmt: export(folder, fmt, tmp_path) for fmt in ("md", "html", "json")}
        for fmt, text in raw.items():  # safe to print on a terminal: no control character
            odd = {c for c in text if unicodedata.category(c)[0] == "C" and c not in "\n\t"}
            assert not odd, f"seed {SEED}, session {n}: {odd} in the {fmt} export"
        md, md_text = markdown_shape(raw["md"])
        page, page_text = html_shape(raw["html"])
        data = json.loads(raw["json"])
        assert md == md_shape, f"seed {SEED}, session {n}: Markdown structure from {texts}"
        assert page == page_shape, f"seed {SEED}, session {n}: HTML elements from {texts}"
        everything = json.dumps(data, ensure_ascii=False)
        for text in typed:
            shown = squeeze(visible(text))
            assert shown in squeeze(md_text), f"seed {SEED}, session {n}: {text!r} in Markdown"
            assert shown in squeeze(page_text), f"seed {SEED}, session {n}: {text!r} in HTML"
            assert json.dumps(text.strip(), ensure_ascii=False)[1:-1] in everything, text
            tried += 1
    assert tried == SESSIONS * slots
