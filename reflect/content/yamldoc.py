"""Reads one YAML file into plain values plus the line and column of every key and value.

This is the only module that imports ``yaml``. It reads the events of PyYAML's safe parser
and builds the node tree and then the values itself, so that it can report what PyYAML alone
does not: duplicate keys (PyYAML silently keeps the last), aliases (refused outright, so no
"billion laughs" expansion), non-text keys, numbers and dates that cannot be read, and a
position for every problem. Limits on size, depth and the length of a number keep a hostile
file from taking long or overflowing the stack: it gets a problem like any other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import yaml
from yaml.constructor import SafeConstructor

from reflect.base.messages import problem_text
from reflect.base.problems import Problem

#: Content files larger than this are refused before parsing.
MAX_BYTES = 1_000_000
#: Deeper nesting than this is refused, where it starts, before the rest is read.
MAX_DEPTH = 40
#: A list or mapping with more entries than this is refused (checks that compare every pair
#: of entries - cue clashes, jumps between steps - stay quick).
MAX_ITEMS = 500
#: Numbers written with more characters than this are not read.
MAX_NUMBER = 100

Key = tuple[str | int, ...]
_TAG = "tag:yaml.org,2002:"


@dataclass
class Document:
    """A parsed YAML file: its data and where each piece of it stands in the file."""

    path: str
    data: Any
    marks: dict[Key, tuple[int, int]] = field(default_factory=dict)
    key_marks: dict[Key, tuple[int, int]] = field(default_factory=dict)
    #: Values already reported as unreadable (a bad number or date, an unknown tag): the
    #: schema says nothing more about them.
    unreadable: set[Key] = field(default_factory=set)

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


def _at(path: str, line: int, column: int, code: str, /, **fields: object) -> Problem:
    return Problem(path, line, column, code, problem_text(code, **fields))


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def read_document(
    file: Path, display: str | None = None, max_items: int = MAX_ITEMS
) -> tuple[Document | None, list[Problem]]:
    """Read and parse one YAML file. Never raises for bad content: returns problems instead.
    ``max_items``: the most entries one list or mapping may have."""
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
    return parse_text(text, path, max_items)


def parse_text(
    text: str, path: str, max_items: int = MAX_ITEMS
) -> tuple[Document | None, list[Problem]]:
    """Parse YAML text that has already been read."""
    tabs = [
        _at(path, number, line.index("\t") + 1, "yaml-tab")
        for number, line in enumerate(text.splitlines(), start=1)
        if "\t" in line[: len(line) - len(line.lstrip(" \t"))]
    ]
    if tabs:
        return None, tabs
    try:
        node = _compose(text, max_items)
    except _Refused as exc:
        return None, [_at(path, exc.line, exc.column, exc.code, **exc.fields)]
    except yaml.reader.ReaderError as exc:
        line, column = _position(text, exc.position)
        return None, [_at(path, line, column, "yaml-syntax", problem=exc.reason)]
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_problem(path, text, exc)]
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML marks nearly everything
        return None, [_at(path, 0, 0, "yaml-syntax", problem=str(exc))]
    if node is None:
        return None, [_at(path, 1, 1, "empty")]
    doc = Document(path, None)
    problems: list[Problem] = []
    doc.data = _build(node, (), doc, problems)
    return doc, problems


class _Refused(Exception):
    """A document refused while it is parsed: an alias, too deep a nesting, too long a list,
    a second document."""

    def __init__(self, code: str, mark: Any, **fields: object) -> None:
        super().__init__(code)
        self.code, self.fields = code, fields
        self.line: int = mark.line + 1 if mark else 0
        self.column: int = mark.column + 1 if mark else 0


_resolve = cast(Callable[[type, "str | None", Any], str], yaml.resolver.Resolver().resolve)
_WORD_TAGS = (f"{_TAG}merge", f"{_TAG}value", f"{_TAG}yaml")


def _compose(text: str, max_items: int = MAX_ITEMS) -> yaml.Node | None:
    """The node tree of a single-document text, built from the parser's events.

    PyYAML's own composers recurse once per level of nesting (its C composer overflows the C
    stack on a deep file) and expand aliases, and its scanner takes time that grows with the
    square of the depth of an unclosed ``[[[[...``. Here the tree is built with a stack, the
    depth is checked as each collection opens, and the first alias, the first node deeper than
    ``MAX_DEPTH``, the first entry past ``max_items`` or a second document stops the parse
    there: the events come lazily, so the rest of the text is never scanned. With libyaml
    (PyYAML's C parser) the events come about ten times faster.
    """
    loader = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader
    root: yaml.Node | None = None
    open_nodes: list[yaml.Node] = []
    keys: list[yaml.Node | None] = []  # per open mapping: the key waiting for its value
    documents = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.AliasEvent):
            raise _Refused("yaml-alias", event.start_mark)
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise _Refused("yaml-multi-doc", event.start_mark)
        elif isinstance(event, yaml.CollectionEndEvent):
            node = open_nodes.pop()
            keys.pop()
            node.end_mark = event.end_mark
        elif isinstance(event, yaml.ScalarEvent | yaml.CollectionStartEvent):
            if len(open_nodes) > MAX_DEPTH:
                raise _Refused("too-deep", event.start_mark, limit=MAX_DEPTH)
            node = _node(event)
            parent = open_nodes[-1] if open_nodes else None
            if parent is not None and keys[-1] is None and len(parent.value) >= max_items:
                raise _Refused("too-many", event.start_mark, limit=max_items)
            if parent is None:
                root = node
            elif isinstance(parent, yaml.SequenceNode):
                parent.value.append(node)
            elif keys[-1] is None:
                keys[-1] = node
            else:
                parent.value.append((keys[-1], node))
                keys[-1] = None
            if isinstance(event, yaml.CollectionStartEvent):
                open_nodes.append(node)
                keys.append(None)
    return root


def _node(event: yaml.ScalarEvent | yaml.CollectionStartEvent) -> yaml.Node:
    """A node for a scalar or an opening collection, its tag resolved as PyYAML resolves it."""
    start: Any = event.start_mark
    end: Any = event.end_mark
    tag = event.tag
    if isinstance(event, yaml.ScalarEvent):
        if tag is None or tag == "!":
            tag = _resolve(yaml.ScalarNode, event.value, event.implicit)
            if tag in _WORD_TAGS:  # a plain "<<" or "=" is a word in a content file
                tag = f"{_TAG}str"
        return yaml.ScalarNode(tag, event.value, start, end, style=event.style)
    kind = yaml.SequenceNode if isinstance(event, yaml.SequenceStartEvent) else yaml.MappingNode
    if tag is None or tag == "!":
        tag = _resolve(kind, None, event.implicit)
    return kind(tag, [], start, end, flow_style=event.flow_style)


def _syntax_problem(path: str, text: str, exc: yaml.MarkedYAMLError) -> Problem:
    """Locate a PyYAML error where an author should look.

    PyYAML marks an unclosed quote or bracket at the end of the file (on a line after the last
    when the last has no line break); the useful place is where the construct was opened (the
    context mark), so an error at the end points there, or else at the file's last character.
    """
    end = len(text.rstrip("\n"))
    mark = exc.problem_mark or exc.context_mark
    context = exc.context_mark
    at_end = mark is not None and mark.index >= end
    if context is not None and (at_end or "end of stream" in str(exc.problem)):
        mark = context
    if mark is None:
        line, column = 0, 0
    elif mark.index >= end:
        line, column = _position(text, max(end - 1, 0))
    else:
        line, column = mark.line + 1, mark.column + 1
    problem = " ".join(str(p) for p in (exc.context, exc.problem) if p)
    if context is not None and mark is not context and context.index < end:
        problem += f" (the {exc.context or 'construct'} began at line {context.line + 1})"
    return _at(path, line, column, "yaml-syntax", problem=problem)


_COLLECTION_TAGS = (f"{_TAG}seq", f"{_TAG}map")
_SCALARS = SafeConstructor()


class _Unreadable(Exception):
    """A scalar whose text cannot be read as what its tag says it is."""

    def __init__(self, what: str, why: str = "") -> None:
        super().__init__(what)
        self.what, self.why = what, why


def _scalar(node: yaml.ScalarNode) -> Any:
    """The value of a scalar, read as its tag says: the one place where text becomes a number,
    a date or a boolean. Raises ``_Unreadable`` when it cannot be, and reads no number longer
    than ``MAX_NUMBER`` characters (a long ``1:2:3:...`` takes time growing with the square
    of its length)."""
    text = node.value
    kind = node.tag.removeprefix(_TAG)
    if kind == "str":
        return text
    if kind == "null":
        if text in ("", "~", "null", "Null", "NULL"):
            return None
        raise _Unreadable("empty (null)")
    if kind == "bool":
        if text.lower() in ("true", "false"):
            return text.lower() == "true"
        if text.lower() in _SCALARS.bool_values:
            return text  # YAML 1.2: "yes", "no", "on" and "off" are words, not booleans
        raise _Unreadable("true or false")
    if kind in ("int", "float"):
        what = "a whole number" if kind == "int" else "a number"
        if len(text) > MAX_NUMBER:
            raise _Unreadable(what, f"it is {len(text):,} characters long")
        body = text.replace("_", "")
        if not (body[1:] if body[:1] in ("+", "-") else body):  # PyYAML would IndexError
            raise _Unreadable(what)
        try:
            if kind == "int":
                return _SCALARS.construct_yaml_int(node)
            return _SCALARS.construct_yaml_float(node)
        except (ValueError, OverflowError):  # OverflowError: 1:2:3... too big for a float
            raise _Unreadable(what) from None
    if kind == "timestamp":
        if not _SCALARS.timestamp_regexp.match(text):
            raise _Unreadable("a date")
        try:
            return _SCALARS.construct_yaml_timestamp(node)
        except ValueError as exc:
            why = "the time zone is more than 24 hours off" if "offset" in str(exc) else str(exc)
            raise _Unreadable("a date", why) from None
    if kind == "binary":
        try:
            return _SCALARS.construct_yaml_binary(node)
        except yaml.constructor.ConstructorError:
            raise _Unreadable("base64 data (!!binary)") from None
    raise _Unreadable("")  # any other tag: !!set, !!python/..., !custom


def _shown(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _build(node: yaml.Node, key: Key, doc: Document, problems: list[Problem]) -> Any:
    doc.marks[key] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.ScalarNode):
        try:
            return _scalar(node)
        except _Unreadable as exc:
            doc.unreadable.add(key)
            if not exc.what:
                problems.append(doc.problem(key, "bad-tag", tag=_shown(node.tag)))
            else:
                why = f": {exc.why}" if exc.why else ""
                problems.append(
                    doc.problem(key, "bad-value", value=_shown(node.value), what=exc.what, why=why)
                )
            return node.value
    if node.tag not in _COLLECTION_TAGS:
        doc.unreadable.add(key)
        problems.append(doc.problem(key, "bad-tag", tag=_shown(node.tag)))
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*key, i), doc, problems) for i, item in enumerate(node.value)]
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
        result[name] = _build(value_node, (*key, name), doc, problems)
    return result
