"""Every page of the built site is valid HTML, by the Nu HTML checker (vnu)."""

import os
import shutil
import subprocess

import pytest

from conftest import ROOT, pelican_build

VNU = os.environ.get(
    "VNU_JAR", str(ROOT / ".tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar")
)


def vnu_errors(site) -> list[str]:
    if not (os.path.exists(VNU) and shutil.which("java")):
        if os.environ.get("REQUIRE_TOOLS"):
            pytest.fail(f"the Nu HTML checker ({VNU}) or java is missing and REQUIRE_TOOLS is set")
        pytest.skip("the Nu HTML checker is not installed (see .ci/run)")
    result = subprocess.run(
        ["java", "-jar", VNU, "--errors-only", "--skip-non-html", "--format", "gnu", "--stdout", str(site)],
        capture_output=True, text=True,
    )  # fmt: skip
    return [line for line in result.stdout.splitlines() if line.strip()]


def test_the_site_is_valid_html(bundled_site):
    assert vnu_errors(bundled_site) == []


def test_the_published_site_is_valid_html(tmp_path):
    output = tmp_path / "output"
    result = pelican_build(
        ROOT / "content", output, ROOT / "publishconf.py", env={"SITEURL": "https://timeline.test"}
    )
    assert result.returncode == 0, result.stderr
    assert vnu_errors(output) == []
