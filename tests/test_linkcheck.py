"""The link check, against a small web on loopback: live, moved, gone, slow, refused, archived.

No test here touches the real network: every address is on 127.0.0.1 (tests/fake_web.py).
"""

import datetime as dt
import itertools
import json
import re
import time
from urllib.parse import parse_qsl

import pytest

from conftest import ROOT, pelican_build, write_site
from fake_web import PAUSE, FakeWeb, refused_url
from pelican.plugins.timeline.cli import main
from pelican.plugins.timeline.linkcheck import (
    Options,
    check_address,
    check_addresses,
    find_snapshot,
)
from pelican.plugins.timeline.linkreport import LinkRecord, parse_link_report
from pelican.plugins.timeline.sourcesfile import EditError, add_fields

TODAY = dt.date.today()
QUICK = Options(timeout=0.5)


@pytest.fixture
def web():
    with FakeWeb() as running:
        yield running


# --- one address --------------------------------------------------------------------------


def test_a_live_page_is_ok(web):
    assert check_address(web.url("/live"), QUICK) == LinkRecord(web.url("/live"), "ok", TODAY, 200)


def test_a_permanent_move_is_reported_with_its_new_address(web):
    for path in ("/moved", "/moved-308"):
        record = check_address(web.url(path), QUICK)
        assert (record.status, record.http, record.final_url) == (
            "moved",
            200,
            web.url("/new-home"),
        )


def test_a_temporary_redirect_is_live_not_moved(web):
    record = check_address(web.url("/temporary"), QUICK)
    assert (record.status, record.final_url) == ("ok", web.url("/live"))


def test_404_and_410_are_gone_even_at_the_end_of_a_redirect(web):
    assert check_address(web.url("/missing"), QUICK).status == "gone"
    assert check_address(web.url("/gone"), QUICK).http == 410
    record = check_address(web.url("/moved-to-gone"), QUICK)
    assert (record.status, record.http, record.final_url) == ("gone", 410, web.url("/gone"))


def test_other_errors_and_redirect_loops_are_errors_not_gone(web):
    assert check_address(web.url("/forbidden"), QUICK) == LinkRecord(
        web.url("/forbidden"), "error", TODAY, 403
    )
    loop = check_address(web.url("/loop"), QUICK)
    assert (loop.status, loop.message) == ("error", "too many redirects")


def test_a_slow_page_is_given_up_at_the_time_limit(web):
    started = time.monotonic()
    record = check_address(web.url("/slow"), QUICK)
    assert time.monotonic() - started < 2
    assert (record.status, record.message) == ("timeout", "no answer within 0.5 s")


def test_a_refused_connection_is_unreachable():
    url = refused_url()
    assert check_address(url, QUICK) == LinkRecord(
        url, "unreachable", TODAY, message="connection refused"
    )


def test_requests_name_the_project_and_respect_the_per_host_limit(web):
    urls = [web.url(f"/pause?n={n}") for n in range(6)]
    started = time.monotonic()
    records = check_addresses(urls, Options(per_host=2, workers=8))
    elapsed = time.monotonic() - started
    assert {r.status for r in records.values()} == {"ok"}
    assert web.most_in_flight == 2
    assert elapsed >= 3 * PAUSE  # six requests, two at a time
    agents = {agent for _, _, agent, _ in web.requests}
    assert len(agents) == 1 and agents.pop().startswith("pelican-timeline/")


def test_the_delay_spaces_requests_to_one_host(web):
    urls = [web.url(f"/live?n={n}") for n in range(3)]
    check_addresses(urls, Options(per_host=1, workers=3, delay=0.3))
    starts = sorted(at for _, _, _, at in web.requests)
    # Arrival times at the server jitter on a loaded machine; without the delay they would
    # be a few milliseconds apart, so two-thirds of it still proves the spacing.
    assert [b - a >= 0.2 for a, b in itertools.pairwise(starts)] == [True, True]


# --- the archive's API -----------------------------------------------------------------------


def test_a_snapshot_is_found_near_the_day_the_page_was_read(web):
    page = web.url("/gone")
    web.snapshots[page] = ("20240301120000", "200")
    snapshot = find_snapshot(page, dt.date(2024, 3, 4), web.api, QUICK)
    assert snapshot.url == f"https://web.archive.org/web/20240301120000/{page}"
    assert web.requests[-1][1] == (
        f"url=http%3A%2F%2F127.0.0.1%3A{web.server.server_address[1]}%2Fgone&timestamp=20240304"
    )


def test_no_snapshot_or_a_failed_one_is_none(web):
    assert find_snapshot(web.url("/live"), None, web.api, QUICK) is None
    web.snapshots[web.url("/missing")] = ("20240301120000", "404")
    assert find_snapshot(web.url("/missing"), None, web.api, QUICK) is None


# --- the command: report, data file, write-back ------------------------------------------------


SOURCES = """\
# Sources of a test timeline.
# Kept in the order they were read.

- id: live-page   # read first
  type: webpage
  title: A live page
  URL: {live}
  accessed: 2024-01-02
  language: en
- id: moved-page
  type: article-newspaper
  title: A moved page
  author:
    - {{family: Doe, given: Jane}}
  issued: 2023-05
  URL: {moved}
  language: en

# --- pages that went away
- id: gone-page
  type: webpage
  title: A gone page
  URL: {gone}
  accessed: 2024-03-04   # before the site deleted it
- id: missing-page
  type: webpage
  title: A missing page
  URL: {missing}
  archived-url: https://web.archive.org/web/2020/{missing}
- id: slow-page
  type: webpage
  title: A slow page
  URL: {slow}
- id: refused-page
  type: webpage
  title: A refused page
  URL: {refused}
"""

EVENT_ONE = """\
---
title: One
date: 2023-05
countries: [KZ]
type: visit
summary: One.
sources: [live-page, moved-page]
---
Text [@live-page; @moved-page].
"""

EVENT_TWO = """\
---
title: Two
date: 2024
countries: [TR]
type: visit
summary: Two.
sources: [gone-page, missing-page, slow-page, refused-page]
---
Text [@gone-page; @missing-page; @slow-page; @refused-page].
"""

SETTINGS = """\
PATH = "content"
TIMELINE_TYPES = {"visit": ("Visit", "Visits", "Visits.")}
"""


def test_linkcheck_reports_records_and_archives(web, tmp_path, capsys):
    urls = {
        "live": web.url("/live"),
        "moved": web.url("/moved"),
        "gone": web.url("/gone"),
        "missing": web.url("/missing"),
        "slow": web.url("/slow"),
        "refused": refused_url(),
    }
    content = write_site(
        tmp_path,
        {"2023-05-one.md": EVENT_ONE, "2024-two.md": EVENT_TWO},
        sources=SOURCES.format(**urls),
    )
    (tmp_path / "pelicanconf.py").write_text(SETTINGS, encoding="utf-8")
    web.snapshots[urls["live"]] = ("20240102101010", "200")
    web.snapshots[urls["gone"]] = ("20240301000000", "200")
    web.snapshots[urls["slow"]] = ("20240301000000", "503")

    status = main(
        ["linkcheck", "-s", str(tmp_path / "pelicanconf.py"), "--timeout", "0.5", "--archive",
         "--archive-api", web.api]
    )  # fmt: skip
    out = capsys.readouterr().out.splitlines()

    assert status == 1
    summary = out.pop(5)
    assert re.fullmatch(
        r"Checked 6 addresses on 1 host in \d+\.\d s: 1 ok, 1 moved, 2 gone, 1 timeout, "
        r"1 unreachable\. Results written to content/linkstatus\.yaml\.",
        summary,
    )
    assert out == [
        f"content/sources.yaml:16:8: error: URL: moved permanently to {web.url('/new-home')}; cited by content/events/2023-05-one.md (check that the new page says the same, then give it as the URL)",
        "content/sources.yaml:23:8: error: URL: page gone (HTTP 410); cited by content/events/2024-two.md (find where the page went, or cite an archived copy: linkcheck --archive)",
        "content/sources.yaml:28:8: error: URL: page gone (HTTP 404); cited by content/events/2024-two.md (find where the page went, or cite an archived copy: linkcheck --archive)",
        "content/sources.yaml:33:8: error: URL: no answer within 0.5 s; cited by content/events/2024-two.md (try again later, or with a longer --timeout)",
        "content/sources.yaml:37:8: error: URL: unreachable (connection refused); cited by content/events/2024-two.md (try again later; if the site is gone for good, cite an archived copy)",
        f"content/sources.yaml:7: archived-url: added https://web.archive.org/web/20240102101010/{urls['live']}",
        f"content/sources.yaml:16: archived-url: the archive has no copy of {urls['moved']}",
        f"content/sources.yaml:23: archived-url: added https://web.archive.org/web/20240301000000/{urls['gone']}",
        f"content/sources.yaml:33: archived-url: the archive has no copy of {urls['slow']}",
        f"content/sources.yaml:37: archived-url: the archive has no copy of {urls['refused']}",
        "Archived copies: 2 added to content/sources.yaml, 3 not found.",
    ]
    # Each snapshot was asked for near the day the page was read, else the day it appeared.
    asked = {params["url"]: params.get("timestamp") for params in map(dict, map(parse_qsl, [
        q for p, q, _, _ in web.requests if p == "/wayback/available"]))}  # fmt: skip
    assert asked == {
        urls["live"]: "20240102",
        urls["moved"]: "20230501",
        urls["gone"]: "20240304",
        urls["slow"]: None,
        urls["refused"]: None,
    }

    assert (content / "linkstatus.yaml").read_text(encoding="utf-8") == (
        "# Written by `pelican-timeline linkcheck`: what the last check found at each source's\n"
        "# address. The build marks a reference whose page was gone or had moved. A record whose\n"
        "# URL is no longer the source's is ignored. Statuses: ok, moved, gone, error, timeout, unreachable.\n"
        f"gone-page:\n  URL: {urls['gone']}\n  status: gone\n  checked: {TODAY}\n  http: 410\n"
        f"live-page:\n  URL: {urls['live']}\n  status: ok\n  checked: {TODAY}\n  http: 200\n"
        f"missing-page:\n  URL: {urls['missing']}\n  status: gone\n  checked: {TODAY}\n  http: 404\n"
        f"moved-page:\n  URL: {urls['moved']}\n  status: moved\n  checked: {TODAY}\n  http: 200\n"
        f"  final-url: {web.url('/new-home')}\n"
        f"refused-page:\n  URL: {urls['refused']}\n  status: unreachable\n  checked: {TODAY}\n"
        "  message: connection refused\n"
        f"slow-page:\n  URL: {urls['slow']}\n  status: timeout\n  checked: {TODAY}\n"
        "  message: no answer within 0.5 s\n"
    )
    # The two copies found were written in, after `accessed`; nothing else changed.
    assert (
        (content / "sources.yaml").read_text(encoding="utf-8")
        == f"""\
# Sources of a test timeline.
# Kept in the order they were read.

- id: live-page   # read first
  type: webpage
  title: A live page
  URL: {urls["live"]}
  accessed: 2024-01-02
  archived-url: https://web.archive.org/web/20240102101010/{urls["live"]}
  language: en
- id: moved-page
  type: article-newspaper
  title: A moved page
  author:
    - {{family: Doe, given: Jane}}
  issued: 2023-05
  URL: {urls["moved"]}
  language: en

# --- pages that went away
- id: gone-page
  type: webpage
  title: A gone page
  URL: {urls["gone"]}
  accessed: 2024-03-04   # before the site deleted it
  archived-url: https://web.archive.org/web/20240301000000/{urls["gone"]}
- id: missing-page
  type: webpage
  title: A missing page
  URL: {urls["missing"]}
  archived-url: https://web.archive.org/web/2020/{urls["missing"]}
- id: slow-page
  type: webpage
  title: A slow page
  URL: {urls["slow"]}
- id: refused-page
  type: webpage
  title: A refused page
  URL: {urls["refused"]}
"""
    )
    assert (content / "linkstatus.yaml").stat().st_mode & 0o777 == (
        content / "events" / "2024-two.md"
    ).stat().st_mode & 0o777  # as any file the user writes, not private to the owner
    # What the command wrote is read back by the checker without a problem.
    records, problems = parse_link_report(
        "linkstatus.yaml", (content / "linkstatus.yaml").read_bytes()
    )
    assert problems == [] and records["moved-page"].final_url == web.url("/new-home")


def test_linkcheck_refuses_content_with_problems(tmp_path, capsys):
    write_site(tmp_path, {"2024-two.md": EVENT_TWO}, sources="- id: x\n")
    (tmp_path / "pelicanconf.py").write_text(SETTINGS, encoding="utf-8")
    assert main(["linkcheck", "-s", str(tmp_path / "pelicanconf.py")]) == 1
    assert (
        "content/sources.yaml:1:3: error: type: missing required field (add 'type: article-newspaper')"
        in capsys.readouterr().err
    )
    assert not (tmp_path / "content" / "linkstatus.yaml").exists()


# --- the write-back on its own ------------------------------------------------------------------


def test_add_fields_puts_a_new_field_after_url_and_quotes_what_yaml_needs():
    text = "- id: a\n  title: A\n  URL: https://a.test/x\n  # a comment about the note\n  note: n\n"
    assert add_fields(text, {"a": {"archived-url": "https://b.test/a #b: c"}}) == (
        "- id: a\n  title: A\n  URL: https://a.test/x\n"
        "  archived-url: 'https://b.test/a #b: c'\n"
        "  # a comment about the note\n  note: n\n"
    )


def test_add_fields_keeps_a_value_already_there_and_refuses_a_record_without_url():
    text = "- id: a\n  title: A\n  URL: https://a.test/\n  archived-url: https://old.test/\n"
    assert add_fields(text, {"a": {"archived-url": "https://new.test/"}}) == text
    with pytest.raises(EditError, match=r"^b: has no URL to put the new field after$"):
        add_fields("- id: b\n  title: B\n", {"b": {"archived-url": "https://new.test/"}})


# --- the data file: validated, optional, and shown on the pages -----------------------------------


def problems_of(text, today=dt.date(2026, 3, 5)):
    return [str(p) for p in parse_link_report("content/linkstatus.yaml", text.encode(), today)[1]]


def test_a_bad_link_status_file_gets_clear_errors():
    assert problems_of("- a\n") == [
        "content/linkstatus.yaml:1:1: error: link status: must be a mapping of source ids (write 'source-id:' then its fields indented; run the link check to rewrite it)"
    ]
    assert problems_of(
        "a:\n  URL: ftp://x.test/\n  status: gonne\n  checked: 2026-03-09\n  http: 4040\n"
        "  extra: 1\nb:\n  URL: https://b.test/\n  status: moved\n  checked: 2026-03\n"
        "c: ok\n"
    ) == [
        "content/linkstatus.yaml:2:8: error: URL: 'ftp://x.test/' is not an http(s) URL (links must start with https:// or http://)",
        "content/linkstatus.yaml:3:11: error: status: unknown status 'gonne' (did you mean 'gone'?)",
        "content/linkstatus.yaml:4:12: error: checked: 2026-03-09 is after today (2026-03-05) (the date of a check cannot be in the future)",
        "content/linkstatus.yaml:5:9: error: http: HTTP status '4040' must be a number from 100 to 599",
        "content/linkstatus.yaml:6:10: error: extra: unknown field 'extra' in a",
        "content/linkstatus.yaml:7:1: error: final-url: b moved, but its new address is missing (give final-url, the address the redirects ended at)",
        "content/linkstatus.yaml:10:12: error: checked: '2026-03' must be a single day (write it as 2024-02-28)",
        "content/linkstatus.yaml:11:4: error: c: must be a mapping of fields (indent URL, status and checked under the source id)",
    ]


LINK_STATUS = """\
trt-2021:
  URL: https://www.trtworld.com/article/1
  status: gone
  checked: 2026-03-02
  http: 404
astana-2023:
  URL: https://astanatimes.com/2023/11/plan/
  status: moved
  checked: 2026-03-02
  http: 200
  final-url: https://astanatimes.com/new/plan/
"""


def plain(path):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", path.read_text(encoding="utf-8")))


def test_pages_mark_a_gone_or_moved_page_and_show_the_archived_copy(site, tmp_path):
    content = site()
    (content / "linkstatus.yaml").write_text(LINK_STATUS, encoding="utf-8")
    output = tmp_path / "output"
    result = pelican_build(content, output)
    assert result.returncode == 0, result.stderr

    drones = plain(output / "events/2021-11-drones.html")
    assert (
        "Accessed 2 January 2024. Page gone when checked on 2 March 2026. Archived copy." in drones
    )
    assert (
        '<a href="https://web.archive.org/web/2021/https://www.trtworld.com/article/1">'
        "Archived copy</a>" in (output / "events/2021-11-drones.html").read_text(encoding="utf-8")
    )
    plan_html = (output / "events/2023-11-07-plan.html").read_text(encoding="utf-8")
    assert (
        'Page moved when checked on 2 March 2026: <a href="https://astanatimes.com/new/plan/">'
        "new address</a>." in plan_html
    )
    sources = plain(output / "sources.html")
    assert "Page gone when checked on 2 March 2026. Archived copy." in sources
    assert "Page moved when checked on 2 March 2026: new address." in sources


def test_a_record_of_an_older_address_is_ignored_and_no_file_is_fine(site, tmp_path):
    content = site()
    stale = LINK_STATUS.replace("https://www.trtworld.com/article/1", "https://old.test/1")
    (content / "linkstatus.yaml").write_text(stale, encoding="utf-8")
    result = pelican_build(content, tmp_path / "output")
    assert result.returncode == 0, result.stderr
    assert "Page gone" not in plain(tmp_path / "output" / "events/2021-11-drones.html")

    (content / "linkstatus.yaml").unlink()
    result = pelican_build(content, tmp_path / "output2")
    assert result.returncode == 0, result.stderr
    assert "Page moved" not in plain(tmp_path / "output2" / "sources.html")


def test_a_bad_link_status_file_stops_the_build_with_its_line(site, tmp_path):
    content = site()
    (content / "linkstatus.yaml").write_text(
        LINK_STATUS.replace("status: gone", "status: dead"), encoding="utf-8"
    )
    result = pelican_build(content, tmp_path / "output")
    assert result.returncode == 1
    assert (
        "content/linkstatus.yaml:3:11: error: status: unknown status 'dead' (one of: ok, moved, gone, "
        "error, timeout, unreachable)" in result.stderr
    )
    assert not (tmp_path / "output" / "sources.html").exists()


def test_the_task_is_documented():
    assert "| `invoke linkcheck` |" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert "invoke linkcheck --archive" in (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def test_csl_json_carries_the_archived_copy_in_custom(site, tmp_path):
    result = pelican_build(site(), tmp_path / "output")
    assert result.returncode == 0, result.stderr
    items = json.loads((tmp_path / "output" / "sources.json").read_text(encoding="utf-8"))
    trt = next(item for item in items if item["id"] == "trt-2021")
    assert "archived-url" not in trt
    assert trt["custom"] == {
        "archived-url": "https://web.archive.org/web/2021/https://www.trtworld.com/article/1"
    }
