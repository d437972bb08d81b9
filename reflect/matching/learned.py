"""The learned weights: three small linear models, read from one file shipped in the package.

- ``stance``: lean / both / neither, one model shared by every tension (how a person says they
  hold both ends, or say nothing, is much the same language whatever the tension).
- ``direction``: towards the first or the second pole; word weights per tension.
- ``relevance``: whether a text touches a tension at all, to rank the tensions a story touches;
  shaped like ``direction``.

Plain Python at run time. A model's word weights are a ``Table``: each feature's row of weights
(one per class or per tension), held as whole numbers (the weight times the table's scale:
the trainer rounds every weight to that many decimals) in one compact array, so the file reads
in a blink and takes little memory. A word's character n-grams may come folded into one feature
(``features.CHARS``): their weights are then summed once per word and kept, which gives the
same score from a third of the lookups.

The file (see ``save``): gzip of one line of JSON (everything but the tables, and each table's
shape), then each table's feature names (one per line) and its numbers (little-endian).
"""

from __future__ import annotations

import gzip
import json
import math
import sys
from array import array
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from reflect.matching.features import CHARS, Feature, char_grams, directed

#: The weights that ship with the package.
SHIPPED = Path(__file__).with_name("weights.bin.gz")
#: Raise when the features or the file layout change: older files are then ignored.
FORMAT = 5

STANCES = ("lean", "both", "neither")

#: How many features' weights a model keeps at hand (then it starts again).
KEEP = 100_000


class Table:
    """Each feature's row of ``width`` weights, as whole numbers: weight times ``scale``."""

    def __init__(self, names: Sequence[str], numbers: array[int], width: int, scale: int) -> None:
        if len(numbers) != len(names) * width:
            raise ValueError("weights file is damaged: a table of the wrong size")
        self.numbers = numbers
        self.width = width
        self.scale = scale
        self.start = {name: k * width for k, name in enumerate(names)}

    @classmethod
    def of(cls, rows: Mapping[str, Sequence[float]], width: int, scale: int) -> Table:
        """A table of ``rows`` (weights already rounded to the scale's decimals)."""
        names = sorted(rows)
        ints = [round(x * scale) for name in names for x in rows[name]]
        if any(len(rows[name]) != width for name in names):
            raise ValueError("a weight row of the wrong length")
        small = all(-32768 <= x <= 32767 for x in ints)
        return cls(names, array("h" if small else "i", ints), width, scale)

    def get(self, name: str) -> array[int] | None:
        """The row of ``name`` (whole numbers: divide by ``scale``), or None."""
        at = self.start.get(name)
        return None if at is None else self.numbers[at : at + self.width]

    def __len__(self) -> int:
        return len(self.start)

    def __contains__(self, name: object) -> bool:
        return name in self.start

    def rows(self) -> Iterator[tuple[str, list[float]]]:
        """Every feature and its weights (as numbers with decimals), in name order."""
        for name in sorted(self.start):
            at = self.start[name]
            yield name, [x / self.scale for x in self.numbers[at : at + self.width]]


#: Marks a feature not yet looked up.
_UNKNOWN: Any = object()


class _Rows:
    """A feature's weights by name, turned into numbers with decimals on first use and kept;
    a folded word's (``features.CHARS``) are the sum of its character n-grams'."""

    weights: Table

    @cached_property
    def _kept(self) -> dict[str, tuple[float, ...] | None]:
        return {}

    def _looked_up(self, name: str) -> tuple[float, ...] | None:
        numbers = self.weights.get(name)
        if numbers is None:
            return None
        scale = self.weights.scale
        return tuple([x / scale for x in numbers])

    def row(self, name: str) -> tuple[float, ...] | None:
        """A feature's weights (one per class or per tension), or None when it has none."""
        kept = self._kept
        got = kept.get(name, _UNKNOWN)
        if got is not _UNKNOWN:
            return got  # type: ignore[no-any-return]
        found: tuple[float, ...] | None
        if name.startswith(CHARS):
            total: list[float] | None = None
            for gram in char_grams(name[len(CHARS) :]):
                w = self._looked_up(gram)
                if w is not None:
                    if total is None:
                        total = [0.0] * self.weights.width
                    for k, x in enumerate(w):
                        total[k] += x
            found = None if total is None else tuple(total)
        else:
            found = self._looked_up(name)
        if len(kept) >= KEEP:
            kept.clear()
        kept[name] = found
        return found


def _by_value(
    row: Any, features: list[Feature], sentence_of: list[int] | None
) -> dict[Any, list[Any]]:
    """The weight rows of ``features``, grouped by value (and, given ``sentence_of``, by
    sentence): most words of a sentence share a value, and a group's rows are summed column by
    column at C speed before one multiplication (what makes a long answer quick to read)."""
    groups: dict[Any, list[Any]] = {}
    for f in features:
        per = row(f.name)
        if per is not None:
            key = f.value if sentence_of is None else (sentence_of[f.first], f.value)
            got = groups.get(key)
            if got is None:
                groups[key] = [per]
            else:
                got.append(per)
    return groups


@dataclass(frozen=True)
class Shared(_Rows):
    """A multi-class model shared by all tensions (the stance model)."""

    bias: tuple[float, ...]
    weights: Table

    def scores(self, features: list[Feature]) -> list[float]:
        out = list(self.bias)
        for value, rows in _by_value(self.row, features, None).items():
            for k, column in enumerate(zip(*rows, strict=True)):
                out[k] += value * sum(column)
        return out


@dataclass(frozen=True)
class PerTension(_Rows):
    """A binary model whose word weights are per tension and rule weights shared.

    A word's weights are one row, in the order of ``tensions`` (dense: quick to read)."""

    bias: float
    tension_bias: dict[str, float]
    shared: dict[str, float]
    tensions: tuple[str, ...]
    weights: Table

    @cached_property
    def position(self) -> dict[str, int]:
        """Each tension's place in ``tensions`` (and so in every word's weight row)."""
        return {t: k for k, t in enumerate(self.tensions)}

    def sentence_scores(
        self, words: list[Feature], sentence_of: list[int], count: int
    ) -> list[list[float]]:
        """What each sentence's words add to the score of every tension (in ``tensions``
        order), in one pass over the words."""
        size = len(self.tensions)
        totals = [[0.0] * size for _ in range(count)]
        for (sentence, value), rows in _by_value(self.row, words, sentence_of).items():
            acc = totals[sentence]
            for k, column in enumerate(zip(*rows, strict=True)):
                acc[k] += value * sum(column)
        return totals

    def rule_score(self, tension: str, rules: list[Feature]) -> float:
        """The biases and the rule features' part of the score for ``tension``."""
        total = self.bias + self.tension_bias.get(tension, 0.0)
        for f in rules:
            total += self.shared.get(f.name, 0.0) * f.value
        return total

    def pushes(self, tension: str, words: list[Feature], size: int) -> list[float]:
        """What each of ``size`` tokens adds to the score, reading ``words`` as the trainer
        did (``features.directed``: a reversed word counts against its plain form); a pair's
        weight is split between its two tokens."""
        push = [0.0] * size
        k = self.position.get(tension)
        if k is None:
            return push
        row = self.row
        for f in directed(words):
            per = row(f.name)
            if per is None or f.first < 0:
                continue
            c = per[k] * f.value
            if f.first == f.last:
                push[f.first] += c
            else:
                push[f.first] += c / 2
                push[f.last] += c / 2
        return push


@dataclass(frozen=True)
class Weights:
    """Everything the learned reader needs, and what it was trained from."""

    stance: Shared
    direction: PerTension
    relevance: PerTension
    #: Below this probability the reader asks rather than tells (set from held-out writers).
    tell_at: float
    #: What the weights were trained from: the corpus and each tension's content.
    fingerprint: dict[str, Any] = field(default_factory=dict)

    def knows(self, tension: str) -> bool:
        return tension in self.direction.tension_bias


def softmax(scores: list[float]) -> list[float]:
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]


def sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def _header(model: PerTension) -> dict[str, Any]:
    return {
        "bias": model.bias,
        "tension_bias": model.tension_bias,
        "shared": model.shared,
        "tensions": list(model.tensions),
    }


def _tables(weights: Weights) -> list[Table]:
    return [weights.stance.weights, weights.direction.weights, weights.relevance.weights]


def to_bytes(weights: Weights) -> bytes:
    """The file's form of the weights (before gzip): the same weights give the same bytes."""
    tables = _tables(weights)
    blobs: list[bytes] = []
    shapes = []
    for table in tables:
        names = sorted(table.start, key=table.start.__getitem__)
        text = "\n".join(names).encode("utf-8")
        numbers = array(table.numbers.typecode, table.numbers)
        if sys.byteorder != "little":
            numbers.byteswap()
        blobs += [text, numbers.tobytes()]
        shapes.append(
            {
                "names": len(text),
                "count": len(names),
                "type": numbers.typecode,
                "width": table.width,
                "scale": table.scale,
            }
        )
    header = {
        "format": FORMAT,
        "fingerprint": weights.fingerprint,
        "tell_at": weights.tell_at,
        "stance": {"classes": list(STANCES), "bias": list(weights.stance.bias)},
        "direction": _header(weights.direction),
        "relevance": _header(weights.relevance),
        "tables": shapes,
    }
    line = json.dumps(header, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return b"".join([line, b"\n", *blobs])


def _read_tables(rest: memoryview, shapes: list[dict[str, Any]]) -> list[Table]:
    tables = []
    at = 0
    for shape in shapes:
        width, count, typecode = int(shape["width"]), int(shape["count"]), str(shape["type"])
        if typecode not in ("h", "i"):
            raise ValueError(f"weights file is damaged: numbers of type {typecode!r}")
        end = at + int(shape["names"])
        names = bytes(rest[at:end]).decode("utf-8").split("\n") if count else []
        numbers = array(typecode)
        size = count * width * numbers.itemsize
        numbers.frombytes(rest[end : end + size])
        if len(names) != count or len(numbers) != count * width:
            raise ValueError("weights file is damaged: a table is cut short")
        if sys.byteorder != "little":
            numbers.byteswap()
        tables.append(Table(names, numbers, width, int(shape["scale"])))
        at = end + size
    if at != len(rest):
        raise ValueError("weights file is damaged: bytes after the last table")
    return tables


def _per_tension(data: dict[str, Any], table: Table) -> PerTension:
    tensions = tuple(str(t) for t in data["tensions"])
    if table.width != len(tensions):
        raise ValueError("weights file is damaged: a weight row of the wrong length")
    return PerTension(
        float(data["bias"]),
        {k: float(v) for k, v in data["tension_bias"].items()},
        {k: float(v) for k, v in data["shared"].items()},
        tensions,
        table,
    )


def from_bytes(data: bytes) -> Weights:
    """Weights from their file's form (see ``to_bytes``); raises ``ValueError`` for any other
    shape."""
    try:
        end = data.index(b"\n")
        header = json.loads(data[:end])
        if header.get("format") != FORMAT:
            raise ValueError(f"weights format {header.get('format')!r}, expected {FORMAT}")
        stance, direction, relevance = _read_tables(memoryview(data)[end + 1 :], header["tables"])
        if stance.width != len(STANCES):
            raise ValueError("weights file is damaged: a stance row of the wrong length")
        return Weights(
            Shared(tuple(float(b) for b in header["stance"]["bias"]), stance),
            _per_tension(header["direction"], direction),
            _per_tension(header["relevance"], relevance),
            float(header["tell_at"]),
            dict(header.get("fingerprint", {})),
        )
    except (KeyError, TypeError, AttributeError, UnicodeDecodeError) as exc:
        raise ValueError(f"weights file is damaged: {exc}") from exc


def load(path: Path = SHIPPED) -> Weights | None:
    """The weights in ``path``, or None when there are none (or they cannot be read)."""
    try:
        with gzip.open(path, "rb") as handle:
            return from_bytes(handle.read())
    except (OSError, ValueError, EOFError):
        return None


def save(weights: Weights, path: Path) -> None:
    """Write the weights, with a fixed gzip time: the same weights give the same bytes."""
    with path.open("wb") as raw, gzip.GzipFile("", "wb", fileobj=raw, mtime=0) as handle:
        handle.write(to_bytes(weights))
