"""A corpus of bad and awkward entries, each with the outcome the checker must give."""

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SETTINGS, pelican_build, write_site
from pelican.plugins.timeline.content import load_timeline
from pelican.plugins.timeline.frontmatter import EntryError, parse_entry
from pelican.plugins.timeline.problems import ContentError

CORPUS = Path(__file__).parent / "corpus"
EXPECTED = yaml.safe_load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))
SOURCE = (
    "- id: corpus-source\n  type: webpage\n  title: A corpus source\n"
    "  URL: https://example.org/corpus\n"
)


def test_every_corpus_file_has_an_expected_outcome():
    assert sorted(EXPECTED) == sorted(p.name for p in CORPUS.glob("*.md"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_entry(tmp_path, name):
    content = write_site(tmp_path, {name: (CORPUS / name).read_bytes()}, sources=SOURCE)
    expected = EXPECTED[name]
    if expected == "ok":
        timeline = load_timeline(content, SETTINGS)
        assert [e.slug for e in timeline.events] == [name[:-3]]
        return
    with pytest.raises(ContentError) as caught:
        load_timeline(content, SETTINGS)
    found = [str(p) for p in caught.value.problems]
    assert len(found) == len(expected), found
    for line, start in zip(found, expected, strict=True):
        assert line.startswith(start), (line, start)


def test_the_awkward_but_valid_entries_build_cleanly_and_safely(tmp_path):
    valid = {n: (CORPUS / n).read_bytes() for n, outcome in EXPECTED.items() if outcome == "ok"}
    content = write_site(tmp_path, valid, sources=SOURCE)
    result = pelican_build(content, tmp_path / "output")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "output" / "events" / "2021-11-07-script-in-fields.html").read_text("utf-8")
    assert "<script>alert" not in page and "<img src=x" not in page and "<b>bold" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; in a title" in page
    assert "javascript:" not in page
    turkish = (tmp_path / "output" / "events" / "2023-11-07-turkish.html").read_text("utf-8")
    assert "Güler, Çatal Erdoğan ve Şahin: ığüşöç İĞÜŞÖÇ" in turkish
    assert "8–17 July 2024" in (tmp_path / "output" / "index.html").read_text("utf-8")


# Property-based: whatever the front matter holds, the checker answers with problems,
# never with a crash.
names = st.sampled_from(
    ["title", "date", "countries", "type", "summary", "sources", "tags", "people", "systems",
     "note", "milestones", "added", "updated", "x", "Title", "date "]
)  # fmt: skip
scalars = st.one_of(
    st.text(max_size=30), st.integers(), st.booleans(), st.none(), st.floats(allow_nan=False),
    st.sampled_from(["2021", "2021-11", "2021-02-30", "NO", "TR", "corpus-source", "[@x]"]),
)  # fmt: skip
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
front_matter = st.dictionaries(names, values, max_size=10)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(front_matter, st.text(max_size=200))
def test_random_front_matter_never_crashes_the_checker(tmp_path, fields, body):
    text = "---\n" + yaml.safe_dump(fields, allow_unicode=True) + "---\n" + body
    content = write_site(
        tmp_path, {"2021-x.md": text.encode("utf-8", "surrogatepass")}, sources=SOURCE
    )
    try:
        load_timeline(content, SETTINGS)
    except ContentError as error:
        for problem in error.problems:
            assert problem.path.endswith("2021-x.md") or problem.path.endswith("sources.yaml")
            assert problem.message


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_never_crash_the_front_matter_reader(raw):
    try:
        parse_entry("x.md", b"---\n" + raw)
    except EntryError as error:
        assert error.problem.line >= 1
