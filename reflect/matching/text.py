"""Normalising free text into tokens that keep their place in the original.

Every token carries the character span it came from, so evidence can quote the person's own
words exactly. Normalisation folds case and curly quotes, expands contractions ("don't" ->
"do not"), maps American to British spelling, collapses stretched letters ("sooo") and stems
with the Snowball (Porter 2) stemmer, so "depend", "depends", "dependent" and "dependence"
meet in one stem.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

import snowballstemmer  # type: ignore[import-untyped]

WORD = re.compile(r"[A-Za-z0-9]+(?:['\u2019][A-Za-z]+)*")
#: Punctuation that ends a sentence, and punctuation that ends a clause within one.
SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)|\n\s*\n")
CLAUSE_END = re.compile(r"[,;:()\u2013\u2014]|\s-\s")

CONTRACTIONS = {
    "won't": ("will", "not"),
    "can't": ("can", "not"),
    "shan't": ("shall", "not"),
    "ain't": ("is", "not"),
    "cannot": ("can", "not"),
    # the same, typed without the apostrophe
    "dont": ("do", "not"),
    "doesnt": ("does", "not"),
    "didnt": ("did", "not"),
    "cant": ("can", "not"),
    "wont": ("will", "not"),
    "isnt": ("is", "not"),
    "arent": ("are", "not"),
    "wasnt": ("was", "not"),
    "werent": ("were", "not"),
    "havent": ("have", "not"),
    "hasnt": ("has", "not"),
    "hadnt": ("had", "not"),
    "wouldnt": ("would", "not"),
    "couldnt": ("could", "not"),
    "shouldnt": ("should", "not"),
    "im": ("i", "am"),
    "ive": ("i", "have"),
    "theyre": ("they", "are"),
    "youre": ("you", "are"),
}
SUFFIXES = {"n't": "not", "'re": "are", "'ve": "have", "'ll": "will", "'d": "would", "'m": "am"}
IS_AFTER = {
    "it",
    "that",
    "there",
    "here",
    "what",
    "who",
    "he",
    "she",
    "where",
    "everything",
    "nothing",
    "this",
    "which",
}

#: Spellings read as one where a suffix rule cannot catch them: American to British, and
#: pairs British writers themselves mix (practise/practice, licence/license).
SPELLING = {
    "color": "colour",
    "behavior": "behaviour",
    "favor": "favour",
    "honor": "honour",
    "labor": "labour",
    "neighbor": "neighbour",
    "center": "centre",
    "program": "programme",
    "judgment": "judgement",
    "defense": "defence",
    "offense": "offence",
    "fulfill": "fulfil",
    "enroll": "enrol",
    "skillful": "skilful",
    "catalog": "catalogue",
    "dialog": "dialogue",
    "counseling": "counselling",
    "traveled": "travelled",
    "modeling": "modelling",
    "labeled": "labelled",
    "canceled": "cancelled",
    "gray": "grey",
    "favorite": "favourite",
    "endeavor": "endeavour",
    "rumor": "rumour",
    "practise": "practice",
    "licence": "license",
}
#: Irregular verb forms, read as the verb (the stemmer handles the regular ones).
IRREGULAR = {
    w: base
    for base, forms in {
        "make": "made",
        "get": "got gotten",
        "go": "went gone",
        "take": "took taken",
        "give": "gave given",
        "tell": "told",
        "say": "said",
        "think": "thought",
        "feel": "felt",
        "keep": "kept",
        "bring": "brought",
        "hold": "held",
        "sit": "sat",
        "lead": "led",
        "win": "won",
        "lose": "lost",
        "fight": "fought",
        "seek": "sought",
        "buy": "bought",
        "build": "built",
        "spend": "spent",
        "send": "sent",
        "leave": "left",
        "meet": "met",
        "run": "ran",
        "come": "came",
        "become": "became",
        "know": "knew known",
        "grow": "grew grown",
        "draw": "drew drawn",
        "stand": "stood",
        "choose": "chose chosen",
        "speak": "spoke spoken",
        "break": "broke broken",
        "write": "wrote written",
        "drive": "drove driven",
        "see": "saw seen",
        "do": "did done",
        "have": "had",
        "pay": "paid",
        "find": "found",
        "hear": "heard",
        "mean": "meant",
        "fall": "fell fallen",
        "begin": "began begun",
        "forget": "forgot forgotten",
        "understand": "understood",
        "bite": "bitten",
        "sell": "sold",
        "teach": "taught",
        "catch": "caught",
        "throw": "threw thrown",
        "rise": "rose risen",
        "undertake": "undertook undertaken",
    }.items()
    for w in forms.split()
}
IZE = re.compile(r"(?<=[a-z]{3})(iz|yz)(e|es|ed|ing|ation|ations|er|ers)$")
STRETCHED = re.compile(r"([a-z])\1{2,}")

_STEMMER = snowballstemmer.stemmer("english")
#: Stems the Snowball stemmer leaves apart that mean the same here.
STEM_OVERRIDES = {"reliant": "reli", "relianc": "reli", "dependant": "depend"}


class Token(NamedTuple):
    """One normalised word, with its span in the original text (a named tuple: quick to make,
    and a long answer has thousands)."""

    word: str
    stem: str
    start: int
    end: int
    sentence: int
    clause: int


@lru_cache(maxsize=65536)
def normalise_word(word: str) -> str:
    """Lower-case, straight apostrophes, British spelling, no stretched letters."""
    word = word.lower().replace("\u2019", "'")
    word = STRETCHED.sub(r"\1", word)
    word = SPELLING.get(word, word)
    word = IRREGULAR.get(word, word)
    return IZE.sub(lambda m: ("is" if m.group(1) == "iz" else "ys") + m.group(2), word)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The stem of a normalised word."""
    result: str = _STEMMER.stemWord(word)
    return STEM_OVERRIDES.get(result, result)


def split_word(raw: str) -> tuple[str, ...]:
    """One raw word as one or more normalised words ("don't" -> "do", "not")."""
    word = normalise_word(raw)
    if word in CONTRACTIONS:
        return CONTRACTIONS[word]
    if "'" in word:
        base, _, rest = word.partition("'")
        suffix = "'" + rest
        if word.endswith("n't"):
            return (word[:-3], "not") if word[:-3] else ("not",)
        if suffix in SUFFIXES:
            return (base, SUFFIXES[suffix])
        if suffix == "'s":
            return (base, "is") if base in IS_AFTER else (base,)
        return (base,)
    return (word,)


@lru_cache(maxsize=65536)
def _pieces(raw: str) -> tuple[tuple[str, str], ...]:
    """Each normalised word of a raw word, with its stem (a long text repeats its words)."""
    return tuple((word, stem(word)) for word in split_word(raw))


def _boundaries(pattern: re.Pattern[str], text: str) -> list[int]:
    return [m.end() for m in pattern.finditer(text)]


def tokenize(text: str) -> list[Token]:
    """Tokens of ``text`` with sentence and clause numbers; spans index into ``text``."""
    sentence_ends = _boundaries(SENTENCE_END, text)
    clause_ends = _boundaries(CLAUSE_END, text)
    tokens: list[Token] = []
    sentence = clause = 0
    s_i = c_i = 0
    for match in WORD.finditer(text):
        start = match.start()
        while s_i < len(sentence_ends) and sentence_ends[s_i] <= start:
            s_i += 1
            sentence += 1
            clause += 1
        while c_i < len(clause_ends) and clause_ends[c_i] <= start:
            c_i += 1
            clause += 1
        end = match.end()
        for word, stemmed in _pieces(match.group()):
            tokens.append(Token(word, stemmed, start, end, sentence, clause))
    return tokens


def phrase_words(phrase: str) -> tuple[str, ...]:
    """A cue phrase as normalised words (the same treatment as text)."""
    return tuple(w for m in WORD.finditer(phrase) for w in split_word(m.group()))
