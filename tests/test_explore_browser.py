"""The exploration panel and the report tables in a real browser, used as a person would.

- JupyterLab: start a server on a free local port (a copy of 06_explore.ipynb, so the
  repository's notebook never gets outputs), open the notebook in headless Chromium, run all
  cells from the Run menu, pick an actor, see the table and the map change, click a row and
  read its quotes. Nothing but that local server may be reached; the server is stopped (its
  kernels first) whatever happens.
- Reports, with the network cut off: a report table filters when you type in its search box,
  a ``<script>`` in a quote shows as text, and the map's time control moves the circles.

The JupyterLab driver (``jupyterlab``, ``run_explore_notebook``) is also what
``docs/make_images.py`` uses for the README's picture of the panel.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from browser import (CHROMIUM, CHROMIUM_ARGS, count_in_frames, offline_page, only_reaching,
                     open_file, require_browser)

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = "06_explore.ipynb"
JUPYTER = Path(sys.executable).with_name("jupyter")


# ------------------------------------------------------------------ JupyterLab, driven

def require_jupyterlab() -> None:
    """Skip, saying what to install, when JupyterLab is not in this environment."""
    try:
        import jupyterlab  # noqa: F401
    except ImportError:
        jupyterlab = None
    if jupyterlab is None or not JUPYTER.exists():
        reason = f"JupyterLab is missing ({JUPYTER}): pip install -e '.[test]'"
        print(f"SKIPPED browser test: {reason}")
        pytest.skip(reason)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def explore_notebook() -> Path:
    """06_explore.ipynb where the checkout keeps it (``notebooks/``, or inside the package)."""
    for folder in (ROOT / "notebooks", ROOT / "carlib" / "notebooks"):
        if (folder / NOTEBOOK).exists():
            return folder / NOTEBOOK
    raise FileNotFoundError(f"{NOTEBOOK} is in neither notebooks/ nor carlib/notebooks/")


def notebook_corpus(notebooks: Path) -> Any:
    """The ``corpus`` the notebook's parameters cell gives, run where the kernel runs it."""
    cells = json.loads((notebooks / NOTEBOOK).read_text())["cells"]
    source = next("".join(c["source"]) for c in cells
                  if "parameters" in c.get("metadata", {}).get("tags", []))
    here = Path.cwd()
    os.chdir(notebooks)
    try:
        values: dict[str, Any] = {}
        exec(source, values)  # the notebook's own two assignments
        return values["corpus"]
    finally:
        os.chdir(here)


def workspace(folder: Path) -> Path:
    """``folder/notebooks/06_explore.ipynb`` (a copy) with ``folder/seeds`` beside it, as in
    the repository, so a ``corpus = "../seeds"`` finds the seeds."""
    (folder / "notebooks").mkdir(parents=True, exist_ok=True)
    shutil.copyfile(explore_notebook(), folder / "notebooks" / NOTEBOOK)
    if not (folder / "seeds").exists():
        (folder / "seeds").symlink_to(ROOT / "seeds", target_is_directory=True)
    return folder / "notebooks"


@contextmanager
def jupyterlab(notebooks: Path, home: Path) -> Iterator[tuple[str, str]]:
    """JupyterLab serving ``notebooks`` on a free 127.0.0.1 port: yields (base URL, token);
    then shuts its kernels down and stops it, even when the test failed. Its settings,
    workspaces and runtime files live in ``home``; the news and update prompts are off."""
    port, token = free_port(), secrets.token_hex(16)
    settings = home / "settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True, exist_ok=True)
    (settings / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False}))
    env = dict(os.environ, JUPYTER_CONFIG_DIR=str(home / "config"),
               JUPYTER_DATA_DIR=str(home / "data"), JUPYTER_RUNTIME_DIR=str(home / "runtime"),
               JUPYTERLAB_SETTINGS_DIR=str(home / "settings"),
               JUPYTERLAB_WORKSPACES_DIR=str(home / "workspaces"),
               IPYTHONDIR=str(home / "ipython"))
    command = [str(JUPYTER), "lab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
               "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
               f"--ServerApp.root_dir={notebooks}", "--LabApp.extension_manager=readonly",
               "--ServerApp.terminals_enabled=False"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # CI runs as root
    log = home / "jupyterlab.log"
    with open(log, "w") as out:
        server = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT,
                                  start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if server.poll() is not None:
                raise RuntimeError(f"JupyterLab exited ({server.returncode}):\n{log.read_text()}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"JupyterLab did not listen:\n{log.read_text()}")
                time.sleep(0.2)
        yield base, token
    finally:
        _stop(server, base, token)


def _api(base: str, token: str, path: str, method: str = "GET") -> Any:
    request = urllib.request.Request(f"{base}{path}", method=method,
                                     headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        body = response.read()
    return json.loads(body) if body else None


def _stop(server: subprocess.Popen, base: str, token: str) -> None:
    """Shut the server's kernels down through its API, then stop the server we started (its
    own process group, by its id), killing it if it lingers."""
    if server.poll() is None:
        try:
            for kernel in _api(base, token, "/api/kernels"):
                _api(base, token, f"/api/kernels/{kernel['id']}", method="DELETE")
        except OSError:
            pass
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=5)


@contextmanager
def lab_page(base: str, width: int = 1400, height: int = 1500) -> Iterator[tuple[Any, list[str]]]:
    """A Chromium page that may reach only the JupyterLab server at ``base``; yields it and
    the list of everything else it tried to reach (and JavaScript errors)."""
    sync_playwright = require_browser()
    local = (base, base.replace("http:", "ws:"), "data:", "blob:", "about:")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_context(viewport={"width": width, "height": height}).new_page()
            yield page, only_reaching(page, local)
        finally:
            browser.close()


def run_explore_notebook(page: Any, base: str, token: str) -> Any:
    """Open 06_explore.ipynb, wait for its kernel, Run > Run All Cells, and return the panel
    once its table is drawn."""
    page.goto(f"{base}/lab/tree/{NOTEBOOK}?token={token}")
    page.locator(".jp-Notebook").wait_for(timeout=45_000)
    page.get_by_text("Python 3 (ipykernel) | Idle").wait_for(timeout=45_000)
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    panel = page.locator(".carlib-explore")
    panel.wait_for(timeout=60_000)
    panel.locator("table.dataTable tbody tr").first.wait_for(timeout=30_000)
    return panel


def wait_for(condition, timeout: float = 20.0, what: str = "the page to change") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


def markers(page: Any) -> int:
    """The incident circles drawn in every frame; -1 while a map is being replaced (a frame
    detached between listing and counting)."""
    try:
        return count_in_frames(page, "path.carlib-incident")
    except Exception as err:  # playwright's Error: the frame went away
        if any(word in str(err) for word in ("detached", "destroyed", "closed")):
            return -1
        raise


def placed(incidents: pd.DataFrame) -> int:
    return int(incidents[["latitude", "longitude"]].notna().all(axis=1).sum())


# ------------------------------------------------------------------ the tests

@pytest.fixture
def lab_notebooks(tmp_path, monkeypatch):
    """The workspace, with the analysis the notebook asks for already in the cache (the
    corpus its parameters cell gives, seen from the notebook's folder: the cache key holds
    the path as written)."""
    require_browser()
    require_jupyterlab()
    import carlib

    notebooks = workspace(tmp_path / "lab")
    corpus = notebook_corpus(notebooks)
    monkeypatch.chdir(notebooks)
    analysis = carlib.analyse(corpus)
    monkeypatch.chdir(ROOT)
    return notebooks, analysis


def test_the_panel_in_jupyterlab_filters_the_table_and_the_map(lab_notebooks, tmp_path):
    from carlib.explore import ExplorePanel, filter_incidents

    notebooks, analysis = lab_notebooks
    incidents = analysis.incidents
    actor = incidents["actor1"].value_counts().index[0]  # the most frequent perpetrator
    label = next(text for text, value in ExplorePanel(incidents).filters["actor"].options
                 if value == actor)
    chosen = filter_incidents(incidents, actor=actor)
    assert 0 < len(chosen) < len(incidents)
    started = time.monotonic()
    with jupyterlab(notebooks, tmp_path / "jupyter") as (base, token), \
            lab_page(base) as (page, outside):
        panel = run_explore_notebook(page, base, token)
        rows = panel.locator(".dt-scroll-body").first.locator("tbody tr")  # the incidents tab
        shown = min(len(incidents), 10)  # one page
        wait_for(lambda: rows.count() == shown, what="every incident in the table")
        wait_for(lambda: markers(page) == placed(incidents),
                 what="every placed incident on the map")
        screenshot_path = panel_screenshot(page, tmp_path / "explore.png")
        assert screenshot_path.stat().st_size > 20_000

        actor_select = panel.locator(".widget-dropdown", has=page.locator(
            "label", has_text="actor")).locator("select")
        actor_select.select_option(label=label)  # as a person picks from the list
        wait_for(lambda: rows.count() == min(len(chosen), 10), what="the table to filter")
        wait_for(lambda: markers(page) == placed(chosen),
                 what="the map to follow the table")
        assert f"{len(chosen)} of {len(incidents)} incidents" in panel.inner_text()
        ids = rows.locator("td:first-child").all_inner_texts()
        assert ids == chosen["incident_id"].tolist()[:10]

        rows.first.click()  # its reports, quote by quote
        reports = panel.locator(".carlib-reports")
        wait_for(lambda: reports.count() and chosen["incident_id"].iloc[0] in
                 reports.inner_text(), what="the chosen incident's reports")
        first_quote = chosen["reports"].iloc[0][0]["quote"]
        assert " ".join(first_quote.split()[:6]) in " ".join(reports.inner_text().split())
        assert outside == [], outside
    seconds = time.monotonic() - started
    print(f"JupyterLab panel test: {seconds:.1f} s from server start to server stop")
    assert seconds < 120, f"the JupyterLab test took {seconds:.0f} s"


def panel_screenshot(page: Any, path: Path) -> Path:
    """A picture of the panel as it stands (the README's docs/images/explore.png); the page
    is tall enough (``lab_page``) for the whole panel to be in view."""
    page.locator(".carlib-explore").evaluate("e => e.scrollIntoView({block: 'end'})")
    page.mouse.move(0, 0)
    path.parent.mkdir(parents=True, exist_ok=True)
    page.locator(".carlib-explore").screenshot(path=str(path))
    return path


def test_a_report_table_searches_escapes_and_the_time_control_moves_offline(tmp_path):
    """A page made of what a report cell shows: two tables (the first one carries the
    DataTables bundle) and an incident map with its time control; no network at all."""
    from carlib import incident_map
    from carlib.tables import show_table

    require_browser()
    quotes = pd.DataFrame({
        "article_id": ["a1", "a2", "a3"],
        "quote": ['<script>window.pwned = 1</script> killed 60 men', "1,000 people fled",
                  "the mosque was burned"],
        "deaths": [60.0, float("nan"), 1_000_000.0],
        "date": pd.to_datetime(["2013-12-05", "2014-01-30", None])})
    incidents = pd.DataFrame({
        "incident_id": ["i1", "i2", "i3"], "actor1": ["Seleka", "anti-balaka", "Seleka"],
        "event_date": pd.to_datetime(["2013-12-05", "2014-01-10", "2014-01-30"]),
        "latitude": [4.36, 6.5, 5.1], "longitude": [18.55, 17.45, 16.0],
        "geo_precision": [1, 1, 2], "fatalities": [60.0, 10.0, None], "country": "CF",
        "location": ["Bangui", "Bossangoa", "Bozoum"]})
    page_path = tmp_path / "report.html"
    page_path.write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>"
        + show_table(quotes, library=True)._repr_html_()
        + show_table(quotes[["article_id"]], library=False)._repr_html_()
        + incident_map(incidents, time_slider=True)._repr_html_() + "</body></html>")
    with offline_page(1200, 900) as (page, blocked):
        open_file(page, page_path)
        table = page.locator(".carlib-table").first
        rows = table.locator("table.dataTable tbody tr")
        wait_for(lambda: rows.count() == 3, what="the table to be drawn")
        cells = rows.first.locator("td").all_inner_texts()
        assert cells == ["a1", '<script>window.pwned = 1</script> killed 60 men', "60",
                         "2013-12-05"]
        assert page.evaluate("window.pwned") is None  # shown, never run
        assert rows.nth(1).locator("td").all_inner_texts()[2:] == ["", "2014-01-30"]
        assert rows.nth(2).locator("td").all_inner_texts()[2:] == ["1,000,000", ""]
        table.locator(".dt-search input").press_sequentially("mosque")
        wait_for(lambda: rows.count() == 1, what="the search to filter the rows")
        assert rows.first.locator("td").first.inner_text() == "a3"
        assert page.locator(".carlib-table").nth(1).locator("table.dataTable tbody tr").count() == 3

        frame = next(f for f in page.frames if f.locator(".carlib-time").count())
        label, step = frame.locator(".carlib-time-label"), frame.locator(".carlib-time-step")
        circles = frame.locator("path.carlib-incident")
        assert circles.count() == 3 and label.inner_text().startswith("up to 2014-01-30: 3 of 3")
        step.fill("0")  # drag the slider to the first date
        assert circles.count() == 1 and label.inner_text().startswith("up to 2013-12-05: 1 of 3")
        frame.locator(".carlib-time-play").click()  # play: one date every 0.7 s
        wait_for(lambda: circles.count() == 3, timeout=10, what="play to reach the last date")
        assert step.input_value() == "2"
        assert blocked == [], blocked


def test_the_explore_report_works_with_no_network(tmp_path, seeds_dir):
    """06_explore.html as ``python -m carlib.report`` writes it: the panel's snapshot, whose
    table searches the reports' words and whose map's time control moves."""
    import carlib
    from carlib.explore import incidents_view
    from carlib.report import build_reports

    require_browser()
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    shutil.copyfile(explore_notebook(), notebooks / NOTEBOOK)
    build_reports(seeds_dir, tmp_path / "reports", notebooks)
    report = tmp_path / "reports" / "06_explore.html"
    text = report.read_text()
    assert "A snapshot of the exploration panel" in text and "widget-state" not in text
    assert "unpkg.com" not in text and "Traceback" not in text

    incidents = carlib.analyse(seeds_dir).incidents
    word, expected = _a_rare_word(incidents)
    with offline_page(1200, 900) as (page, blocked):
        open_file(page, report)
        table = page.locator(".carlib-table").first
        rows = table.locator("table.dataTable tbody tr")
        wait_for(lambda: rows.count() == min(len(incidents), 10), what="the incidents table")
        assert rows.locator("td:first-child").all_inner_texts() == \
            incidents_view(incidents)["incident_id"].tolist()[:10]
        table.locator(".dt-search input").press_sequentially(word)
        wait_for(lambda: rows.locator("td:first-child").all_inner_texts() == expected,
                 what=f"the search for {word!r} to keep {expected}")

        frame = next(f for f in page.frames if f.locator(".carlib-time").count())
        circles = frame.locator("path.carlib-incident")
        assert circles.count() == placed(incidents)
        frame.locator(".carlib-time-step").fill("0")
        first_day = incidents["event_date"].min()
        on_first_day = incidents[(incidents["event_date"] == first_day)
                                 & incidents["latitude"].notna()]
        assert circles.count() == len(on_first_day) < placed(incidents)
        assert f"up to {first_day:%Y-%m-%d}" in frame.locator(".carlib-time-label").inner_text()
        assert blocked == [], blocked


def _a_rare_word(incidents: pd.DataFrame) -> tuple[str, list[str]]:
    """A word of the reports that a few incidents' quotes have, and those incidents."""
    from carlib.explore import filter_incidents

    for report in (r for reports in incidents["reports"] for r in reports):
        for word in report["quote"].split():
            word = word.strip(".,;:'\"“”()").lower()
            if len(word) < 6 or not word.isalpha():
                continue
            found = filter_incidents(incidents, text=word)
            table_text = incidents_text(incidents)
            if 0 < len(found) < len(incidents) and all(
                    (word in t) == (i in set(found["incident_id"]))
                    for i, t in table_text.items()):
                return word, found["incident_id"].tolist()
    raise AssertionError("no word of the seeds' quotes singles out a few incidents")


def incidents_text(incidents: pd.DataFrame) -> dict[str, str]:
    """Each incident's table row and quotes as one lower-case text (what the search reads)."""
    from carlib.explore import incidents_view

    view = incidents_view(incidents)
    return {row["incident_id"]: " ".join(row.values()).lower() + " " + " ".join(
        r["quote"].lower() for r in reports)
        for row, reports in zip(view.to_dict("records"), incidents["reports"])}
