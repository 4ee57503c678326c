"""Citations and Markdown rendering on an event page."""

from pelican.plugins.timeline.bibliography import Source
from pelican.plugins.timeline.citations import find_groups
from pelican.plugins.timeline.render import Renderer

SOURCES = {
    key: Source(id=key, type="webpage", title=f"Title {key}", line=1, url=f"https://x.org/{key}")
    for key in ("a", "b", "c")
}


def test_citations_are_numbered_in_order_of_first_use():
    renderer = Renderer(SOURCES)
    html = renderer.markdown("One [@b]. Two [@a; @b, p. 3]. Three [@b].")
    assert '<a href="#ref-1" aria-label="Source 1: Title b">1</a>' in html
    assert '[<a href="#ref-2" aria-label="Source 2: Title a">2</a>; <a href="#ref-1"' in html
    assert "1</a>, p. 3]</sup>" in html
    assert [(r.number, r.source.id) for r in renderer.references()] == [(1, "b"), (2, "a")]


def test_numbering_continues_from_body_to_note_and_milestones():
    renderer = Renderer(SOURCES)
    renderer.markdown("Body [@c].")
    note = renderer.markdown("Note [@a] and [@c].")
    marks = renderer.key_marks(["b"])
    assert 'href="#ref-2"' in note and 'href="#ref-1"' in note
    assert 'href="#ref-3"' in marks
    assert [r.source.id for r in renderer.references()] == ["c", "a", "b"]


def test_citation_syntax():
    groups, errors = find_groups(
        "A [@a]. B [@a, pp. 3-4; @b]. Link [text](https://x.org/@a). Mail [me@example.org]. "
        "Code `[@a]`. Escaped \\[@a]. Broken [see @a]. Across [@a;\n@b]."
    )
    assert [[(c.key, c.locator) for c in g.items] for g in groups] == [
        [("a", "")],
        [("a", "pp. 3-4"), ("b", "")],
        [("a", ""), ("b", "")],
    ]
    assert [e.text for e in errors] == ["[see @a]"]


def test_raw_html_and_dangerous_links_are_removed():
    renderer = Renderer(SOURCES)
    html = renderer.markdown(
        '<script>alert(1)</script><p onclick="x()">Hi</p> [x](javascript:alert(1)) '
        '<img src=x onerror=alert(1)> <a href="data:text/html,x">d</a> [ok](https://ok.org) [@a]'
    )
    assert "<script" not in html and "alert(1)" not in html.replace("javascript", "")
    assert "onclick" not in html and "<img" not in html
    assert "javascript:" not in html and "data:" not in html
    assert '<a href="https://ok.org" rel="noopener noreferrer">ok</a>' in html
    assert 'href="#ref-1"' in html


def test_markdown_is_rendered():
    html = Renderer(SOURCES).markdown("Some *emphasis* and a list:\n\n- one\n- two")
    assert "<em>emphasis</em>" in html and "<li>one</li>" in html


def test_a_bodys_headings_sit_under_the_page_title_whatever_level_they_start_at():
    from pelican.plugins.timeline.render import Renderer

    starts_at_two = Renderer({}).markdown("## Background\n\nText.\n\n### Detail\n\nMore.\n")
    assert "<h2>Background</h2>" in starts_at_two and "<h3>Detail</h3>" in starts_at_two
    starts_at_one = Renderer({}).markdown("# Background\n\nText.\n")
    assert "<h2>Background</h2>" in starts_at_one and "<h1>" not in starts_at_one
