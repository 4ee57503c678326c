"""A second corpus: bad, hostile and awkward inputs, each a small site with its outcome.

Every case in corpus-robust/cases.yaml writes entries, data files and settings, then
either expects the checker's problems, quoted whole and in order, or expects the check to
pass and the built site to contain each given line ("needles").
"""

from __future__ import annotations

import contextlib
import io
from collections import Counter
from pathlib import Path

import pytest
import yaml
from pelican.settings import read_settings

from conftest import INLINE_SETTINGS, ORGANISATIONS, SOURCES, write_site
from pelican import Pelican
from pelican.plugins.timeline.content import load_timeline
from pelican.plugins.timeline.problems import ContentError

CASES = yaml.safe_load((Path(__file__).parent / "corpus-robust" / "cases.yaml").read_text("utf-8"))
FAMILIES = {"data-loss", "check-then-crash", "traceback", "misleading", "wrong-output"}


def site_settings(content: Path, output: Path, overrides: dict) -> dict:
    """The inline sites' settings (not the bundled site's), with these values changed."""
    settings_file = content.parent / "pelicanconf.py"
    settings_file.write_text(INLINE_SETTINGS, encoding="utf-8")
    return read_settings(
        str(settings_file),
        override={"PATH": str(content), "OUTPUT_PATH": str(output),
                  "CACHE_PATH": str(output.parent / "cache"), **overrides},
    )  # fmt: skip


def build_in_process(settings: dict) -> str:
    """Build as ``pelican`` would, in this process; return what it printed."""
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
        Pelican(settings).run()
    return printed.getvalue()


def write_case(tmp_path: Path, case: dict) -> Path:
    return write_site(
        tmp_path, case["events"], sources=case.get("sources", SOURCES),
        orgs=case.get("organisations", ORGANISATIONS),
    )  # fmt: skip


def test_the_corpus_has_sixty_cases_or_more_across_the_families():
    names = [case["name"] for case in CASES]
    assert len(names) == len(set(names)) and len(names) >= 60
    assert {case["family"] for case in CASES} == FAMILIES
    assert all(("expect" in case) != ("output" in case) for case in CASES)


def test_family_counts_are_reported():
    counts = Counter(case["family"] for case in CASES)
    assert sum(counts.values()) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_corpus_case(tmp_path, case):
    content = write_case(tmp_path, case)
    settings = site_settings(content, tmp_path / "output", case.get("settings", {}))
    if "expect" in case:
        with pytest.raises(ContentError) as caught:
            load_timeline(content, settings)
        assert [str(p) for p in caught.value.problems] == case["expect"]
        return
    load_timeline(content, settings)
    build_in_process(settings)
    for name, needles in case["output"].items():
        text = (tmp_path / "output" / name).read_text("utf-8")
        for needle in needles:
            assert needle in text, (name, needle)
    for name, needles in case.get("absent", {}).items():
        text = (tmp_path / "output" / name).read_text("utf-8")
        for needle in needles:
            assert needle not in text, (name, needle)
    for name, needles in case.get("absent", {}).items():
        text = (tmp_path / "output" / name).read_text("utf-8")
        for needle in needles:
            assert needle not in text, (name, needle)
