"""Safe and reproducible builds: CSP on every page, no script URLs, identical rebuilds,
a cache that never serves stale pages, and contributors' scaffolding."""

import hashlib
import json
import re

import pytest

from conftest import DEMO, PLUGIN, copy_demo, run_python
from sitecheck import parse


def files_of(folder):
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def build(content, output, cache, *extra, settings=DEMO / "pelicanconf.py"):
    flags = ["-e", f"CACHE_PATH={json.dumps(str(cache))}", *extra]
    result = run_python(
        "-m", "pelican", str(content), "-s", str(settings), "-o", str(output), *flags
    )
    assert result.returncode == 0, result.stderr
    return files_of(output)


def test_every_page_has_a_strict_content_security_policy(demo_site):
    for page in demo_site.rglob("*.html"):
        html = page.read_text("utf-8")
        policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
        assert policy, page
        default = re.search(r"default-src ('self'|'none')(;|$)", policy.group(1))
        assert default and "unsafe" not in policy.group(1), (page, policy.group(1))
        assert "<script>" not in html  # no inline script: only files of the site


def test_no_page_links_to_a_script_or_data_url(demo_site):
    for page in demo_site.rglob("*.html"):
        for link in parse(page).links:
            assert not link.strip().lower().startswith(("javascript:", "data:", "vbscript:")), (
                page,
                link,
            )


def test_assets_are_named_by_their_content(demo_site):
    home = (demo_site / "index.html").read_text("utf-8")
    for url in re.findall(r'(?:href|src)="\./(assets/[^"]+\.(?:css|js))"', home):
        path = demo_site / url
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:10]
        assert path.name.split(".")[-2] == digest, url
    assert not (demo_site / "assets" / "css" / "site.css").exists()


def test_two_builds_are_identical_byte_for_byte(tmp_path):
    first = build(
        DEMO / "content", tmp_path / "a", tmp_path / "cache-a", "-e", "TIMELINE_CACHE=false"
    )
    second = build(
        DEMO / "content", tmp_path / "b", tmp_path / "cache-b", "-e", "TIMELINE_CACHE=false"
    )
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_a_build_across_worker_processes_equals_a_one_process_build(tmp_path):
    def build_with(workers):
        result = run_python(
            "-m", "pelican", str(DEMO / "content"), "-s", str(DEMO / "pelicanconf.py"),
            "-o", str(tmp_path / workers), "--verbose",
            "-e", "TIMELINE_CACHE=false", f"TIMELINE_WORKERS={workers}", cwd=tmp_path,
            env={"COLUMNS": "250"},  # Pelican's log then keeps each message on one line
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        return " ".join((result.stdout + result.stderr).split()), files_of(tmp_path / workers)

    entries = len(list((DEMO / "content" / "events").glob("*.md")))
    one_log, one = build_with("1")
    two_log, two = build_with("2")
    assert f"timeline: read {entries} entries in 1 process(es)" in one_log
    assert f"timeline: read {entries} entries in 2 process(es)" in two_log
    written = re.search(r"timeline: wrote (\d+) pages in 2 process\(es\)", two_log)
    assert written and int(written[1]) > entries  # the events' pages and the listings
    assert one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []


def test_a_cached_build_equals_a_clean_build_after_settings_and_theme_change(tmp_path):
    project = copy_demo(tmp_path / "project")
    settings, cache = project / "pelicanconf.py", tmp_path / "cache"
    build(project / "content", tmp_path / "warm", cache, settings=settings)

    title = ["-e", 'TIMELINE_TITLE="A new heading"']
    cached = build(project / "content", tmp_path / "warm", cache, *title, settings=settings)
    clean = build(
        project / "content", tmp_path / "clean1", tmp_path / "none1", *title, settings=settings
    )
    assert cached == clean and "A new heading" in cached["index.html"].decode()

    # The theme overrides one of the plugin's templates: the cache must notice.
    base = project / "theme" / "templates" / "timeline" / "base.html"
    base.parent.mkdir(parents=True, exist_ok=True)
    original = (PLUGIN / "templates" / "base.html").read_text("utf-8")
    base.write_text(original.replace("Built with Pelican.", "Built anew."), "utf-8")
    event = project / "content" / "events" / "2021-06-baltic-star-launched.md"
    event.write_text(
        event.read_text("utf-8").replace("went into the water", "went into the sea"), "utf-8"
    )
    cached = build(project / "content", tmp_path / "warm", cache, *title, settings=settings)
    clean = build(
        project / "content", tmp_path / "clean2", tmp_path / "none2", *title, settings=settings
    )
    assert cached == clean
    assert "Built anew." in cached["events/1995-05-02-first-ferry-reaches-the-island.html"].decode()
    assert "went into the sea" in cached["events/2021-06-baltic-star-launched.html"].decode()

    event.rename(event.with_name("2021-06-baltic-star-floats.md"))
    cached = build(project / "content", tmp_path / "warm", cache, *title, settings=settings)
    assert "events/2021-06-baltic-star-floats.html" in cached
    assert "events/2021-06-baltic-star-launched.html" not in cached  # the old name's page is gone


def stamped(folder):
    """{file: (modification time, bytes)} of a built site."""
    return {
        p.relative_to(folder).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
        for p in folder.rglob("*")
        if p.is_file()
    }


def test_a_body_edit_rewrites_only_the_files_that_show_the_text(tmp_path):
    project = copy_demo(tmp_path / "project")
    settings, cache, site = project / "pelicanconf.py", tmp_path / "cache", tmp_path / "site"
    build(project / "content", site, cache, settings=settings)
    before = stamped(site)
    event = project / "content" / "events" / "2021-06-baltic-star-launched.md"
    event.write_text(
        event.read_text("utf-8").replace("went into the water", "slid into the water"), "utf-8"
    )
    warm = run_python(
        "-m", "pelican", str(project / "content"), "-s", str(settings), "-o", str(site),
        "-e", f"CACHE_PATH={json.dumps(str(cache))}", "--verbose", env={"COLUMNS": "250"},
    )  # fmt: skip
    assert warm.returncode == 0, warm.stderr
    after = stamped(site)
    # Only those pages are even made again (Pelican logs each page its writer is given),
    # besides Pelican's own About page, which Pelican makes on every build.
    made = re.findall(r'Writing "[^"]*?/site/([^"]+)"', warm.stdout + warm.stderr)
    assert sorted(made) == [
        "events/2021-06-baltic-star-launched.html", "pages/about.html", "search.html"
    ]  # fmt: skip

    changed = sorted(name for name in after if after[name] != before.get(name))
    [old_data] = [name for name in before if name.startswith("search-data.")]
    [new_data] = [name for name in after if name.startswith("search-data.")]
    # The event's page, the search data (named by its content) and the page naming it.
    assert changed == sorted(["events/2021-06-baltic-star-launched.html", new_data, "search.html"])
    assert old_data not in after and new_data != old_data
    assert "slid into the water" in after["events/2021-06-baltic-star-launched.html"][1].decode()
    clean = build(project / "content", tmp_path / "clean", tmp_path / "none", settings=settings)
    assert {name: data for name, (_, data) in after.items()} == clean


def test_a_cached_build_equals_a_clean_build_after_front_matter_and_sources_edits(tmp_path):
    project = copy_demo(tmp_path / "project")
    settings, cache = project / "pelicanconf.py", tmp_path / "cache"
    content = project / "content"
    build(content, tmp_path / "warm", cache, settings=settings)
    edits = [
        (content / "events" / "2021-06-baltic-star-launched.md",
         "summary: The Baltic Star was launched at the yard.",
         "summary: The Baltic Star was launched at the northern yard.", "the northern yard"),
        (content / "events" / "2021-06-baltic-star-launched.md", "tags: [shipyards]",
         "tags: [shipyards, launches]", '"launches"'),
        (content / "sources.yaml", "title: First ferry reaches the island at dawn",
         "title: First ferry reaches the island before dawn", "the island before dawn"),
    ]  # fmt: skip
    for number, (path, old, new, needle) in enumerate(edits):
        text = path.read_text("utf-8")
        assert old in text
        path.write_text(text.replace(old, new), "utf-8")
        cached = build(content, tmp_path / "warm", cache, settings=settings)
        clean = build(content, tmp_path / f"clean{number}", tmp_path / f"none{number}",
                      settings=settings)  # fmt: skip
        assert cached == clean, number
        assert any(needle.encode() in data for data in cached.values()), needle


def invoke(project, *args, stdin=""):
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-m", "invoke", *args], cwd=project, input=stdin,
                          capture_output=True, text=True)  # fmt: skip


def test_new_writes_a_named_entry_and_never_overwrites(tmp_path):
    project = copy_demo(tmp_path)
    flags = [
        "new",
        "--title",
        "Zürich talks: a plan",
        "--date",
        "2024-02",
        "--countries",
        "DK,SE",
        "--type",
        "sailing",
    ]
    first = invoke(project, *flags)
    assert first.returncode == 0, first.stderr
    path = project / first.stdout.strip()
    assert path.name == "2024-02-zurich-talks-a-plan.md"
    text = path.read_text("utf-8")
    assert 'title: "Zürich talks: a plan"' in text and "date: 2024-02" in text
    assert "countries: [DK, SE]" in text and "type: sailing" in text and "sources: []" in text

    path.write_text(text + "My own words.\n", "utf-8")
    again = invoke(project, *flags)
    assert again.returncode == 1 and "already exists; not overwritten" in again.stderr
    assert path.read_text("utf-8").endswith("My own words.\n")

    check = invoke(project, "check")
    assert check.returncode == 1
    assert (
        f"content/events/{path.name}:7:9: error: summary: is empty (it is required" in check.stderr
    )
    assert (
        f"content/events/{path.name}:16:10: error: sources: must be a non-empty list"
        in check.stderr
    )


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Kazakh–Turkish talks", "kazakh-turkish-talks"),  # en dash
        ("Navy—Army exercise", "navy-army-exercise"),  # em dash
        ("Визит министра обороны", "vizit-ministra-oborony"),
        ("Yaşar Güler in İzmir: ığüşöç ÇĞÖŞÜ", "yasar-guler-in-izmir-igusoc-cgosu"),
        ("Zürich talks: 50% & more", "zurich-talks-50-more"),
        ("S-400 deal", "s-400-deal"),
    ],
)
def test_new_entries_are_named_by_pelicans_slug_rules(title, slug):
    from pelican.settings import DEFAULT_CONFIG
    from pelican.utils import slugify as pelican_slugify

    from pelican.plugins.timeline.slugs import PELICAN_SLUG_SUBSTITUTIONS, slugify

    assert slugify(title) == slug
    assert tuple(DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"]) == PELICAN_SLUG_SUBSTITUTIONS
    assert slug == pelican_slugify(title, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])


def test_new_accepts_a_title_in_another_script(tmp_path):
    project = copy_demo(tmp_path)
    flags = ["--date", "2024-02", "--countries", "DK", "--type", "sailing"]
    made = invoke(project, "new", "--title", "Паром «Балтика» спущен на воду", *flags)
    assert made.returncode == 0, made.stderr
    assert made.stdout.strip() == "content/events/2024-02-parom-baltika-spushchen-na-vodu.md"


def test_new_checks_each_answer(tmp_path):
    project = copy_demo(tmp_path)
    bad = invoke(
        project,
        "new",
        "--title",
        "X",
        "--date",
        "2024-13",
        "--countries",
        "DK",
        "--type",
        "sailing",
    )
    assert bad.returncode == 2 and "'2024-13' is not a valid EDTF date" in bad.stderr
    bad = invoke(
        project,
        "new",
        "--title",
        "X",
        "--date",
        "2024",
        "--countries",
        "Danmark",
        "--type",
        "sailing",
    )
    assert bad.returncode == 2 and bad.stderr == (
        "new: countries: unknown country or organisation 'Danmark' (did you mean DK (Denmark)?)\n"
    )
    missing = invoke(project, "new", "--title", "X")
    assert missing.returncode == 2 and "--date is missing" in missing.stderr
    assert sorted((project / "content" / "events").glob("*-x.md")) == []


def test_livereload_rebuilds_on_save_and_keeps_the_last_good_site(tmp_path):
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    project = copy_demo(tmp_path)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "invoke", "livereload", "--port", str(port)],
                              cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)  # fmt: skip
    url = f"http://127.0.0.1:{port}/events/2021-06-baltic-star-launched.html"

    def page_when(condition, seconds=40):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                html = urllib.request.urlopen(url, timeout=2).read().decode()
                if condition(html):
                    return html
            except OSError:
                pass
            time.sleep(0.3)
        raise AssertionError("the page never showed the expected change")

    try:
        page_when(lambda html: "<h1>Baltic Star launched" in html)
        entry = project / "content" / "events" / "2021-06-baltic-star-launched.md"
        text = entry.read_text("utf-8")
        entry.write_text(text.replace("title: Baltic Star", "title: Edited, Baltic Star"), "utf-8")
        page_when(lambda html: "<h1>Edited, Baltic Star launched" in html)
        entry.write_text(text.replace("date: 2021-06", "date: 2021-06-45"), "utf-8")
        time.sleep(3)
        assert "<h1>Edited, Baltic Star launched" in page_when(lambda html: True)
    finally:
        server.terminate()
        log = server.communicate(timeout=10)[0].decode()
    assert "date: 2021-06-45 is not a real date: June 2021 has 30 days" in log


def test_new_writes_titles_the_checker_reads_back_and_refuses_what_it_would_refuse():
    import yaml

    from pelican.plugins.timeline.dates import parse_date
    from pelican.plugins.timeline.scaffold import ScaffoldError, check_answers, entry_text

    awkward = 'Back\\slash, "quotes", a tab\tand C:\\new\\table'
    _, text = entry_text(awkward, parse_date("2024-02"), ["DK"], "sailing")
    front = yaml.safe_load(text.split("---\n")[1])
    assert front["title"] == awkward

    class Places:
        def get(self, code):
            return code == "DK"

    long_title = "Long " * 80
    try:
        check_answers(long_title, "2024", "DK", "sailing", Places(), {"sailing": ()})
    except ScaffoldError as exc:
        assert str(exc) == "title: is 399 characters long; at most 200 (shorten it)"
    else:
        raise AssertionError("a title the checker refuses was accepted")
