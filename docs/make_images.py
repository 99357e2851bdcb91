"""Redraw the README's pictures from a fresh report on the seeds (run by hand, never by tests).

    .venv/bin/python docs/make_images.py            # into docs/images/
    .venv/bin/python docs/make_images.py /tmp/pics  # anywhere else, to look first

Builds the reports into a temporary folder, then writes ``docs/images/figures.png`` (the
figures chart), ``docs/images/map.png`` (the incident map in headless Chromium, offline) and
``docs/images/explore.png`` (the exploration panel of ``notebooks/06_explore.ipynb`` in
JupyterLab, driven as ``tests/test_explore_browser.py`` drives it: a local server on a free
port, stopped afterwards).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the offline browser helper the tests use

from browser import offline_page, open_file, screenshot  # noqa: E402
from test_explore_browser import (jupyterlab, lab_page, markers,  # noqa: E402
                                  panel_screenshot, run_explore_notebook, wait_for, workspace)

from carlib.report import build_reports  # noqa: E402


def main(images: Path = ROOT / "docs" / "images") -> None:
    images.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "reports"
        build_reports(ROOT / "seeds", out)  # the notebooks carlib ships
        shutil.copyfile(out / "figures_over_time.png", images / "figures.png")
        with offline_page() as (page, blocked):
            open_file(page, out / "incident_map.html")
            page.wait_for_timeout(500)
            screenshot(page, images / "map.png")
            if blocked:
                raise SystemExit(f"the map asked for the network: {blocked}")
    explore_image(images / "explore.png")
    print(f"wrote {images / 'figures.png'}, {images / 'map.png'} and {images / 'explore.png'}")


def explore_image(path: Path) -> Path:
    """The exploration panel in JupyterLab: a copy of 06_explore.ipynb run from the Run menu
    in a server of its own (stopped afterwards), the second incident chosen, the panel's
    picture once its map is drawn."""
    with tempfile.TemporaryDirectory() as tmp:
        notebooks = workspace(Path(tmp) / "lab")
        with jupyterlab(notebooks, Path(tmp) / "jupyter") as (base, token), \
                lab_page(base) as (page, outside):
            panel = run_explore_notebook(page, base, token)
            # the map is drawn in its own frame: wait for its circles before the picture
            wait_for(lambda: markers(page) > 0, timeout=30, what="the panel's map")
            panel.locator(".dt-scroll-body").first.locator("tbody tr").nth(1).click()
            reports = panel.locator(".carlib-reports")
            wait_for(lambda: reports.count() and "report" in reports.inner_text(),
                     what="the chosen incident's reports")
            page.wait_for_timeout(500)
            panel_screenshot(page, path)
            if outside:
                raise SystemExit(f"JupyterLab asked for more than its server: {outside}")
    return path


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "images")
