import pytest

from pelican.plugins.timeline.frontmatter import EntryError, parse_entry

GOOD = b"---\ntitle: A\ncountries: [TR, NO]\ncode: 012\ndate: 2021-11\n---\nBody [@x].\n"


def test_values_stay_the_strings_written():
    fields, body, body_line = parse_entry("e.md", GOOD)
    assert fields["countries"] == ["TR", "NO"]  # not False: YAML 1.1 would read NO as false
    assert fields["code"] == "012"  # not 10
    assert fields["date"] == "2021-11"  # not a date object
    assert body == "Body [@x].\n" and body_line == 7


def test_every_value_knows_its_line():
    fields, _, _ = parse_entry("e.md", GOOD)
    assert fields.key_lines == {"title": 2, "countries": 3, "code": 4, "date": 5}
    assert fields["countries"][1].line == 3


def test_crlf_and_bom_are_valid():
    fields, body, _ = parse_entry("e.md", b"\xef\xbb\xbf" + GOOD.replace(b"\n", b"\r\n"))
    assert fields["title"] == "A" and body == "Body [@x].\n"


@pytest.mark.parametrize(
    ("raw", "line", "col", "message"),
    [
        (b"", 1, 1, "file is empty"),
        (b"title: A\n", 1, 1, "does not start with front matter"),
        (b"---\ntitle: A\n", 1, 1, "not closed"),
        (b"---\ntitle: A\nbad: [x\n---\n", 3, 6, "malformed YAML"),  # the unclosed [
        (b"---\ntitle: A\n\tdate: 2021\n---\n", 3, 1, "malformed YAML"),
        (b"---\ntitle: A\ntitle: B\n---\n", 3, 1, "given twice"),
        (b"---\na: &x [1, 2]\nb: *x\n---\n", 3, 4, "aliases"),
        (b"---\n- a\n- b\n---\n", 2, 1, "must be a mapping"),
        (b"---\ntitle: caf\xe9\n---\n", 2, 11, "not valid UTF-8"),  # the bad byte
    ],
)
def test_broken_front_matter_names_the_line_and_column(raw, line, col, message):
    with pytest.raises(EntryError) as caught:
        parse_entry("content/events/x.md", raw)
    problem = caught.value.problem
    assert (problem.path, problem.line, problem.col) == ("content/events/x.md", line, col)
    assert message in problem.message
    assert str(problem).startswith(f"content/events/x.md:{line}:{col}: error: front matter: ")


def test_alias_bomb_is_refused_quickly():
    lines = ["---", "a0: [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]" for i in range(1, 12)]
    lines[1] = "a0: &a0 [x, x, x, x, x, x, x, x, x]"
    raw = ("\n".join(lines) + "\n---\n").encode()
    with pytest.raises(EntryError, match="aliases"):
        parse_entry("bomb.md", raw)


def test_an_unquoted_null_is_no_value_and_a_quoted_one_is_a_word():
    from pelican.plugins.timeline.frontmatter import load_yaml

    values = load_yaml("a: ~\nb: null\nc: \"null\"\nd: '~'\ne: [~, NULL]\n")
    assert values == {"a": "", "b": "", "c": "null", "d": "~", "e": ["", ""]}
