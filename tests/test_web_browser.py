"""The workspace in a real browser: `dyads serve` on a free local port, headless Chromium driven by Playwright.

The browser is Debian's (/usr/bin/chromium; `make test` installs it when missing);
Playwright only drives it and never downloads one. A missing browser fails these
tests: they are how we know the pages work for a person.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.workspace_store import HOSTILE, workspace_db

CHROMIUM = os.environ.get("DYADS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    """`dyads serve` in its own process on the test store; its base address."""
    port = _free_port()
    command = [sys.executable, "-c", "from dyads.cli import main; main()", "serve", "--db", workspace_db(), "--port", str(port)]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(__file__).resolve().parents[1] / "src"), os.environ.get("PYTHONPATH", "")])}
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/api/summary", timeout=2):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    output = process.stdout.read().decode(errors="replace") if process.stdout else ""
                    pytest.fail(f"dyads serve did not start: {output}")
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"no browser at {CHROMIUM}: `apt-get install -y chromium chromium-driver` (make test does it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 800})
    page = context.new_page()
    page.dialogs = []  # any alert() a hostile article managed to run
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    yield page
    context.close()


def _json(base: str, path: str):
    import json

    with urllib.request.urlopen(base + path, timeout=10) as response:
        return json.load(response)


def test_timeline_draws_every_dated_event_of_the_dyad(server, page):
    events = _json(server, "/api/timeline?actors=KAZ,CHN")["items"]
    page.goto(f"{server}/timeline?actors=KAZ,CHN")
    dots = page.locator("svg#timeline a.event")
    assert dots.count() == sum(1 for e in events if e["placed_on"]) > 3
    assert page.locator("table.events tbody tr").count() == len(events)
    # cooperation is drawn above the zero line, conflict below
    zero = float(page.locator("svg#timeline line.axis").get_attribute("y1"))
    for kind, above in (("cooperation", True), ("conflict", False)):
        for cy in page.locator(f"svg#timeline a.event.{kind} circle").evaluate_all("cs => cs.map(c => +c.getAttribute('cy'))"):
            assert (cy < zero) == above


def test_a_click_on_an_event_reaches_its_evidence_highlighted(server, page):
    events = [e for e in _json(server, "/api/timeline?actors=KAZ,CHN")["items"] if e["placed_on"]]
    page.goto(f"{server}/timeline?actors=KAZ,CHN")
    page.locator("svg#timeline a.event").first.click()
    page.wait_for_url("**/events/**")
    first = events[0]["sources"][0]
    mark = page.locator("mark#evidence")
    assert mark.is_visible()
    assert mark.inner_text().split() == first["text"].split()
    assert page.evaluate("document.activeElement.id") == "evidence"  # focus moved to the evidence
    # and from the list of reports to the article itself
    page.locator("ol.sources a").first.click()
    page.wait_for_url("**/documents/**")
    assert page.locator("mark#evidence").inner_text().split() == first["text"].split()
    assert page.locator("mark#evidence").is_visible()


def test_keyboard_moves_between_events(server, page):
    page.goto(f"{server}/timeline?actors=KAZ,CHN")
    page.locator("svg#timeline a.event").first.focus()
    caption = page.locator("#timeline-detail")
    before = caption.inner_text()
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.activeElement.classList.contains('event')")
    assert caption.inner_text() != before
    page.keyboard.press("Enter")
    page.wait_for_url("**/events/**")


def test_search_finds_a_person(server, page):
    page.goto(server + "/")
    page.fill("#nav-q", "Tokayev")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search?q=Tokayev")
    person = page.locator("ul.people a", has_text="Kassym-Jomart Tokayev")
    assert person.count() == 1
    assert page.locator("ol.hits li").count() >= 3
    assert page.locator("ol.hits mark", has_text="Tokayev").count() >= 1
    person.click()
    assert page.locator("h1").inner_text() == "Kassym-Jomart Tokayev"
    assert "President" in page.locator("table").first.inner_text()


def test_hostile_article_runs_nothing_in_the_browser(server, page):
    hostile = next(d for d in _json(server, "/api/documents")["items"] if d["url"] == HOSTILE["url"])
    for path in (f"/documents/{hostile['id']}", f"/stories/{hostile['story']}", "/", "/search?q=script", "/timeline?actors=KAZ,CHN"):
        page.goto(server + path)
    assert page.dialogs == []
    page.goto(f"{server}/documents/{hostile['id']}")
    assert "<svg/onload=" in page.locator("article .text").inner_text()  # shown as text
    page.locator("details.debris summary").click()  # removed debris, on demand
    assert "<script>" in page.locator("details.debris").inner_text()
    assert page.locator("main script, main img, article svg, details svg").count() == 0
    assert page.dialogs == []
