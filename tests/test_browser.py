"""The built site in headless Chromium, opened from disk (file://) as an archivist would."""

import os
from pathlib import Path

import pytest
from conftest import ROOT

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = ROOT / "screenshots"
PAGES = {
    "home": "index.html",
    "event": "events/2021-10-kz-orders-anka.html",
    "country": "countries/kz.html",
    "sources": "sources.html",
}

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(f"{CHROMIUM} is missing and REQUIRE_BROWSER is set")
        pytest.skip(f"{CHROMIUM} not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser):
    """open_page(url, width) -> (page, record) where record lists requests and errors."""
    contexts = []

    def make(url, width=1280, scheme="light"):
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
        contexts.append(context)
        page = context.new_page()
        record = {"requests": [], "errors": []}
        page.on("request", lambda r: record["requests"].append(r.url))
        page.on("pageerror", lambda e: record["errors"].append(str(e)))
        page.on("console", lambda m: m.type == "error" and record["errors"].append(m.text))
        page.goto(url)
        return page, record

    yield make
    for context in contexts:
        context.close()


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("width", [375, 1280])
def test_pages_open_from_disk_without_errors_or_network(bundled_site, open_page, name, width):
    page, record = open_page((bundled_site / PAGES[name]).as_uri(), width)
    assert record["errors"] == []
    assert all(url.startswith("file://") for url in record["requests"]), record["requests"]
    stylesheet_loaded = page.evaluate(
        "getComputedStyle(document.body).fontFamily.includes('system-ui')"
    )
    assert stylesheet_loaded
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{name} is wider than the {width}px screen"
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)


def test_dark_mode_screenshot(bundled_site, open_page):
    page, _record = open_page((bundled_site / PAGES["event"]).as_uri(), 1280, "dark")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(22, 24, 27)"
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "event-1280-dark.png"), full_page=True)


def test_year_navigation_and_permalinks_work_by_clicking(bundled_site, open_page):
    page, record = open_page((bundled_site / "index.html").as_uri())
    page.get_by_role("navigation", name="Years").get_by_role("link", name="2021").click()
    assert page.url.endswith("#y2021")
    for _ in range(40):  # smooth scrolling takes a moment; polled, as the CSP forbids eval
        if page.evaluate("document.getElementById('y2021').getBoundingClientRect().top") < 200:
            break
        page.wait_for_timeout(50)
    assert page.evaluate("document.getElementById('y2021').getBoundingClientRect().top") < 200
    page.get_by_role(
        "link", name="Kazakhstan buys three ANKA drones from Turkish Aerospace"
    ).click()
    assert page.url.endswith("/events/2021-10-kz-orders-anka.html")
    page.locator("sup.cite a").first.click()
    assert page.url.endswith("#ref-1")
    page.get_by_role("link", name="Kazakhstan", exact=True).first.click()
    assert page.url.endswith("/countries/kz.html")
    assert record["errors"] == []
