"""The built site in headless Chromium, opened from disk (file://) as an archivist would."""

import pytest

from conftest import ROOT

SCREENSHOTS = ROOT / "screenshots"
PAGES = {
    "home": "index.html",
    "event": "events/2021-10-kz-orders-anka.html",
    "country": "countries/kz.html",
    "sources": "sources.html",
    "search": "search.html?q=Bayraktar",
    "changes": "changes.html",
    "about": "pages/about.html",
}

pytestmark = pytest.mark.browser


def url_of(site, name):
    path, _, query = name.partition("?")
    return (site / path).as_uri() + (f"?{query}" if query else "")


@pytest.fixture
def open_page(browser):
    """open_page(url, width) -> (page, record) where record lists requests and errors."""
    contexts = []

    def make(url, width=1280, scheme="light", javascript=True, bypass_csp=False):
        context = browser.new_context(
            viewport={"width": width, "height": 900},
            color_scheme=scheme,
            java_script_enabled=javascript,
            bypass_csp=bypass_csp,
        )
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
@pytest.mark.parametrize("width", [320, 375, 1280])
def test_pages_open_from_disk_without_errors_or_network(bundled_site, open_page, name, width):
    page, record = open_page(url_of(bundled_site, PAGES[name]), width)
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


def visible_articles(page):
    return page.locator("article.event-item:visible")


def test_filters_by_country_type_tag_and_years_with_the_state_in_the_url(bundled_site, open_page):
    page, record = open_page(url_of(bundled_site, "index.html"))
    total = page.locator("article.event-item").count()
    page.get_by_text("Filter events").click()
    page.get_by_role("checkbox", name="Kyrgyzstan").check()
    kyrgyz = visible_articles(page).count()
    assert 0 < kyrgyz < total
    for codes in visible_articles(page).evaluate_all("els => els.map(e => e.dataset.countries)"):
        assert "KG" in codes.split()
    assert "country=KG" in page.url
    assert page.locator("#filter-status").inner_text() == (
        f"Showing {kyrgyz} of {total} events involving Kyrgyzstan."
    )

    page.get_by_role("checkbox", name="Türkiye").check()  # events between them, by default
    both = visible_articles(page).evaluate_all("els => els.map(e => e.dataset.countries)")
    assert both and all({"KG", "TR"} <= set(c.split()) for c in both)
    assert "match" not in page.url

    page.get_by_role("checkbox", name="Arms transfer").check()
    page.get_by_label("From").select_option("2022")
    shown = visible_articles(page).evaluate_all(
        "els => els.map(e => [e.dataset.type, +e.dataset.year])"
    )
    assert all(kind == "arms-transfer" and year >= 2022 for kind, year in shown)
    shared = page.url
    hidden_years = page.locator("section.year[hidden]").count()
    assert hidden_years > 0  # years with no match are hidden with their heading

    page2, _ = open_page(shared)
    assert page2.locator("details#filters").get_attribute("open") is None  # the answer first
    page2.get_by_text("Filter events").click()
    assert page2.get_by_role("checkbox", name="Kyrgyzstan").is_checked()
    assert visible_articles(page2).count() == len(shown)

    page.get_by_role("button", name="Clear filters").click()
    page.wait_for_timeout(50)
    assert visible_articles(page).count() == total
    assert "?" not in page.url
    assert record["errors"] == []


def test_filter_counts_follow_the_other_filters(bundled_site, open_page):
    page, _ = open_page(url_of(bundled_site, "index.html?type=exercise"))
    page.get_by_text("Filter events").click()
    exercises = visible_articles(page).evaluate_all("els => els.map(e => e.dataset.countries)")
    expected = sum("KZ" in c.split() for c in exercises)
    label = page.locator('[data-count-for="country:KZ"]').inner_text()
    assert label == f"({expected})"


def test_filters_work_from_the_keyboard(bundled_site, open_page):
    page, _ = open_page(url_of(bundled_site, "index.html"))
    page.locator("details#filters summary").focus()
    page.keyboard.press("Enter")
    page.get_by_role("checkbox", name="Turkmenistan").focus()
    page.keyboard.press("Space")
    assert page.get_by_role("checkbox", name="Turkmenistan").is_checked()
    page.wait_for_url("**?country=TM", timeout=2000)
    codes = visible_articles(page).evaluate_all("els => els.map(e => e.dataset.countries)")
    assert codes and all("TM" in c.split() for c in codes)
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # the focused control is visibly marked


def test_without_javascript_every_event_is_listed(bundled_site, open_page):
    page, _ = open_page(url_of(bundled_site, "index.html?country=KG"), javascript=False)
    assert visible_articles(page).count() == page.locator("article.event-item").count()
    assert page.locator("details#filters").is_hidden()


def test_search_from_disk_ranks_and_highlights(bundled_site, open_page):
    page, record = open_page(url_of(bundled_site, "search.html?q=Bayraktar"))
    results = page.locator("#search-results li")
    results.first.wait_for()
    assert results.count() >= 3
    assert page.locator("#search-results mark").first.inner_text().lower() == "bayraktar"
    assert int(page.locator("#search-status").get_attribute("data-ms")) < 100

    page.get_by_label("Search 42 events", exact=False).fill("guler")  # finds Güler, no accent
    page.wait_for_timeout(400)
    assert "Güler" in page.locator("#search-results").inner_text()
    assert "q=guler" in page.url

    page.get_by_label("Search 42 events", exact=False).fill("Tashiev")
    page.wait_for_timeout(400)
    first = page.locator("#search-results li a").first
    assert (
        "Bayraktar" in first.inner_text()
        or "Tashiev" in page.locator("#search-results li").first.inner_text()
    )
    first.click()
    assert page.url.endswith(".html") and "/events/" in page.url
    assert all(u.startswith("file://") for u in record["requests"])
    assert record["errors"] == []


def test_header_search_form_leads_to_results(bundled_site, open_page):
    page, _ = open_page(url_of(bundled_site, "events/2021-10-kz-orders-anka.html"))
    page.get_by_label("Search the timeline").fill("Birlestik")
    page.get_by_role("button", name="Search").click()
    page.locator("#search-results li").first.wait_for()
    assert "Birlestik" in page.locator("#search-results li").first.inner_text()


AXE = ROOT / "tests" / "vendor" / "axe-core" / "axe.min.js"


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_accessibility_violations(bundled_site, open_page, name, scheme):
    # The pages' CSP forbids injected scripts: lift it for the audit only.
    page, _ = open_page(url_of(bundled_site, PAGES[name]), 1280, scheme, bypass_csp=True)
    if name == "home":
        page.get_by_text("Filter events").click()  # audit the filter controls too
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        "async () => (await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa']})).violations"
        ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))"
    )
    assert violations == []


def test_print_preview(bundled_site, open_page):
    page, _ = open_page(url_of(bundled_site, PAGES["event"]))
    page.emulate_media(media="print")
    assert page.locator(".site-nav").is_hidden()
    assert page.locator(".references .url").first.is_visible()
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "event-print.png"), full_page=True)
    home, _ = open_page(url_of(bundled_site, "index.html"))
    home.emulate_media(media="print")
    assert home.locator("#filters").is_hidden()
    home.screenshot(path=str(SCREENSHOTS / "home-print.png"), full_page=True)


def test_offline_archive_has_no_broken_link_and_makes_no_network_request(
    bundled_site, open_page, tmp_path
):
    import zipfile
    from urllib.parse import urldefrag

    from pelican.plugins.timeline.archive import make_zip

    archive = make_zip(bundled_site, tmp_path / "site.zip", "timeline-test")
    with zipfile.ZipFile(archive) as zipped:
        zipped.extractall(tmp_path)
    root = tmp_path / "timeline-test"
    start = (root / "index.html").as_uri()
    seen, queue, broken, network = set(), [start], [], []
    page, record = open_page(start)
    # A request the next navigation cancels (ERR_ABORTED: the page icon, often) is not
    # a broken link; a missing file (ERR_FILE_NOT_FOUND) is.
    page.on(
        "requestfailed",
        lambda r: "ERR_ABORTED" not in (r.failure or "") and broken.append(f"{r.url} {r.failure}"),
    )
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        response = page.goto(url)
        if response is None or not response.ok:
            broken.append(url)
            continue
        for href in page.eval_on_selector_all(  # SVG links (the time strip) have no .href string
            "a[href]", "els => els.map(e => new URL(e.getAttribute('href'), e.baseURI).href)"
        ):
            target = urldefrag(href).url
            if target.startswith("file://"):
                if target.rstrip("/") == target and target.endswith(
                    (".html", ".json", ".csv", ".ics", ".bib")
                ):
                    if target.endswith(".html"):
                        queue.append(target)
                    elif not (root / target[len(root.as_uri()) + 1 :]).is_file():
                        broken.append(target)
                else:
                    broken.append(f"{target} (a link that is not a file)")
            elif not href.startswith(("http://", "https://", "mailto:")):
                broken.append(href)
        network += [u for u in record["requests"] if not u.startswith("file://")]
    pages = {p for p in root.rglob("*.html")}
    assert len(seen) >= len(pages) - 1  # every page reached by links (the 2nd index page aside)
    assert broken == []
    assert network == []
    assert record["errors"] == []


def test_search_and_filters_on_a_hosted_site(bundled_site, open_page):
    """The same pages served over HTTP (as when hosted), on loopback."""
    import functools
    import http.server
    import threading

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(bundled_site))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        page, record = open_page(f"{base}/search.html?q=Birlestik")
        page.locator("#search-results li").first.wait_for()
        assert "Birlestik" in page.locator("#search-results li").first.inner_text()
        home, _ = open_page(f"{base}/index.html?type=exercise")
        kinds = visible_articles(home).evaluate_all("els => els.map(e => e.dataset.type)")
        assert kinds and set(kinds) == {"exercise"}
        assert all(u.startswith(base) for u in record["requests"])
        assert record["errors"] == []
    finally:
        server.shutdown()


# The footer stood flush against the content: main's padding lost to the .wrap shorthand.
FOOTER_GAP = """() => {
  const main = document.querySelector('main');
  const last = [...main.querySelectorAll('*')].filter(e => e.getClientRects().length)
    .reduce((low, e) => Math.max(low, e.getBoundingClientRect().bottom), 0);
  return [parseFloat(getComputedStyle(main).paddingBottom),
          document.querySelector('.site-footer').getBoundingClientRect().top - last];
}"""


@pytest.mark.parametrize("name", PAGES)
def test_the_footer_keeps_its_distance_from_the_content(bundled_site, open_page, name):
    page, _ = open_page(url_of(bundled_site, PAGES[name]), 375, javascript=False)
    padding, gap = page.evaluate(FOOTER_GAP)
    assert padding >= 32 and gap >= 32, (padding, gap)


@pytest.fixture(scope="module")
def corrected_site(tmp_path_factory):
    """A small site whose entry has corrections and whose other entry is context."""
    from conftest import pelican_build, write_site
    from test_changes import CONTEXT, CORRECTED

    root = tmp_path_factory.mktemp("corrected")
    content = write_site(root, {"2023-11-07-plan.md": CORRECTED, "2021-11-context.md": CONTEXT})
    settings = root / "conf.py"
    settings.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
        'TIMELINE_REPORT_ERRORS_TO = "https://example.org/report"\n',
        encoding="utf-8",
    )
    result = pelican_build(content, root / "output", settings)
    assert result.returncode == 0, result.stderr
    return root / "output"


@pytest.mark.parametrize("name", ["events/2023-11-07-plan.html", "changes.html", "index.html"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_corrections_context_and_report_link_pass_axe(corrected_site, open_page, name, scheme):
    page, record = open_page(url_of(corrected_site, name), 375, scheme, bypass_csp=True)
    assert record["errors"] == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        "async () => (await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa']})).violations"
        ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))"
    )
    assert violations == []


def test_a_correction_link_on_what_changed_lands_on_the_correction(corrected_site, open_page):
    page, _ = open_page(url_of(corrected_site, "changes.html"), 1280)
    page.get_by_role("link", name="Kazakhstan and Türkiye sign a plan").nth(1).click()
    assert page.url.endswith("events/2023-11-07-plan.html#correction-2")
    target = page.locator("#correction-2")
    assert target.is_visible() and "The plan is for 2024" in target.inner_text()
    report = page.get_by_role("link", name="Report an error in this entry")
    assert report.get_attribute("href") == "https://example.org/report?entry=2023-11-07-plan"
