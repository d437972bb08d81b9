"""Interface and error text, in one place, so that tests assert on codes and not on wording."""

from __future__ import annotations

import difflib

#: Problem codes and their message templates (str.format fields).
PROBLEMS: dict[str, str] = {
    # reading the file
    "unreadable": "cannot read the file: {reason}",
    "too-large": "the file is {size:,} bytes; the limit is {limit:,}",
    "not-utf8": "the file is not UTF-8 text (byte 0x{byte:02x}); save it as UTF-8",
    "empty": "the file is empty",
    "yaml-tab": "a tab character is used for indentation; YAML needs spaces",
    "yaml-syntax": "YAML syntax error: {problem}",
    "yaml-alias": "YAML anchors and aliases (&name / *name) are not allowed in content files",
    "yaml-multi-doc": "the file holds more than one YAML document; keep one per file",
    "yaml-key-type": "a key must be plain text, not {found}",
    "duplicate-key": "duplicate key '{key}' (first given at line {first})",
    "too-deep": "the file nests deeper than {limit} levels",
    "too-many": "more than {limit:,} entries in one list or mapping",
    "bad-value": "'{value}' cannot be read as {what}{why}; put it in quotes if it is text",
    "bad-tag": "the YAML tag '{tag}' is not used in content files; remove it",
    # shape
    "wrong-type": "'{field}' should be {expected}, not {found}",
    "colon-in-text": "an item of '{field}' was read as a mapping because it has ': ' in it; "
    "put the whole item in quotes",
    "missing-key": "'{key}' is missing{where}",
    "unknown-key": "unknown key '{key}'{hint}",
    "empty-value": "'{field}' is empty",
    "bad-id": "'{value}' is not a valid id: use lower-case letters, digits and hyphens",
    "bad-kind": "kind '{value}' is not one of: {choices}{hint}",
    "too-few": "'{field}' has {count} item(s); {minimum} or more are expected",
    "duplicate-item": "'{item}' appears twice in '{field}' (first at line {first})",
    # tensions
    "id-filename": "the id '{id}' differs from the file name '{name}'; name the file {id}.yaml",
    "reserved-id": "'{value}' is reserved for the matcher's answers; choose another pole id",
    "pole-count": "a tension has exactly two poles; this one has {count}",
    "core-poles": "core tension '{tension}' must have the poles {expected}, in that order{hint}",
    "duplicate-id": "{what} id '{id}' is already used in {other}",
    "unknown-tension": "unknown tension '{id}'{hint}",
    "not-loaded": "{what} '{id}' is not loaded: {file} has errors",
    "unknown-pole": "unknown pole '{id}' for tension '{tension}'{hint}",
    "self-related": "a tension cannot be related to itself",
    "bad-seed": "seed file '{seed}' is not a seed name like 003_8ba859cd964bb8ba.txt",
    "unknown-seed": "seed file '{seed}' is not among the seeds in {folder}{hint}",
    # dialogues
    "bad-choice": "'{field}' is '{value}'; it must be one of: {choices}{hint}",
    "step-kind": "step '{id}' needs exactly one of {kinds}; it has {found}",
    "key-not-for-step": "'{key}' does not belong in a '{kind}' step",
    "choose-options": "a choose step needs either 'options' or 'options_from', not both or neither",
    "bad-condition": "a condition ('if') needs exactly one of 'match', 'var', 'seen' or 'kind'",
    "unknown-step": "no step '{id}' to go to{hint}",
    "unreachable": "step '{id}' can never be reached from the first step",
    "dead-end": "step '{id}' has branches but no 'otherwise': when no branch applies, the "
    "conversation would be stuck (add 'otherwise: next')",
    "endless-loop": "a loop with no way out: {steps} never reach the end",
    "undefined-variable": "'{{{name}}}' is not a variable this script can know{hint}",
    "unknown-flow": "no flow '{id}' to include{hint}",
    "not-a-flow": "'{id}' is a script, not a flow; only flows (kind: flow) can be included",
    "unknown-match": "'{value}' is not something a reading can be ({choices}){hint}",
    "poles-need-tension": "'options_from: poles' needs a tension in hand: use it in a flow, "
    "or in a script that names its 'tension'",
    "var-not-tensions": "'{name}' is walked as a list of tensions ('from: var'), so only a "
    "choose or pick step with 'options_from: tensions' or 'core' may set it",
    # warnings
    "cue-both-poles": "cue '{cue}' is listed under both poles ('{a}' and '{b}')",
    "stale-weights": "the reader's weights are out of date: {why}; retrain them with"
    " 'python -m reflect.matching.train'",
    "no-weights": "no trained weights: answers are read from the cues alone",
    "cue-collision": "cue '{cue}' ({pole}) is very close to '{other}' ({other_pole}): {score:.0f}%",
    "example-misplaced": "the matcher reads this '{pole}' example as '{found}' (lean {lean:+.2f}); "
    "reword it or add the cues it relies on",
    "quote-not-found": 'quote not found verbatim in {seed}: "{excerpt}"',
    "inside-words": 'a person would read "{found}": cite research as author (year), and keep '
    "file names and the program's inner words out of what people read",
}


def problem_text(code: str, /, **fields: object) -> str:
    """The message for a problem code, filled in."""
    return PROBLEMS[code].format(**fields)


def did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> str:
    """Return "; did you mean 'x'?" for the closest choice, or "" when nothing is close."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


#: What the conversation says about itself (not coaching prose: that lives in dialogues/).
UI: dict[str, str] = {
    "not-waiting": "There is no question waiting for an answer.",
    "skipped": "(skipped)",
    "quit": "Stopping here. Everything you have answered so far is kept.",
    "empty-note": "A note needs some text: type /note followed by what you want to record.",
    "coach-mode": "With a coach: at any question, /note TEXT adds a coach's note. Notes are kept "
    "apart from the answers and have their own part in the summary ('reflect export "
    "--no-coach-notes' leaves them out).",
    "looping": "The script '{dialogue}' keeps running without asking anything; it seems to loop.",
    "cannot-go-on": "The conversation cannot go on from here: {why} Your answers so far are "
    "kept; 'reflect check' says more about the script. /back or /quit still work.",
    "both-label": "Both",
    "neither-label": "Neither / not sure",
    "empty-answer": "Please write a few words - or type /skip to move on.",
    "empty-optional": "Nothing written, so I'll move on.",
    "scale-no-suggestion": "Please choose a number from 1 to 7.",
    "bad-scale": "Please answer with a number from 1 to 7 (or press Enter to accept the "
    "suggestion).",
    "bad-choice": "Please choose one of: {options}. Type the number or the word.",
    "bad-pick": "Please choose one or more of: {options}. Type the numbers or words, separated "
    "by commas.",
    "one-choice": "Please choose just one of: {options}.",
    "help": "Type your answer and press Enter. Commands: /skip (move on without answering), "
    "/back (return to the previous question), /note TEXT (add a coach's note), /quit (stop; "
    "everything answered so far is kept), /help (this message).",
    "too-long": "That was longer than the {limit:,} characters an answer can hold: the first "
    "{limit:,} are kept and read, the rest left out.",
    "not-saved": "Not saved yet: {why} Your answers are kept here and will be saved with the "
    "next one.",
    "app-keys": "Keys: Enter answers; Ctrl+B goes back to the last question; Ctrl+N skips "
    "this one; F1 shows this help; Ctrl+Q stops - everything answered so far is kept, and "
    "'reflect resume' carries on.",
    "scale-legend": "1 = {low} ... 4 = in between ... 7 = {high}.",
    "scale-suggestion": "Press Enter to accept {suggestion}.",
    "back-none": "There is no earlier question to go back to.",
    "back": "Going back to the previous question.",
    "unknown-command": "Unknown command '{command}'. {help}",
    "end-of-input": "(The input ended before the conversation did; what you answered is kept.)",
}


def ui(code: str, /, **fields: object) -> str:
    """An interface message, filled in."""
    return UI[code].format(**fields)
