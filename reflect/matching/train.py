"""Train the reader's weights from the labelled corpus: ``python -m reflect.matching.train``.

Deterministic: the same corpus and catalogue give the same weights file. Needs
scikit-learn (a development dependency); the app itself reads the weights in plain Python.

    python -m reflect.matching.train [--content DIR] [--corpus DIR] [--out FILE]

Without ``--out`` it writes the weights that ship in the package. The blind writer's file is
never read. The tell-or-ask threshold is set from leave-one-writer-out predictions: the
lowest probability at which, on writers the model has not seen, a told reading is right at
least ``PRECISION`` of the time.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reflect.content.model import Catalogue
from reflect.matching import features as F
from reflect.matching.corpus import Answer, Story, WriterFile, fingerprint, read_corpus
from reflect.matching.cues import Analysis, CueReader
from reflect.matching.fingerprint import RECIPE, catalogue_hashes
from reflect.matching.learned import SHIPPED, STANCES, PerTension, Shared, Table, Weights, save

#: Inverse regularisation strength of each model (larger: fits the training writers closer).
C_STANCE = 5.0
C_DIRECTION = 20.0
C_RELEVANCE = 8.0
#: How much a "both" or "neither" answer counts in the stance model against a leaning one:
#: each is an eighth of the answers or so, and missing one costs more than a leaning answer
#: asked about (set on leave-one-writer-out figures; see the release note).
STANCE_CLASS_WEIGHT = {"lean": 1.0, "both": 6.0, "neither": 6.0}
#: Words weigh by their inverse document frequency (folded into the weights the reader uses):
#: fully in the direction model, and to this power in the stance model, where common words
#: ("both", "each", "not sure") carry much of what it must learn (set on leave-one-writer-out
#: figures; see the release note).
STANCE_IDF = 0.5
#: The stance model sees each answer's direction pushes from a direction model trained
#: without its writer: the writers are split into this many groups for that.
PUSH_FOLDS = 3
#: What one of the catalogue's cues or examples counts for in the direction model, against
#: one written answer (they are short and say the pole outright; at full weight they pull the
#: model away from how people write).
CATALOGUE_WEIGHT = 0.3
#: What a written story counts for in the relevance model, against one answer.
STORY_WEIGHT = 8.0
#: How right a told reading must be on held-out writers.
PRECISION = 0.95
#: A word whose weights are all smaller than this is dropped from the file (checked on a third
#: of the corpus with a stricter cut, 0.05 per weight: no reading changed).
PRUNE = 0.03
#: Weights are kept to this many decimals (so the file holds them as whole numbers).
WORD_DECIMALS = 3
STANCE_DECIMALS = 4


@dataclass
class Prepared:
    """A text's analysis and word features, computed once."""

    analysis: Analysis
    words: list[F.Feature]
    signals: list[F.Signals]  # the rule layer's evidence for every tension


class Featuriser:
    """Caches the analysis of every text the trainer sees."""

    def __init__(self, reader: CueReader) -> None:
        self.reader = reader
        self._cache: dict[str, Prepared] = {}
        self.position = {t: i for i, t in enumerate(reader.index.tension_ids)}

    def __call__(self, text: str) -> Prepared:
        got = self._cache.get(text)
        if got is None:
            analysis = self.reader.analyse(text)
            signals = F.all_signals(self.reader, analysis)
            got = self._cache[text] = Prepared(analysis, F.words(analysis), signals)
        return got

    def signal(self, text: str, tension: str) -> F.Signals:
        return self(text).signals[self.position[tension]]


def _namespaced(tension: str, words: list[F.Feature], rules: list[F.Feature]) -> dict[str, float]:
    out = {f"{tension}|{k}": v for k, v in F.vector(words).items()}
    out.update(F.vector(rules))
    return out


def _fit(
    rows: list[dict[str, float]],
    labels: list[Any],
    c: float,
    sample_weight: list[float] | None = None,
    class_weight: dict[str, float] | None = None,
) -> tuple[Any, Any]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from threadpoolctl import threadpool_limits

    vectoriser = DictVectorizer(sort=True)
    x = vectoriser.fit_transform(rows)
    model = LogisticRegression(C=c, max_iter=2000, solver="lbfgs", class_weight=class_weight)
    # one thread: sums in the same order every run, so the same corpus gives the same bytes
    with threadpool_limits(limits=1):
        model.fit(x, labels, sample_weight=sample_weight)
    return vectoriser, model


def _idf(
    rows: list[dict[str, float]], groups: Sequence[str] | None = None, power: float = 1.0
) -> dict[str, float]:
    """Each word feature's inverse document frequency (to ``power``): a word that most answers
    use says little, however often the corpus says it. With ``groups`` (each row's tension),
    frequency is counted among the rows of the feature's own group; rule features (``r:``) are
    not words and keep their value."""
    docs: dict[str, int] = {}
    seen: dict[str, int] = {}
    group_of: dict[str, str] = {}
    for k, row in enumerate(rows):
        group = groups[k] if groups is not None else ""
        docs[group] = docs.get(group, 0) + 1
        for name in row:
            if not name.startswith("r:"):
                seen[name] = seen.get(name, 0) + 1
                group_of[name] = group
    return {
        name: (math.log((1 + docs[group_of[name]]) / (1 + df)) + 1) ** power
        for name, df in seen.items()
    }


def _weighted(rows: list[dict[str, float]], idf: dict[str, float]) -> list[dict[str, float]]:
    return [{k: v * idf.get(k, 1.0) for k, v in row.items()} for row in rows]


def _per_tension(
    vectoriser: Any, model: Any, tensions: Iterable[str], scale: dict[str, float] | None = None
) -> PerTension:
    """A fitted model's weights, per tension; ``scale`` (a feature's idf, by name) is folded
    into the weights, so the reader multiplies each feature by its weight alone."""
    order = tuple(tensions)
    at = {t: k for k, t in enumerate(order)}
    coef = model.coef_[0]
    scale = scale or {}
    shared: dict[str, float] = {}
    weights: dict[str, list[float]] = {}
    tension_bias: dict[str, float] = {t: 0.0 for t in order}
    for name, w in zip(vectoriser.get_feature_names_out(), coef, strict=True):
        w = round(float(w) * scale.get(str(name), 1.0), WORD_DECIMALS)
        tid, bar, feature = str(name).partition("|")
        if not bar:
            shared[tid] = w
        elif feature == "bias":
            tension_bias[tid] = w
        elif w:
            weights.setdefault(feature, [0.0] * len(order))[at[tid]] = w
    # a word whose every weight is tiny never changes a reading; dropping it keeps the file
    # small and quick to load
    kept = {k: v for k, v in weights.items() if max(abs(x) for x in v) >= PRUNE}
    table = Table.of(kept, len(order), 10**WORD_DECIMALS)
    return PerTension(round(float(model.intercept_[0]), 4), tension_bias, shared, order, table)


def _direction(
    catalogue: Catalogue, answers: Sequence[Answer], featuriser: Featuriser
) -> PerTension:
    """Leaning answers, the catalogue's examples and cues, towards each second pole."""
    rows: list[dict[str, float]] = []
    labels: list[Any] = []
    sample: list[float] = []
    groups: list[str] = []
    poles = {t.id: (t.poles[0].id, t.poles[1].id) for t in catalogue.tensions}
    said = [(t.id, p.id, x) for t in catalogue.tensions for p in t.poles for x in p.examples]
    said += [(t.id, p.id, c) for t in catalogue.tensions for p in t.poles for c in p.cues]
    written = [(a.tension, a.label, a.text, 1.0) for a in answers]
    for tension, label, text, weight in written + [(*x, CATALOGUE_WEIGHT) for x in said]:
        if label not in poles[tension]:
            continue
        row = _namespaced(tension, F.directed(featuriser(text).words), [])
        row[f"{tension}|bias"] = 1.0
        rows.append(row)
        labels.append(int(label == poles[tension][1]))
        sample.append(weight)
        groups.append(tension)
    idf = _idf(rows, groups)
    return _per_tension(*_fit(_weighted(rows, idf), labels, C_DIRECTION, sample), poles, idf)


def _pushes_by_writer(
    catalogue: Catalogue, answers: Sequence[Answer], featuriser: Featuriser, full: PerTension
) -> dict[int, list[float]]:
    """Each answer's direction pushes from a model that never saw its writer, so that the
    stance model learns how far to trust the direction model on a stranger's words."""
    writers = sorted({a.writer for a in answers})
    groups = [writers[k::PUSH_FOLDS] for k in range(min(PUSH_FOLDS, len(writers)))]
    out: dict[int, list[float]] = {}
    for group in groups:
        model = (
            full
            if len(groups) == 1
            else _direction(catalogue, [a for a in answers if a.writer not in group], featuriser)
        )
        for k, a in enumerate(answers):
            if a.writer in group:
                prep = featuriser(a.text)
                out[k] = model.pushes(a.tension, prep.words, len(prep.analysis.tokens))
    return out


def _relevance(
    answers: Sequence[Answer],
    stories: Sequence[Story],
    examples: Sequence[tuple[str, str, str]],
    featuriser: Featuriser,
    tensions: Sequence[str],
) -> PerTension:
    """Whether a text touches each tension: every text against every tension."""
    rows: list[dict[str, float]] = []
    labels: list[Any] = []
    sample: list[float] = []
    touching = [(a.text, {a.tension}, 1.0) for a in answers if a.label != "neither"]
    touching += [(s.text, set(s.agreed), STORY_WEIGHT) for s in stories if s.agreed]
    touching += [(text, {tension}, 1.0) for tension, _, text in examples]
    for text, touched, weight in touching:
        # words only: character n-grams of unrelated words made stray sentences look relevant
        words = [f for f in featuriser(text).words if not f.name.startswith("c:")]
        for tension in tensions:
            rules = F.relevance_rules(featuriser.signal(text, tension))
            row = _namespaced(tension, words, rules)
            row[f"{tension}|bias"] = 1.0
            rows.append(row)
            labels.append(int(tension in touched))
            sample.append(weight)
    return _per_tension(*_fit(rows, labels, C_RELEVANCE, sample), tensions)


def fit(
    catalogue: Catalogue,
    answers: Sequence[Answer],
    stories: Sequence[Story],
    featuriser: Featuriser,
    tell_at: float = 0.5,
) -> Weights:
    """Weights trained on ``answers`` and ``stories`` (ambiguous ones are left out)."""
    scored = [a for a in answers if not a.ambiguous and a.tension in featuriser.position]
    tensions = [t.id for t in catalogue.tensions]
    direction = _direction(catalogue, scored, featuriser)

    # stance: every answer, and the catalogue's examples as leaning answers
    rows: list[dict[str, float]] = []
    labels: list[Any] = []
    pushes = _pushes_by_writer(catalogue, scored, featuriser, direction)
    examples = [(t.id, p.id, e) for t in catalogue.tensions for p in t.poles for e in p.examples]
    stance_rows = [(a.tension, a.label, a.text, pushes[k]) for k, a in enumerate(scored)]
    for tension, label, text in examples:
        prep = featuriser(text)
        push = direction.pushes(tension, prep.words, len(prep.analysis.tokens))
        stance_rows.append((tension, label, text, push))
    for tension, label, text, push in stance_rows:
        prep = featuriser(text)
        signal = featuriser.signal(text, tension)
        rules = F.stance_rules(prep.analysis, signal) + F.direction_rules(prep.analysis, push)
        rows.append(F.vector(prep.words + rules))
        labels.append(label if label in ("both", "neither") else "lean")
    idf = _idf(rows, power=STANCE_IDF)
    vec, model = _fit(_weighted(rows, idf), labels, C_STANCE, class_weight=STANCE_CLASS_WEIGHT)
    order = [list(model.classes_).index(s) for s in STANCES]
    stance_weights: dict[str, tuple[float, ...]] = {}
    for j, name in enumerate(vec.get_feature_names_out()):
        w = tuple(
            round(float(model.coef_[k][j]) * idf.get(str(name), 1.0), STANCE_DECIMALS)
            for k in order
        )
        if max(abs(x) for x in w) >= PRUNE:
            stance_weights[str(name)] = w
    stance = Shared(
        tuple(round(float(model.intercept_[k]), 4) for k in order),
        Table.of(stance_weights, len(STANCES), 10**STANCE_DECIMALS),
    )

    relevance = _relevance(scored, stories, examples, featuriser, tensions)
    return Weights(stance, direction, relevance, tell_at)


def choose_threshold(predictions: Iterable[tuple[str, float, str]]) -> float:
    """The lowest probability at which told readings are right ``PRECISION`` of the time.

    ``predictions`` are (predicted, probability, expected) on held-out writers; a reading of
    "neither" is never told.
    """
    told = sorted(
        ((p, pred == gold) for pred, p, gold in predictions if pred != "neither"),
        key=lambda x: -x[0],
    )
    best = 1.0
    right = 0
    for k, (p, ok) in enumerate(told, start=1):
        right += ok
        if right / k >= PRECISION:
            best = p
    return round(best, 3)


def train(
    catalogue: Catalogue, corpus: Path, *, folds: bool = True
) -> tuple[Weights, list[WriterFile]]:
    """Weights from every writer but the blind one, with the threshold from held-out writers."""
    from reflect.matching.evaluate import leave_one_writer_out

    files = read_corpus(corpus)
    featuriser = Featuriser(CueReader(catalogue))
    answers = [a for f in files for a in f.answers]
    stories = [s for f in files for s in f.stories]
    tell_at = 0.5
    if folds and len(files) > 1:
        held_out = leave_one_writer_out(catalogue, files, featuriser)
        tell_at = choose_threshold(
            (r.predicted, r.probability, r.expected) for r in held_out.readings
        )
    weights = fit(catalogue, answers, stories, featuriser, tell_at)
    recorded = {
        "recipe": RECIPE,
        "corpus": fingerprint(corpus),
        "tensions": catalogue_hashes(catalogue),
    }
    return Weights(
        weights.stance, weights.direction, weights.relevance, weights.tell_at, recorded
    ), files


def main(argv: list[str] | None = None) -> int:
    if os.environ.get("PYTHONHASHSEED") != "0" and argv is None:
        # a fixed hash seed: the same corpus then gives the same bytes, run after run
        env = {**os.environ, "PYTHONHASHSEED": "0"}
        os.execve(sys.executable, [sys.executable, "-m", __spec__.name, *sys.argv[1:]], env)
    from reflect.content.loader import load_catalogue
    from reflect.content.places import resolve

    parser = argparse.ArgumentParser(prog="python -m reflect.matching.train")
    parser.add_argument("--content", type=Path, help="a folder holding tensions/")
    parser.add_argument("--tensions", type=Path)
    parser.add_argument("--corpus", type=Path, default=Path("tests/data/corpus"))
    parser.add_argument("--out", type=Path, default=SHIPPED)
    args = parser.parse_args(argv)
    dirs = resolve(args.content, args.tensions, None)
    catalogue = load_catalogue(dirs, dialogues=False)
    weights, files = train(catalogue, args.corpus)
    save(weights, args.out)
    count = sum(len(f.answers) for f in files)
    print(
        f"trained on {count} answers by {len(files)} writers; "
        f"tells at p >= {weights.tell_at}; wrote {args.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
