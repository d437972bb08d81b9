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

from reflect.base.problems import StorageError, UsageError
from reflect.base.textsafe import visible
from reflect.cli.arguments import build_parser
from reflect.content.places import ContentDirs, resolve

if TYPE_CHECKING:
    pass


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
        # a pipe or a file is no place for a full-screen app: escape codes, and a hang
        on_terminal = sys.stdin.isatty() and sys.stdout.isatty()
        if args.command == "tensions" and not args.plain:
            from reflect.cli.listing import run_tensions

            return run_tensions(_dirs(args))
        if args.plain or not on_terminal:
            from reflect.cli.converse import run_plain_command

            if not args.plain:
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
