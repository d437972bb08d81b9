"""General language rules: negation, contrast, hedges, intensifiers and both-and markers.

Every entry is a sequence of normalised words (see ``text.split_word``), so "don't" is
("do", "not") and "won't" is ("will", "not").
"""

from __future__ import annotations

#: Words that negate what follows them in the same clause.
NEGATORS: frozenset[tuple[str, ...]] = frozenset(
    tuple(p.split())
    for p in [
        "not",
        "no",
        "never",
        "nothing",
        "nobody",
        "none",
        "neither",
        "nor",
        "without",
        "hardly",
        "barely",
        "scarcely",
        "no longer",
        "far from",
        "nothing to do with",
        "rather than",
        "instead of",
        "refuse to",
        "refused to",
        "refusing to",
        # turning something down: what is refused is what the person does not take on
        "turn down",
        "turned down",
        "turning down",
        "turns down",
        "declined",
        "declining",
        "decline to",
        "rejected",
        "rejecting",
        "reject",
        "said no to",
        "say no to",
        "saying no to",
        "walked away from",
        "walk away from",
        "pulled out of",
        "pull out of",
        "opted out of",
        "opt out of",
        "stopped",
        "lack of",
        "lacking",
        "little",
        "avoid",
        "avoided",
        "free of",
        "no point",
        "no use",
        "no good",
        "pointless",
        "no need",
        "less",
    ]
)
#: How many words after a negator it reaches (within its clause).
NEGATION_SCOPE = 6
#: Auxiliaries that carry a negation ("we did not", "we would never"): with the negator, they
#: say that something is denied, not which way the person leans.
AUXILIARIES = frozenset(
    "do does did would could should will can may might must have has had am is are was were".split()
)

#: Markers after which the later part of a sentence weighs more.
CONTRAST: frozenset[tuple[str, ...]] = frozenset(
    tuple(p.split())
    for p in [
        "but",
        "however",
        "although",
        "though",
        "yet",
        "still",
        "whereas",
        "nevertheless",
        "nonetheless",
        "even so",
        "that said",
        "in reality",
        "in practice",
        "the reality is",
        "having said that",
        "then again",
        "at the end of the day",
        "in the end",
    ]
)
#: Markers that open a concession when they start a sentence ("Although X, Y": Y weighs more).
CONCESSIVE_OPENERS: frozenset[tuple[str, ...]] = frozenset(
    tuple(p.split()) for p in ["although", "though", "even though", "while", "whilst", "despite"]
)
#: The weight of the part of a sentence before a contrast (the part after weighs 1).
BEFORE_CONTRAST = 0.35

#: Hedges lower confidence; intensifiers raise it.
HEDGES: frozenset[tuple[str, ...]] = frozenset(
    tuple(p.split())
    for p in [
        "i suppose",
        "i guess",
        "maybe",
        "perhaps",
        "sort of",
        "kind of",
        "i think maybe",
        "possibly",
        "probably",
        "might",
        "a bit",
        "somewhat",
        "not sure",
        "i am not sure",
        "could be",
        "in a way",
        "to some extent",
        "a little",
        "slightly",
        "i wonder",
        "more or less",
        "i would say",
        "arguably",
    ]
)
INTENSIFIERS: frozenset[tuple[str, ...]] = frozenset(
    tuple(p.split())
    for p in [
        "really",
        "very",
        "totally",
        "completely",
        "absolutely",
        "always",
        "definitely",
        "entirely",
        "utterly",
        "so much",
        "hugely",
        "massively",
        "strongly",
        "honestly",
        "clearly",
        "fully",
        "at all",
    ]
)

#: Markers that join the two poles into a both-and answer (and "both X and Y", in code).
BOTH_AND: frozenset[tuple[str, ...]] = frozenset(
    tuple(p.split())
    for p in [
        "at the same time",
        "while also",
        "whilst also",
        "a bit of both",
        "both really",
        "it is both",
        "it was both",
        "both of them",
        "balance between",
        "balancing",
        "a balance",
        "a mix of",
        "a mixture of",
        "mix of",
        "it is a mix",
        "on the one hand",
        "on the other hand",
        "in between",
        "simultaneously",
        "somewhere in the middle",
        "a combination of",
        "a bit of each",
        "some of each",
        "bit of each",
        "a bit of this and a bit of that",
        "either or",
        "not one or the other",
        "truth in both",
        "both ways",
        "both sides",
        "do both",
        "did both",
        "doing both",
        "horses for courses",
        "swing between",
        "switch between",
        "move between",
        "moving between",
        "back and forth",
        "both at once",
    ]
)

#: Weaker signs of holding two ends, which the learned reader weighs (the cue reading ignores them).
BOTH_HINTS: frozenset[tuple[str, ...]] = frozenset(
    tuple(p.split())
    for p in [
        "it depends",
        "depends on the day",
        "depends on the issue",
        "either way",
        "juggle",
        "juggling",
        "two hats",
        "and also",
        "as well as",
        "both things",
        "go between",
        "both",
        "each",
        "mix",
        "balance",
        "sometimes",
        "other times",
        "other days",
    ]
)
