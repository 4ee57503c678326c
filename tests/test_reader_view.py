"""Reading the timeline in Chromium: the fold, the time strip, focus, filters, views, print."""

import pytest

from conftest import ROOT
from sitecheck import WCAG22_AND_BEST_PRACTICE, axe_violations, first_event, url_of

pytestmark = pytest.mark.browser
SHOTS = ROOT / "screenshots"
PAGE_TYPES = {
    "home": "index.html",
    "country": "countries/dk.html",
    "countries": "countries/index.html",
    "type": "types/sailing.html",
    "types": "types/index.html",
    "event": "events/2021-05-03-baltic-star-build.html",
    "sources": "sources.html",
    "search": "search.html?q=Nordlys",
    "changes": "changes.html",
    "about": "pages/about.html",
}


@pytest.fixture
def viewport_page(browser):
    contexts = []

    def make(url, width, height, scheme="light"):
        context = browser.new_context(
            viewport={"width": width, "height": height}, color_scheme=scheme, bypass_csp=True
        )
        contexts.append(context)
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(url)
        page.wait_for_timeout(100)
        return page, errors

    yield make
    for context in contexts:
        context.close()


@pytest.mark.parametrize("over", ["file", "http"])
def test_the_first_event_is_above_the_fold(demo_site, served_demo, viewport_page, over):
    base = served_demo if over == "http" else demo_site.as_uri()
    page, errors = viewport_page(f"{base}/index.html", 1280, 800)
    first = first_event(page)
    assert first["bottom"] <= first["height"], f"whole first event at 1280x800: {first}"
    page, errors = viewport_page(f"{base}/index.html", 375, 667)
    first = first_event(page)
    assert max(first["title"], first["date"]) <= first["height"], f"at 375x667: {first}"
    assert errors == []


@pytest.mark.parametrize("width", [320, 375])
@pytest.mark.parametrize("name", PAGE_TYPES)
def test_no_page_scrolls_sideways_with_every_details_open(demo_site, viewport_page, name, width):
    page, _ = viewport_page(url_of(demo_site, PAGE_TYPES[name]), width, 640)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    page.wait_for_timeout(50)
    overflow = page.evaluate("document.documentElement.scrollWidth - innerWidth")
    assert overflow <= 0, f"{name} is {overflow}px too wide at {width} with every <details> open"


def test_the_year_navigation_takes_at_most_15_percent_of_a_small_phone(demo_site, viewport_page):
    page, _ = viewport_page(url_of(demo_site, "index.html"), 320, 568)
    height = page.evaluate("document.getElementById('time-strip').getBoundingClientRect().height")
    assert height <= 0.15 * 568


COVERED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const box = el.getBoundingClientRect();
  const bar = document.getElementById('time-strip');
  if (bar.contains(el) || box.height === 0) return null;
  const b = bar.getBoundingClientRect();
  const stuck = getComputedStyle(bar).position === 'sticky' && b.top <= 1;
  return stuck && box.top < b.bottom && box.bottom > b.top
    ? (el.textContent || el.outerHTML).trim().slice(0, 60) : null;
}"""


def settle(page):
    for _ in range(40):
        before = page.evaluate("scrollY")
        page.wait_for_timeout(40)
        if page.evaluate("scrollY") == before:
            return


@pytest.mark.parametrize("width", [375, 1280])
def test_tab_and_shift_tab_never_leave_focus_under_the_sticky_strip(
    demo_site, viewport_page, width
):
    page, _ = viewport_page(url_of(demo_site, "index.html"), width, 700)
    stops = page.evaluate("document.querySelectorAll('a[href], button, input, select, summary')"
                          ".length")  # fmt: skip
    covered = []
    for key in ["Tab"] * stops + ["Shift+Tab"] * stops:
        page.keyboard.press(key)
        settle(page)  # what a reader sees once any smooth scroll has ended
        hidden = page.evaluate(COVERED)
        if hidden:
            covered.append(f"{key}: {hidden}")
    assert covered == []


def test_each_strip_year_lands_on_its_heading_below_the_strip(demo_site, viewport_page):
    page, _ = viewport_page(url_of(demo_site, "index.html"), 375, 667)
    years_with_events = page.evaluate(
        "[...document.querySelectorAll('section.year')].map(s => s.id)"
    )
    links = page.locator("#time-strip a")
    assert links.evaluate_all("els => els.map(a => a.getAttribute('href'))") == [
        f"#{y}" for y in years_with_events
    ]
    for index in range(links.count()):
        link = links.nth(index)
        anchor = link.get_attribute("href")[1:]
        link.click()
        for _ in range(40):  # smooth scrolling: poll until it settles
            before = page.evaluate("scrollY")
            page.wait_for_timeout(60)
            if page.evaluate("scrollY") == before:
                break
        heading = page.evaluate(
            f"(() => {{ const h = document.getElementById('{anchor}-h').getBoundingClientRect();"
            " const bar = document.getElementById('time-strip').getBoundingClientRect();"
            " return [h.top, h.bottom, bar.bottom, innerHeight]; })()"
        )
        top, bottom, bar_bottom, height = heading
        at_end = page.evaluate("innerHeight + scrollY >= document.body.scrollHeight - 2")
        assert top >= bar_bottom - 1 and (bottom <= height or at_end), (anchor, heading)
        marked = page.locator("#time-strip a.current").get_attribute("href")
        assert marked == f"#{anchor}" or at_end


def shown_countries(page):
    return page.locator("article.event-item:visible").evaluate_all(
        "els => els.map(e => e.dataset.countries.split(' '))"
    )


def test_ticking_two_countries_finds_the_events_between_them(demo_site, viewport_page):
    page, _ = viewport_page(url_of(demo_site, "index.html"), 1280, 800)
    page.get_by_text("Filter events").click()
    page.get_by_role("checkbox", name="Denmark").check()
    page.get_by_role("checkbox", name="Sweden").check()
    shown = shown_countries(page)
    assert shown and all({"DK", "SE"} <= set(c) for c in shown)
    everything = page.locator("article.event-item").evaluate_all(
        "els => els.filter(e => e.dataset.countries.split(' ').includes('DK')"
        " && e.dataset.countries.split(' ').includes('SE')).length"
    )
    assert len(shown) == everything
    status = page.locator("#filter-status").inner_text()
    total = page.locator("article.event-item").count()
    assert status == (f"Showing {len(shown)} of {total} events involving both Denmark and Sweden.")
    shared = page.url
    assert "country=DK" in shared and "country=SE" in shared and "match" not in shared

    page.get_by_role("radio", name="any of them").check()
    assert len(shown_countries(page)) > len(shown)
    assert "involving either Denmark or Sweden" in page.locator("#filter-status").inner_text()

    again, _ = viewport_page(shared, 1280, 800)
    assert shown_countries(again) == shown
    assert again.locator("details#filters").get_attribute("open") is None  # answer first
    assert again.locator("#filter-status").inner_text() == status
    first = first_event(again)
    assert first["bottom"] <= first["height"]
    narrow, _ = viewport_page(shared, 375, 667)
    first = first_event(narrow)
    assert first["title"] <= first["height"]
    assert narrow.locator("#filter-status").is_visible()


def test_a_role_is_a_facet(demo_site, viewport_page):
    page, _ = viewport_page(url_of(demo_site, "index.html"), 1280, 800)
    page.get_by_text("Filter events").click()
    option = page.locator("#filter-role option").nth(1)
    value, label = option.get_attribute("value"), option.inner_text()
    page.get_by_label("Role").select_option(value)
    roles = page.locator("article.event-item:visible").evaluate_all(
        "els => els.map(e => e.dataset.roles.split(' '))"
    )
    assert roles and all(value in r for r in roles)
    assert f"({len(roles)})" in label  # the option's count is what the filter finds
    code, role = value.split(":")
    assert f"role={code}%3A{role}" in page.url
    assert f"with {label.rsplit(' (', 1)[0]}" in page.locator("#filter-status").inner_text()


def test_compact_view_and_newest_first_live_in_the_url(demo_site, viewport_page):
    page, _ = viewport_page(url_of(demo_site, "index.html"), 1280, 800)
    full_height = page.evaluate("document.body.scrollHeight")
    page.get_by_role("checkbox", name="Compact").check()
    page.get_by_role("checkbox", name="Newest first").check()
    assert "view=compact" in page.url and "order=newest" in page.url
    compact_height = page.evaluate("document.body.scrollHeight")
    assert compact_height < full_height / 2
    listed = page.evaluate("document.getElementById('year-list').offsetHeight")
    events = page.locator("article.event-item").count()
    year_headings = page.locator("section.year").count()
    # One line per event and per year heading (a sparse timeline has nearly as many years
    # as events), each under 36 px: forty events of a few years fit in about two screens.
    assert listed < 36 * (events + year_headings), (listed, events, year_headings)
    assert page.locator(".event-summary").first.is_hidden()
    years = page.locator("section.year").evaluate_all("els => els.map(e => +e.id.slice(1))")
    assert years == sorted(years, reverse=True)
    dates = page.locator("article.event-item .event-date time").evaluate_all(
        "els => els.map(e => e.getAttribute('datetime'))"
    )
    assert dates == sorted(dates, reverse=True)

    shared, _ = viewport_page(page.url, 1280, 800)
    assert shared.get_by_role("checkbox", name="Compact").is_checked()
    assert shared.locator("section.year").first.get_attribute("id") == f"y{years[0]}"
    assert shared.evaluate("document.body.classList.contains('compact')")


def test_a_printed_filtered_view_states_its_filter_and_count(demo_site, viewport_page):
    page, _ = viewport_page(url_of(demo_site, "index.html?country=DK&country=SE"), 1280, 800)
    page.emulate_media(media="print")
    status = page.locator("#filter-status")
    assert status.is_visible()
    assert status.inner_text().startswith("Showing ")
    assert page.locator(".stats").is_hidden()  # "N events" would contradict the list
    # The strip says the same: the years left by the filter stand out, the others fade.
    faded = page.evaluate(
        "[...document.querySelectorAll('.strip-year')].map(a => [a.dataset.year,"
        " getComputedStyle(a.querySelector('.strip-seg')).opacity === '1'])"
    )
    shown = page.locator("section.year:visible").evaluate_all("els => els.map(e => e.id.slice(1))")
    assert [year for year, solid in faded if solid] == shown
    SHOTS.mkdir(exist_ok=True)
    pdf = page.pdf(path=str(SHOTS / "filtered-print.pdf"), format="A4")
    assert pdf[:4] == b"%PDF"
    # On a narrow sheet the whole time strip still fits the width: no year is cut off.
    page.set_viewport_size({"width": 600, "height": 800})
    strip = page.evaluate("document.querySelector('.strip-svg').getBoundingClientRect().right")
    assert strip <= page.evaluate("document.documentElement.clientWidth")

    compact, _ = viewport_page(url_of(demo_site, "index.html?view=compact"), 1280, 800)
    compact.emulate_media(media="print")
    pdf = compact.pdf(format="A4")
    pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
    events = compact.locator("article.event-item").count()
    # One line per event: at least 25 events to an A4 page (72 events print on 3 pages).
    assert pages <= -(-events // 25), f"{events} events in the compact view print on {pages} pages"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
def test_no_axe_violations_wcag22_and_best_practice(demo_site, viewport_page, scheme, width):
    """Every page type, one browser context per width and scheme (the pages reuse it)."""
    page, _ = viewport_page("about:blank", width, 800, scheme)
    found = {}
    for name, path in PAGE_TYPES.items():
        page.goto(url_of(demo_site, path))
        if page.locator("#filters").count():
            page.get_by_text("Filter events").click()  # audit the filter controls too
        violations = axe_violations(page, WCAG22_AND_BEST_PRACTICE)
        if violations:
            found[name] = violations
    assert found == {}


REFERENCE = """id => {
  const li = document.getElementById(id);
  const cite = li.querySelector('cite'), url = li.querySelector('.url');
  return {lang: cite.lang, direction: getComputedStyle(cite).direction,
          isolated: getComputedStyle(cite).unicodeBidi, url: url.innerText,
          href: cite.querySelector('a').getAttribute('href')};
}"""


def test_sources_read_in_their_language_and_print_short(demo_site, viewport_page):
    page, _ = viewport_page(url_of(demo_site, "sources.html"), 375, 667)
    russian = page.evaluate(REFERENCE, "vestnik-2010")
    assert russian == {
        "lang": "ru",
        "direction": "ltr",
        "isolated": "normal",
        "url": "vestnik.example.org/2010/06/11/паром-аврора-вышел-в-первый-рейс",
        "href": "https://vestnik.example.org/2010/06/11/%D0%BF%D0%B0%D1%80%D0%BE%D0%BC-%D0%B0%D0%B2"
        "%D1%80%D0%BE%D1%80%D0%B0-%D0%B2%D1%8B%D1%88%D0%B5%D0%BB-%D0%B2-%D0%BF%D0%B5%D1%80%D0%B2"
        "%D1%8B%D0%B9-%D1%80%D0%B5%D0%B9%D1%81",
    }
    # At 375 px the decoded address takes 3 lines, where its escapes would take 8.
    decoded, escaped = page.evaluate(
        """() => {
          const full = document.querySelector('#vestnik-2010 .url-full');
          const lines = () => full.getClientRects().length, decoded = lines();
          full.textContent = full.closest('li').querySelector('cite a').href;
          return [decoded, lines()];
        }"""
    )
    assert decoded <= 3 and escaped >= 2 * decoded, (decoded, escaped)
    arabic = page.evaluate(REFERENCE, "bahr-2012")
    assert (arabic["lang"], arabic["direction"], arabic["isolated"]) == ("ar", "rtl", "isolate")
    english = page.evaluate(REFERENCE, "gazette-2015-01-20")
    assert english["lang"] == ""  # the page's own language

    page.emulate_media(media="print")
    printed = page.evaluate(REFERENCE, "vestnik-2010")["url"]
    assert printed == "vestnik.example.org/2010/06/11/паром-аврора-вышел-в-первый-…"
