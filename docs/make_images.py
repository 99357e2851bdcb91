"""Redraw the README's pictures from a fresh report on the seeds (run by hand, never by tests).

    .venv/bin/python docs/make_images.py

Builds the reports into a temporary folder, then writes ``docs/images/figures.png`` (the
figures chart) and ``docs/images/map.png`` (the incident map in headless Chromium, offline).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the offline browser helper the tests use

from browser import offline_page, open_file, screenshot  # noqa: E402

from carlib.report import build_reports  # noqa: E402


def main() -> None:
    images = ROOT / "docs" / "images"
    images.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "reports"
        build_reports(ROOT / "seeds", out, ROOT / "notebooks")
        shutil.copyfile(out / "figures_over_time.png", images / "figures.png")
        with offline_page() as (page, blocked):
            open_file(page, out / "incident_map.html")
            page.wait_for_timeout(500)
            screenshot(page, images / "map.png")
            if blocked:
                raise SystemExit(f"the map asked for the network: {blocked}")
    print(f"wrote {images / 'figures.png'} and {images / 'map.png'}")


if __name__ == "__main__":
    main()
