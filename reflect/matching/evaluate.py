"""How well a reader reads writers it has not seen: leave-one-writer-out, by kind.

Used by the trainer (to set the tell-or-ask threshold), by the tests (floors per kind) and by
the benchmark (the figures in a release note). Needs scikit-learn, like the trainer.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reflect.content.model import Catalogue
from reflect.matching.corpus import Answer, Story, WriterFile
from reflect.matching.results import story_tensions

if TYPE_CHECKING:
    from reflect.matching.matcher import Matcher
    from reflect.matching.train import Featuriser


@dataclass(frozen=True)
class Reading:
    """One held-out answer as read."""

    writer: str
    tension: str
    kind: str
    expected: str
    predicted: str
    probability: float
    unsure: bool


@dataclass(frozen=True)
class Ranked:
    """One held-out story: the tensions it touches, the reader's ranking of every tension, and
    the ones a conversation would take up from it (``model.story_tensions``)."""

    writer: str
    touched: tuple[str, ...]
    ranking: tuple[str, ...]
    taken: tuple[str, ...]


@dataclass
class Results:
    readings: list[Reading] = field(default_factory=list)
    stories: list[Ranked] = field(default_factory=list)


def read_answers(matcher: Matcher, answers: Iterable[Answer]) -> list[Reading]:
    """Each unambiguous answer read by ``matcher`` for its own tension."""
    out = []
    for a in answers:
        if a.ambiguous:
            continue
        m = matcher.match(a.text, a.tension)
        out.append(Reading(a.writer, a.tension, a.kind, a.label, m.pole, m.confidence, m.unsure))
    return out


def rank_stories(matcher: Matcher, stories: Iterable[Story]) -> list[Ranked]:
    out = []
    for s in stories:
        if s.agreed:
            ranking = matcher.match(s.text).tensions
            taken = story_tensions(matcher.catalogue, ranking)
            out.append(Ranked(s.writer, s.agreed, tuple(t.id for t in ranking), tuple(taken)))
    return out


def leave_one_writer_out(
    catalogue: Catalogue,
    files: Sequence[WriterFile],
    featuriser: Featuriser,
    groups: int | None = None,
) -> Results:
    """Train on all writers but one, read that one; for each writer in turn.

    With ``groups``, the writers are dealt into that many groups and each group is held out
    in turn (fewer trainings, each on fewer writers: a quicker, slightly harder test)."""
    from reflect.matching.matcher import Matcher
    from reflect.matching.train import fit

    writers = sorted(f.writer for f in files)
    count = len(writers) if groups is None else min(groups, len(writers))
    results = Results()
    for k in range(count):
        held = set(writers[k::count])
        rest = [f for f in files if f.writer not in held]
        weights = fit(
            catalogue,
            [a for f in rest for a in f.answers],
            [s for f in rest for s in f.stories],
            featuriser,
        )
        matcher = Matcher(catalogue, weights)
        for f in files:
            if f.writer in held:
                results.readings += read_answers(matcher, f.answers)
                results.stories += rank_stories(matcher, f.stories)
    return results


def accuracy(readings: Sequence[Reading]) -> dict[str, tuple[int, int]]:
    """Right and total, overall ("all") and by kind; "neither recall" over neither answers."""
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in readings:
        for key in ("all", r.kind):
            tally[key][0] += r.predicted == r.expected
            tally[key][1] += 1
        if r.expected == "neither":
            tally["neither recall"][0] += r.predicted == "neither"
            tally["neither recall"][1] += 1
    return {k: (v[0], v[1]) for k, v in tally.items()}


def telling(readings: Sequence[Reading], tell_at: float | None = None) -> tuple[float, float]:
    """(precision when it tells, share of leaning answers it tells on).

    A reading is told when it is not unsure (or, with ``tell_at``, when its probability
    reaches it and it is not "neither").
    """

    def told(r: Reading) -> bool:
        if tell_at is None:
            return not r.unsure
        return r.predicted != "neither" and r.probability >= tell_at

    said = [r for r in readings if told(r)]
    right = sum(r.predicted == r.expected for r in said)
    leaning = [r for r in readings if r.expected not in ("both", "neither")]
    return (right / len(said) if said else 0.0, sum(told(r) for r in leaning) / len(leaning))


def calibration(readings: Sequence[Reading], bins: int = 10) -> tuple[float, list[str]]:
    """Expected calibration error of the reading's probability, and a reliability table."""
    buckets: dict[int, list[Reading]] = defaultdict(list)
    for r in readings:
        buckets[min(bins - 1, int(r.probability * bins))].append(r)
    ece = 0.0
    table = []
    for b in sorted(buckets):
        group = buckets[b]
        mean_p = sum(r.probability for r in group) / len(group)
        right = sum(r.predicted == r.expected for r in group) / len(group)
        ece += len(group) / len(readings) * abs(mean_p - right)
        span = f"{b / bins:.1f}-{(b + 1) / bins:.1f}"
        table.append(f"{span}: n={len(group):4d} p={mean_p:.2f} right={right:.2f}")
    return ece, table


def story_figures(stories: Sequence[Ranked], every: bool = False) -> tuple[float, float]:
    """(share of touched tensions among each story's first three, share whose first is
    touched), in the order a conversation takes the tensions up; with ``every``, in the
    ranking of every tension (the writers and labellers named core tensions only, so there a
    further tension the story also touches counts as a miss)."""
    if not stories:
        return 0.0, 0.0
    touched = sum(len(s.touched) for s in stories)
    order = [s.ranking if every else s.taken for s in stories]
    in_top3 = sum(len(set(s.touched) & set(o[:3])) for s, o in zip(stories, order, strict=True))
    top1 = sum(bool(o) and o[0] in s.touched for s, o in zip(stories, order, strict=True))
    return in_top3 / touched, top1 / len(stories)


def baseline(files: Sequence[WriterFile]) -> list[Reading]:
    """The yardstick: per tension, a TF-IDF (word and character n-gram) logistic regression,
    trained and read leave-one-writer-out on the same writers."""
    out = []
    for held in files:
        train = [a for f in files if f.writer != held.writer for a in f.answers]
        out += tfidf_readings(train, held.answers)
    return out


def tfidf_readings(train: Sequence[Answer], test: Sequence[Answer]) -> list[Reading]:
    """``test`` read by the yardstick trained on ``train`` (ambiguous answers left out of
    both)."""
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    train = [a for a in train if not a.ambiguous]
    test = [a for a in test if not a.ambiguous]
    out = []
    for tension in sorted({a.tension for a in test}):
        rows = [a for a in train if a.tension == tension]
        labels = [a.label for a in rows]
        if len(set(labels)) < 2:
            continue
        word = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1)
        char = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True)
        texts = [a.text for a in rows]
        x = hstack([word.fit_transform(texts), char.fit_transform(texts)]).tocsr()
        model = LogisticRegression(C=10.0, max_iter=2000).fit(x, labels)
        mine = [a for a in test if a.tension == tension]
        xt = hstack(
            [word.transform([a.text for a in mine]), char.transform([a.text for a in mine])]
        ).tocsr()
        for a, probs in zip(mine, model.predict_proba(xt), strict=True):
            k = int(probs.argmax())
            pred = str(model.classes_[k])
            p = float(probs[k])
            out.append(Reading(a.writer, a.tension, a.kind, a.label, pred, p, pred == "neither"))
    return out
