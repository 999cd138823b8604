"""Headless Chromium (Debian's chromium + chromedriver) driven by Selenium, for the page tests.

Also a script for the documentation screenshots::

    python -m tests.serve.browser --db /tmp/x.db --date 2021-08-13 --place Ghazni \
        --country AF --out map-afghanistan-2021-08-13.png
"""

from __future__ import annotations

import argparse
import os
import shutil
import time
from pathlib import Path
from typing import Any

CHROMIUM = os.environ.get("FRONTLINES_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("FRONTLINES_CHROMEDRIVER", "/usr/bin/chromedriver")
FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
)


def missing() -> str | None:
    """Why the browser tests cannot run here, or None."""
    for path in (CHROMIUM, CHROMEDRIVER):
        if not (Path(path).exists() or shutil.which(path)):
            return f"{path} not found (apt-get install chromium chromium-driver)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install selenium)"
    return None


def chrome(width: int = 1400, height: int = 900) -> Any:
    """A headless Chromium that never downloads anything (explicit binary and driver)."""
    os.environ.setdefault("SE_AVOID_STATS", "true")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--window-size={width},{height}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_window_size(width, height)
    driver.set_page_load_timeout(30)
    return driver


def wait_for(driver: Any, script: str, timeout: float = 20.0) -> Any:
    """Poll a JS expression until it is truthy; its value."""
    deadline = time.monotonic() + timeout
    while True:
        value = driver.execute_script(f"return {script}")
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {script}")
        time.sleep(0.05)


def open_map(driver: Any, url: str) -> None:
    """Load the page afresh and wait for the data and the basemap to be drawn."""
    driver.get("about:blank")  # a new hash alone would not reload the page
    driver.get(url)
    wait_for(driver, "document.body.dataset.ready === '1' && document.body.dataset.basemap")


def settle(driver: Any) -> None:
    """Let label fade-ins and decluttering finish before a screenshot."""
    time.sleep(0.6)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, type=Path)
    parser.add_argument("--date", required=True)
    parser.add_argument("--place", required=True, help="name or geonameid")
    parser.add_argument("--country", help="show only this country (ISO alpha-2)")
    parser.add_argument("--out", required=True, type=Path)
    parser.add_argument("--size", default="1400x900")
    args = parser.parse_args()

    from frontlines.serve import ServeConfig, create_app
    from frontlines.store import Store

    from .conftest import LiveServer

    with Store.open(args.db, readonly=True) as store:
        [place, *_] = store.places(args.place)
    width, height = (int(x) for x in args.size.split("x"))
    with LiveServer(create_app(ServeConfig(db=args.db))) as server:
        driver = chrome(width, height)
        try:
            country = f"&country={args.country.upper()}" if args.country else ""
            open_map(driver, f"{server.url}/#date={args.date}&place={place.geonameid}{country}")
            wait_for(driver, "document.querySelectorAll('#place-events .evidence').length")
            settle(driver)
            args.out.parent.mkdir(parents=True, exist_ok=True)
            driver.save_screenshot(str(args.out))
        finally:
            driver.quit()
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
