"""Reads one YAML file into plain values plus the line and column of every key and value.

This is the only module that imports ``yaml``. It uses PyYAML's safe loader to compose a
node tree and then builds the values itself, so that it can report what PyYAML alone does
not: duplicate keys (PyYAML silently keeps the last), aliases (refused outright, so no
"billion laughs" expansion), non-text keys, and a position for every problem.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from reflect.messages import problem_text
from reflect.problems import Problem

#: Content files larger than this are refused before parsing.
MAX_BYTES = 1_000_000
#: Deeper nesting than this is refused.
MAX_DEPTH = 40

Key = tuple[str | int, ...]


@dataclass
class Document:
    """A parsed YAML file: its data and where each piece of it stands in the file."""

    path: str
    data: Any
    marks: dict[Key, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Key, tuple[int, int]] = field(default_factory=dict)

    def where(self, key: Key, *, of_key: bool = False) -> tuple[int, int]:
        """Line and column of the value at ``key`` (or of its key), else its nearest parent."""
        table = self.key_marks if of_key else self.marks
        probe = key
        while probe:
            if probe in table:
                return table[probe]
            if probe in self.marks:
                return self.marks[probe]
            probe = probe[:-1]
        return self.marks.get((), (1, 1))

    def problem(self, at: Key, code: str, /, *, of_key: bool = False, **fields: object) -> Problem:
        """A problem located at ``at``."""
        line, column = self.where(at, of_key=of_key)
        return Problem(self.path, line, column, code, problem_text(code, **fields))

    def warning(self, at: Key, code: str, /, **fields: object) -> Problem:
        """A warning located at ``at``."""
        line, column = self.where(at)
        return Problem(self.path, line, column, code, problem_text(code, **fields), "warning")


class _AliasFound(Exception):
    def __init__(self, line: int, column: int) -> None:
        super().__init__("alias")
        self.line, self.column = line, column


class _Loader(yaml.SafeLoader):
    """The safe loader, refusing aliases at the point where they are used."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event: yaml.Event = self.peek_event()  # type: ignore[no-untyped-call]
            mark = event.start_mark
            raise _AliasFound(mark.line + 1 if mark else 0, mark.column + 1 if mark else 0)
        return super().compose_node(parent, index)


def _at(path: str, line: int, column: int, code: str, /, **fields: object) -> Problem:
    return Problem(path, line, column, code, problem_text(code, **fields))


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def read_document(file: Path, display: str | None = None) -> tuple[Document | None, list[Problem]]:
    """Read and parse one YAML file. Never raises for bad content: returns problems instead."""
    path = display or str(file)
    try:
        raw = file.read_bytes()
    except OSError as exc:
        return None, [_at(path, 0, 0, "unreadable", reason=exc.strerror or str(exc))]
    if len(raw) > MAX_BYTES:
        return None, [_at(path, 0, 0, "too-large", size=len(raw), limit=MAX_BYTES)]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start].decode("utf-8", errors="replace")
        line, column = _position(before, len(before))
        return None, [_at(path, line, column, "not-utf8", byte=raw[exc.start])]
    return parse_text(text, path)


def parse_text(text: str, path: str) -> tuple[Document | None, list[Problem]]:
    """Parse YAML text that has already been read."""
    tabs = [
        _at(path, number, line.index("\t") + 1, "yaml-tab")
        for number, line in enumerate(text.splitlines(), start=1)
        if "\t" in line[: len(line) - len(line.lstrip(" \t"))]
    ]
    if tabs:
        return None, tabs
    try:
        node = _compose(text)
    except _AliasFound as exc:
        return None, [_at(path, exc.line, exc.column, "yaml-alias")]
    except yaml.reader.ReaderError as exc:
        line, column = _position(text, exc.position)
        return None, [_at(path, line, column, "yaml-syntax", problem=exc.reason)]
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_problem(path, exc)]
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML marks nearly everything
        return None, [_at(path, 0, 0, "yaml-syntax", problem=str(exc))]
    if node is None:
        return None, [_at(path, 1, 1, "empty")]
    doc = Document(path, None)
    problems: list[Problem] = []
    doc.data = _build(node, (), doc, problems, 0)
    return doc, problems


def _compose(text: str) -> Any:
    """The node tree of a single-document text; aliases raise ``_AliasFound``.

    With libyaml (PyYAML's C parser) it is ten times faster: the events are scanned for an
    alias first, then composed in C. Without it, the pure-Python loader catches aliases as it
    composes.
    """
    if not yaml.__with_libyaml__:
        return yaml.compose(text, Loader=_Loader)
    for event in yaml.parse(text, Loader=yaml.CSafeLoader):
        if isinstance(event, yaml.AliasEvent):
            mark = event.start_mark
            raise _AliasFound(mark.line + 1 if mark else 0, mark.column + 1 if mark else 0)
    return yaml.compose(text, Loader=yaml.CSafeLoader)


def _syntax_problem(path: str, exc: yaml.MarkedYAMLError) -> Problem:
    """Locate a PyYAML error where an author should look.

    PyYAML marks an unclosed quote or bracket at the end of the file; the useful place is where
    it was opened (the context mark), so the end-of-stream case points there instead.
    """
    mark = exc.problem_mark or exc.context_mark
    context = exc.context_mark
    if context is not None and "end of stream" in str(exc.problem):
        mark = context
    line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    if "expected a single document" in str(exc.context):
        return _at(path, line, column, "yaml-multi-doc")
    problem = " ".join(str(p) for p in (exc.context, exc.problem) if p)
    if context is not None and mark is not context:
        problem += f" (the {exc.context or 'construct'} began at line {context.line + 1})"
    return _at(path, line, column, "yaml-syntax", problem=problem)


_SCALARS = SafeConstructor()


def _build(node: yaml.Node, key: Key, doc: Document, problems: list[Problem], depth: int) -> Any:
    doc.marks[key] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if depth > MAX_DEPTH:
        problems.append(doc.problem(key, "too-deep", limit=MAX_DEPTH))
        return None
    if isinstance(node, yaml.ScalarNode):
        if node.tag == "tag:yaml.org,2002:bool" and node.value.lower() not in ("true", "false"):
            return node.value  # YAML 1.2: "yes", "no", "on" and "off" are words, not booleans
        try:
            return _SCALARS.construct_object(node, deep=True)
        except yaml.YAMLError:
            return node.value
    if isinstance(node, yaml.SequenceNode):
        return [
            _build(item, (*key, i), doc, problems, depth + 1) for i, item in enumerate(node.value)
        ]
    result: dict[str, Any] = {}
    first_line: dict[str, int] = {}
    for key_node, value_node in node.value:
        line, column = key_node.start_mark.line + 1, key_node.start_mark.column + 1
        if not isinstance(key_node, yaml.ScalarNode):
            found = "a list" if isinstance(key_node, yaml.SequenceNode) else "a mapping"
            problems.append(_at(doc.path, line, column, "yaml-key-type", found=found))
            continue
        name = str(key_node.value)
        if name in first_line:
            problems.append(
                _at(doc.path, line, column, "duplicate-key", key=name, first=first_line[name])
            )
            continue
        first_line[name] = line
        doc.key_marks[(*key, name)] = (line, column)
        result[name] = _build(value_node, (*key, name), doc, problems, depth + 1)
    return result
