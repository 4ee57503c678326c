"""The benchmark runs end to end on 100 events and reports every figure (no timing is judged
here: figures are compared as ratios in benchmarks/README.md)."""

import json

from conftest import ROOT, run_python

KEYS = {"events", "build_s", "vanilla_build_s", "warm_rebuild_s", "check_s", "peak_rss_mb",
        "home_gzip_kb", "output_mb", "build_vs_vanilla", "warm_vs_cold",
        "warm_files_written"}  # fmt: skip


def test_benchmark_at_100_events(tmp_path):
    report = tmp_path / "bench.json"
    result = run_python(
        str(ROOT / "benchmarks" / "bench.py"),
        "--events",
        "100",
        "--repeat",
        "1",
        "--json",
        str(report),
    )
    assert result.returncode == 0, result.stderr
    figures = json.loads(report.read_text())
    assert set(figures) >= KEYS and figures["events"] == 100
    assert all(figures[k] > 0 for k in KEYS)
    assert "build ÷ vanilla" in result.stdout and "home page, gzip (KB)" in result.stdout


def test_search_benchmark_compares_two_builds(tmp_path, browser):
    """search_bench.py end to end on 60 events, this tree against itself (HEAD)."""
    report = tmp_path / "search.json"
    result = run_python(
        str(ROOT / "benchmarks" / "search_bench.py"),
        *("--events", "60", "--before", "HEAD", "--body-words", "0", "--repeat", "1"),
        *("--json", str(report)),
    )
    assert result.returncode == 0, result.stderr
    rows = json.loads(report.read_text())
    assert [r["build"] for r in rows][1:] == ["after", "after, body 0 words"]
    assert rows[0]["build"].startswith("before (")
    assert all(r["ready_s"] > 0 and r["answer_median_ms"] >= 0 for r in rows)
    assert rows[2]["scripts_kb"] < rows[1]["scripts_kb"]  # no body text: a smaller index
    assert "| 60 | after |" in result.stdout
