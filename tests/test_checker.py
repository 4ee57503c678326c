"""Every problem the checker reports, all at once: ``path:line:col: error: field: problem
(hint)``, or as GitHub Actions annotations, or as JSON."""

import json
import re

import pytest

from conftest import DEMO, EVENT_A, ROOT, SETTINGS, SOURCES, copy_demo, run_python
from pelican.plugins.timeline import cli
from pelican.plugins.timeline import content as content_module
from pelican.plugins.timeline.content import load_timeline
from pelican.plugins.timeline.problems import ContentError


def problems_of(content):
    with pytest.raises(ContentError) as caught:
        load_timeline(content, SETTINGS)
    return [str(p) for p in caught.value.problems]


def entry(**fields):
    body = fields.pop("_body", "Text [@astana-2023].")
    values = {
        "title": "A title",
        "date": "2023-11-07",
        "countries": "[TR, KZ]",
        "type": "agreement",
        "summary": "One sentence.",
        "sources": "[astana-2023]",
    }
    values.update(fields)
    head = "\n".join(f"{k}: {v}" for k, v in values.items() if v is not None)
    return f"---\n{head}\n---\n{body}\n"


def test_valid_content_loads(site):
    timeline = load_timeline(site(), SETTINGS)
    assert [e.slug for e in timeline.events] == ["2021-11-drones", "2023-11-07-plan"]


def test_missing_required_field(site):
    content = site({"2023-11-07-x.md": entry(summary=None)})
    assert (
        "content/events/2023-11-07-x.md:2:1: error: summary: missing required field (add 'summary: "
        in (problems_of(content)[0])
    )


def test_unknown_field_suggests_the_known_one(site):
    content = site({"2023-11-07-x.md": entry(contries="[TR]")})
    assert problems_of(content) == [
        "content/events/2023-11-07-x.md:8:1: error: contries: unknown field (did you mean 'countries'?)"
    ]


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("November 2023", "date: 'November 2023' is not a valid EDTF date (write an EDTF date"),
        ("2023-02-30", "date: 2023-02-30 is not a real date: February 2023 has 28 days"),
        ("2023-XX", "date: '2023-XX' is not supported"),
    ],
)
def test_invalid_dates(site, date, message):
    content = site({"2023-11-07-x.md": entry(date=date)})
    found = problems_of(content)
    assert any(f"content/events/2023-11-07-x.md:3:7: error: {message}" in p for p in found), found


def test_unknown_country_suggests_a_code(site):
    content = site({"2023-11-07-x.md": entry(countries="[TR, Kazakstan, XX]")})
    assert problems_of(content) == [
        "content/events/2023-11-07-x.md:4:17: error: countries: unknown country or organisation "
        "'Kazakstan' (did you mean KZ (Kazakhstan)?)",
        "content/events/2023-11-07-x.md:4:28: error: countries: unknown country or "
        "organisation 'XX' "
        "(use an ISO 3166-1 alpha-2 code such as FR)",
    ]


def test_no_means_norway(site):
    content = site({"2023-11-07-x.md": entry(countries="[TR, NO]")})
    timeline = load_timeline(content, SETTINGS)
    assert timeline.events[-1].countries == ("TR", "NO")
    assert timeline.place("NO").name == "Norway"


def test_unknown_source_in_the_list_and_in_a_citation(site):
    content = site(
        {"2023-11-07-x.md": entry(sources="[astana-2023, astana-2024]", _body="A [@astana-2032].")}
    )
    found = problems_of(content)
    assert (
        "content/events/2023-11-07-x.md:7:24: error: sources: unknown source 'astana-2024' "
        "(did you mean 'astana-2023'?)" in found
    )
    assert any(
        p.startswith(
            "content/events/2023-11-07-x.md:9:3: error: body: cites unknown source 'astana-2032'"
        )
        for p in found
    ), found


def test_a_listed_source_must_be_cited_and_a_cited_one_listed(site):
    content = site(
        {"2023-11-07-x.md": entry(sources="[astana-2023, trt-2021]", _body="Only [@astana-2023].")}
    )
    content2 = site({"2023-11-07-y.md": entry(_body="Uses [@trt-2021] too [@astana-2023].")})
    found = problems_of(content) + problems_of(content2)
    assert (
        "content/events/2023-11-07-x.md:7:24: error: sources: source 'trt-2021' is listed but never cited "
        "(cite it in the body as [@trt-2021], or remove it)" in found
    )
    assert (
        "content/events/2023-11-07-y.md:9:6: error: body: cites 'trt-2021', which is not in 'sources' "
        "(add trt-2021 to 'sources')" in found
    )


def test_a_broken_citation_is_reported(site):
    content = site({"2023-11-07-x.md": entry(_body="Line one.\nSee [@astana-2023 and more].")})
    found = problems_of(content)
    assert any(
        p.startswith("content/events/2023-11-07-x.md:10:5: error: body: cannot read citation")
        for p in found
    ), found


def test_duplicate_slugs(site):
    content = site({"sub/2023-11-07-plan.md": EVENT_A})
    assert problems_of(content) == [
        "content/events/sub/2023-11-07-plan.md: error: file name: slug '2023-11-07-plan' is also used "
        "by content/events/2023-11-07-plan.md (rename one of the two files)"
    ]


def test_file_name_must_match_the_date(site):
    content = site({"2023-11-09-x.md": entry()})
    assert problems_of(content) == [
        "content/events/2023-11-09-x.md:3:7: error: file name: file name starts with 2023-11-09 but the "
        "date is 2023-11-07 (rename it to start with 2023-11-07-)"
    ]


def test_duplicate_source_ids_and_bad_urls(site):
    sources = SOURCES + (
        "- id: astana-2023\n  type: webpage\n  title: Again\n"
        "- id: bad\n  type: webpage\n  title: Bad\n  URL: javascript:alert(1)\n"
        "- id: ftp\n  type: webpage\n  title: Ftp\n  URL: ftp://example.org/x\n"
    )
    found = problems_of(site(sources=sources))
    assert found == [
        "content/sources.yaml:19:7: error: id: source id 'astana-2023' is defined twice (first on line 1) "
        "(give each source its own id, or merge the two)",
        "content/sources.yaml:25:8: error: URL: 'javascript:alert(1)' is not an http(s) URL "
        "(links must start with https:// or http://)",
        "content/sources.yaml:29:8: error: URL: 'ftp://example.org/x' is not an http(s) URL "
        "(links must start with https:// or http://)",
    ]


def test_unknown_source_field_and_type(site):
    sources = SOURCES + "- id: c\n  type: newspaper\n  title: C\n  containr-title: X\n"
    found = problems_of(site(sources=sources))
    assert (
        "content/sources.yaml:22:3: error: containr-title: unknown field (did you mean 'container-title'?)"
        in found
    )
    assert any("type: unknown CSL type 'newspaper'" in p for p in found)


def test_a_source_no_event_cites(site):
    sources = SOURCES + "- id: lonely\n  type: webpage\n  title: Lonely\n"
    assert problems_of(site(sources=sources)) == [
        "content/sources.yaml:19:3: error: id: source 'lonely' is not cited by any event "
        "(cite it from an entry, or remove it)"
    ]


def test_invalid_utf8_names_the_line(site):
    raw = entry().replace("A title", "A tïtle").encode("latin-1")
    found = problems_of(site({"2023-11-07-x.md": raw}))
    assert found[0].startswith(
        "content/events/2023-11-07-x.md:2:11: error: front matter: file is not valid UTF-8"
    )


def test_malformed_yaml_names_its_line(site):
    found = problems_of(site({"2023-11-07-x.md": entry(countries="[TR, KZ")}))
    assert found[0].startswith(
        "content/events/2023-11-07-x.md:4:12: error: front matter: malformed YAML"
    )


def test_crlf_bom_and_turkish_text_are_valid(site):
    text = "\ufeff" + entry(title='"Güler ile görüşme: Türkiye"').replace("\n", "\r\n")
    timeline = load_timeline(site({"2023-11-07-x.md": text}), SETTINGS)
    assert timeline.events[-1].title == "Güler ile görüşme: Türkiye"


def test_people_and_milestones_are_checked(site):
    content = site(
        {
            "2023-11-07-x.md": entry(
                people="\n  - {name: A, rol: Minister, country: Turkey}",
                milestones="\n  - {date: 2023-11-01, label: signed, sources: [astana-2023]}"
                "\n  - {date: 2023-13, label: ratified, sources: [trt-2021]}",
            )
        }
    )
    found = problems_of(content)
    assert (
        "content/events/2023-11-07-x.md:9:5: error: people: unknown person field 'rol' (did you mean 'role'?)"
        in found
    )
    assert any(
        "milestones: milestone 'signed' (2023-11-01) is before the entry's date" in p for p in found
    )
    assert any(
        ":12:12: error: milestones: milestone date: '2023-13' is not a valid EDTF date" in p
        for p in found
    )


def test_every_problem_is_reported_at_once(site):
    content = site(
        {
            "2023-11-07-x.md": entry(date="someday", contries="[TR]"),
            "2023-11-07-y.md": entry(type="meeting"),
            "2023-11-07-z.md": b"no front matter",
        }
    )
    found = problems_of(content)
    assert len(found) == 4, found
    assert (
        "content/events/2023-11-07-y.md:5:7: error: type: unknown type 'meeting' (one of: agreement, visit)"
        in found
    )


def test_unknown_setting_is_reported(site):
    with pytest.raises(ContentError, match="TIMELINE_TYPE: unknown setting"):
        load_timeline(site(), {**SETTINGS, "TIMELINE_TYPE": {}})


def test_check_command_prints_every_problem_and_exits_1(site, tmp_path):
    content = site({"2023-11-07-x.md": entry(countries="[Kazakstan]")})
    (tmp_path / "conf.py").write_text(f"TIMELINE_TYPES = {SETTINGS['TIMELINE_TYPES']!r}\n")
    result = run_python(
        "-m", "pelican.plugins.timeline", "check", "-s", "conf.py", str(content), cwd=tmp_path
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (
        "content/events/2023-11-07-x.md:4:13: error: countries: unknown country or organisation "
        "'Kazakstan' (did you mean KZ (Kazakhstan)?)" in result.stderr
    )
    assert result.stderr.strip().endswith("1 problem in 1 file; nothing was written.")


def documented_problem_matcher() -> re.Pattern:
    """The regular expression of the VS Code task in CONTRIBUTING.md, as VS Code reads it."""
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    block = next(b for b in re.findall(r"```json\n(.*?)```", text, re.S) if "problemMatcher" in b)
    matcher = json.loads(block)["tasks"][0]["problemMatcher"]
    assert matcher["pattern"]["file"] == 1 and matcher["pattern"]["column"] == 3
    return re.compile(matcher["pattern"]["regexp"])


# The $gcc matcher of VS Code's C/C++ extension (ms-vscode.cpptools, package.json).
GCC_MATCHER = re.compile(r"^(.*?):(\d+):(\d*):?\s+(?:fatal\s+)?(warning|error):\s+(.*)$")
# A GitHub Actions workflow command: ::error file=F,line=L,col=C,title=T::message
ANNOTATION = re.compile(r"^::(error|warning|notice) ((?:[a-z]+=[^,:]*)(?:,[a-z]+=[^,:]*)*)::(.*)$")

BAD = {
    "2023-11-07-x.md": entry(countries="[TR, UK]"),
    "2023-11-07-y.md": entry(date="2023-02-30", summary=None, sumary="typo"),
}


def check_command(tmp_path, content, *flags):
    (tmp_path / "conf.py").write_text(f"TIMELINE_TYPES = {SETTINGS['TIMELINE_TYPES']!r}\n")
    return run_python("-m", "pelican.plugins.timeline", "check", "-s", "conf.py", *flags,
                      str(content), cwd=tmp_path)  # fmt: skip


def test_every_problem_line_is_read_by_an_editors_problem_matcher(site, tmp_path):
    result = check_command(tmp_path, site(BAD))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()[-5:]
    assert lines[-1] == "4 problems in 2 files; nothing was written."
    assert all(GCC_MATCHER.match(line) for line in lines[:-1])
    matched = [documented_problem_matcher().match(line).groups() for line in lines[:-1]]
    assert matched == [
        ("content/events/2023-11-07-x.md", "4", "17", "error",
         "countries: unknown country or organisation 'UK' (did you mean GB (United Kingdom)?)"),
        ("content/events/2023-11-07-y.md", "2", "1", "error",
         "summary: missing required field (add 'summary: The two ministers signed the agreement in the capital.')"),
        ("content/events/2023-11-07-y.md", "3", "7", "error",
         "date: 2023-02-30 is not a real date: February 2023 has 28 days (check the day and "
         "month)"),
        ("content/events/2023-11-07-y.md", "7", "1", "error",
         "sumary: unknown field (did you mean 'summary'?)"),
    ]  # fmt: skip


def test_github_format_prints_annotations_with_file_line_and_column(site, tmp_path):
    result = check_command(tmp_path, site(BAD), "--format", "github")
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    assert lines[-1] == "4 problems in 2 files; nothing was written."
    annotations = [ANNOTATION.match(line).groups() for line in lines[:-1]]
    properties = [dict(p.split("=", 1) for p in where.split(",")) for _, where, _ in annotations]
    assert properties[0] == {"file": "content/events/2023-11-07-x.md", "line": "4", "col": "17",
                             "title": "countries"}  # fmt: skip
    assert annotations[0][2] == (
        "unknown country or organisation 'UK' (did you mean GB (United Kingdom)?)"
    )
    assert [p["line"] for p in properties] == ["4", "2", "3", "7"]
    assert {kind for kind, _, _ in annotations} == {"error"}


def test_github_annotations_escape_what_the_runner_would_misread():
    from pelican.plugins.timeline.problems import Problem, github_annotation

    problem = Problem("a,b:c.md", 3, "title", "50% done\nsecond line", "a, b: c", col=2)
    assert github_annotation(problem) == (
        "::error file=a%2Cb%3Ac.md,line=3,col=2,title=title::50%25 done%0Asecond line (a, b: c)"
    )


def test_json_format_is_one_document_for_tools(site, tmp_path):
    result = check_command(tmp_path, site(BAD), "--format", "json")
    assert result.returncode == 1
    document = json.loads(result.stdout)
    assert document["version"] == 1 and document["ok"] is False and document["files"] == 2
    assert document["problems"][0] == {
        "path": "content/events/2023-11-07-x.md", "line": 4, "column": 17, "severity": "error",
        "field": "countries", "message": "unknown country or organisation 'UK'",
        "hint": "did you mean GB (United Kingdom)?",
    }  # fmt: skip
    assert len(document["problems"]) == 4


def test_json_format_of_clean_content(site, tmp_path):
    clean = check_command(tmp_path, site(), "--format", "json")
    assert clean.returncode == 0
    document = json.loads(clean.stdout)
    assert document == {"version": 1, "ok": True, "problems": [], "files": 0, "events": 2,
                        "sources": 2}  # fmt: skip


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("UK", "did you mean GB (United Kingdom)?"),
        ("Britain", "did you mean GB (United Kingdom)?"),
        ("Russia", "did you mean RU (Russian Federation)?"),
        ("Burma", "did you mean MM (Myanmar)?"),
        ("Kirghizia", "did you mean KG (Kyrgyzstan)?"),
        ("Persia", "did you mean IR (Iran)?"),
        ("KAZ", "did you mean KZ (Kazakhstan)?"),
        ("Kazakstan", "did you mean KZ (Kazakhstan)?"),
        ("Turkey", "did you mean TR (Türkiye)?"),
        ("ots", "did you mean OTS (Organisation of Turkic States)?"),
        ("Organization of Turkic States", "did you mean OTS (Organisation of Turkic States)?"),
        ("EU", "use an ISO 3166-1 alpha-2 code such as FR"),  # not Réunion
        ("XY", "use an ISO 3166-1 alpha-2 code such as FR"),
    ],
)
def test_did_you_mean_a_country_or_organisation(site, written, hint):
    content = site({"2023-11-07-x.md": entry(countries=f"[TR, {written}]")})
    assert problems_of(content) == [
        f"content/events/2023-11-07-x.md:4:17: error: countries: unknown country or organisation "
        f"{written!r} ({hint})"
    ]


def test_check_command_passes_on_the_demo_site():
    result = run_python("-m", "pelican.plugins.timeline", "check", "-s", "pelicanconf.py", "content",
                        cwd=DEMO)  # fmt: skip
    assert result.returncode == 0, result.stderr
    events = len(list((DEMO / "content" / "events").glob("*.md")))
    sources = (DEMO / "content" / "sources.yaml").read_text("utf-8").count("\n- id: ")
    assert result.stdout == f"OK: {events} events, {sources} sources, no problems.\n"


def test_check_reads_again_only_the_entries_changed_since_the_build(tmp_path, monkeypatch, capsys):
    project = copy_demo(tmp_path / "project")
    settings = project / "pelicanconf.py"
    settings.write_text(settings.read_text("utf-8") + f"CACHE_PATH = {str(tmp_path / 'cache')!r}\n")
    assert cli.main(["check", "-s", str(settings), str(project / "content")]) == 0
    assert not (tmp_path / "cache").exists()  # check writes no cache of its own
    built = run_python("-m", "pelican", str(project / "content"), "-s", str(settings), "-o",
                       str(tmp_path / "output"), cwd=project)  # fmt: skip
    assert built.returncode == 0, built.stderr
    event = project / "content" / "events" / "2021-06-baltic-star-launched.md"
    event.write_text(event.read_text("utf-8").replace("into the water", "into the sea"), "utf-8")
    read, plain = [], content_module.entry_record
    monkeypatch.setattr(content_module, "entry_record",
                        lambda work, item: read.append(item[0]) or plain(work, item))  # fmt: skip
    capsys.readouterr()
    assert cli.main(["check", "-s", str(settings), str(project / "content")]) == 0
    assert read == ["content/events/2021-06-baltic-star-launched.md"]
    events = len(list((project / "content" / "events").glob("*.md")))
    assert capsys.readouterr().out.startswith(f"OK: {events} events,")
