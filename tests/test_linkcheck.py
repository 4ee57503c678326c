"""The link check, against a small web on loopback: live, moved, gone, slow, refused, archived.

No test here touches the real network: every address is on 127.0.0.1 (tests/fake_web.py).
"""

import datetime as dt
import re

from conftest import pelican_build
from pelican.plugins.timeline.linkreport import parse_link_report

# --- the data file: validated, optional, and shown on the pages -----------------------------------


def problems_of(text, today=dt.date(2026, 3, 5)):
    return [str(p) for p in parse_link_report("content/linkstatus.yaml", text.encode(), today)[1]]


def test_a_bad_link_status_file_gets_clear_errors():
    assert problems_of("- a\n") == [
        "content/linkstatus.yaml:1: link status: must be a mapping of source ids (write 'source-id:' then its fields indented; run the link check to rewrite it)"
    ]
    assert problems_of(
        "a:\n  URL: ftp://x.test/\n  status: gonne\n  checked: 2026-03-09\n  http: 4040\n"
        "  extra: 1\nb:\n  URL: https://b.test/\n  status: moved\n  checked: 2026-03\n"
        "c: ok\n"
    ) == [
        "content/linkstatus.yaml:2: URL: 'ftp://x.test/' is not an http(s) URL (links must start with https:// or http://)",
        "content/linkstatus.yaml:3: status: unknown status 'gonne' (did you mean 'gone'?)",
        "content/linkstatus.yaml:4: checked: 2026-03-09 is after today (2026-03-05) (the date of a check cannot be in the future)",
        "content/linkstatus.yaml:5: http: HTTP status '4040' must be a number from 100 to 599",
        "content/linkstatus.yaml:6: extra: unknown field 'extra' in a",
        "content/linkstatus.yaml:7: final-url: b moved, but its new address is missing (give final-url, the address the redirects ended at)",
        "content/linkstatus.yaml:10: checked: '2026-03' must be a single day (write it as 2024-02-28)",
        "content/linkstatus.yaml:11: c: must be a mapping of fields (indent URL, status and checked under the source id)",
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
        "content/linkstatus.yaml:3: status: unknown status 'dead' (one of: ok, moved, gone, "
        "error, timeout, unreachable)" in result.stderr
    )
    assert not (tmp_path / "output" / "sources.html").exists()
