"""The ``pelican-timeline`` command: check content, start an entry, start a new site.

    pelican-timeline check [-s pelicanconf.py] [--format text|github|json] [CONTENT]
    pelican-timeline build [-s pelicanconf.py] [-o OUTPUT] [CONTENT]
    pelican-timeline preview [-s pelicanconf.py] [-o OUTPUT] [--host H] [--port N] [CONTENT]
    pelican-timeline linkcheck [-s pelicanconf.py] [--archive] [--timeout S] [CONTENT]
    pelican-timeline new [--title T] [--date D] [--countries FR,DE] [--type T]
    pelican-timeline quickstart DIR [--title T]
    pelican-timeline docs [--check]

Each subcommand asks for what is missing when run in a terminal, and fails with a one-line
message and exit status 2 when it cannot ask. Nothing here overwrites a file.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from .nouns import plural
from .problems import FORMATS, ContentError

SETTINGS_HELP = "the site's Pelican settings file (default: pelicanconf.py)"


class CommandError(Exception):
    """A mistake in how a command was called: printed as one line, exit status 2."""


def site_settings(settings_file: str | Path | None, content: str | Path | None = None) -> dict:
    """The site's settings as Pelican reads them (PATH made absolute), or {} without a file.

    A content folder given on the command line replaces the settings' PATH, which then
    need not exist.
    """
    if not settings_file:
        return {}
    from pelican.settings import read_settings

    override = {"PATH": str(Path(content).resolve())} if content else None
    try:
        return read_settings(str(settings_file), override=override)
    except (ValueError, OSError, SyntaxError) as error:
        # Pelican refuses a PATH that does not exist with a ValueError (and a traceback).
        raise CommandError(f"{settings_file}: {error}") from None


def _settings_file(name: str) -> str | None:
    return name if Path(name).is_file() else None


def ask(name: str, question: str, value: str, interactive: bool) -> str:
    if value:
        return value
    if not interactive:
        raise CommandError(f"--{name} is missing (run in a terminal to be asked)")
    return input(question).strip()


# --- check ---------------------------------------------------------------------------------


def check_cache(settings: dict):
    """The build's cache, read only, when the site keeps one: unchanged entries are not
    read again. ``check`` writes nothing, so it makes no cache folder of its own."""
    from .cache import BuildCache, code_fingerprint
    from .settings import read_settings

    if not settings or not read_settings(settings)[0]["TIMELINE_CACHE"]:
        return None
    folder = Path(settings.get("CACHE_PATH", "cache")) / "timeline"
    return BuildCache(folder, code_fingerprint(), read_only=True)


def run_check(args) -> int:
    from .content import load_timeline
    from .problems import format_problems
    from .progress import bars

    settings = site_settings(_settings_file(args.settings), args.content)
    content = args.content or settings.get("PATH", "content")
    try:
        with bars() as progress:  # on stderr, and only on a terminal
            timeline = load_timeline(content, settings, check_cache(settings), progress=progress)
    except ContentError as error:
        # Lines for people go to stderr; annotations and JSON are read from stdout.
        out = sys.stderr if args.format == "text" else sys.stdout
        print(format_problems(error.problems, args.format), file=out)
        return 1
    events, sources = len(timeline.events), len(timeline.sources)
    if args.format == "json":
        print(format_problems([], "json", {"events": events, "sources": sources}))
    else:
        print(f"OK: {plural(events, 'event')}, {plural(sources, 'source')}, no problems.")
    return 0


# --- linkcheck -----------------------------------------------------------------------------


def run_linkcheck(args) -> int:
    from .linkcheck import Options
    from .linkrun import run_linkcheck as check_links

    settings = site_settings(_settings_file(args.settings))
    content = Path(args.content or settings.get("PATH", "content"))
    for name in ("timeout", "delay"):
        if getattr(args, name) < 0:
            raise CommandError(f"--{name} must not be negative")
    for name in ("per_host", "workers"):
        if getattr(args, name) < 1:
            raise CommandError(f"--{name.replace('_', '-')} must be at least 1")
    options = Options(args.timeout, args.per_host, args.workers, args.delay)
    try:
        return check_links(content, settings, options, sys.stdout, archive=args.archive,
                           archive_api=args.archive_api)  # fmt: skip
    except ContentError as error:
        print(error, file=sys.stderr)
        return 1


# --- build ---------------------------------------------------------------------------------


def _site_to_build(args) -> tuple[str, dict, Path, Path]:
    """(settings file, settings, content folder, output folder) of a build or preview."""
    settings_file = _settings_file(args.settings)
    if not settings_file:
        raise CommandError(f"no settings file {args.settings!r}")
    settings = site_settings(settings_file, args.content)
    content = Path(args.content or settings["PATH"])
    output = Path(args.output or settings["OUTPUT_PATH"])
    return settings_file, settings, content, output


def run_build(args) -> int:
    from .build import BuildFailed, atomic_build

    settings_file, _, content, output = _site_to_build(args)
    try:
        written = atomic_build(content, Path(settings_file), output)
    except BuildFailed as error:
        print(error, file=sys.stderr)
        return error.status
    print(f"Site written to {_shown(written)}/")
    return 0


# --- preview -------------------------------------------------------------------------------


def run_preview(args) -> int:
    from .preview import run_preview as preview

    settings_file, settings, content, output = _site_to_build(args)
    theme = Path(settings["THEME"]) if settings.get("THEME") else None
    if not 0 <= args.port <= 65535:
        raise CommandError("--port must be from 0 to 65535")
    try:
        return preview(content, Path(settings_file).resolve(), output, args.host, args.port,
                       theme)  # fmt: skip
    except OSError as error:  # the port is taken, say
        raise CommandError(f"cannot serve at {args.host}:{args.port}: {error.strerror}") from None


# --- new -----------------------------------------------------------------------------------


def run_new(args) -> int:
    from .content import load_organisations, read_optional
    from .places import Gazetteer
    from .scaffold import ScaffoldError, check_answers, entry_text
    from .settings import read_settings

    settings = site_settings(_settings_file(args.settings))
    config, _ = read_settings(settings)
    content = Path(settings.get("PATH", "content"))
    raw = read_optional(content / config["TIMELINE_ORGANISATIONS_FILE"])
    organisations, _ = load_organisations(raw, "")
    types = config["TIMELINE_TYPES"]
    interactive = sys.stdin.isatty()
    title = ask("title", "Title: ", args.title, interactive)
    date = ask("date", "Date (EDTF: 2024, 2024-02, 2024-02-28, 2024~ ...): ", args.date,
               interactive)  # fmt: skip
    countries = ask("countries", "Countries (codes, e.g. FR,DE): ", args.countries, interactive)
    event_type = ask("type", f"Type ({', '.join(types)}): ", args.type, interactive)
    try:
        checked = check_answers(title, date, countries, event_type, Gazetteer(organisations),
                                types)  # fmt: skip
        name, text = entry_text(*checked, settings.get("SLUG_REGEX_SUBSTITUTIONS"))
    except (ScaffoldError, ValueError) as error:
        raise CommandError(getattr(error, "message", str(error))) from None
    path = content / config["TIMELINE_EVENTS_PATH"] / name
    shown = _shown(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8", newline="\n") as handle:  # never overwrites
            handle.write(text)
    except FileExistsError:
        print(f"new: {shown} already exists; not overwritten", file=sys.stderr)
        return 1
    print(shown)
    return 0


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


# --- quickstart ----------------------------------------------------------------------------


def run_quickstart(args) -> int:
    from .quickstart import QuickstartError, write_site

    interactive = sys.stdin.isatty()
    title = ask("title", "Title of the timeline: ", args.title, interactive)
    try:
        written = write_site(Path(args.folder), title, args.author)
    except QuickstartError as error:
        raise CommandError(str(error)) from None
    folder = _shown(Path(args.folder))
    print(f"Wrote a new timeline site in {folder}/:")
    for path in written:
        print(f"  {path}")
    print(f"Next: cd {folder} && pelican-timeline check && pelican content")
    return 0


# --- docs ----------------------------------------------------------------------------------


def run_docs(args) -> int:
    from .docs import update

    config_settings = site_settings(_settings_file(args.settings))
    return update(
        config_settings, Path(args.contributing), Path(args.schemas), args.check, Path(args.readme)
    )


# --- the command ---------------------------------------------------------------------------


def parser() -> argparse.ArgumentParser:
    from .linkcheck import WAYBACK_API

    main_parser = argparse.ArgumentParser(
        prog="pelican-timeline", description="A sourced timeline site on Pelican."
    )
    commands = main_parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="validate all content without building")
    check.add_argument("-s", "--settings", default="pelicanconf.py", help=SETTINGS_HELP)
    check.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text: 'path:line:col: error: field: message (hint)' lines on stderr; github: "
        "GitHub Actions annotations; json: one JSON document (see CONTRIBUTING.md); "
        "the last two on stdout",
    )
    check.add_argument("content", nargs="?", help="content folder (default: the settings' PATH)")
    check.set_defaults(run=run_check)

    links = commands.add_parser(
        "linkcheck",
        help="check every source's address; record the results for the build",
        description="Check every source's URL (polite: a few requests per host at a time), "
        "report pages that are gone or have moved with the entries that cite them, and "
        "write the results to the link status file. Exit status 1 when a page is gone or "
        "has moved.",
    )
    links.add_argument("-s", "--settings", default="pelicanconf.py", help=SETTINGS_HELP)
    links.add_argument(
        "--timeout",
        type=float,
        default=15.0,
        help="seconds allowed for one address, redirects included (default 15)",
    )
    links.add_argument(
        "--per-host", type=int, default=2, help="requests at a time to one host (default 2)"
    )
    links.add_argument(
        "--workers", type=int, default=8, help="requests at a time in all (default 8)"
    )
    links.add_argument(
        "--delay",
        type=float,
        default=0.0,
        help="seconds between two requests to the same host (default 0)",
    )
    links.add_argument(
        "--archive",
        action="store_true",
        help="also look up an archived copy of each source that has none, and "
        "write it into the bibliography as archived-url",
    )
    links.add_argument(
        "--archive-api",
        default=WAYBACK_API,
        metavar="URL",
        help="the Wayback Machine's availability API (default: %(default)s)",
    )
    links.add_argument("content", nargs="?", help="content folder (default: the settings' PATH)")
    links.set_defaults(run=run_linkcheck)  # fmt: skip

    build = commands.add_parser(
        "build", help="build the site; the output folder is replaced only if the build succeeds"
    )
    build.add_argument("-s", "--settings", default="pelicanconf.py", help=SETTINGS_HELP)
    build.add_argument("-o", "--output", default="", help="default: the settings' OUTPUT_PATH")
    build.add_argument("content", nargs="?", help="content folder (default: the settings' PATH)")
    build.set_defaults(run=run_build)

    preview = commands.add_parser(
        "preview",
        help="build, serve, and rebuild and reload the open pages on every save",
        description="Build the site, serve it, and rebuild it whenever content, theme, "
        "plugin or settings change; open pages reload after each good build. A build with "
        "a problem lists it and leaves the last good site up.",
    )
    preview.add_argument("-s", "--settings", default="pelicanconf.py", help=SETTINGS_HELP)
    preview.add_argument("-o", "--output", default="", help="default: the settings' OUTPUT_PATH")
    preview.add_argument("--host", default="127.0.0.1", help="default: %(default)s")
    preview.add_argument(
        "--port", type=int, default=8000, help="default: %(default)s; 0: any free port"
    )
    preview.add_argument("content", nargs="?", help="content folder (default: the settings' PATH)")
    preview.set_defaults(run=run_preview)

    new = commands.add_parser("new", help="write a new entry (asks for what is missing)")
    new.add_argument("-s", "--settings", default="pelicanconf.py", help=SETTINGS_HELP)
    new.add_argument("--title", default="", help="the event's headline")
    new.add_argument("--date", default="", help="EDTF: 2024, 2024-02, 2024-02-28, 2024~ or a/b")
    new.add_argument("--countries", default="", help="comma-separated codes, e.g. FR,DE")
    new.add_argument("--type", default="", help="one of the site's types")
    new.set_defaults(run=run_new)

    quickstart = commands.add_parser("quickstart", help="write a new timeline site in DIR")
    quickstart.add_argument("folder", metavar="DIR", help="a new or empty folder")
    quickstart.add_argument("--title", default="", help="the site's title")
    quickstart.add_argument("--author", default="", help="the site's author or editors")
    quickstart.set_defaults(run=run_quickstart)

    docs = commands.add_parser(
        "docs", help="regenerate the field lists, the settings list and the JSON Schemas"
    )
    docs.add_argument("--check", action="store_true", help="fail if a file is out of date")
    docs.add_argument("-s", "--settings", default="pelicanconf.py", help=SETTINGS_HELP)
    docs.add_argument("--contributing", default="CONTRIBUTING.md")
    docs.add_argument("--readme", default="README.md", help="holds the list of settings")
    docs.add_argument("--schemas", default="schema", help="folder of the JSON Schemas")
    docs.set_defaults(run=run_docs)
    return main_parser


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    run: Callable = args.run
    try:
        return run(args)
    except CommandError as error:
        print(f"{args.command}: {error}", file=sys.stderr)
        return 2
    except (KeyboardInterrupt, EOFError):
        print(f"\n{args.command}: stopped; nothing was written.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
