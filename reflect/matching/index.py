"""The matcher's index: every cue phrase of every pole, normalised, stemmed and weighted.

Built once per catalogue. A cue's weight grows with its length (a phrase says more than a
word) and shrinks when its words are spread across many poles (they say less about any one).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from rapidfuzz import fuzz, process

from reflect.content.model import Catalogue
from reflect.matching import lexicon
from reflect.matching.rules import NEGATION_SCOPE, NEGATORS
from reflect.matching.text import phrase_words, stem

#: Words at least this long may be corrected to a lexicon word by fuzzy matching.
FUZZY_MIN_LENGTH = 5
FUZZY_CUTOFF = 84.0
#: Word-level evidence: smoothing, and the least log-ratio a word needs to count for a pole.
WORD_SMOOTHING = 0.5
WORD_MIN_RATIO = 1.0
WORD_MAX = 2.5


@dataclass(frozen=True)
class Cue:
    """One cue phrase of one pole, ready to match."""

    tension: int
    pole: int
    stems: tuple[str, ...]
    content: frozenset[str]
    weight: float
    has_negator: bool
    contiguous: bool = False  # an idiom of common words ("give and take") must be exact

    @cached_property
    def may_skip(self) -> bool:
        """A cue of three or more words still counts with one of them missing."""
        return len(self.stems) >= 3 and not self.contiguous

    @cached_property
    def distinct(self) -> frozenset[str]:
        """Its stems, each once."""
        return frozenset(self.stems)

    @cached_property
    def need(self) -> int:
        """How many of its content stems a text must hold for the cue to be tried."""
        return len(self.content) - (1 if self.may_skip and len(self.content) >= 2 else 0)


@dataclass
class Index:
    """Cues by stem, the vocabulary for typo correction, and each tension's topic words."""

    tension_ids: list[str]
    pole_ids: list[tuple[str, str]]
    cues: list[Cue] = field(default_factory=list)
    by_stem: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    vocabulary: dict[str, str] = field(default_factory=dict)
    by_initial: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    topic: dict[str, list[tuple[int, float]]] = field(default_factory=lambda: defaultdict(list))
    words: dict[str, list[tuple[int, int, float]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    #: In how many tensions each stem is evidence (for ranking tensions: shared words say less).
    spread: dict[str, int] = field(default_factory=dict)
    core: list[bool] = field(default_factory=list)
    _corrections: dict[str, str | None] = field(default_factory=dict)

    def correct(self, word: str) -> str | None:
        """The stem of the lexicon word that ``word`` is a typo of, or None."""
        if word in self._corrections:
            return self._corrections[word]
        result = None
        if len(word) >= FUZZY_MIN_LENGTH and word.isalpha():
            candidates = [w for w in self.by_initial[word[0]] if abs(len(w) - len(word)) <= 2]
            best = process.extractOne(
                word, candidates, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
            )
            if best is not None:
                result = self.vocabulary[best[0]]
        if len(self._corrections) < 100_000:
            self._corrections[word] = result
        return result


def canonical(word: str) -> str:
    """A normalised word's stem after the lexicon's synonyms."""
    return stem(lexicon.SYNONYMS.get(word, word))


#: The stems of the lexicon's generic words ("gets" is as generic as "get").
GENERIC_STEMS = frozenset(canonical(w) for w in lexicon.GENERIC)


def cue_stems(phrase: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The words and stems of a cue phrase, fillers dropped."""
    words = tuple(w for w in phrase_words(phrase) if w not in lexicon.FILLERS)
    return words, tuple(canonical(w) for w in words)


def build_index(catalogue: Catalogue) -> Index:
    """Index every cue of every tension in the catalogue."""
    single_negators = {n[0] for n in NEGATORS if len(n) == 1}
    index = Index(
        tension_ids=[t.id for t in catalogue.tensions],
        pole_ids=[(t.poles[0].id, t.poles[1].id) for t in catalogue.tensions],
    )
    raw: list[tuple[int, int, tuple[str, ...], tuple[str, ...]]] = []
    for ti, tension in enumerate(catalogue.tensions):
        for pi, pole in enumerate(tension.poles):
            seen: set[tuple[str, ...]] = set()
            for phrase in (*pole.cues, pole.name):
                words, stems = cue_stems(phrase)
                if stems and stems not in seen:
                    seen.add(stems)
                    raw.append((ti, pi, words, stems))
        for word in phrase_words(tension.title):
            if word not in lexicon.GENERIC and len(word) > 3:
                index.topic[canonical(word)].append((ti, 0.6))
    # how many poles use each stem: a stem used everywhere says little
    spread: dict[str, set[tuple[int, int]]] = defaultdict(set)
    for ti, pi, _, stems in raw:
        for s in stems:
            spread[s].add((ti, pi))
    for ti, pi, words, stems in raw:
        if len(words) == 1 and words[0] in lexicon.GENERIC:
            continue  # one common word ("team", "work") places nobody
        content = [s for w, s in zip(words, stems, strict=True) if w not in lexicon.FUNCTION]
        idiom = not content
        if idiom:
            # only the commonest words: an idiom ("give and take") if it says enough
            if len(words) < 3:
                continue
            content = list(stems)
        specific = sum(1.0 / len(spread[s]) ** 0.5 for s in content) / len(content)
        length = min(len(content), 4)
        weight = (0.7 + 0.35 * (length - 1)) * (0.5 + 0.5 * specific)
        has_negator = any(w in single_negators for w in words)
        cue = Cue(ti, pi, stems, frozenset(content), round(weight, 4), has_negator, idiom)
        number = len(index.cues)
        index.cues.append(cue)
        for s in cue.content:
            index.by_stem[s].append(number)
        for w, s in zip(words, stems, strict=True):
            if w.isalpha() and len(w) >= FUZZY_MIN_LENGTH:
                index.vocabulary.setdefault(w, s)
    _word_model(index, catalogue)
    tensions_of: dict[str, set[int]] = defaultdict(set)
    for cue in index.cues:
        for s in cue.content:
            tensions_of[s].add(cue.tension)
    for s, entries in index.words.items():
        tensions_of[s].update(ti for ti, _, _ in entries)
    index.spread = {s: len(t) for s, t in tensions_of.items()}
    index.core = [t.is_core for t in catalogue.tensions]
    for word in index.vocabulary:
        index.by_initial[word[0]].append(word)
    return index


def _affirmed(words: tuple[str, ...]) -> set[str]:
    """The words of a text that no "not" or "no" reaches ("not a cog" says nothing of "cog")."""
    reached: set[int] = set()
    for i in range(len(words)):
        for negator in NEGATORS:
            if tuple(words[i : i + len(negator)]) == negator:
                end = i + len(negator)
                reached.update(range(end, end + NEGATION_SCOPE))
    return {w for i, w in enumerate(words) if i not in reached}


def _word_model(index: Index, catalogue: Catalogue) -> None:
    """Single words that lean to one pole of a tension, learnt from everything the catalogue
    says about each pole (cues, examples, what it means in practice, its gains and risks).

    A word's weight is the log-ratio of its counts in the two poles' texts, smoothed; only
    clearly one-sided words are kept. This is what lets the matcher recognise a pole in
    words no cue spells out.
    """
    for ti, tension in enumerate(catalogue.tensions):
        counts: list[dict[str, float]] = [defaultdict(float), defaultdict(float)]
        for pi, pole in enumerate(tension.poles):
            weighted = [
                (1.0, t)
                for t in (
                    *pole.cues,
                    *pole.examples,
                    pole.in_practice,
                    pole.name,
                )
            ]
            weighted += [(0.5, t) for t in (*pole.upsides, *pole.downsides)]
            for weight, text in weighted:
                for word in _affirmed(phrase_words(text)):
                    s = canonical(word)
                    if s not in GENERIC_STEMS and word not in lexicon.FILLERS and len(word) > 2:
                        counts[pi][s] += weight
                        if word.isalpha() and len(word) >= FUZZY_MIN_LENGTH:
                            index.vocabulary.setdefault(word, s)
        for s in set(counts[0]) | set(counts[1]):
            a, b = counts[0].get(s, 0.0), counts[1].get(s, 0.0)
            ratio = math.log((a + WORD_SMOOTHING) / (b + WORD_SMOOTHING))
            if abs(ratio) >= WORD_MIN_RATIO:
                index.words[s].append((ti, 0 if ratio > 0 else 1, min(abs(ratio), WORD_MAX)))
