"""The command line: ``cli.main(argv) -> int`` is the only exit point.

Commands import what they need when they run, so that ``reflect --help``, ``--version`` and
``reflect check`` never import Textual.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from reflect import __version__
from reflect.base.problems import StorageError, UsageError
from reflect.base.textsafe import visible
from reflect.content.places import ContentDirs, resolve
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
    group.add_argument(
        "--content",
        type=Path,
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="a folder holding tensions/ and dialogues/ (default: the shipped ones)",
    )
    group.add_argument(
        "--tensions",
        type=Path,
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="a folder of tension files",
    )
    group.add_argument(
        "--dialogues",
        type=Path,
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="a folder of dialogue scripts",
    )
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

    check = sub.add_parser(
        "check",
        parents=[common],
        help="validate tension and dialogue files",
        description="Validate tension and dialogue files. Problems are "
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

    sub.add_parser("tensions", parents=[common], help="list the tensions in the catalogue")
    sub.add_parser("dialogues", parents=[common], help="list the dialogues you can start")

    history = sub.add_parser("history", parents=[common], help="list your saved sessions")
    history.add_argument("--json", action="store_true", help="as JSON, for scripts")
    resume = sub.add_parser("resume", parents=[common], help="carry on an unfinished session")
    resume.add_argument(
        "id", nargs="?", type=int, help="the session (default: the latest unfinished one)"
    )
    resume.add_argument(
        "--plain", dest="resume_plain", action="store_true", help="carry on in plain mode"
    )
    export = sub.add_parser("export", parents=[common], help="write a session's summary")
    export.add_argument("id", type=int, help="the session (see 'reflect history')")
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
    compare = sub.add_parser(
        "compare", parents=[common], help="how your positions moved between two sessions"
    )
    compare.add_argument("first", type=int)
    compare.add_argument("second", type=int)
    forget = sub.add_parser("forget", parents=[common], help="delete a session, or all")
    forget.add_argument("id", nargs="?", type=int)
    forget.add_argument("--all", action="store_true", help="delete every session")
    forget.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    serve = sub.add_parser(
        "serve",
        parents=[common],
        help="the app in a web browser, for coaching and workshops",
        description="Serve the app to web browsers. Each browser connection is one person, "
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

    cohort = sub.add_parser(
        "cohort",
        parents=[common],
        help="the group map for a debrief, from exports or a workshop",
        description="Roll participants' JSON exports ('reflect export ID --format json'), or "
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

    match = sub.add_parser(
        "match",
        parents=[common],
        help="match a text to the poles of a tension",
        description="Match free text to the poles of a tension: which pole it leans to, how "
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


def _dirs(args: argparse.Namespace) -> ContentDirs:
    return resolve(
        getattr(args, "content", None),
        getattr(args, "tensions", None),
        getattr(args, "dialogues", None),
    )


def _folder(args: argparse.Namespace) -> Path:
    from reflect.cli.common import data_folder

    return data_folder(getattr(args, "data_dir", None))


def _journal_command(args: argparse.Namespace) -> int:
    from reflect.cli import journal

    folder = _folder(args)
    if args.command == "history":
        from reflect.content.loader import load_catalogue

        if args.json:  # ids, for scripts
            return journal.run_history(folder, True)
        try:
            catalogue = load_catalogue(_dirs(args), dialogues=False)
        except UsageError:  # the list is still worth having without the names
            return journal.run_history(folder, False)
        return journal.run_history(folder, False, {t.id: t.title for t in catalogue.tensions})
    if args.command == "forget":
        return journal.run_forget(folder, args.id, args.all, args.yes)
    if args.command == "resume":
        plain = args.plain or args.resume_plain
        if plain or not (sys.stdin.isatty() and sys.stdout.isatty()):
            from reflect.cli.converse import run_resume

            return run_resume(_dirs(args), folder, args.id)
        from reflect.cli.app import run_app

        return run_app(_dirs(args), folder, None, None, resume=args.id or 0)
    from reflect.content.loader import load_catalogue

    catalogue = load_catalogue(_dirs(args), dialogues=False)  # exports need the tensions only
    if args.command == "export":
        return journal.run_export(
            folder,
            catalogue,
            args.id,
            args.format,
            args.output,
            args.with_words,
            coach_notes=not args.no_coach_notes,
        )
    return journal.run_compare(folder, catalogue, args.first, args.second)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the exit status."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version and usage errors
        return int(exc.code or 0)
    try:
        if args.command == "check":
            from reflect.cli.check import run_check

            return run_check(args.paths, _dirs(args), seeds=args.seeds, strict=args.strict)
        if args.command == "match":
            from reflect.cli.match import run_match

            text = " ".join(args.text) if args.text else None
            return run_match(
                _dirs(args), text, tension=args.tension, as_json=args.json, jsonl=args.jsonl
            )
        if args.command == "serve":
            from reflect.serve.server import run_serve

            return run_serve(
                _dirs(args),
                _folder(args),
                args.host,
                args.port,
                args.workshop,
                args.serve_dialogue,
                args.public,
            )
        if args.command == "cohort":
            from reflect.cli.cohort import run_cohort

            return run_cohort(
                _dirs(args),
                _folder(args),
                args.files,
                args.workshop,
                args.format,
                args.output,
                args.with_quotes,
            )
        if args.served:
            from reflect.cli.app import run_served

            return run_served(_dirs(args), Path(args.served), args.dialogue)
        if args.command == "dialogues":
            from reflect.cli.listing import run_dialogues

            return run_dialogues(_dirs(args))
        if args.command in ("history", "export", "compare", "forget", "resume"):
            return _journal_command(args)
        if args.plain:
            from reflect.cli.converse import run_plain_command

            return run_plain_command(
                _dirs(args), _folder(args), args.dialogue, args.tension, coach=args.coach
            )
        if args.command == "tensions":
            from reflect.cli.listing import run_tensions

            return run_tensions(_dirs(args))
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            # a pipe or a file is no place for a full-screen app: escape codes, and a hang
            from reflect.cli.converse import run_plain_command

            print(
                "reflect: not a terminal, so the conversation runs in plain mode (--plain)",
                file=sys.stderr,
            )
            return run_plain_command(
                _dirs(args), _folder(args), args.dialogue, args.tension, coach=args.coach
            )
        from reflect.cli.app import run_app

        return run_app(_dirs(args), _folder(args), args.dialogue, args.tension, coach=args.coach)
    except UsageError as exc:
        print(f"reflect: {visible(str(exc))}", file=sys.stderr)
        return 2
    except StorageError as exc:
        print(f"reflect: {visible(str(exc))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


def run() -> None:
    """Console-script entry point."""
    try:
        status = main()
        sys.stdout.flush()
    except BrokenPipeError:  # the reader went away (``reflect history | head``)
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        status = 1
    sys.exit(status)
