"""End to end in a real headless Chromium: slider, place panel, evidence, XSS, screenshot."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from frontlines.serve.sample import PLACES

from . import browser
from .conftest import LiveServer

REASON = browser.missing()
pytestmark = pytest.mark.skipif(REASON is not None, reason=f"no headless browser: {REASON}")

KUNDUZ = PLACES["Kunduz"].geonameid
KHULM = PLACES["Khulm"].geonameid


@pytest.fixture(scope="module")
def driver() -> Iterator[Any]:
    d = browser.chrome()
    try:
        yield d
    finally:
        d.quit()


def text(driver: Any, css: str) -> str:
    return str(driver.execute_script(f"return document.querySelector({css!r}).textContent"))


def severe_console_errors(driver: Any) -> list[str]:
    """Errors in the console (a CSP violation or a script error would show here)."""
    return [
        e["message"]
        for e in driver.get_log("browser")
        if e["level"] == "SEVERE" and "favicon" not in e["message"]
    ]


def test_slider_place_panel_and_evidence(
    driver: Any, live: LiveServer, tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.open_map(driver, f"{live.url}/#date=2021-08-07")
    assert text(driver, "#date") == "2021-08-07"
    # Kunduz is still held by the prior on the 7th ...
    assert driver.find_elements(By.CSS_SELECTOR, f".place-{KUNDUZ}.status-assumed")
    # ... move the slider six days on with the keyboard, as a user would.
    slider = driver.find_element(By.ID, "slider")
    for _ in range(6):
        slider.send_keys(Keys.ARROW_RIGHT)
    browser.wait_for(driver, "document.body.dataset.loaded === '2021-08-13'")
    assert text(driver, "#date") == "2021-08-13"
    assert "date=2021-08-13" in driver.current_url
    assert driver.find_elements(By.CSS_SELECTOR, f".place-{KUNDUZ}.status-confirmed")
    # Claimed-only capture (Kandahar) is drawn hollow and dashed, unlike confirmed ones.
    kandahar = driver.find_element(By.CSS_SELECTOR, f".place-{PLACES['Kandahar'].geonameid}")
    assert kandahar.get_attribute("stroke-dasharray") == "4 3"
    assert float(kandahar.get_attribute("fill-opacity")) < 0.2
    legend = text(driver, "#legend")
    assert "Taliban (15)" in legend and "claimed only" in legend
    # The day's events list.
    assert "Kandahar" in text(driver, "#day-events")

    driver.find_element(By.CSS_SELECTOR, f"path.place-{KUNDUZ}").click()
    browser.wait_for(driver, "document.querySelectorAll('#place-events .evidence').length >= 2")
    assert text(driver, "#place-name") == "Kunduz"
    assert "held by Taliban" in text(driver, "#place-now")
    evidence = text(driver, "#place-events")
    assert "Taliban fighters took control of most of Kunduz on Sunday" in evidence
    assert "the provincial police chief (local official)" in evidence
    links = driver.find_elements(By.CSS_SELECTOR, "#place-events a[href]")
    hrefs = {a.get_attribute("href") for a in links}
    assert "https://news.example/wire-003" in hrefs
    assert f"{live.url}/articles/wire-003" in hrefs
    assert all(a.get_attribute("rel") == "noopener noreferrer" for a in links
               if a.get_attribute("target") == "_blank")
    assert "place=" + str(KUNDUZ) in driver.current_url

    browser.settle(driver)
    shot = tmp_path / "map.png"
    driver.save_screenshot(str(shot))
    assert shot.stat().st_size > 10_000
    keep = os.environ.get("FRONTLINES_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(Path(keep) / "test-map-kunduz.png"))
    assert severe_console_errors(driver) == []


def test_hostile_article_text_does_not_run(driver: Any, live: LiveServer) -> None:
    from selenium.webdriver.common.by import By

    browser.open_map(driver, f"{live.url}/#date=2021-08-11&place={KHULM}")
    browser.wait_for(driver, "document.querySelectorAll('#place-events .evidence').length")
    time.sleep(0.3)  # an onerror handler would have fired by now
    assert driver.execute_script("return window.__xss === undefined")
    panel = text(driver, "#place-events")
    assert '<script>window.__xss = "script";</script>' in panel  # shown as text
    assert "onerror=" in panel and "<b onmouseover=alert(1)>residents</b>" in panel
    for scope in ("#place-panel", "#day-panel", "#legend"):
        assert not driver.find_elements(By.CSS_SELECTOR, f"{scope} img, {scope} script")
        assert not driver.find_elements(By.CSS_SELECTOR, f"{scope} [onerror], {scope} b")
    # The javascript: URL is not made a link; the stored-text link is.
    assert not driver.find_elements(By.CSS_SELECTOR, "a[href^='javascript']")
    assert "Khulm" in text(driver, "#day-events")
    assert severe_console_errors(driver) == []


def test_play_advances_the_date(driver: Any, live: LiveServer) -> None:
    from selenium.webdriver.common.by import By

    browser.open_map(driver, f"{live.url}/#date=2021-08-01")
    driver.find_element(By.ID, "play").click()
    browser.wait_for(driver, "document.body.dataset.loaded >= '2021-08-03'", timeout=15)
    driver.find_element(By.ID, "play").click()  # pause
    stopped = driver.execute_script("return document.body.dataset.loaded")
    time.sleep(1.0)
    assert driver.execute_script("return document.body.dataset.loaded") == stopped


def test_actor_filter_fades_other_places(driver: Any, live: LiveServer) -> None:
    from selenium.webdriver.support.ui import Select

    browser.open_map(driver, f"{live.url}/#date=2021-08-13")
    Select(driver.find_element("id", "actor")).select_by_value("afghan-forces")
    browser.wait_for(driver, "location.hash.includes('actor=afghan-forces')")
    browser.wait_for(
        driver,
        f"document.querySelector('.place-{KUNDUZ}').getAttribute('stroke-opacity') === '0.3'",
    )
    kabul = driver.find_element("css selector", f".place-{PLACES['Kabul'].geonameid}")
    assert kabul.get_attribute("stroke-opacity") == "1"


def test_offline_docs_page_renders_the_api(driver: Any, live: LiveServer) -> None:
    driver.get(f"{live.url}/docs")
    count = browser.wait_for(driver, "document.querySelectorAll('.op').length")
    assert count >= 8
    assert "/control" in driver.find_element("id", "paths").text
    assert severe_console_errors(driver) == []


def test_phone_layout_stacks_the_panel_under_the_map(live: LiveServer) -> None:
    d = browser.chrome(390, 844)
    try:
        browser.open_map(d, f"{live.url}/#date=2021-08-13&place={KUNDUZ}")
        browser.wait_for(d, "document.querySelectorAll('#place-events .evidence').length")
        m = d.find_element("id", "map").rect
        p = d.find_element("id", "panel").rect
        assert p["y"] >= m["y"] + m["height"] - 1 and m["width"] <= 390
        assert d.execute_script("return document.documentElement.scrollWidth") <= 390
    finally:
        d.quit()
