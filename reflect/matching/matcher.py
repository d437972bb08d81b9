"""Free text to tension poles: which pole the words lean to, how sure, and which words.

The reader has two layers. The cue layer (``cues.CueReader``) finds the catalogue's cue
phrases in the text, with negation, contrast and story position. The learned layer
(``learned.Weights``, trained by ``python -m reflect.matching.train`` on answers written by
independent writers) weighs those findings together with the words themselves:

1. ``direction``: if it leans, to which pole? (word weights per tension, learnt from the
   corpus and, at a lower weight, the catalogue's cues and examples)
2. ``stance``: does the answer lean, hold both ends, or say neither? (one model, all
   tensions; it also sees where the direction model's pushes fall, part by part)
3. ``relevance``: which tensions does the text touch at all? (ranks a story's tensions; each
   tension's score is half the whole text's and half its best sentence's)

The answer's pole is the likeliest of the four outcomes; the reader tells only when that
probability reaches the threshold set on held-out writers (``Weights.tell_at``), and asks
otherwise. A tension the weights do not know (a trainer's own) is read by the cue layer, from
its cues and descriptions, as is every tension when there are no weights at all.
"""

from __future__ import annotations

import threading
from dataclasses import replace

from reflect.content.model import Catalogue
from reflect.matching import features as F
from reflect.matching.cues import Analysis, CueReader, told
from reflect.matching.explain import explain
from reflect.matching.learned import SHIPPED, Weights, load, sigmoid, softmax
from reflect.matching.results import Match, TensionScore

#: A tension whose relevance probability is below this is not counted as touched.
TOUCHES = 0.1


class Matcher:
    """Reads free text against the poles of the tensions in a catalogue."""

    def __init__(self, catalogue: Catalogue, weights: Weights | str | None = "shipped") -> None:
        self.catalogue = catalogue
        self.cues = CueReader(catalogue)
        self.index = self.cues.index
        self._shipped = weights == "shipped"
        self._weights: Weights | None = None if self._shipped else weights  # type: ignore[assignment]
        self._loading = threading.Lock()
        self._position = {t: i for i, t in enumerate(self.index.tension_ids)}

    @property
    def weights(self) -> Weights | None:
        """The learned weights, read from the package on first use (reading them takes a
        noticeable moment, so an app can start without waiting: see ``warm``)."""
        if self._shipped:
            with self._loading:
                if self._shipped:
                    self._weights = load(SHIPPED)
                    self._shipped = False
        return self._weights

    def warm(self) -> None:
        """Read the weights now (for a background thread while the app starts)."""
        _ = self.weights

    def match(self, text: str, tension: str | None = None) -> Match:
        """Match one text; with ``tension``, the result is for that tension."""
        if tension is not None and tension not in self._position:
            raise KeyError(tension)
        analysis = self.cues.analyse(text)  # reads the first MAX_TEXT characters only
        return told(self._match(analysis, tension), analysis)

    def _match(self, analysis: Analysis, tension: str | None) -> Match:
        if not analysis.tokens:
            return Match(tension, "neither", 0.0, 1.0, (), (), unsure=True)
        if self.weights is None:
            return self.cues.read(analysis, tension)
        words = F.words(analysis, folded=True)
        every = F.all_signals(self.cues, analysis)
        ranking = self.rank(analysis, words, every)
        chosen = tension if tension is not None else (ranking[0].id if ranking else None)
        if chosen is None:
            return Match(None, "neither", 0.0, 1.0, (), ranking, unsure=True)
        ti = self._position[chosen]
        return self._read(analysis, words, ti, ranking, every[ti])

    def rank(
        self, analysis: Analysis, words: list[F.Feature], every: list[F.Signals]
    ) -> tuple[TensionScore, ...]:
        """Every tension the text touches, most touched first (``every``: the rule layer's
        signals for each tension)."""
        assert self.weights is not None
        model = self.weights.relevance
        sentence_of, scales = F.sentences(analysis)
        sums = model.sentence_scores(words, sentence_of, len(scales))
        whole = [sum(column) for column in zip(*sums, strict=True)]
        # each sentence as if it stood alone (a number may have no words: scale 0)
        parts = [[x * s for x in part] for part, s in zip(sums, scales, strict=True) if s]
        scored = []
        for ti, tid in enumerate(self.index.tension_ids):
            base = model.rule_score(tid, F.relevance_rules(every[ti]))
            k = model.position.get(tid)
            if k is None:
                p = sigmoid(base)
            else:
                # a story may touch a tension in one sentence only: that sentence counts half
                best = max((part[k] for part in parts), default=whole[k])
                p = sigmoid(base + (whole[k] + best) / 2)
            if p >= TOUCHES:
                scored.append(TensionScore(tid, round(p, 3)))
        return tuple(sorted(scored, key=lambda s: (-s.score, s.id)))

    def probabilities(
        self, analysis: Analysis, words: list[F.Feature], ti: int, signal: F.Signals
    ) -> tuple[dict[str, float], list[float]]:
        """The probability of each outcome (first pole, second pole, both, neither), and what
        each token pushed towards the second pole."""
        assert self.weights is not None
        tid = self.index.tension_ids[ti]
        first, second = self.index.pole_ids[ti]
        direction = self.weights.direction
        push = direction.pushes(tid, words, len(analysis.tokens))
        rules = F.stance_rules(analysis, signal) + F.direction_rules(analysis, push)
        lean, both, neither = softmax(self.weights.stance.scores(words + rules))
        q = sigmoid(direction.rule_score(tid, []) + sum(push))  # the pushes are the words' part
        return {first: lean * (1 - q), second: lean * q, "both": both, "neither": neither}, push

    def _read(
        self,
        analysis: Analysis,
        words: list[F.Feature],
        ti: int,
        ranking: tuple[TensionScore, ...],
        signal: F.Signals,
    ) -> Match:
        assert self.weights is not None
        tid = self.index.tension_ids[ti]
        if not self.weights.knows(tid):
            return replace(self.cues.decide(analysis, ti), tensions=ranking)
        first, second = self.index.pole_ids[ti]
        probs, push = self.probabilities(analysis, words, ti, signal)
        pole = max(probs, key=lambda k: probs[k])
        confidence = probs[pole]
        lean = probs[second] - probs[first]
        evidence = explain(analysis, push, (first, second), pole)
        return Match(
            tid,
            pole,
            round(lean, 3),
            round(confidence, 3),
            evidence,
            ranking,
            hedged=analysis.hedges > 0,
            unsure=pole == "neither" or confidence < self.weights.tell_at,
        )
