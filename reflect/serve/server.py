"""``reflect serve``: the app in a browser, through textual-serve.

Each browser connection starts its own app process (``reflect --served ROOT``), which makes a
new private folder for that person under ROOT: their journal, exports and settings live there,
and no other participant's app looks in it. A workshop (``--workshop NAME``) runs one dialogue
for everyone who connects and keeps their folders together, for the trainer's group map.

Loopback by default: any other address needs ``--public``, and what that exposes is printed.
The page asks nothing of any other site (its font comes from the server itself).
"""

from __future__ import annotations

import ipaddress
import shlex
import sys
from pathlib import Path

from reflect.base.problems import UsageError
from reflect.content.loader import load_catalogue
from reflect.content.places import ContentDirs
from reflect.journal.storage import record_workshop, served_root

#: The page a browser is given: textual-serve's own, with its font served locally.
TEMPLATES = Path(__file__).resolve().parent


def is_loopback(host: str) -> bool:
    """True for an address only this machine can reach."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def exposure(url: str, root: Path) -> list[str]:
    """What serving on a public address exposes, said before it starts."""
    return [
        f"Anyone who can reach {url} can open the app: there is no password.",
        "Each browser connection gets a new, private space; nobody can open anyone else's",
        f"sessions from the page, but every space is kept on this machine, in {root},",
        "and the traffic is not encrypted (plain http): use it only on a network you trust.",
    ]


def app_command(dirs: ContentDirs, root: Path, dialogue: str | None) -> str:
    """The command textual-serve runs for each browser connection."""
    parts = [sys.executable, "-m", "reflect", "--served", str(root.resolve())]
    parts += ["--tensions", str(dirs.tensions.resolve())]
    parts += ["--dialogues", str(dirs.dialogues.resolve())]
    if dialogue:
        parts += ["--dialogue", dialogue]
    return " ".join(shlex.quote(p) for p in parts)


def run_serve(
    dirs: ContentDirs,
    folder: Path,
    host: str,
    port: int,
    workshop: str | None,
    dialogue: str | None,
    public: bool,
) -> int:
    """Serve the app until interrupted."""
    if not is_loopback(host) and not public:
        raise UsageError(
            f"{host} can be reached from other machines: add --public to serve there "
            "(or leave --host out to serve on this machine only)"
        )
    if not 0 < port < 65536:
        raise UsageError(f"--port must be between 1 and 65535, not {port}")
    catalogue = load_catalogue(dirs)
    if workshop is not None:
        dialogue = dialogue or "check-in"
    if dialogue is not None and dialogue not in {d.id for d in catalogue.scripts}:
        raise UsageError(f"no dialogue '{dialogue}': see 'reflect dialogues'")
    root = served_root(folder, workshop)
    if workshop is not None:
        assert dialogue is not None
        record_workshop(root, workshop, dialogue)
    url = f"http://{host if ':' not in host else f'[{host}]'}:{port}"
    print(f"reflect in a browser at {url}")
    if workshop is not None:
        print(f"Workshop '{workshop}': everyone who connects runs '{dialogue}'.")
    print(f"Each connection's journal is kept privately in {root}.")
    if not is_loopback(host):
        for line in exposure(url, root):
            print(line)
    print("Stop with Ctrl+C.", flush=True)

    from textual_serve.server import Server

    server = Server(
        app_command(dirs, root, dialogue),
        host=host,
        port=port,
        title="reflect",
        templates_path=TEMPLATES,
    )
    try:
        server.serve()
    except OSError as exc:
        raise UsageError(f"cannot serve on {host}:{port}: {exc.strerror or exc}") from None
    return 0
