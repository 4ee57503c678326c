"""Faults injected into builds: whatever fails, output/ is the last good site or the new one.

Each test builds a small site, changes it, then builds again with one step made to fail:
raising, or killing the process on the spot (``os._exit``, as SIGKILL would), or failing
with a full disk or a refused permission. The output folder is compared byte for byte.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EVENT_A, EVENT_B, INLINE_SETTINGS, ROOT, pelican_build, run_python, write_site
from pelican.plugins.timeline import build
from pelican.plugins.timeline.build import BuildFailed, atomic_build

DRIVER = Path(__file__).with_name("fault_driver.py")
BOTH = {"2023-11-07-plan.md": EVENT_A, "2021-11-drones.md": EVENT_B}
NEW_TITLE = "Kazakhstan and Türkiye sign a revised plan"


def copy_project(folder: Path) -> Path:
    """The inline sites' settings, with a cache of its own (Pelican's default
    CACHE_PATH is relative to the working folder)."""
    settings = INLINE_SETTINGS + 'CACHE_PATH = "cache"\n'
    (folder / "pelicanconf.py").write_text(settings, encoding="utf-8")
    return folder


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".output-"))


@pytest.fixture
def project(tmp_path):
    """A project whose output/ holds a good site, and whose content was then edited.

    Returns (project folder, the old site, the site the edited content builds to)."""
    copy_project(tmp_path)
    content = write_site(tmp_path, BOTH)
    settings = tmp_path / "pelicanconf.py"
    atomic_build(content, settings, tmp_path / "output")
    old = tree(tmp_path / "output")
    plan = content / "events" / "2023-11-07-plan.md"
    plan.write_text(EVENT_A.replace("sign a plan", "sign a revised plan"), encoding="utf-8")
    expected = tmp_path / "expected"
    atomic_build(content, settings, expected / "output")
    new = tree(expected / "output")
    assert old != new and NEW_TITLE in new["index.html"].decode()
    return tmp_path, old, new


def driven(project_dir: Path, outer: str, inner: str, mode: str, output="output"):
    return subprocess.run(
        [sys.executable, str(DRIVER), "build", outer, inner, mode,
         str(project_dir / "content"), str(project_dir / "pelicanconf.py"),
         str(project_dir / output)],
        capture_output=True, text=True, cwd=project_dir,
    )  # fmt: skip


@pytest.mark.parametrize("mode", ["raise", "exit"])
@pytest.mark.parametrize("stage", ["reading", "pages", "exports"])
def test_a_build_killed_at_any_stage_leaves_the_last_good_site(project, stage, mode):
    folder, old, new = project
    result = driven(folder, "none", stage, mode)
    assert result.returncode != 0
    assert "Build failed; output/ was left as it was." in result.stderr
    assert tree(folder / "output") == old
    assert leftovers(folder) == []
    assert driven(folder, "none", "none", "none").returncode == 0
    assert tree(folder / "output") == new


@pytest.mark.parametrize("mode", ["raise", "exit"])
def test_a_build_killed_at_the_swap_leaves_one_site_and_the_next_build_recovers(project, mode):
    folder, old, new = project
    result = driven(folder, "exchange", "none", mode)
    assert result.returncode != 0
    assert tree(folder / "output") == old  # the exchange is one step: it did not happen
    assert driven(folder, "none", "none", "none").returncode == 0
    assert tree(folder / "output") == new
    assert leftovers(folder) == []


def test_where_no_exchange_exists_a_kill_between_renames_is_repaired_by_the_next_build(project):
    folder, old, new = project
    result = driven(folder, "between-renames", "none", "exit")
    assert result.returncode == 137
    # Between the two renames the old site waits beside output/; the next build first
    # puts it back, then builds.
    assert not (folder / "output").exists() and tree(folder / ".output-previous") == old
    build.recover(folder / "output")
    assert tree(folder / "output") == old
    assert driven(folder, "none", "none", "none").returncode == 0
    assert tree(folder / "output") == new
    assert leftovers(folder) == []


@pytest.mark.parametrize(
    ("stage", "mode", "reason"),
    [
        ("exports", "enospc", "the file system is full"),
        ("pages", "enospc", "the file system is full"),
        ("exports", "eacces", "permission denied"),
    ],
)
def test_a_full_disk_or_a_refused_write_is_one_clear_line(project, stage, mode, reason):
    folder, old, _ = project
    result = driven(folder, "none", stage, mode)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    lines = [line for line in result.stderr.splitlines() if line.startswith("timeline:")]
    assert len(lines) == 1 and lines[0].startswith("timeline: could not write the site: ")
    assert lines[0].endswith(f": {reason}")
    assert tree(folder / "output") == old
    assert leftovers(folder) == []


def test_a_refused_swap_is_one_clear_line(project):
    folder, old, _ = project
    result = driven(folder, "exchange", "none", "eacces")
    assert result.returncode == 1
    assert result.stderr.startswith("Build failed: ")
    assert result.stderr.strip().endswith(": permission denied; output/ was left as it was.")
    assert tree(folder / "output") == old
    assert leftovers(folder) == []


def test_three_builds_at_once_into_one_output_leave_one_whole_site(tmp_path):
    copy_project(tmp_path)
    settings = tmp_path / "pelicanconf.py"
    sites, contents = [], []
    for number in range(3):
        content = write_site(
            tmp_path / f"site{number}",
            {**BOTH, "2023-11-07-plan.md": EVENT_A.replace("sign a plan", f"sign plan {number}")},
        )
        atomic_build(content, settings, tmp_path / f"site{number}" / "output")
        sites.append(tree(tmp_path / f"site{number}" / "output"))
        contents.append(content)
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "pelican.plugins.timeline",
                "build",
                "-s",
                str(settings),
                "-o",
                str(tmp_path / "output"),
                str(content),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=tmp_path,
        )
        for content in contents
    ]
    for process in processes:
        _, errors = process.communicate(timeout=300)
        assert process.returncode == 0, errors
    assert tree(tmp_path / "output") in sites
    assert leftovers(tmp_path) == []


def test_a_symlinked_output_gets_the_new_site_at_its_target(tmp_path):
    copy_project(tmp_path)
    content = write_site(tmp_path, BOTH)
    web_root = tmp_path / "srv" / "www"
    web_root.mkdir(parents=True)
    (tmp_path / "output").symlink_to(web_root, target_is_directory=True)
    for title in ("sign a plan", "sign a second plan"):
        (content / "events" / "2023-11-07-plan.md").write_text(
            EVENT_A.replace("sign a plan", title), encoding="utf-8"
        )
        atomic_build(content, tmp_path / "pelicanconf.py", tmp_path / "output")
        assert (tmp_path / "output").is_symlink()
        assert os.readlink(tmp_path / "output") == str(web_root)
        assert title in (web_root / "index.html").read_text("utf-8")
    assert sorted(p.name for p in web_root.parent.iterdir()) == [".www.lock", "www"]


def test_an_output_that_is_a_file_is_refused_and_kept(tmp_path):
    copy_project(tmp_path)
    content = write_site(tmp_path, BOTH)
    (tmp_path / "output").write_text("not a folder", encoding="utf-8")
    with pytest.raises(BuildFailed) as caught:
        atomic_build(content, tmp_path / "pelicanconf.py", tmp_path / "output")
    assert str(caught.value) == (
        f"{tmp_path / 'output'} is a file, not a folder; move it away or choose another "
        "output folder"
    )
    assert (tmp_path / "output").read_text("utf-8") == "not a folder"


def test_a_read_only_output_is_refused_before_building(tmp_path, monkeypatch):
    # The tests may run as root, whom no file mode stops: the check itself is exercised.
    (tmp_path / "output").mkdir()
    real_access = os.access
    monkeypatch.setattr(
        build.os,
        "access",
        lambda path, mode: Path(path).name != "output" and real_access(path, mode),
    )
    with pytest.raises(BuildFailed) as caught:
        atomic_build(tmp_path / "content", tmp_path / "pelicanconf.py", tmp_path / "output")
    assert str(caught.value) == (
        f"{tmp_path / 'output'} is read-only; make it writable or choose another output folder"
    )
    assert caught.value.status == 2


@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o755), (0o027, 0o750), (0o002, 0o775)])
def test_the_site_follows_the_umask_as_pelicans_own_files_do(tmp_path, mask, mode):
    copy_project(tmp_path)
    content = write_site(tmp_path, BOTH)
    previous = os.umask(mask)
    try:
        atomic_build(content, tmp_path / "pelicanconf.py", tmp_path / "output")
    finally:
        os.umask(previous)
    assert (tmp_path / "output").stat().st_mode & 0o777 == mode
    assert (tmp_path / "output" / "index.html").stat().st_mode & 0o777 == mode & 0o666


def test_what_killed_builds_left_is_removed_by_the_next_build(tmp_path):
    copy_project(tmp_path)
    content = write_site(tmp_path, BOTH)
    for name in (".output-build-k1ll3d_x", ".output-previous", ".output-a1b2c3d4"):
        (tmp_path / name / "events").mkdir(parents=True)
    (tmp_path / ".output-notes").mkdir()  # not ours: kept
    atomic_build(content, tmp_path / "pelicanconf.py", tmp_path / "output")
    assert leftovers(tmp_path) == [".output-notes"]


def test_git_ignores_what_a_build_leaves_beside_output():
    names = [".output-build-k1ll3d_x/index.html", ".output-previous/x", ".output.lock"]
    result = subprocess.run(
        ["git", "check-ignore", "--no-index", *names], cwd=ROOT, capture_output=True, text=True
    )
    assert result.stdout.split() == names


def test_a_build_killed_after_writing_pages_leaves_no_stale_cache(tmp_path):
    """Plain ``pelican``: edit, build killed after the pages, undo: cached equals clean."""
    copy_project(tmp_path)
    content = write_site(tmp_path, BOTH)
    settings, output = tmp_path / "pelicanconf.py", tmp_path / "output"
    assert pelican_build(content, output, settings).returncode == 0
    plan = content / "events" / "2023-11-07-plan.md"
    plan.write_text(EVENT_A.replace("sign a plan", "sign a revised plan"), encoding="utf-8")
    killed = subprocess.run(
        [sys.executable, str(DRIVER), "pelican", "exports", "exit", str(content),
         "-s", str(settings), "-o", str(output)],
        capture_output=True, text=True, cwd=tmp_path,
    )  # fmt: skip
    assert killed.returncode == 137
    assert NEW_TITLE in (output / "index.html").read_text("utf-8")  # pages were written
    plan.write_text(EVENT_A, encoding="utf-8")  # the edit is undone
    assert pelican_build(content, output, settings).returncode == 0
    clean = tmp_path / "clean"
    result = run_python("-m", "pelican", str(content), "-s", str(settings), "-o", str(clean),
                        "-e", "TIMELINE_CACHE=false")  # fmt: skip
    assert result.returncode == 0
    assert tree(output) == tree(clean)


def test_a_cache_folder_that_is_a_file_costs_time_not_the_build(tmp_path):
    copy_project(tmp_path)
    content = write_site(tmp_path, BOTH)
    (tmp_path / "cache").write_text("not a folder", encoding="utf-8")
    result = pelican_build(content, tmp_path / "output", tmp_path / "pelicanconf.py")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert "timeline: cache not kept in" in result.stderr + result.stdout
    assert (tmp_path / "output" / "index.html").exists()


def test_errors_are_described_in_words():
    assert build.describe_os_error(OSError(errno.ENAMETOOLONG, "x", "a/b.html")) == (
        "a/b.html: a file name is too long for the file system"
    )
