"""``reflect serve`` end to end, in a real browser: Debian's headless Chromium opens the served
app, the person answers the first question, and the answer reaches their journal. The server
and the browser are always stopped; every wait is bounded."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import sys
from pathlib import Path

import pytest

from tests.browser import CHROMIUM, Page, chromium, free_port, process, wait_for

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="needs chromium (.ci/run installs it)")

ANSWER = "I named the imbalance at the board and asked for it to be minuted."


def journals(root: Path) -> list[Path]:
    return sorted(root.glob("workshops/*/participants/*/journal.sqlite3"))


def lines(db: Path) -> list[str]:
    with sqlite3.connect(db) as connection:
        return [row[0] for row in connection.execute("SELECT line FROM lines ORDER BY seq")]


def started(db: Path) -> bool:
    with sqlite3.connect(db) as connection:
        return bool(connection.execute("SELECT count(*) FROM sessions").fetchone()[0])


async def answer_first_question(devtools: str, url: str, data: Path, shot: Path) -> None:
    import aiohttp

    async with aiohttp.ClientSession() as client, client.ws_connect(devtools) as ws:
        page = Page(ws)
        await page.call("Page.navigate", url=url)
        # the app has begun the workshop's dialogue, and its first screen is drawn
        db = await asyncio.to_thread(wait_for, "the app's journal", lambda: journals(data), 30)
        await asyncio.to_thread(wait_for, "a session", lambda: started(db[0]), 30)
        await page.settled()
        await page.call("Runtime.evaluate", expression="document.querySelector('textarea').focus()")
        await page.type(ANSWER)
        await page.enter()
        await asyncio.to_thread(wait_for, "the answer in the journal", lambda: lines(db[0]), 30)
        await page.settled()
        await page.screenshot(shot)


def test_an_answer_typed_in_the_browser_reaches_the_journal(tmp_path: Path) -> None:
    data = tmp_path / "data"
    port = free_port()
    env = {**os.environ, "REFLECT_DATA_DIR": str(data)}
    serve = [sys.executable, "-m", "reflect", "serve", "--port", str(port)]
    serve += ["--workshop", "demo", "--dialogue", "scenario-childrens-trust"]
    url = f"http://127.0.0.1:{port}/"

    def up() -> bool:
        import urllib.request

        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.status == 200
        except OSError:
            return False

    with process(serve, env):
        wait_for("the server", up, 30)
        with chromium(tmp_path / "profile") as devtools:
            asyncio.run(answer_first_question(devtools, url, data, tmp_path / "answered.png"))
    [db] = journals(data)
    assert lines(db) == [ANSWER]
    assert (data / "workshops" / "demo" / "workshop.json").is_file()
    # the participant's space is theirs alone
    assert (db.parent.stat().st_mode & 0o777) == 0o700 and (db.stat().st_mode & 0o777) == 0o600
    assert (tmp_path / "answered.png").stat().st_size > 10_000  # a picture of the served app
