"""Small typed readers over a parsed document that collect every problem instead of raising."""

from __future__ import annotations

import re
from typing import Any

from reflect.base.messages import did_you_mean
from reflect.base.problems import Problem
from reflect.content.yamldoc import Document, Key

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def type_name(value: Any) -> str:
    """How a YAML value's type is named to an author."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


class Reader:
    """Reads fields out of a document, recording problems as it goes."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.problems: list[Problem] = []

    def get(self, key: Key) -> Any:
        value: Any = self.doc.data
        for part in key:
            if isinstance(part, int):
                value = value[part] if isinstance(value, list) and part < len(value) else None
            else:
                value = value.get(part) if isinstance(value, dict) else None
        return value

    def add(self, at: Key, code: str, /, *, of_key: bool = False, **fields: object) -> None:
        if of_key or at not in self.doc.unreadable:  # an unreadable value was reported once
            self.problems.append(self.doc.problem(at, code, of_key=of_key, **fields))

    def warn(self, at: Key, code: str, /, **fields: object) -> None:
        if at not in self.doc.unreadable:
            self.problems.append(self.doc.warning(at, code, **fields))

    def mapping(
        self, key: Key, required: tuple[str, ...], optional: tuple[str, ...] = ()
    ) -> dict[str, Any] | None:
        """Check that ``key`` holds a mapping with these keys; report missing and unknown ones."""
        value = self.get(key)
        label = str(key[-1]) if key and isinstance(key[-1], str) else "this entry"
        if not isinstance(value, dict):
            self.add(key, "wrong-type", field=label, expected="a mapping", found=type_name(value))
            return None
        allowed = required + optional
        missing = [name for name in required if name not in value]
        explained: set[str] = set()
        for name in value:
            if name not in allowed:
                hint = did_you_mean(name, allowed)
                explained.update(m for m in missing if hint == did_you_mean(name, [m]))
                self.add((*key, name), "unknown-key", of_key=True, key=name, hint=hint)
        where = f" from '{key[-1]}'" if key and isinstance(key[-1], str) else ""
        for name in missing:
            if name not in explained:  # a misspelt key already says what is missing
                self.add(key, "missing-key", key=name, where=where)
        return value

    def text(self, key: Key) -> str:
        """A non-empty string at ``key`` (missing keys were reported by ``mapping``)."""
        value = self.get(key)
        field = str(key[-1])
        if value is None:
            if self._present(key):
                self.add(key, "empty-value", field=field)
            return ""
        if not isinstance(value, str):
            self.add(key, "wrong-type", field=field, expected="text", found=type_name(value))
            return ""
        if not value.strip():
            self.add(key, "empty-value", field=field)
        return value.strip()

    def choice(self, key: Key, choices: tuple[str, ...]) -> str:
        """Text that must be one of ``choices``; otherwise a problem with a suggestion."""
        value = self.text(key)
        if value and value not in choices:
            self.add(
                key,
                "bad-choice",
                field=str(key[-1]),
                value=value,
                choices=", ".join(choices),
                hint=did_you_mean(value, choices),
            )
        return value

    def whole(self, key: Key, expected: str, minimum: int | None = None) -> int | None:
        """A whole number at ``key`` (absent is None); anything else is a problem."""
        value = self.get(key)
        if value is None:
            return None
        if (
            isinstance(value, bool)
            or not isinstance(value, int)
            or (minimum is not None and value < minimum)
        ):
            self.add(
                key,
                "wrong-type",
                field=str(key[-1]),
                expected=expected,
                found=type_name(value) if not isinstance(value, int) else str(value),
            )
            return None
        return value

    def ident(self, key: Key) -> str:
        value = self.text(key)
        if value and not ID_PATTERN.match(value):
            self.add(key, "bad-id", value=value)
        return value

    def items(self, key: Key) -> list[Any]:
        """The list at ``key`` (empty when absent or of the wrong type, with a problem)."""
        value = self.get(key)
        field = str(key[-1])
        if value is None:
            if self._present(key):
                self.add(key, "empty-value", field=field)
            return []
        if not isinstance(value, list):
            self.add(key, "wrong-type", field=field, expected="a list", found=type_name(value))
            return []
        return value

    def texts(self, key: Key, minimum: int = 0, *, unique: bool = True) -> tuple[str, ...]:
        """A list of non-empty strings; fewer than ``minimum`` is a warning, none an error."""
        field = str(key[-1])
        result: list[str] = []
        first: dict[str, int] = {}
        for i, item in enumerate(self.items(key)):
            if isinstance(item, dict) and len(item) == 1:
                self.add((*key, i), "colon-in-text", field=field)
                continue
            if not isinstance(item, str) or not item.strip():
                found = "empty text" if isinstance(item, str) else type_name(item)
                self.add(
                    (*key, i),
                    "wrong-type",
                    field=f"an item of '{field}'",
                    expected="text",
                    found=found,
                )
                continue
            item = " ".join(item.split())
            folded = item.casefold()
            if unique and folded in first:
                self.warn((*key, i), "duplicate-item", item=item, field=field, first=first[folded])
                continue
            first[folded] = self.doc.where((*key, i))[0]
            result.append(item)
        if self._present(key) and self.get(key) == []:
            self.add(key, "empty-value", field=field)
        elif result and len(result) < minimum:
            self.warn(key, "too-few", field=field, count=len(result), minimum=minimum)
        return tuple(result)

    def _present(self, key: Key) -> bool:
        parent = self.get(key[:-1])
        return isinstance(parent, dict) and key[-1] in parent
