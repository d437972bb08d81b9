"""The command line's arguments: every command, its options and their help, in one parser."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from reflect import __version__
from reflect.base.textsafe import visible
from reflect.summary.exporters import EXPORTERS

if TYPE_CHECKING:
    from _typeshed import SupportsWrite


class _Parser(argparse.ArgumentParser):
    """argparse, whose messages quote what was typed with control characters made visible."""

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        super()._print_message(visible(message) if message else message, file)


def _common() -> _Parser:
    common = _Parser(add_help=False)
    group = common.add_argument_group("content")
    for flag, help in (
        ("--content", "a folder holding tensions/ and dialogues/ (default: the shipped ones)"),
        ("--tensions", "a folder of tension files"),
        ("--dialogues", "a folder of dialogue scripts"),
    ):
        group.add_argument(flag, type=Path, metavar="DIR", default=argparse.SUPPRESS, help=help)
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="where your private journal lives (default: $REFLECT_DATA_DIR, else your user "
        "data folder)",
    )
    return common


def _output(parser: argparse.ArgumentParser) -> None:
    """``-o FILE``: where a command that writes a document writes it."""
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="FILE",
        help="write to FILE (readable by you only) instead of the screen",
    )


def _session(parser: argparse.ArgumentParser, *, optional: bool = False, help: str = "") -> None:
    """The session a command works on, by its number in the journal."""
    parser.add_argument(
        "id",
        nargs="?" if optional else None,
        type=int,
        help=help or "the session (see 'reflect history')",
    )


def build_parser() -> argparse.ArgumentParser:
    common = _common()
    parser = _Parser(
        prog="reflect",
        allow_abbrev=False,
        description="A reflective practice assistant for the tensions of partnership work "
        "between voluntary organisations and public agencies. With no command, starts the app.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"reflect {__version__}")
    parser.add_argument(
        "--plain",
        action="store_true",
        help="the conversation as plain lines (screen readers, pipes, no TTY): "
        "one answer per input line",
    )
    parser.add_argument(
        "--dialogue",
        metavar="ID",
        help="the dialogue to start (see 'reflect dialogues'; default: check-in, "
        "or 'one' with --tension)",
    )
    parser.add_argument("--tension", metavar="ID", help="explore this one tension")
    parser.add_argument(
        "--coach",
        action="store_true",
        help="a coach sits beside the person: the app shows a key for the coach's notes "
        "(Ctrl+O; /note TEXT anywhere), kept apart from the answers (always on in the "
        "coaching dialogue)",
    )
    # the app as 'reflect serve' starts it for each browser connection, in a new private folder
    # under this one
    parser.add_argument("--served", metavar="DIR", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help: str, description: str | None = None) -> argparse.ArgumentParser:
        """A command, taking the content and journal options every command takes."""
        made: argparse.ArgumentParser = sub.add_parser(
            name, parents=[common], help=help, description=description
        )
        return made

    check = command(
        "check",
        "validate tension and dialogue files",
        "Validate tension and dialogue files. Problems are "
        "listed as path:line:column: message. Exit 0 when clean, 1 otherwise.",
    )
    check.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="files or folders to check (default: the content in use)",
    )
    check.add_argument(
        "--seeds",
        type=Path,
        metavar="DIR",
        help="check that every quote is found verbatim in the seed texts here",
    )
    check.add_argument("--strict", action="store_true", help="treat warnings as failures")

    command("tensions", "list the tensions in the catalogue")
    command("dialogues", "list the dialogues you can start")

    history = command("history", "list your saved sessions")
    history.add_argument("--json", action="store_true", help="as JSON, for scripts")
    resume = command("resume", "carry on an unfinished session")
    _session(resume, optional=True, help="the session (default: the latest unfinished one)")
    resume.add_argument(
        "--plain", dest="resume_plain", action="store_true", help="carry on in plain mode"
    )
    export = command("export", "write a session's summary")
    _session(export)
    export.add_argument("--format", choices=list(EXPORTERS), default="md")
    _output(export)
    export.add_argument(
        "--no-coach-notes",
        action="store_true",
        help="leave the coach's notes out of the export",
    )
    export.add_argument(
        "--with-words",
        action="store_true",
        help="JSON only: include your own words (left out by default, as the "
        "JSON is meant for sharing with a trainer)",
    )
    compare = command("compare", "how your positions moved between two sessions")
    compare.add_argument("first", type=int)
    compare.add_argument("second", type=int)
    forget = command("forget", "delete a session, or all")
    _session(forget, optional=True)
    forget.add_argument("--all", action="store_true", help="delete every session")
    forget.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    serve = command(
        "serve",
        "the app in a web browser, for coaching and workshops",
        "Serve the app to web browsers. Each browser connection is one person, "
        "with their own private space in the journal. Serves this machine only unless "
        "--public is given.",
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to serve on (127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port to serve on (8000)")
    serve.add_argument(
        "--workshop",
        metavar="NAME",
        help="run one dialogue for everyone who connects, and keep their sessions together "
        "for the group map ('reflect cohort --workshop NAME')",
    )
    serve.add_argument(
        "--dialogue",
        dest="serve_dialogue",
        metavar="ID",
        help="the dialogue everyone starts (a workshop's default: check-in)",
    )
    serve.add_argument(
        "--public",
        action="store_true",
        help="allow an address other machines can reach (says what that exposes)",
    )

    cohort = command(
        "cohort",
        "the group map for a debrief, from exports or a workshop",
        "Roll participants' JSON exports ('reflect export ID --format json'), or "
        "a workshop's sessions, into one anonymous map: per tension, where people placed "
        "themselves now and would prefer to be, and where their action steps lean. No names "
        "or own words unless --with-quotes; a tension fewer than 3 people placed themselves "
        "on is not shown.",
    )
    cohort.add_argument("files", nargs="*", type=Path, metavar="FILE.json")
    cohort.add_argument("--workshop", metavar="NAME", help="map a workshop's sessions")
    cohort.add_argument("--format", choices=["html", "md", "json"], default="html")
    _output(cohort)
    cohort.add_argument(
        "--with-quotes",
        action="store_true",
        help="quote the action steps as written (when the exports carry words)",
    )

    match = command(
        "match",
        "match a text to the poles of a tension",
        "Match free text to the poles of a tension: which pole it leans to, how "
        "strongly, how sure, and which words placed it. With --jsonl, reads JSON lines "
        '{"id": ..., "text": ..., "tension": ...} from standard input and writes one JSON '
        "line per input line.",
    )
    match.add_argument("text", nargs="*", help="the text (default: read standard input)")
    match.add_argument("--tension", metavar="ID", help="the tension to match against")
    output = match.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_true", help="print the result as JSON")
    output.add_argument("--jsonl", action="store_true", help="JSON lines in, JSON lines out")
    return parser
