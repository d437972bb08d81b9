"""A headless Chromium driven over its DevTools protocol: enough to open a page, type, press
Enter, read the page's text and take a screenshot (for the served app's end-to-end test)."""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def wait_for(what: str, check: Callable[[], Any], timeout: float) -> Any:
    """Poll ``check`` until it returns something true; fail, naming ``what``, at ``timeout``."""
    end = time.monotonic() + timeout
    while True:
        got = check()
        if got:
            return got
        if time.monotonic() > end:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.1)


@contextmanager
def process(
    args: list[str], env: dict[str, str] | None = None
) -> Iterator[subprocess.Popen[bytes]]:
    """A process in its own group, always stopped (with everything it started) on the way out."""
    child = subprocess.Popen(
        args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        yield child
    finally:
        for sig, wait in ((signal.SIGTERM, 5.0), (signal.SIGKILL, 5.0)):
            try:
                os.killpg(child.pid, sig)
            except ProcessLookupError:
                break
            try:
                child.wait(wait)
                break
            except subprocess.TimeoutExpired:
                continue


def _json(url: str) -> Any:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return json.loads(response.read())
    except OSError:
        return None


class Page:
    """One browser tab, driven over the DevTools protocol."""

    def __init__(self, websocket: Any) -> None:
        self.ws = websocket
        self.ids = itertools.count(1)

    async def call(self, method: str, **params: Any) -> Any:
        number = next(self.ids)
        await self.ws.send_json({"id": number, "method": method, "params": params})
        while True:
            message = await asyncio.wait_for(self.ws.receive_json(), 30)
            if message.get("id") == number:
                if "error" in message:
                    raise AssertionError(f"{method}: {message['error']}")
                return message.get("result", {})

    async def text(self) -> str:
        got = await self.call(
            "Runtime.evaluate", expression="document.body.innerText", returnByValue=True
        )
        return str(got.get("result", {}).get("value", ""))

    async def type(self, text: str) -> None:
        """Type ``text`` key by key, as a person would."""
        for char in text:
            await self.call("Input.dispatchKeyEvent", type="keyDown", text=char, key=char)
            await self.call("Input.dispatchKeyEvent", type="keyUp", key=char)

    async def enter(self) -> None:
        key = {"key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13}
        await self.call("Input.dispatchKeyEvent", type="keyDown", text="\r", **key)
        await self.call("Input.dispatchKeyEvent", type="keyUp", **key)

    async def shot(self) -> bytes:
        got = await self.call("Page.captureScreenshot", format="png")
        return base64.b64decode(got["data"])

    async def screenshot(self, path: Path) -> None:
        path.write_bytes(await self.shot())

    async def settled(self, timeout: float = 30) -> None:
        """Wait until the page stops changing: the same picture half a second apart."""
        end = time.monotonic() + timeout
        before = b""
        while time.monotonic() < end:
            now = await self.shot()
            if now == before:
                return
            before = now
            await asyncio.sleep(0.5)
        raise AssertionError(f"the page was still changing after {timeout:.0f} s")


@contextmanager
def chromium(profile: Path, width: int = 1200, height: int = 800) -> Iterator[str]:
    """A headless Chromium; yields the DevTools address of its first tab."""
    assert CHROMIUM is not None
    port = free_port()
    args = [
        CHROMIUM,
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        f"--remote-debugging-port={port}",
        f"--user-data-dir={profile}",
        f"--window-size={width},{height}",
        "about:blank",
    ]
    with process(args):

        def tab() -> str | None:
            targets = _json(f"http://127.0.0.1:{port}/json/list") or []
            pages = [t for t in targets if t.get("type") == "page"]
            return pages[0]["webSocketDebuggerUrl"] if pages else None

        yield wait_for("Chromium's DevTools", tab, 30)
