"""The cue layer's rules, one named case each, and the reader's contract."""

from __future__ import annotations

import pytest

from reflect.matching.cues import CueReader
from reflect.matching.matcher import Matcher
from reflect.matching.text import normalise_word, split_word, stem, tokenize

# (id, tension, text, expected pole)
CASES = [
    # plain: a catalogue-style phrase in a new sentence
    (
        "plain-dependency",
        "agency-dependency",
        "They hold the purse strings for everything we do.",
        "dependency",
    ),
    # plain: the same idea in other words, found by the word model (funding, rely)
    (
        "paraphrase",
        "agency-dependency",
        "Most of our money comes from the council so we rely on them.",
        "dependency",
    ),
    # negation: a negated cue is evidence for the other pole, not its own
    ("negated-cue", "agency-dependency", "We don't rely on them at all these days.", "agency"),
    # negation: two negations cancel ("can't ... without"): what follows "without" is needed
    (
        "double-negation",
        "agency-dependency",
        "We can't do much without the council's money.",
        "dependency",
    ),
    # ... and the first negator still reaches up to "without"
    (
        "double-negation-before",
        "agency-dependency",
        "Nothing happens without the council signing it off.",
        "dependency",
    ),
    # negation: "not a cog" is the agency quote; the cue carries its own "not"
    (
        "cue-with-not",
        "agency-dependency",
        "I'm not a cog in their machine, I make things happen.",
        "agency",
    ),
    # negation: "no longer" is a negator of more than one word
    (
        "no-longer",
        "distinctiveness-incorporation",
        "We are no longer independent in any real sense.",
        "incorporation",
    ),
    # negation: "refuse to" reaches the nearest evidence only ("keep quiet"), not "imbalance"
    ("refuse-reaches-nearest", "power", "I refuse to stay quiet about the imbalance.", "challenge"),
    # negation: "not afraid to" affirms what follows
    ("not-afraid", "leadership", "I'm not afraid to take charge when it's needed.", "direction"),
    # negation: "rather X than Y" negates Y
    (
        "rather-than",
        "leadership",
        "I'd rather bring everyone along than force it through.",
        "facilitation",
    ),
    # contrast: after "but" weighs more
    (
        "contrast-but",
        "values-pragmatism",
        "It goes against our principles, but we compromised to keep the service.",
        "pragmatism",
    ),
    # contrast: "Although X, Y" - Y is the main clause
    (
        "although-opener",
        "conflict",
        "Although we threatened legal action, in the end we negotiated a deal.",
        "negotiation",
    ),
    # typo: fuzzy correction of long words only
    ("typos", "agency-dependency", "we are compleetly dependant on there fundng", "dependency"),
    # spelling: American spelling meets British cues
    (
        "american-spelling",
        "distinctiveness-incorporation",
        "Our organization got absorbed into their integrated team.",
        "incorporation",
    ),
    # stretched letters
    ("stretched", "conflict", "sooo much negotiaaating and compromise", "negotiation"),
    # both: a both-and marker joins evidence for both poles
    (
        "both-marker",
        "values-pragmatism",
        "We stuck to our principles and at the same time were pragmatic.",
        "both",
    ),
    # both: "both X and Y"
    (
        "both-and",
        "arena",
        "I use both formal papers at the board and quiet words over coffee.",
        "both",
    ),
    # neither: off-topic
    ("off-topic", "power", "I had a sandwich for lunch.", "neither"),
    # neither: a non-answer
    ("dunno", "aims", "dunno", "neither"),
    # neither: empty
    ("empty", "aims", "", "neither"),
]


@pytest.mark.parametrize(("case", "tension", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_rule(cues: CueReader, case: str, tension: str, text: str, expected: str) -> None:
    assert cues.match(text, tension).pole == expected


def test_evidence_spans_index_the_text_exactly_as_given(cues: CueReader) -> None:
    text = "  We\u2019re RELIANT on them\u2026 70% of our funding   comes from them!!"
    result = cues.match(text, "agency-dependency")
    assert result.evidence
    for e in result.evidence:
        assert text[e.start : e.end] == e.text


def test_a_negated_cue_is_marked_and_counts_against_its_pole(cues: CueReader) -> None:
    result = cues.match("We don't rely on them at all.", "agency-dependency")
    first = result.evidence[0]
    assert (first.pole, first.negated) == ("dependency", True)
    assert result.lean < 0


def test_hedges_lower_confidence(cues: CueReader) -> None:
    plain = cues.match("We are reliant on their funding.", "agency-dependency")
    hedged = cues.match("I suppose we are sort of reliant on their funding.", "agency-dependency")
    assert plain.pole == hedged.pole == "dependency"
    assert hedged.confidence < plain.confidence and hedged.hedged


def test_lean_runs_from_first_to_second_pole(cues: CueReader) -> None:
    left = cues.match("We shape what gets commissioned and they listen to us.", "agency-dependency")
    right = cues.match(
        "They hold the purse strings and we're reliant on them.", "agency-dependency"
    )
    assert -1 <= left.lean < 0 < right.lean <= 1


def test_neither_is_unsure_and_strong_evidence_is_not(matcher: Matcher) -> None:
    assert matcher.match("pass", "power").unsure
    strong = matcher.match(
        "We're completely reliant on them; they hold the purse strings.", "agency-dependency"
    )
    assert not strong.unsure


def test_without_a_tension_the_best_ranked_one_is_used(matcher: Matcher) -> None:
    result = matcher.match("We threatened judicial review and went to the press.")
    assert result.tension == "conflict" == result.tensions[0].id
    assert all(t.score > 0 for t in result.tensions)
    assert [t.score for t in result.tensions] == sorted(
        (t.score for t in result.tensions), reverse=True
    )


def test_off_topic_text_touches_no_tension(matcher: Matcher) -> None:
    result = matcher.match("I had pasta for lunch and the train was late.")
    assert result.tension is None and result.pole == "neither" and result.tensions == ()


def test_a_stray_word_touches_a_tension_only_weakly(matcher: Matcher) -> None:
    result = matcher.match("My cat knocked a glass off the shelf.")
    assert result.pole == "neither" or result.unsure  # it may ask; it never tells
    assert all(t.score < 0.3 for t in result.tensions)


def test_a_long_story_is_read_sentence_by_sentence(cues: CueReader) -> None:
    story = " ".join(["We met again on Tuesday and went through the usual papers."] * 40)
    story += " In the end we negotiated a compromise that both sides could live with."
    result = cues.match(story, "conflict")
    assert result.pole == "negotiation"
    assert all(e.start > len(story) - 80 for e in result.evidence)


def test_unknown_tension_is_a_key_error(matcher: Matcher) -> None:
    with pytest.raises(KeyError):
        matcher.match("text", "no-such-tension")


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("don't", ("do", "not")),
        ("can\u2019t", ("can", "not")),
        ("won't", ("will", "not")),
        ("dont", ("do", "not")),
        ("we're", ("we", "are")),
        ("council's", ("council",)),
        ("it's", ("it", "is")),
    ],
)
def test_contractions(word: str, expected: tuple[str, ...]) -> None:
    assert split_word(word) == expected


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("organization", "organisation"),
        ("prioritize", "prioritise"),
        ("behavior", "behaviour"),
        ("sooooo", "so"),
        ("RELIANT", "reliant"),
    ],
)
def test_normalisation(a: str, b: str) -> None:
    assert normalise_word(a) == normalise_word(b)


def test_inflections_share_a_stem() -> None:
    stems = {
        stem(normalise_word(w))
        for w in ["depend", "depends", "depending", "dependent", "dependence"]
    }
    assert len(stems) == 1
    assert stem("reliant") == stem("rely") == stem("relied")


def test_tokens_keep_their_spans_and_sentences() -> None:
    text = "We don't. They do, but rarely."
    tokens = tokenize(text)
    assert [(t.word, text[t.start : t.end]) for t in tokens[:3]] == [
        ("we", "We"),
        ("do", "don't"),
        ("not", "don't"),
    ]
    assert tokens[0].sentence == 0 and tokens[-1].sentence == 1
    assert tokens[-1].clause > tokens[3].clause
