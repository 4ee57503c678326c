"""The built site in headless Chromium, opened from disk (file://) as an archivist would."""

import pytest

from conftest import ROOT
from sitecheck import axe_violations, url_of

SCREENSHOTS = ROOT / "screenshots"
PAGES = {
    "home": "index.html",
    "event": "events/2021-05-03-baltic-star-build.html",
    "country": "countries/dk.html",
    "sources": "sources.html",
    "search": "search.html?q=Nordlys",
    "changes": "changes.html",
    "about": "pages/about.html",
}

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("width", [320, 375, 1280])
def test_pages_open_from_disk_without_errors_or_network(demo_site, open_page, name, width):
    page, record = open_page(url_of(demo_site, PAGES[name]), width)
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


def test_dark_mode_screenshot(demo_site, open_page):
    page, _record = open_page((demo_site / PAGES["event"]).as_uri(), 1280, "dark")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(22, 24, 27)"
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "event-1280-dark.png"), full_page=True)


def test_year_navigation_and_permalinks_work_by_clicking(demo_site, open_page):
    page, record = open_page((demo_site / "index.html").as_uri())
    page.get_by_role("navigation", name="Years").get_by_role("link", name="2021").click()
    assert page.url.endswith("#y2021")
    for _ in range(40):  # smooth scrolling takes a moment; polled, as the CSP forbids eval
        if page.evaluate("document.getElementById('y2021').getBoundingClientRect().top") < 200:
            break
        page.wait_for_timeout(50)
    assert page.evaluate("document.getElementById('y2021').getBoundingClientRect().top") < 200
    page.get_by_role("link", name="Baltic Star built and launched").click()
    assert page.url.endswith("/events/2021-05-03-baltic-star-build.html")
    page.locator("sup.cite a").first.click()
    assert page.url.endswith("#ref-1")
    page.get_by_role("link", name="Poland · builder", exact=True).first.click()  # with its role
    assert page.url.endswith("/countries/pl.html")
    assert record["errors"] == []


def visible_articles(page):
    return page.locator("article.event-item:visible")


def test_filters_by_country_type_tag_and_years_with_the_state_in_the_url(demo_site, open_page):
    page, record = open_page(url_of(demo_site, "index.html"))
    total = page.locator("article.event-item").count()
    page.get_by_text("Filter events").click()
    page.get_by_role("checkbox", name="Sweden").check()
    swedish = visible_articles(page).count()
    assert 0 < swedish < total
    for codes in visible_articles(page).evaluate_all("els => els.map(e => e.dataset.countries)"):
        assert "SE" in codes.split()
    assert "country=SE" in page.url
    assert page.locator("#filter-status").inner_text() == (
        f"Showing {swedish} of {total} events involving Sweden."
    )

    page.get_by_role("checkbox", name="Denmark").check()  # events between them, by default
    both = visible_articles(page).evaluate_all("els => els.map(e => e.dataset.countries)")
    assert both and all({"SE", "DK"} <= set(c.split()) for c in both)
    assert len(both) < swedish  # not every Swedish event is Danish too
    assert "match" not in page.url

    page.get_by_role("checkbox", name="Sailing").check()
    page.get_by_label("From").select_option("2012")
    shown = visible_articles(page).evaluate_all(
        "els => els.map(e => [e.dataset.type, +e.dataset.year])"
    )
    assert shown and all(kind == "sailing" and year >= 2012 for kind, year in shown)
    shared = page.url
    hidden_years = page.locator("section.year[hidden]").count()
    assert hidden_years > 0  # years with no match are hidden with their heading

    page2, _ = open_page(shared)
    assert page2.locator("details#filters").get_attribute("open") is None  # the answer first
    page2.get_by_text("Filter events").click()
    assert page2.get_by_role("checkbox", name="Sweden").is_checked()
    assert visible_articles(page2).count() == len(shown)

    page.get_by_role("button", name="Clear filters").click()
    page.wait_for_timeout(50)
    assert visible_articles(page).count() == total
    assert "?" not in page.url
    assert record["errors"] == []


def test_filter_counts_follow_the_other_filters(demo_site, open_page):
    page, _ = open_page(url_of(demo_site, "index.html?type=sailing"))
    page.get_by_text("Filter events").click()
    sailings = visible_articles(page).evaluate_all("els => els.map(e => e.dataset.countries)")
    expected = sum("DK" in c.split() for c in sailings)
    assert 0 < expected < visible_articles(page).count()
    label = page.locator('[data-count-for="country:DK"]').inner_text()
    assert label == f"({expected})"


def test_filters_work_from_the_keyboard(demo_site, open_page):
    page, _ = open_page(url_of(demo_site, "index.html"))
    page.locator("details#filters summary").focus()
    page.keyboard.press("Enter")
    page.get_by_role("checkbox", name="Finland").focus()
    page.keyboard.press("Space")
    assert page.get_by_role("checkbox", name="Finland").is_checked()
    page.wait_for_url("**?country=FI", timeout=2000)
    codes = visible_articles(page).evaluate_all("els => els.map(e => e.dataset.countries)")
    assert codes and all("FI" in c.split() for c in codes)
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # the focused control is visibly marked


def test_without_javascript_every_event_is_listed(demo_site, open_page):
    page, _ = open_page(url_of(demo_site, "index.html?country=SE"), javascript=False)
    assert visible_articles(page).count() == page.locator("article.event-item").count()
    assert page.locator("details#filters").is_hidden()


def test_search_from_disk_ranks_and_highlights(demo_site, open_page):
    page, record = open_page(url_of(demo_site, "search.html?q=Nordlys"))
    results = page.locator("#search-results li")
    results.first.wait_for()
    assert results.count() >= 3
    assert page.locator("#search-results mark").first.inner_text().lower() == "nordlys"
    assert float(page.locator("#search-status").get_attribute("data-ms")) < 100
    total = len(list((demo_site / "events").glob("*.html")))

    page.get_by_label(f"Search {total} events", exact=False).fill("aberg")  # finds Åberg
    page.wait_for_timeout(400)  # the one event that names Jörgen Åberg:
    assert "A summer route to the skerries opens" in page.locator("#search-results").inner_text()
    assert "q=aberg" in page.url

    page.get_by_label(f"Search {total} events", exact=False).fill("Karen Holm")
    page.wait_for_timeout(400)
    first = page.locator("#search-results li a").first
    assert first.inner_text() in (  # the two events that name her
        "Transport minister speaks on ferry safety",
        "=Joint rescue drill at sea",
    )
    first.click()
    assert page.url.endswith(".html") and "/events/" in page.url
    assert all(u.startswith("file://") for u in record["requests"])
    assert record["errors"] == []


def test_header_search_form_leads_to_results(demo_site, open_page):
    page, _ = open_page(url_of(demo_site, PAGES["event"]))
    page.get_by_label("Search the timeline").fill("Aurora")
    page.get_by_role("button", name="Search").click()
    page.locator("#search-results li").first.wait_for()
    assert "Aurora" in page.locator("#search-results li").first.inner_text()


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_accessibility_violations(demo_site, open_page, name, scheme):
    # The pages' CSP forbids injected scripts: lift it for the audit only.
    page, _ = open_page(url_of(demo_site, PAGES[name]), 1280, scheme, bypass_csp=True)
    if name == "home":
        page.get_by_text("Filter events").click()  # audit the filter controls too
    assert axe_violations(page) == []


def test_print_preview(demo_site, open_page):
    page, _ = open_page(url_of(demo_site, PAGES["event"]))
    page.emulate_media(media="print")
    assert page.locator(".site-nav").is_hidden()
    assert page.locator(".references .url").first.is_visible()
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "event-print.png"), full_page=True)
    home, _ = open_page(url_of(demo_site, "index.html"))
    home.emulate_media(media="print")
    assert home.locator("#filters").is_hidden()
    home.screenshot(path=str(SCREENSHOTS / "home-print.png"), full_page=True)


def test_offline_archive_has_no_broken_link_and_makes_no_network_request(
    demo_site, open_page, tmp_path
):
    import zipfile
    from urllib.parse import urldefrag

    from pelican.plugins.timeline.archive import make_zip

    archive = make_zip(demo_site, tmp_path / "site.zip", "timeline-test")
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


def test_search_and_filters_on_a_hosted_site(served_demo, open_page):
    """The same pages served over HTTP (as when hosted), on loopback."""
    base = served_demo
    page, record = open_page(f"{base}/search.html?q=Aurora")
    page.locator("#search-results li").first.wait_for()
    assert "Aurora" in page.locator("#search-results li").first.inner_text()
    home, _ = open_page(f"{base}/index.html?type=accident")
    kinds = visible_articles(home).evaluate_all("els => els.map(e => e.dataset.type)")
    assert kinds and set(kinds) == {"accident"}
    assert all(u.startswith(base) for u in record["requests"])
    assert record["errors"] == []


# The footer stood flush against the content: main's padding lost to the .wrap shorthand.
FOOTER_GAP = """() => {
  const main = document.querySelector('main');
  // What a closed <details> holds is laid out but not shown: it is not the content's end.
  const shown = e => e.getClientRects().length && !e.closest('details:not([open]) > :not(summary)');
  const last = [...main.querySelectorAll('*')].filter(shown)
    .reduce((low, e) => Math.max(low, e.getBoundingClientRect().bottom), 0);
  return [parseFloat(getComputedStyle(main).paddingBottom),
          document.querySelector('.site-footer').getBoundingClientRect().top - last];
}"""


@pytest.mark.parametrize("name", PAGES)
def test_the_footer_keeps_its_distance_from_the_content(demo_site, open_page, name):
    page, _ = open_page(url_of(demo_site, PAGES[name]), 375, javascript=False)
    padding, gap = page.evaluate(FOOTER_GAP)
    assert padding >= 32 and gap >= 32, (padding, gap)


@pytest.fixture(scope="module")
def corrected_site(tmp_path_factory):
    """A small site whose entry has corrections and whose other entry is context."""
    from conftest import pelican_build, write_site
    from test_changes import CONTEXT, CORRECTED, settings_file

    root = tmp_path_factory.mktemp("corrected")
    content = write_site(root, {"2023-11-07-plan.md": CORRECTED, "2021-11-context.md": CONTEXT})
    settings = settings_file(root, TIMELINE_REPORT_ERRORS_TO="https://example.org/report")
    result = pelican_build(content, root / "output", settings)
    assert result.returncode == 0, result.stderr
    return root / "output"


@pytest.mark.parametrize("name", ["events/2023-11-07-plan.html", "changes.html", "index.html"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_corrections_context_and_report_link_pass_axe(corrected_site, open_page, name, scheme):
    page, record = open_page(url_of(corrected_site, name), 375, scheme, bypass_csp=True)
    assert record["errors"] == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert axe_violations(page) == []


def test_a_correction_link_on_what_changed_lands_on_the_correction(corrected_site, open_page):
    page, _ = open_page(url_of(corrected_site, "changes.html"), 1280)
    page.get_by_role("link", name="Kazakhstan and Türkiye sign a plan").nth(1).click()
    assert page.url.endswith("events/2023-11-07-plan.html#correction-2")
    target = page.locator("#correction-2")
    assert target.is_visible() and "The plan is for 2024" in target.inner_text()
    report = page.get_by_role("link", name="Report an error in this entry")
    assert report.get_attribute("href") == "https://example.org/report?entry=2023-11-07-plan"


CONTEXT_PAGES = {
    "countries": "countries/index.html",
    "tag": "tags/safety.html",
    "person": "people/karen-holm.html",
    "equipment": "equipment/ms-baltic-star.html",
    "tags": "tags/index.html",
    "related": "events/2024-07-08-joint-rescue-drill.html",
}

# Finds a point of the screen where a shape is what the pointer would hit, or null.
POINT_ON_SHAPE = """(path) => {
  const box = path.getBoundingClientRect();
  for (let i = 1; i < 40; i++) for (let j = 1; j < 40; j++) {
    const x = box.left + box.width * i / 40, y = box.top + box.height * j / 40;
    if (document.elementFromPoint(x, y) === path) return [x, y];
  }
  return null;
}"""


@pytest.mark.parametrize("javascript", [True, False])
def test_the_map_links_each_shaded_country_to_its_page(demo_site, open_page, javascript):
    countries = url_of(demo_site, CONTEXT_PAGES["countries"])
    page, record = open_page(countries, 1280, javascript=javascript)
    shapes = page.locator("svg.map-svg a.map-country").evaluate_all(
        "links => links.map(a => [a.dataset.code, a.getAttribute('aria-label'),"
        " getComputedStyle(a.querySelector('path')).fill])"
    )
    context_fill = page.locator("svg.map-svg .map-context").first.evaluate(
        "p => getComputedStyle(p).fill"
    )
    assert sorted(code for code, _, _ in shapes) == ["DE", "DK", "EE", "FI", "NO", "PL", "SE"]
    for code, label, fill in shapes:
        assert fill != context_fill, code  # shaded, not drawn as context
        page.goto(countries)
        path = page.locator(f'a.map-country[data-code="{code}"] path')
        page.mouse.click(*path.evaluate(POINT_ON_SHAPE))
        page.wait_for_url(f"**/countries/{code.lower()}.html")
        assert page.locator("h1").inner_text().endswith(label.split(":")[0])
        outlined = page.locator("a.map-country.here path")
        assert outlined.evaluate("p => getComputedStyle(p).strokeWidth") == "2.5px"
        assert page.locator("a.map-country.here").get_attribute("data-code") == code
    assert record["errors"] == []
    assert all(url.startswith("file://") for url in record["requests"])


@pytest.mark.parametrize("name", CONTEXT_PAGES)
@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_map_tag_person_equipment_and_related_pages_pass_axe_and_fit(
    demo_site, open_page, name, width, scheme
):
    page, record = open_page(url_of(demo_site, CONTEXT_PAGES[name]), width, scheme, bypass_csp=True)
    assert record["errors"] == []
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{name} is wider than the {width}px screen"
    assert axe_violations(page) == []


@pytest.mark.parametrize("width", [375, 1280])
def test_see_on_the_timeline_lands_on_the_event_below_the_sticky_strip(demo_site, open_page, width):
    slug = "2021-09-14-two-ferries-collide"
    page, record = open_page(url_of(demo_site, f"events/{slug}.html"), width)
    page.get_by_role("link", name="See on the timeline").click()
    page.wait_for_url(f"**/index.html#{slug}")
    item = page.locator(f'article[id="{slug}"]')
    assert item.evaluate("a => a.matches(':target')")
    # The browser scrolls there smoothly: wait until it has arrived and stopped.
    page.wait_for_function(
        "([id, h]) => { const top = document.getElementById(id).getBoundingClientRect().top;"
        " const still = window.lastTop === top; window.lastTop = top; return top < h && still; }",
        arg=[slug, page.viewport_size["height"] / 2],
        polling=200,
    )
    top = item.evaluate("a => a.getBoundingClientRect().top")
    strip_bottom = page.locator("#time-strip").evaluate("s => s.getBoundingClientRect().bottom")
    assert strip_bottom <= top < page.viewport_size["height"] / 2
    background = item.evaluate("a => getComputedStyle(a).backgroundColor")
    assert background == "rgb(232, 240, 250)"  # marked, in the accent's light background
    assert record["errors"] == []


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, seconds: float = 60) -> None:
    import time
    import urllib.request

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"{url} never answered")


def test_live_preview_reloads_the_open_page_after_a_save(tmp_path, open_page):
    import subprocess
    import sys
    import time

    from conftest import copy_demo

    project = copy_demo(tmp_path)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "pelican.plugins.timeline", "preview", "--port", str(port)],
        cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}/events/2021-06-baltic-star-launched.html"
    try:
        wait_for(url)
        page, record = open_page(url)
        assert page.locator("h1").inner_text().startswith("Baltic Star launched")
        policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
        assert "connect-src 'self'" in policy and "unsafe" not in policy
        page.evaluate("window.notReloaded = true")  # gone once the page has reloaded
        events = f"http://127.0.0.1:{port}/.timeline-preview/events"
        deadline = time.monotonic() + 20
        while events not in record["requests"] and time.monotonic() < deadline:
            page.wait_for_timeout(100)  # the reloader connects once the page has loaded
        page.wait_for_timeout(300)  # and is told the current build at once
        entry = project / "content" / "events" / "2021-06-baltic-star-launched.md"
        text = entry.read_text("utf-8")
        entry.write_text(text.replace("title: Baltic Star", "title: Edited, Baltic Star"), "utf-8")
        page.wait_for_function(
            "() => !window.notReloaded && document.querySelector('h1').textContent"
            ".startsWith('Edited, Baltic Star launched')",
            timeout=60_000,
        )
        # No inline script, nothing the page's policy refused, nothing from elsewhere.
        assert record["errors"] == []
        assert all(u.startswith(f"http://127.0.0.1:{port}/") for u in record["requests"])
        assert events in record["requests"]
    finally:
        server.terminate()
        log = server.communicate(timeout=10)[0]
    assert "Changed: 2021-06-baltic-star-launched.md; rebuilding..." in log
    assert "Rebuilt; open pages reload." in log


def test_a_site_built_without_the_preview_has_no_reloader_and_connects_nowhere(demo_site):
    for page in demo_site.rglob("*.html"):
        html = page.read_text("utf-8")
        assert ".timeline-preview" not in html, page
        if 'http-equiv="Content-Security-Policy"' in html and "refresh" not in html:
            assert "connect-src 'none'" in html, page
    assert not list(demo_site.rglob("reload*.js"))
