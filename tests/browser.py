"""Headless Chromium for tests (Playwright), with the network cut off: does a page work offline?

Uses the system Chromium (Debian's ``chromium`` package); never downloads a browser. Without
Playwright or Chromium the calling test is skipped with a reason that says what to install.

>>> with offline_page() as (page, blocked):  # doctest: +SKIP
...     open_file(page, "map.html")
...     assert count_in_frames(page, "path.carlib-incident") == 4 and not blocked
...     screenshot(page, "docs/images/map.png")
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LOCAL_SCHEMES = ("file:", "data:", "about:", "blob:")


def require_browser() -> Any:
    """``sync_playwright``, or skip the test with a reason saying what to install."""
    reasons = []
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        reasons.append("Playwright for Python is missing: pip install -e '.[test]'")
    if not CHROMIUM.exists():
        reasons.append(f"{CHROMIUM} is missing: apt-get install chromium")
    if reasons:
        reason = "; ".join(reasons) + " (no browser is ever downloaded)"
        print(f"SKIPPED browser test: {reason}")
        pytest.skip(reason)
    return sync_playwright


@contextmanager
def offline_page(width: int = 1200, height: int = 800) -> Iterator[tuple[Any, list[str]]]:
    """A Playwright page in headless Chromium with no network, and the list of blocked URLs.

    Every request that is not ``file:``/``data:`` (also from iframes) is aborted and recorded,
    the context is offline, and JavaScript errors are recorded as ``'pageerror: ...'``.
    """
    sync_playwright = require_browser()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": width, "height": height})
            context.set_offline(True)
            page = context.new_page()
            yield page, only_reaching(page, LOCAL_SCHEMES)
        finally:
            browser.close()


def only_reaching(page: Any, allowed: tuple[str, ...]) -> list[str]:
    """Abort every request of ``page`` whose URL does not start with one of ``allowed``; the
    list the aborted URLs (and JavaScript errors, as ``'pageerror: ...'``) are recorded in."""
    outside: list[str] = []

    def route(route: Any) -> None:
        if route.request.url.startswith(allowed):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", route)
    page.on("pageerror", lambda error: outside.append(f"pageerror: {error}"))
    return outside


def open_file(page: Any, path: str | Path) -> None:
    """Open a local HTML file and wait until it and its iframes have loaded."""
    page.goto(Path(path).resolve().as_uri(), wait_until="load")


def count_in_frames(page: Any, selector: str) -> int:
    """How many elements match ``selector`` in the page and in every iframe (notebook reports
    embed each folium map in an ``<iframe srcdoc>``)."""
    return sum(frame.locator(selector).count() for frame in page.frames)


def screenshot(page: Any, path: str | Path) -> Path:
    """Save a PNG of the viewport, creating the folder."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path))
    return path


def open_popup(page: Any, marker: Any, tries: int = 4) -> Any:
    """Click a map marker until its Leaflet popup shows (a click during the map's opening
    zoom animation, on a loaded machine, may land before the marker is where it is drawn);
    the popup's content locator."""
    popup = page.locator(".leaflet-popup-content")
    for _ in range(tries):
        marker.click()
        try:
            popup.wait_for(state="visible", timeout=5000)
            return popup
        except Exception:  # playwright's TimeoutError: try again
            page.wait_for_timeout(500)
    raise AssertionError(f"no popup after {tries} clicks on {marker}")
