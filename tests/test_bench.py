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
