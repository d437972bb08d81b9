"""Features of one answer for the learned reader: words, character n-grams and rule signals.

Every feature is anchored to the tokens it came from, so that the reader can say which of the
person's words drove its decision (see ``explain``). Three families:

- words: each stem (after typo correction) and each pair of neighbouring stems. A stem inside
  a negation's scope is a different feature ("~reli", not "reli"). Where a negator reaches a
  piece of evidence ("we don't rely on them"), the direction model also reads those words as
  their plain forms turned round (see ``directed``): what the catalogue and the corpus taught
  of "rely" then counts for the other pole. Values carry the rule layer's position weight (the
  clause after "but" and the end of a story weigh more) and are scaled by the answer's length,
  so a long story does not outvote a short answer by word count alone.
- characters: 3- to 5-grams of each word as typed, so a misspelling still shares most of its
  features with the word it means.
- rules: what the cue layer found for this tension (evidence for each pole, negated or not),
  both-and markers and hints, hedges, questions back, length, and how strongly the text touches this
  tension at all; and where the direction model's pushes fall (one part of an answer pulling
  to each pole is what holding both ends looks like). These mean the same in every tension,
  which is what lets the model learn them from every answer at once.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from typing import NamedTuple

from reflect.matching import rules
from reflect.matching.cues import Analysis, CueReader, count_phrases
from reflect.matching.lexicon import GENERIC

#: Words that are never features: they carry nothing, and the model would learn noise.
ARTICLES = frozenset({"a", "an", "the"})
#: Character n-gram lengths (on the word as typed, padded with spaces), and their weight
#: against the word itself.
CHAR_N = (3, 4, 5)
CHAR_WEIGHT = 0.3


class Feature(NamedTuple):
    """One feature of a text: its name, value and the tokens it came from (-1: the whole);
    whether a negator reverses its sense, and whether it is a negator's own word. (A named
    tuple: a long answer has thousands, and a tuple is quick to make.)"""

    name: str
    value: float
    first: int = -1
    last: int = -1
    negated: bool = False  # a negator reverses it (see ``reversed_words``)
    operator: bool = False  # a negator's own word ("did not"): says nothing of direction


#: How far a reversed word pushes the direction model the other way, against the word said
#: plainly: "we don't depend on them" reads as the opposite of "we depend on them" (and the
#: negated word's own feature, learnt from the corpus, corrects that where it is wrong).
FLIP = 1.0


def plain(name: str) -> str:
    """The name of a negated word's feature as if it were said plainly (``w:~reli``: ``w:reli``,
    ``b:push_~back``: ``b:push_back``; a character feature has no negated form)."""
    return name.replace("~", "") if name[:2] in ("w:", "b:") else name


def directed(features: list[Feature]) -> list[Feature]:
    """The features as the direction model sees them: a negator's own words are left out; a
    reversed word counts ``FLIP`` times against its plain form, and as itself; its character
    n-grams count only the other way round."""
    out: list[Feature] = []
    for f in features:
        if f.operator:
            continue
        if not f.negated:
            out.append(f)
            continue
        base = plain(f.name)
        out.append(Feature(base, -FLIP * f.value, f.first, f.last))
        if base != f.name:
            out.append(Feature(f.name, f.value, f.first, f.last))
    return out


#: The name of a word's character n-grams folded into one feature (``C:`` and the word): the
#: reader sums the n-grams' weights once per word and keeps the sum (see ``learned``).
CHARS = "C:"


@functools.lru_cache(maxsize=50_000)
def char_grams(word: str) -> tuple[str, ...]:
    """The character n-gram features of a word as typed."""
    padded = f" {word} "
    return tuple("c:" + padded[k : k + n] for n in CHAR_N for k in range(len(padded) - n + 1))


def reversed_words(analysis: Analysis) -> set[int]:
    """The words whose sense a negator reverses: from the negator to the end of the piece of
    evidence it reaches ("we would never [go to the press]", "we didn't [depend on them]").
    The cue layer says which evidence a negator reaches; words that no negated evidence
    follows keep their sense, though they are in a negator's scope."""
    scope = analysis.scope
    out: set[int] = set()
    for hit in analysis.hits:
        if not hit.negated:
            continue
        for p in hit.positions:
            j = p
            while j in scope and j not in out:
                out.add(j)
                j -= 1
    return out


def words(analysis: Analysis, folded: bool = False) -> list[Feature]:
    """Word, word-pair and character features (shared by every tension).

    With ``folded``, each word's character n-grams are one feature (``CHARS`` and the word)
    whose weight is the sum of theirs: the same scores from a third of the features."""
    tokens, stems, weights = analysis.tokens, analysis.stems, analysis.weights
    if not tokens:
        return []
    operators, scope = analysis.operators, analysis.scope
    flipped = reversed_words(analysis)
    scale = 1.0 / math.sqrt(len(tokens))
    out: list[Feature] = []
    add = out.append
    previous = -1
    for i, (token, stem) in enumerate(zip(tokens, stems, strict=True)):
        word = token.word
        # fillers count here ("we don't just accept it", "a bit of each"), articles do not
        s = stem or ("" if word in ARTICLES else word)
        if not s:
            continue
        negated = i in flipped
        name = ("~" + s) if i in scope else s
        value = weights[i] * scale
        add(Feature("w:" + name, value, i, i, negated, i in operators))
        if previous >= 0 and tokens[previous].clause == token.clause:
            before = stems[previous] or tokens[previous].word
            operator = i in operators or previous in operators
            add(Feature(f"b:{before}_{name}", value, previous, i, negated, operator))
        previous = i
        if word.isalpha() and word not in GENERIC:
            if folded:
                add(Feature(CHARS + word, CHAR_WEIGHT * value, i, i, negated))
            else:
                for gram in char_grams(word):
                    add(Feature(gram, CHAR_WEIGHT * value, i, i, negated))
    return out


def sentences(analysis: Analysis) -> tuple[list[int], list[float]]:
    """Each token's sentence, and each sentence's scale: what makes a sentence's word features
    weigh as if the sentence stood alone."""
    of = [t.sentence for t in analysis.tokens]
    if not of:
        return of, []
    counts = [0] * (of[-1] + 1)
    for k in of:
        counts[k] += 1
    n = len(of)
    return of, [math.sqrt(n / c) if c else 0.0 for c in counts]


@dataclass(frozen=True)
class Signals:
    """What the rule layer says of one text for one tension."""

    first: float  # evidence for the first pole
    second: float  # evidence for the second pole
    topic: float  # how strongly the text touches this tension (0 to 1)
    rank: int  # this tension's place in the cue ranking (0 = first; 99 = absent)


def all_signals(reader: CueReader, analysis: Analysis) -> list[Signals]:
    """The rule layer's evidence for every tension (in catalogue order), in one pass."""
    place = {scored.id: (k, scored.score) for k, scored in enumerate(analysis.ranking)}
    out = []
    for tid, score in zip(reader.index.tension_ids, reader.scores(analysis), strict=True):
        rank, topic = place.get(tid, (99, 0.0))
        out.append(Signals(score[0], score[1], topic, rank))
    return out


def stance_rules(analysis: Analysis, signal: Signals) -> list[Feature]:
    """Rule features for leaning, holding both, or neither: the same in every tension."""
    words_ = [t.word for t in analysis.tokens]
    top, low = max(signal.first, signal.second), min(signal.first, signal.second)
    hints = count_phrases(words_, rules.BOTH_HINTS)
    sentences = analysis.tokens[-1].sentence + 1 if analysis.tokens else 0
    text = analysis.text
    return [
        Feature("r:top", math.tanh(top)),
        Feature("r:low", math.tanh(low)),
        Feature("r:ratio", low / top if top > 0 else 0.0),
        Feature("r:none", 1.0 if top < 0.3 else 0.0),
        Feature("r:marked", 1.0 if analysis.marked else 0.0),
        Feature("r:hints", min(hints, 3) / 3),
        Feature("r:hedges", min(analysis.hedges, 3) / 3),
        Feature("r:intense", min(analysis.intensifiers, 3) / 3),
        Feature("r:question", 1.0 if "?" in text else 0.0),
        Feature("r:length", math.log1p(len(words_)) / 6),
        Feature("r:story", 1.0 if sentences >= 4 else 0.0),
        Feature("r:topic", signal.topic),
        Feature("r:first", 1.0 if signal.rank == 0 else 0.0),
        Feature("r:top3", 1.0 if signal.rank < 3 else 0.0),
    ]


#: Words that open a new part of an answer even without punctuation ("I go along with it
#: but if it matters I kick off").
TURNS = frozenset({p[0] for p in rules.CONTRAST if len(p) == 1} | {"while", "whereas"})


def parts(analysis: Analysis) -> list[int]:
    """Each token's part of the text: a new part starts at each clause and each turn word."""
    out: list[int] = []
    part = 0
    for i, t in enumerate(analysis.tokens):
        if i and (t.clause != analysis.tokens[i - 1].clause or t.word in TURNS):
            part += 1
        out.append(part)
    return out


def direction_rules(analysis: Analysis, push: list[float]) -> list[Feature]:
    """Rule features for holding both ends, from where the direction model's pushes fall:
    one part of the answer pulling to each pole is what "a bit of each" looks like, even
    when it never says so."""
    if not push:
        return []
    of = parts(analysis)
    sums: dict[int, float] = {}
    sizes: dict[int, int] = {}
    for k, p in zip(of, push, strict=True):
        sums[k] = sums.get(k, 0.0) + p
        sizes[k] = sizes.get(k, 0) + 1
    n = len(push)
    alone = [sums[k] * math.sqrt(n / sizes[k]) for k in sums]  # each part as if said alone
    towards = max(0.0, max(alone))
    against = max(0.0, -min(alone))
    high, low = max(towards, against), min(towards, against)
    return [
        Feature("r:dlow", math.tanh(low / 2)),
        Feature("r:dhigh", math.tanh(high / 2)),
        Feature("r:dratio", low / high if high > 0 else 0.0),
        Feature("r:dwhole", math.tanh(abs(sum(push)) / 2)),
    ]


def relevance_rules(signal: Signals) -> list[Feature]:
    """Rule features for whether the text touches a tension at all."""
    return [
        Feature("r:topic", signal.topic),
        Feature("r:top", math.tanh(max(signal.first, signal.second))),
        Feature("r:first", 1.0 if signal.rank == 0 else 0.0),
        Feature("r:top3", 1.0 if signal.rank < 3 else 0.0),
    ]


def vector(features: list[Feature]) -> dict[str, float]:
    """Features summed by name (what the model multiplies by its weights)."""
    out: dict[str, float] = {}
    for f in features:
        out[f.name] = out.get(f.name, 0.0) + f.value
    return out
