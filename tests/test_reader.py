"""The learned reader: its rule features (each fails when switched off), the tell-or-ask
threshold, and floors per kind on writers it was not trained on."""

from __future__ import annotations

import math
from dataclasses import replace
from pathlib import Path

import pytest

from reflect.content.loader import Loaded
from reflect.matching import features as F
from reflect.matching.cues import CueReader
from reflect.matching.matcher import Matcher

CORPUS = Path(__file__).parent / "data" / "corpus"


def names(cues: CueReader, text: str) -> set[str]:
    return {f.name for f in F.words(cues.analyse(text))}


def value(cues: CueReader, text: str, feature: str) -> float:
    return F.vector(F.words(cues.analyse(text)))[feature]


def stance(cues: CueReader, text: str, tension: str = "power") -> dict[str, float]:
    analysis = cues.analyse(text)
    ti = cues.index.tension_ids.index(tension)
    return F.vector(F.stance_rules(analysis, F.all_signals(cues, analysis)[ti]))


# (why, text, a feature it must have, a feature it must not have)
NEGATION = [
    # a word in a negator's scope is its own feature: it teaches the other pole
    ("scope", "We don't rely on them at all.", "w:~reli", "w:reli"),
    # the scope ends with the clause
    ("clause", "We don't agree, we rely on them.", "w:reli", "w:~reli"),
    # "not only" does not negate
    ("not-only", "Not only do we rely on them.", "w:reli", "w:~reli"),
    # turning an offer down: what is turned down is what the person does not take on
    ("turned-down", "We turned down the offer to merge with them.", "w:~merg", "w:merg"),
    ("declined", "I declined their invitation to join the board.", "w:~join", "w:join"),
]


@pytest.mark.parametrize(("why", "text", "has", "lacks"), NEGATION, ids=[n[0] for n in NEGATION])
def test_negation_scope(cues: CueReader, why: str, text: str, has: str, lacks: str) -> None:
    found = names(cues, text)
    assert has in found and lacks not in found


def reversed_(cues: CueReader, text: str) -> list[str]:
    """The words a negator reverses for the direction model, as typed."""
    analysis = cues.analyse(text)
    return [
        t.word
        for f in F.words(analysis)
        if f.negated and f.name.startswith("w:")
        for t in analysis.tokens[f.first : f.first + 1]
    ]


# (why, text, the words reversed)
REVERSED = [
    # from the negator to the end of the evidence it reaches
    ("reaches", "We would never go to the press.", ["go", "to", "press"]),
    ("contracted", "Last year we didn't depend on them.", ["depend", "on", "them"]),
    # the words before the negator keep their sense, even inside the cue ("we ... depend on")
    ("before", "We did not depend on them.", ["depend", "on", "them"]),
    # a negator that reaches no evidence reverses nothing
    ("no-evidence", "I would not know, to be honest.", []),
    # the clause ends the reach
    ("clause", "We don't agree, we rely on them.", ["agree"]),
    # a refusal reverses what is refused
    ("refusal", "We turned down their funding.", ["their", "funding"]),
]


@pytest.mark.parametrize(("why", "text", "words"), REVERSED, ids=[r[0] for r in REVERSED])
def test_a_negator_reverses_the_evidence_it_reaches(
    cues: CueReader, why: str, text: str, words: list[str]
) -> None:
    assert reversed_(cues, text) == words


def test_the_direction_model_reads_a_reversed_word_against_its_plain_form(
    cues: CueReader,
) -> None:
    said = F.vector(F.directed(F.words(cues.analyse("We didn't depend on them."))))
    # the plain word, the other way round, and the negated word as itself
    assert said["w:depend"] < 0 < said["w:~depend"]
    assert said["b:depend_on"] < 0
    assert all(v < 0 for k, v in said.items() if k.startswith("c:"))
    # the negator itself says nothing of direction
    assert "w:not" not in said and not any("_not" in k or "not_" in k for k in said)


def test_the_clause_after_but_weighs_more(cues: CueReader) -> None:
    text = "We challenged them, but in the end we accepted the decision."
    assert value(cues, text, "w:accept") > 2 * value(cues, text, "w:challeng")


def test_a_story_weighs_its_end_more_than_its_start(cues: CueReader) -> None:
    story = "We argued. Then we met. Then we talked. Then we waited. We compromised."
    one = "We argued. We compromised."
    assert value(cues, story, "w:compromis") > 2 * value(cues, story, "w:argument")
    assert value(cues, one, "w:compromis") == pytest.approx(value(cues, one, "w:argument"))


@pytest.mark.parametrize(
    "text",
    ["It's a bit of each really.", "Honestly there's truth in both.", "It's not either or."],
)
def test_both_and_markers(cues: CueReader, text: str) -> None:
    assert stance(cues, text)["r:marked"] == 1.0
    assert stance(cues, "We pushed back hard.")["r:marked"] == 0.0


def test_both_and_hints(cues: CueReader) -> None:
    assert stance(cues, "It depends on the day, I juggle it.")["r:hints"] > 0
    assert stance(cues, "We pushed back hard.")["r:hints"] == 0


def test_hedges_and_questions(cues: CueReader) -> None:
    assert stance(cues, "I suppose we maybe went along with it.")["r:hedges"] > 0
    assert stance(cues, "We went along with it.")["r:hedges"] == 0
    assert stance(cues, "What do you mean by power?")["r:question"] == 1.0


def test_typos_share_character_grams(cues: CueReader) -> None:
    right = {n for n in names(cues, "independence") if n.startswith("c:")}
    typed = {n for n in names(cues, "independance") if n.startswith("c:")}
    assert len(right & typed) >= len(right) // 2


def test_fillers_count_as_words(cues: CueReader) -> None:
    # "just" and "bit" carry no cue, but "we don't just accept" is not "we accept"
    assert {"w:~just", "w:bit"} <= names(cues, "We don't just accept it. A bit.")


def test_articles_are_never_features(cues: CueReader) -> None:
    # "the" and "a" carry nothing; as features they made a stray sentence look like a leaning
    found = names(cues, "My cat knocked a glass off the shelf.")
    assert not any(n in found for n in ("w:the", "w:a", "b:a_glass", "b:off_the"))
    assert "w:glass" in found


def test_an_answer_splits_into_parts_at_clauses_and_turn_words(cues: CueReader) -> None:
    analysis = cues.analyse("I go along with it but if it matters I kick off, every time")
    of = F.parts(analysis)
    words = [t.word for t in analysis.tokens]
    assert of[words.index("along")] == 0
    assert of[words.index("kick")] == 1  # "but" opens a part without punctuation
    assert of[words.index("every")] == 2  # so does a comma


def test_parts_pulling_both_ways_are_what_both_looks_like(cues: CueReader) -> None:
    analysis = cues.analyse("We accept it, but we challenge it.")
    n = len(analysis.tokens)
    half = F.parts(analysis).index(1)
    one_way = F.vector(F.direction_rules(analysis, [1.0] * n))
    both_ways = F.vector(F.direction_rules(analysis, [1.0] * half + [-1.0] * (n - half)))
    assert one_way["r:dlow"] == 0.0 and one_way["r:dratio"] == 0.0
    assert both_ways["r:dlow"] > 0.5 and both_ways["r:dratio"] > 0.5
    assert both_ways["r:dwhole"] < one_way["r:dwhole"]


def test_a_sentence_is_scored_as_if_it_stood_alone(cues: CueReader) -> None:
    analysis = cues.analyse("We argued with the council. Funding was cut.")
    sentence_of, scales = F.sentences(analysis)
    fund = [f for f in F.words(analysis) if f.name == "w:fund"]
    alone = F.vector(F.words(cues.analyse("Funding was cut.")))
    assert [sentence_of[f.first] for f in fund] == [1]
    assert fund[0].value * scales[1] == pytest.approx(alone["w:fund"])
    assert scales[0] != scales[1]


FOLDING = [
    "We don't just accept whatever the council decides; I named it in the meeting.",
    "Our fundng came with strings. We kept our own voice, mostly. Partnership is hard wrok.",
]


@pytest.mark.parametrize("text", FOLDING)
def test_folded_character_grams_score_as_the_grams_themselves(matcher: Matcher, text: str) -> None:
    assert matcher.weights is not None
    analysis = matcher.cues.analyse(text)
    full, folded = F.words(analysis), F.words(analysis, folded=True)
    assert len(folded) < len(full) / 2  # the point of folding
    n = len(analysis.tokens)
    one = [0] * n
    relevance, direction, stance_ = (
        matcher.weights.relevance,
        matcher.weights.direction,
        matcher.weights.stance,
    )
    assert relevance.sentence_scores(folded, one, 1)[0] == pytest.approx(
        relevance.sentence_scores(full, one, 1)[0]
    )
    assert direction.pushes("power", folded, n) == pytest.approx(direction.pushes("power", full, n))
    assert stance_.scores(folded) == pytest.approx(stance_.scores(full))


def test_words_weigh_by_how_rare_they_are_in_their_own_tension() -> None:
    from reflect.matching.train import _idf

    rows = [
        {"power|bias": 1.0, "power|w:we": 1.0, "power|w:challeng": 1.0},
        {"power|bias": 1.0, "power|w:we": 1.0},
        {"aims|bias": 1.0, "aims|w:challeng": 1.0},
        {"aims|bias": 1.0, "aims|w:we": 1.0},
    ]
    idf = _idf(rows, ["power", "power", "aims", "aims"])
    assert idf["power|w:we"] == pytest.approx(1.0)  # every power answer says it
    assert idf["power|bias"] == pytest.approx(1.0)  # so does the bias: it keeps its value
    assert idf["power|w:challeng"] == pytest.approx(1 + math.log(3 / 2))
    assert idf["aims|w:challeng"] == idf["power|w:challeng"]  # counted within its tension
    half = _idf(rows, ["power", "power", "aims", "aims"], power=0.5)
    assert half["power|w:challeng"] == pytest.approx(idf["power|w:challeng"] ** 0.5)
    shared = _idf([{"w:we": 1.0, "w:both": 1.0}, {"w:we": 1.0}, {"w:we": 1.0, "r:top": 1.0}])
    assert shared["w:both"] == pytest.approx(1 + math.log(4 / 2)) and shared["w:we"] == 1.0
    assert "r:top" not in shared  # a rule is not a word


def test_every_signal_is_the_cue_layers_evidence_and_rank(cues: CueReader) -> None:
    analysis = cues.analyse(FOLDING[0] + " " + FOLDING[1])
    every = F.all_signals(cues, analysis)
    assert len(every) == len(cues.index.tension_ids)
    for ti, signal in enumerate(every):
        assert [signal.first, signal.second] == cues.evidence(analysis, ti)[0]
    ranked = [s.id for s in analysis.ranking]
    power = every[cues.index.tension_ids.index("power")]
    assert power.first > 0 and ranked[power.rank] == "power"


def test_the_threshold_decides_between_telling_and_asking(matcher: Matcher) -> None:
    assert matcher.weights is not None
    text = "I think we sort of went along with it, mostly."
    reading = matcher.match(text, "power")
    strict = Matcher(matcher.catalogue, replace(matcher.weights, tell_at=1.0))
    lenient = Matcher(matcher.catalogue, replace(matcher.weights, tell_at=0.0))
    assert strict.match(text, "power").unsure
    assert lenient.match(text, "power").unsure == (reading.pole == "neither")


def test_an_untrained_tension_is_read_from_its_cues(matcher: Matcher) -> None:
    assert matcher.weights is not None
    weights = matcher.weights
    direction = replace(
        weights.direction,
        tension_bias={k: v for k, v in weights.direction.tension_bias.items() if k != "power"},
    )
    untrained = Matcher(matcher.catalogue, replace(weights, direction=direction))
    text = "I called it out in the meeting and pushed back on their terms."
    assert untrained.match(text, "power") == replace(
        CueReader(matcher.catalogue).match(text, "power"), tensions=untrained.match(text).tensions
    )


def test_evidence_quotes_the_words_that_decided(matcher: Matcher) -> None:
    text = "Honestly, we rely on their grant for almost everything we do."
    reading = matcher.match(text, "agency-dependency")
    assert reading.pole == "dependency" and reading.evidence
    for e in reading.evidence:
        assert text[e.start : e.end] == e.text and e.pole == "dependency"
    assert any("rely" in e.text or "grant" in e.text for e in reading.evidence)


def test_neither_quotes_nothing(matcher: Matcher) -> None:
    reading = matcher.match("Not sure, can you ask me that again?", "aims")
    assert reading.pole == "neither" and reading.unsure and reading.evidence == ()


def test_common_words_are_quoted_only_when_nothing_else_decided(cues: CueReader) -> None:
    from reflect.matching.explain import explain

    analysis = cues.analyse("I say it to them, and we rely on grants")
    words = [t.word for t in analysis.tokens]
    push = [0.0] * len(words)
    push[words.index("say")] = push[words.index("them")] = 0.5
    alone = explain(analysis, push, ("agency", "dependency"), "dependency")
    assert [e.text for e in alone] == ["say it to them"]  # the strongest common span
    push[words.index("rely")] = push[words.index("grants")] = 0.5
    with_content = explain(analysis, push, ("agency", "dependency"), "dependency")
    assert [e.text for e in with_content] == ["rely on grants"]


def test_weights_are_read_on_first_use_and_once(
    shipped: Loaded, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reflect.matching.matcher as M

    calls: list[Path] = []
    real = M.load

    def counting(path: Path) -> object:
        calls.append(path)
        return real(path)

    monkeypatch.setattr(M, "load", counting)
    matcher = Matcher(shipped.catalogue)
    assert calls == []  # the app's first screen does not wait for them
    matcher.match("We rely on the council.", "agency-dependency")
    matcher.warm()
    assert len(calls) == 1
