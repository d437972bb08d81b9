"""Free text to tension poles: which pole the words lean to, how sure, and which words.

How a text is read:

1. It is split into sentences, clauses and normalised tokens that keep their spans.
2. Each cue phrase of each pole is looked for in each sentence: its words in order, with at
   most two other words between them; a phrase of three or more words may miss one word
   (a partial match, worth less). Longer matches win over shorter ones they contain.
3. A match inside the scope of a negator ("we don't rely on them") is not evidence for its
   pole, only weak evidence for the other. Before "but", "however" and the like, words weigh
   less than after them (the later clause is what the person lands on).
4. The evidence for each pole is summed. Too little evidence is "neither": the matcher says
   it is unsure rather than guessing. Strong evidence for both poles, or weaker evidence for
   both joined by a both-and marker ("at the same time", "a bit of both"), is "both".
5. Hedges ("I suppose", "maybe") lower the confidence; intensifiers raise it a little.

The thresholds below were set on the project's dev set (tests/data/answers.yaml) and are
the knobs to turn when the catalogue changes.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from typing import NamedTuple

from reflect.base.textsafe import MAX_TEXT
from reflect.content.model import Catalogue
from reflect.matching import lexicon, rules
from reflect.matching.index import GENERIC_STEMS, Index, build_index, canonical
from reflect.matching.lexicon import GENERIC
from reflect.matching.results import Evidence, Match, TensionScore
from reflect.matching.text import Token, tokenize

#: Evidence below this (for the stronger pole) is "neither".
MIN_EVIDENCE = 0.3
#: Both poles at least this strong, and close to each other, is "both".
BOTH_EVIDENCE = 0.9
BOTH_RATIO = 0.6
#: With a both-and marker, both poles need only this much.
BOTH_MARKED = 0.3
#: A negated cue counts this much for the other pole.
NEGATED = 0.8
#: A partial match of a long cue counts this much.
PARTIAL = 0.6
#: Words allowed between two words of a cue.
GAP = 2
#: In answers of this many sentences or more, later sentences weigh more (start -> end).
STORY_SENTENCES = 4
STORY_START = 0.6
STORY_END = 1.4
#: Ranking tensions: single words count less than phrases, and the further tensions (the
#: extended library) less than the ten core ones, which the conversations are built on.
WORD_RANK = 0.7
#: Less evidence than this for a tension does not count as touching it.
RANK_MIN = 0.15
FURTHER_RANK = 0.75
#: How much a single leaning word (the word model) counts, per unit of its log-ratio.
WORD_WEIGHT = 0.25


#: How many words' stems a reader keeps (then it starts again).
KNOWN = 100_000
#: Below this confidence the cue reading asks rather than tells (used without trained weights).
CUE_UNSURE_BELOW = 0.45


class Hit(NamedTuple):
    """One cue found in the text."""

    tension: int
    pole: int
    positions: tuple[int, ...]  # token indices
    weight: float
    negated: bool
    word: bool = False  # a single leaning word rather than a cue phrase
    base: float = 0.0  # the weight before contrast and story position
    own_negator: bool = False  # the cue itself says "not" ("not a cog")
    full: bool = True  # every word of the cue was found


@dataclass(frozen=True)
class Analysis:
    """What the cue layer found in one text, shared by the cue reading and the learned one."""

    text: str
    tokens: list[Token]
    stems: list[str]  # canonical stems after typo correction; "" for fillers
    weights: list[float]  # each token's weight after contrast and story position
    hits: list[Hit]
    ranking: tuple[TensionScore, ...]
    marked: bool  # a both-and marker ("a bit of both", "at the same time")
    hedges: int
    intensifiers: int
    truncated: bool = False  # the text was longer than MAX_TEXT: ``text`` is its first part
    operators: frozenset[int] = frozenset()  # the negators' own words (see ``negation``)
    scope: frozenset[int] = frozenset()  # the words a negator reaches


def told(result: Match, analysis: Analysis) -> Match:
    """``result``, saying how much of the text was read (see ``Match.read_chars``)."""
    return replace(result, read_chars=len(analysis.text), truncated=analysis.truncated)


_BY_FIRST: dict[int, tuple[frozenset[tuple[str, ...]], dict[str, list[tuple[str, ...]]]]] = {}


def _find(words: list[str], phrases: frozenset[tuple[str, ...]]) -> list[tuple[int, int]]:
    """Spans (first, last token index) where any phrase occurs, longest first at each place."""
    cached = _BY_FIRST.get(id(phrases))
    if cached is None or cached[0] is not phrases:
        by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in sorted(phrases, key=len, reverse=True):
            by_first.setdefault(phrase[0], []).append(phrase)
        cached = _BY_FIRST[id(phrases)] = (phrases, by_first)
    by_first = cached[1]
    found = []
    for i, word in enumerate(words):
        for phrase in by_first.get(word, ()):
            if tuple(words[i : i + len(phrase)]) == phrase:
                found.append((i, i + len(phrase) - 1))
                break
    return found


#: Words after "not" that turn it into an affirmation ("not afraid to take charge").
NOT_NEGATING = frozenset(
    """
    only afraid scared shy reluctant averse opposed ashamed unwilling hesitant frightened
    worried doubt problem
    """.split()
)


def _counterfactual(tokens: list[Token], words: list[str], at: int) -> bool:
    """True for "Without X, we would ..." (X is needed, not absent)."""
    sentence = tokens[at].sentence
    later = range(at + 1, min(len(tokens), at + 13))  # the next dozen words: not the rest
    return any(words[j] in ("would", "could") for j in later if tokens[j].sentence == sentence)


class Negator(NamedTuple):
    """A negator's words (first to last token) and the last token it may reach."""

    first: int
    last: int
    reach: int


def _reaches(tokens: list[Token], negator: Negator, at: int) -> bool:
    """True when ``negator`` reaches the word at ``at``."""
    first, last, reach = negator
    return last < at <= reach and tokens[first].clause == tokens[at].clause


def _negators(tokens: list[Token], words: list[str]) -> list[Negator]:
    spans: list[Negator] = []
    seen = set()  # the spans again, for a quick look-up (a long text has thousands)
    for first, last in _find(words, rules.NEGATORS):
        word = words[first]
        if word == "little" and first > 0 and words[first - 1] == "a":
            continue
        if (
            last + 1 < len(words)
            and words[last] in ("not", "no")
            and words[last + 1] in NOT_NEGATING
        ):
            continue  # "not only", "not afraid to": no negation of what follows
        if word == "without" and _counterfactual(tokens, words, first):
            continue  # "without their grant we would close": the grant is what they rely on
        if word == "without" and spans and _reaches(tokens, spans[-1], first):
            # "we can't do much without their money", "nothing happens without them": two
            # negations cancel; the first reaches up to "without", and what follows is needed
            spans[-1] = spans[-1]._replace(reach=first - 1)
            continue
        spans.append(Negator(first, last, last + rules.NEGATION_SCOPE))
        seen.add((first, last))
    for i, word in enumerate(words):
        if word == "than" and "rather" in words[max(0, i - 10) : i] and (i, i) not in seen:
            spans.append(Negator(i, i, i + rules.NEGATION_SCOPE))  # "I'd rather X than Y"
    return spans


def negation(
    tokens: list[Token], words: list[str], negators: list[Negator]
) -> tuple[set[int], set[int]]:
    """The token positions of the negators themselves (with the auxiliary before one: "did
    not"), and those a negator reaches: the next few words in its clause."""
    own: set[int] = set()
    reached: set[int] = set()
    for first, last, reach in negators:
        own.update(range(first, last + 1))
        if first and words[first - 1] in rules.AUXILIARIES:
            own.add(first - 1)
        clause = tokens[first].clause
        for j in range(last + 1, min(len(tokens), reach + 1)):
            if tokens[j].clause != clause:
                break
            reached.add(j)
    return own, reached


def _contrast_weights(tokens: list[Token], words: list[str]) -> list[float]:
    """Each token's weight: less before a turn ("..., but"), more late in a story.

    Linear in the text: each sentence is lowered once, up to its last turn, rather than once
    per turn (a long sentence of "but"s would otherwise take quadratic time)."""
    weights = [1.0] * len(tokens)
    sentence_start: dict[int, int] = {}
    for i, token in enumerate(tokens):
        sentence_start.setdefault(token.sentence, i)
    turn_at: dict[int, int] = {}  # each sentence's last turn: the words before it weigh less
    for first, last in _find(words, rules.CONTRAST):
        token = tokens[first]
        start = sentence_start[token.sentence]
        if words[first] == "yet" and first > 0 and words[first - 1] == "not":
            continue
        if words[first] == "still" and first > start and tokens[first - 1].clause == token.clause:
            continue  # "we still managed": an adverb, not a turn in the argument
        is_last = last + 1 >= len(tokens) or tokens[last + 1].sentence != token.sentence
        if is_last:
            continue  # "..., though." at the very end turns nothing
        if first == start and token.sentence > 0:
            previous = tokens[start - 1].sentence
            for j in range(start - 1, -1, -1):
                if tokens[j].sentence != previous:
                    break
                weights[j] = min(weights[j], 0.5)
        turn_at[start] = max(turn_at.get(start, start), first)
    for start, first in turn_at.items():
        for j in range(start, first):
            weights[j] = min(weights[j], rules.BEFORE_CONTRAST)
    sentences = tokens[-1].sentence + 1 if tokens else 0
    if sentences >= STORY_SENTENCES:
        # in a story, where it ends up weighs more than how it began
        for j, token in enumerate(tokens):
            weights[j] *= STORY_START + (STORY_END - STORY_START) * token.sentence / (sentences - 1)
    for first, _last in _find(words, rules.CONCESSIVE_OPENERS):
        token = tokens[first]
        if first != sentence_start[token.sentence]:
            continue
        j = first
        while j < len(tokens) and tokens[j].clause == token.clause:
            weights[j] = min(weights[j], rules.BEFORE_CONTRAST)
            j += 1
    return weights


def _negate(hits: list[Hit], tokens: list[Token], negators: list[Negator]) -> list[Hit]:
    """Mark the hits a negator reaches.

    A negator reaches the first piece of evidence after it in its clause (within a few
    words), for each tension: in "I refuse to keep quiet about the imbalance", "refuse"
    negates "keep quiet", not "imbalance". A negator inside a cue's span ("we have no real
    influence") negates that cue. A cue that carries its own "not" is never negated again.
    """
    negated: set[int] = set()
    consumed = {p for hit in hits if hit.own_negator and hit.full for p in hit.positions}
    # only the hits near a negator can be reached: look them up by where they start, so a long
    # text of many negators and many hits takes linear time, not quadratic
    order = sorted(range(len(hits)), key=lambda k: hits[k].positions[0])
    starts = [hits[k].positions[0] for k in order]
    reach = max((h.positions[-1] - h.positions[0] for h in hits), default=0)
    for n_first, n_last, n_reach in negators:
        clause = tokens[n_first].clause
        owned = n_first in consumed  # the "never" of "would never accept it" is that cue's
        after: dict[int, list[int]] = {}
        low = bisect_left(starts, n_first - reach)
        high = bisect_right(starts, n_reach)
        for k in order[low:high]:
            hit = hits[k]
            first, last = hit.positions[0], hit.positions[-1]
            if hit.own_negator or tokens[first].clause != clause or n_first in hit.positions:
                continue
            if first < n_first <= last:
                negated.add(k)
            elif not owned and n_last < first <= n_reach:
                after.setdefault(hit.tension, []).append(k)
        for group in after.values():
            nearest = min(hits[k].positions[0] for k in group)
            poles = {hits[k].pole for k in group if hits[k].positions[0] == nearest}
            # the nearest idea, and the rest of that same idea (hits of the same pole)
            negated.update(k for k in group if hits[k].pole in poles)
    return [hit._replace(negated=True) if k in negated else hit for k, hit in enumerate(hits)]


def count_phrases(words: list[str], phrases: frozenset[tuple[str, ...]]) -> int:
    """How many places the phrases occur (the longest at each place)."""
    return len(_find(words, phrases))


def _counts(hit: Hit, marked: bool) -> tuple[int, float]:
    """The pole a hit counts for (a negated hit counts, less, for the other) and how much."""
    weight = hit.base if marked else hit.weight  # "both": no side conceded
    if hit.negated:
        return 1 - hit.pole, NEGATED * weight
    return hit.pole, weight


class CueReader:
    """Reads free text against the cue phrases of each pole: the rule layer of the matcher."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.index: Index = build_index(catalogue)
        self._position = {t: i for i, t in enumerate(self.index.tension_ids)}
        self._known: dict[str, str] = {}  # each word's stem, once worked out

    def _stem(self, word: str) -> str:
        """A word's canonical stem after typo correction; "" for a filler."""
        if word in lexicon.FILLERS:
            return ""
        s = canonical(word)
        if s not in self.index.by_stem and word not in GENERIC:
            s = self.index.correct(word) or s
        return s

    def _stems(self, tokens: list[Token]) -> list[str]:
        known = self._known
        out = []
        for token in tokens:
            word = token.word
            s = known.get(word)
            if s is None:
                s = self._stem(word)
                if len(known) >= KNOWN:
                    known.clear()
                known[word] = s
            out.append(s)
        return out

    def _align(
        self,
        cue_stems: tuple[str, ...],
        seq: list[tuple[str, int]],
        where: dict[str, list[int]],
        may_skip: bool,
        gap: int,
    ) -> tuple[int, ...] | None:
        """Token positions where the cue's stems occur in order, or None.

        ``where`` maps each stem to its places in ``seq``. Each next stem must come within
        ``gap`` words of the last one found; with ``may_skip``, one stem may be missing.
        """
        best: tuple[int, ...] | None = None
        k = len(cue_stems)
        starts = [(p, 0) for p in where.get(cue_stems[0], ())]
        if may_skip and k > 1:
            starts += [(p, 1) for p in where.get(cue_stems[1], ())]
        for p, j0 in starts:
            matched = [seq[p][1]]
            skipped = j0
            pos = p
            for j in range(j0 + 1, k):
                found = None
                places = where.get(cue_stems[j], ())  # in order: the first after pos is next
                at = bisect_right(places, pos)
                if at < len(places) and places[at] <= pos + 1 + gap:
                    found = places[at]
                if found is None:
                    if skipped or not may_skip:
                        break
                    skipped += 1
                    continue
                pos = found
                matched.append(seq[pos][1])
            else:
                if len(matched) >= k - (1 if may_skip else 0) and (
                    best is None or len(matched) > len(best)
                ):
                    best = tuple(matched)
                    if len(best) == k:
                        return best
        return best

    def _hits(
        self,
        tokens: list[Token],
        stems: list[str],
        weights: list[float],
        negators: list[Negator],
    ) -> list[Hit]:
        index = self.index
        by_stem, cues = index.by_stem, index.cues
        words = [t.word for t in tokens]
        by_sentence: dict[int, list[tuple[str, int]]] = {}
        for i, (token, s) in enumerate(zip(tokens, stems, strict=True)):
            if s:
                by_sentence.setdefault(token.sentence, []).append((s, i))
        hits: list[Hit] = []
        for seq in by_sentence.values():
            where: dict[str, list[int]] = {}
            for q, (stem_, _) in enumerate(seq):
                where.setdefault(stem_, []).append(q)
            present: dict[int, int] = {}
            for s in sorted({s for s, _ in seq}):
                for number in by_stem.get(s, ()):
                    present[number] = present.get(number, 0) + 1
            for number, count in present.items():
                cue = cues[number]
                if count < cue.need:
                    continue
                # every stem but one (when one may be missing) must be in the sentence: a
                # quick look before the slower search for them in order
                missing = 0
                for s in cue.distinct:
                    if s not in where:
                        missing += 1
                if missing > cue.may_skip:
                    continue
                positions = self._align(
                    cue.stems, seq, where, cue.may_skip, 0 if cue.contiguous else GAP
                )
                if positions is None:
                    continue
                full = len(positions) == len(cue.stems)
                if (
                    not full
                    and len(cue.content) == 1
                    and not any(stems[p] in cue.content for p in positions)
                ):
                    continue  # what a partial match misses must not be its one real word
                if (
                    not full
                    and cue.has_negator
                    and not any(
                        words[p] in ("not", "no", "never", "nothing", "without") for p in positions
                    )
                ):
                    continue  # "not on an equal footing" must keep its "not"
                base = cue.weight * (1.0 if full else PARTIAL)
                weight = base * sum(weights[p] for p in positions) / len(positions)
                hits.append(
                    Hit(
                        cue.tension,
                        cue.pole,
                        positions,
                        weight,
                        False,
                        False,
                        base,
                        cue.has_negator,
                        full,
                    )
                )
        hits = self._resolve(hits)
        hits += self._word_hits(tokens, stems, hits, weights)
        return _negate(hits, tokens, negators)

    def _word_hits(
        self,
        tokens: list[Token],
        stems: list[str],
        hits: list[Hit],
        weights: list[float],
    ) -> list[Hit]:
        """Single leaning words outside the cue matches (once per sentence each)."""
        index = self.index
        covered = {(h.tension, p) for h in hits for p in h.positions}
        seen: set[tuple[int, str]] = set()
        found = []
        for i, (token, s) in enumerate(zip(tokens, stems, strict=True)):
            if not s or s in GENERIC_STEMS or (token.sentence, s) in seen:
                continue
            seen.add((token.sentence, s))
            for ti, pi, ratio in index.words.get(s, ()):
                if (ti, i) in covered:
                    continue
                base = WORD_WEIGHT * ratio
                found.append(Hit(ti, pi, (i,), base * weights[i], False, True, base))
        return found

    def _resolve(self, hits: list[Hit]) -> list[Hit]:
        """Keep the strongest reading of each stretch of words, per tension.

        Hits are taken strongest first; a hit that shares a word with one already kept for the
        same tension is dropped, so "no real influence" is not also read as "real influence".
        """
        hits.sort(key=lambda h: (-h.weight, -len(h.positions)))
        covered: dict[int, set[int]] = {}
        kept = []
        for hit in hits:
            seen = covered.setdefault(hit.tension, set())
            if seen.intersection(hit.positions):
                continue
            seen.update(hit.positions)
            kept.append(hit)
        return kept

    def analyse(self, text: str) -> Analysis:
        """Tokens, cue hits and the tension ranking of one text (the work shared by readers).

        Only the first ``MAX_TEXT`` characters are read, so that the time a reading takes is
        bounded whatever is pasted (it grows linearly up to there). They index the text as
        given: every span found in them is a span of the whole text.
        """
        read = text[:MAX_TEXT]
        tokens = tokenize(read)
        words = [t.word for t in tokens]
        stems = self._stems(tokens)
        weights = _contrast_weights(tokens, words)
        negators = _negators(tokens, words)
        hits = self._hits(tokens, stems, weights, negators) if tokens else []
        operators, scope = negation(tokens, words, negators)
        return Analysis(
            read,
            tokens,
            stems,
            weights,
            hits,
            self._rank(tokens, hits) if tokens else (),
            count_phrases(words, rules.BOTH_AND) > 0 or _both_and(words),
            count_phrases(words, rules.HEDGES),
            count_phrases(words, rules.INTENSIFIERS),
            truncated=len(text) > MAX_TEXT,
            operators=frozenset(operators),
            scope=frozenset(scope),
        )

    def scores(self, analysis: Analysis) -> list[list[float]]:
        """The summed evidence for each pole of every tension, in one pass over the hits."""
        out = [[0.0, 0.0] for _ in self.index.tension_ids]
        for hit in analysis.hits:
            side, amount = _counts(hit, analysis.marked)
            out[hit.tension][side] += amount
        return out

    def evidence(self, analysis: Analysis, ti: int) -> tuple[list[float], list[Evidence]]:
        """The summed evidence for each pole of tension ``ti``, and the cue hits behind it."""
        poles = self.index.pole_ids[ti]
        tokens, text = analysis.tokens, analysis.text
        score = [0.0, 0.0]
        evidence = []
        for hit in analysis.hits:
            if hit.tension != ti:
                continue
            side, amount = _counts(hit, analysis.marked)
            score[side] += amount
            start, end = tokens[hit.positions[0]].start, tokens[hit.positions[-1]].end
            evidence.append(
                Evidence(
                    poles[hit.pole], text[start:end], start, end, hit.negated, round(hit.weight, 3)
                )
            )
        return score, evidence

    def match(self, text: str, tension: str | None = None) -> Match:
        """Match one text by its cues alone; with ``tension``, the result is for that tension."""
        if tension is not None and tension not in self._position:
            raise KeyError(tension)
        analysis = self.analyse(text)
        return told(self.read(analysis, tension), analysis)

    def read(self, analysis: Analysis, tension: str | None) -> Match:
        """The cue reading of an analysed text (``match`` without saying how much was read)."""
        if not analysis.tokens:
            return Match(tension, "neither", 0.0, 1.0, (), (), unsure=True)
        ranking = analysis.ranking
        chosen = tension if tension is not None else (ranking[0].id if ranking else None)
        if chosen is None:
            return Match(None, "neither", 0.0, 1.0, (), ranking, unsure=True)
        return self.decide(analysis, self._position[chosen])

    def _rank(self, tokens: list[Token], hits: list[Hit]) -> tuple[TensionScore, ...]:
        index = self.index
        mass = [0.0] * len(index.tension_ids)
        canon = [canonical(t.word) for t in tokens]
        spread_of = index.spread.get
        for hit in hits:
            spread = min(spread_of(canon[p], 1) for p in hit.positions)
            mass[hit.tension] += hit.weight * (WORD_RANK if hit.word else 1.0) / spread**0.5
        for ti, is_core in enumerate(index.core):
            if not is_core:
                mass[ti] *= FURTHER_RANK
        for s in sorted(set(canon)):  # sorted: the same sums every run
            for ti, weight in self.index.topic.get(s, ()):
                mass[ti] += weight
        scores = [
            TensionScore(index.tension_ids[i], round(1 - math.exp(-m / 1.0), 3))
            for i, m in enumerate(mass)
            if m >= RANK_MIN
        ]
        return tuple(sorted(scores, key=lambda s: -s.score))

    def decide(self, analysis: Analysis, ti: int) -> Match:
        """The cue reading of one tension: hand-set thresholds over the summed evidence."""
        poles = self.index.pole_ids[ti]
        score, evidence = self.evidence(analysis, ti)
        top, low = max(score), min(score)
        lean = (score[1] - score[0]) / (score[0] + score[1] + 0.5)
        hedge = max(0.5, 0.75**analysis.hedges) * min(1.15, 1 + 0.05 * analysis.intensifiers)
        if top < MIN_EVIDENCE:
            pole, confidence = "neither", 1.0 - 0.5 * top / MIN_EVIDENCE
        elif (analysis.marked and low >= BOTH_MARKED) or (
            low >= BOTH_EVIDENCE and low / top >= BOTH_RATIO
        ):
            pole, confidence = "both", (1 - math.exp(-low / 0.7)) * hedge
        else:
            pole = poles[0] if score[0] > score[1] else poles[1]
            margin = (top - low) / top
            confidence = (1 - math.exp(-top / 0.9)) * (0.4 + 0.6 * margin) * hedge
        evidence.sort(key=lambda e: e.start)
        confidence = round(min(1.0, max(0.0, confidence)), 3)
        return Match(
            self.index.tension_ids[ti],
            pole,
            round(lean, 3),
            confidence,
            tuple(evidence),
            analysis.ranking,
            hedged=analysis.hedges > 0,
            unsure=pole == "neither" or confidence < CUE_UNSURE_BELOW,
        )


def _both_and(words: list[str]) -> bool:
    """ "both X and Y" within a few words."""
    return any(w == "both" and "and" in words[i + 1 : i + 8] for i, w in enumerate(words))
