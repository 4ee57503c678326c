"""A build that replaces the output folder only when it succeeded.

Pelican writes into a staging folder beside the output; the old site is swapped out only
after the whole new site is written, so a failed build leaves the last good site in place.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


class BuildFailed(Exception):
    def __init__(self, message: str, status: int = 1):
        super().__init__(message)
        self.status = status


def pelican_command(content: Path, settings: Path, output: Path) -> list[str]:
    return [sys.executable, "-m", "pelican", str(content), "-s", str(settings), "-o", str(output)]


def atomic_build(content: Path, settings: Path, output: Path, env: dict | None = None) -> Path:
    """Build with Pelican into a staging folder, then put it in place of ``output``."""
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}-", dir=output.parent))
    try:
        result = subprocess.run(
            pelican_command(Path(content), Path(settings), staging),
            env={**os.environ, **(env or {})},
            check=False,
        )
        if result.returncode != 0:
            raise BuildFailed(
                f"Build failed; {output.name}/ was left as it was.", result.returncode or 1
            )
        previous = output.with_name(f".{output.name}-previous")
        shutil.rmtree(previous, ignore_errors=True)
        if output.exists():
            output.rename(previous)
        staging.rename(output)
        shutil.rmtree(previous, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return output
