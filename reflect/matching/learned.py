"""The learned weights: three small linear models, read from one file shipped in the package.

- ``stance``: lean / both / neither, one model shared by every tension (how a person says they
  hold both ends, or say nothing, is much the same language whatever the tension).
- ``direction``: towards the first or the second pole; word weights per tension.
- ``relevance``: whether a text touches a tension at all, to rank the tensions a story touches;
  shaped like ``direction``.

Plain Python at run time: a model is a dict from feature name to weight(s). A word's
character n-grams may come folded into one feature (``features.CHARS``): their weights are then
summed once per word and kept, which gives the same score from a third of the lookups.
"""

from __future__ import annotations

import gzip
import json
import math
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from reflect.matching.features import CHARS, Feature, char_grams, directed

#: The weights that ship with the package.
SHIPPED = Path(__file__).with_name("weights.json.gz")
#: Raise when the features or the file layout change: older files are then ignored.
FORMAT = 4

STANCES = ("lean", "both", "neither")


#: How many words' summed character weights a model keeps (then it starts again).
KEEP = 50_000


class _Rows:
    """A feature's weights by name; a folded word's (``features.CHARS``) are the sum of its
    character n-grams', worked out once per word and kept."""

    weights: dict[str, Any]

    def _width(self) -> int:
        raise NotImplementedError

    @cached_property
    def _kept(self) -> dict[str, list[float] | None]:
        return {}

    def row(self, name: str) -> Any:
        """A feature's weights (one per class or per tension), or None when it has none."""
        got = self.weights.get(name)
        if got is not None or not name.startswith(CHARS):
            return got
        kept = self._kept
        if name in kept:
            return kept[name]
        size = self._width()
        total: list[float] | None = None
        for gram in char_grams(name[len(CHARS) :]):
            w = self.weights.get(gram)
            if w is not None:
                if total is None:
                    total = [0.0] * size
                for k in range(size):
                    total[k] += w[k]
        if len(kept) >= KEEP:
            kept.clear()
        kept[name] = total
        return total


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
    weights: dict[str, tuple[float, ...]]

    def _width(self) -> int:
        return len(self.bias)

    def scores(self, features: list[Feature]) -> list[float]:
        out = list(self.bias)
        for value, rows in _by_value(self.row, features, None).items():
            for k, column in enumerate(zip(*rows, strict=True)):
                out[k] += value * sum(column)
        return out


@dataclass(frozen=True)
class PerTension(_Rows):
    """A binary model whose word weights are per tension and rule weights shared.

    A word's weights are one list, in the order of ``tensions`` (dense: quick to read)."""

    bias: float
    tension_bias: dict[str, float]
    shared: dict[str, float]
    tensions: tuple[str, ...]
    weights: dict[str, list[float]]

    @cached_property
    def position(self) -> dict[str, int]:
        """Each tension's place in ``tensions`` (and so in every word's weight list)."""
        return {t: k for k, t in enumerate(self.tensions)}

    def _width(self) -> int:
        return len(self.tensions)

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


def _per_tension(data: dict[str, Any]) -> PerTension:
    tensions = tuple(str(t) for t in data["tensions"])
    weights = {str(k): [float(x) for x in v] for k, v in data["weights"].items()}
    if any(len(v) != len(tensions) for v in weights.values()):
        raise ValueError("weights file is damaged: a weight list of the wrong length")
    return PerTension(
        float(data["bias"]),
        {k: float(v) for k, v in data["tension_bias"].items()},
        {k: float(v) for k, v in data["shared"].items()},
        tensions,
        weights,
    )


def from_data(data: dict[str, Any]) -> Weights:
    """Weights from their JSON form; raises ``ValueError`` for any other shape."""
    try:
        if data.get("format") != FORMAT:
            raise ValueError(f"weights format {data.get('format')!r}, expected {FORMAT}")
        stance = data["stance"]
        return Weights(
            Shared(
                tuple(float(b) for b in stance["bias"]),
                {k: tuple(float(x) for x in v) for k, v in stance["weights"].items()},
            ),
            _per_tension(data["direction"]),
            _per_tension(data["relevance"]),
            float(data["tell_at"]),
            dict(data.get("fingerprint", {})),
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"weights file is damaged: {exc}") from exc


def to_data(weights: Weights) -> dict[str, Any]:
    """The JSON form of the weights."""

    def per(model: PerTension) -> dict[str, Any]:
        return {
            "bias": model.bias,
            "tension_bias": model.tension_bias,
            "shared": model.shared,
            "tensions": list(model.tensions),
            "weights": model.weights,
        }

    return {
        "format": FORMAT,
        "fingerprint": weights.fingerprint,
        "tell_at": weights.tell_at,
        "stance": {
            "classes": list(STANCES),
            "bias": list(weights.stance.bias),
            "weights": {k: list(v) for k, v in weights.stance.weights.items()},
        },
        "direction": per(weights.direction),
        "relevance": per(weights.relevance),
    }


def load(path: Path = SHIPPED) -> Weights | None:
    """The weights in ``path``, or None when there are none (or they cannot be read)."""
    try:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            return from_data(json.load(handle))
    except (OSError, ValueError, EOFError):
        return None


def save(weights: Weights, path: Path) -> None:
    """Write the weights: sorted keys and a fixed gzip time, so the same weights give the
    same bytes."""
    text = json.dumps(to_data(weights), sort_keys=True, separators=(",", ":"))
    with path.open("wb") as raw, gzip.GzipFile("", "wb", fileobj=raw, mtime=0) as handle:
        handle.write(text.encode("utf-8"))
