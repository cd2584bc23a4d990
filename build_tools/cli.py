"""`python -m build_tools <command>`: one small function per subcommand.

Content errors print as `file:line: field: message` lines and exit 1, never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

import yaml

from .content.errors import ContentError
from .content.freshness import review_due
from .exporters import FORMATS
from .pipeline import build, write_markdown
from .swap import replaced
from .usage import UsageError, find_project


def cmd_check(args) -> int:
    built = build(args.project)
    course = built.course
    print(
        f"content OK: {len(course.outline.modules)} modules, "
        f"{len(course.products.products)} products, {len(course.facts)} numbers, "
        f"{len(course.references.references)} references, "
        f"{len(course.sources.sources)} outside sources, {len(built.bank)} quiz items"
    )
    for warning in review_due(course, dt.date.today()):
        print(f"warning: {warning}", file=sys.stderr)
    return 0


def cmd_render(args) -> int:
    """Write the generated Markdown beside a copy of docs/, for engines that run no MkDocs hooks.
    The old folder is replaced only once the new one is complete."""
    built = build(args.project)
    with replaced(Path(args.out)) as folder:
        write_markdown(built, args.project, folder)
    print(f"wrote {len(built.pages)} generated pages and the question bank to {args.out}")
    return 0


def cmd_site(args) -> int:
    """Strict MkDocs build into a temporary folder, swapped in only when it succeeded."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    out = Path(args.out).resolve()
    try:
        with replaced(out) as staging:
            mkdocs_build(
                load_config(str(args.project / "mkdocs.yml"), site_dir=str(staging), strict=True)
            )
    except (MkDocsException, ContentError) as error:
        print(f"site not built:\n{str(error).strip()}", file=sys.stderr)
        return 1
    print(f"site written to {out}")
    return 0


def cmd_plain(args) -> int:
    """A hook-free MkDocs project (rendered Markdown + mkdocs.yml) for other engines such as
    Zensical."""
    from .plain import write_plain_project

    built = build(args.project)
    out = Path(args.out).resolve()
    with replaced(out) as folder:
        write_plain_project(built, args.project, folder)
    config = out / "mkdocs.yml"
    print(
        "plain project written: build it with "
        f"`zensical build -f {config}` or `mkdocs build -f {config}`"
    )
    return 0


def cmd_quiz(args) -> int:
    """Draw items and export them; every check of the request lives in exporters.job and
    quiz.selection."""
    from .content.loader import load_course
    from .exporters.job import ExportRequest, run_export
    from .quiz.bank import build_bank
    from .quiz.selection import Selection, read_ids

    course = load_course(args.project / "content", shown_relative_to=args.project)
    bank = build_bank(course, args.project / "quizbank")
    if args.format == "analysis":
        from .analysis.job import run_analysis

        for line in run_analysis(args.responses, args.out, bank):
            print(line)
        return 0
    selection = Selection(
        args.seed,
        args.count,
        tuple(args.topics or ()),
        tuple(args.difficulty or ()),
        ids=read_ids(args.ids, "--ids") if args.ids else None,
        exclude=read_ids(args.exclude, "--exclude") if args.exclude else (),
        levels=tuple(args.level or ()),
        min_per_module=course.outline.assessment.min_per_module,
    )
    request = ExportRequest(
        args.format,
        args.out,
        selection,
        args.variants,
        args.ordering_as,
        args.pick,
        args.minutes,
        args.date,
        args.answer_sheet,
        args.changes_since,
        args.responses,
    )
    for line in run_export(request, course, bank, args.project):
        print(line)
    return 0


def cmd_package(args) -> int:
    """The course as a SCORM package for an LMS (see build_tools/package)."""
    from .package import PackageError, build_package

    try:
        summary = build_package(args.project, args.format, Path(args.out).resolve())
    except PackageError as error:
        print(f"package not built: {error}", file=sys.stderr)
        return 1
    print(f"wrote {summary.path} ({args.format}, {summary.files} files, {summary.size:,} bytes)")
    return 0


class _OneLineParser(argparse.ArgumentParser):
    """argparse prints the whole usage before a mistake; one line saying what is wrong reads
    better."""

    def error(self, message: str):
        self.exit(2, f"error: {message} (see {self.prog} --help)\n")


def _at_least_one(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number (got {text!r})") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more (got {value})")
    return value


def _module_ids(project: Path | None) -> list[str]:
    """Module ids for --help and for checking --topics; none when course.yaml cannot be read (the
    content check then reports why)."""
    try:
        data = yaml.safe_load((project / "content" / "course.yaml").read_text(encoding="utf-8"))
        return [str(m["id"]) for m in data["modules"]]
    except Exception:  # any unreadable course.yaml: the build reports it properly
        return []


def parser(modules: list[str] | None = None) -> argparse.ArgumentParser:
    p = _OneLineParser(prog="python -m build_tools", description=__doc__.splitlines()[0])
    p.add_argument(
        "--project",
        type=Path,
        help="folder holding mkdocs.yml and content/ (default: here or the nearest above)",
    )
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="validate content/ and print a one-line summary").set_defaults(
        run=cmd_check
    )
    render = sub.add_parser("render", help="write the generated Markdown (with docs/) to a folder")
    render.add_argument("--out", required=True)
    render.set_defaults(run=cmd_render)
    plain = sub.add_parser(
        "plain", help="write a hook-free project (Markdown + mkdocs.yml) for other engines"
    )
    plain.add_argument("--out", required=True)
    plain.set_defaults(run=cmd_plain)
    site = sub.add_parser(
        "site", help="strict MkDocs build, replacing the output folder only on success"
    )
    site.add_argument("--out", default="site")
    site.set_defaults(run=cmd_site)
    quiz = sub.add_parser("quiz", help="draw items from the question bank and export them")
    quiz.add_argument("--seed", type=int, default=1)
    quiz.add_argument(
        "--count", type=_at_least_one, help="items per quiz (default: all that match)"
    )
    quiz.add_argument(
        "--topics",
        nargs="+",
        choices=modules or None,
        metavar="MODULE",
        help="module ids to draw from" + (f": {', '.join(modules)}" if modules else ""),
    )
    quiz.add_argument("--difficulty", nargs="+", choices=["easy", "medium", "hard"])
    quiz.add_argument(
        "--level",
        nargs="+",
        choices=["recall", "understand", "apply", "analyze"],
        help=(
            "what items demand: recall a fact, understand it, apply it to a patient, "
            "analyze evidence"
        ),
    )
    quiz.add_argument(
        "--ids",
        type=Path,
        metavar="FILE",
        help="only these items: one id a line, or an export's manifest",
    )
    quiz.add_argument(
        "--exclude", type=Path, metavar="FILE", help="never these items (e.g. last year's manifest)"
    )
    quiz.add_argument(
        "--variants",
        type=_at_least_one,
        default=1,
        help="number of exam variants (writes a folder)",
    )
    quiz.add_argument(
        "--format",
        required=True,
        choices=[*FORMATS, "analysis"],
        help=(
            "review: a report of every item with its key, level, family and the content it rests "
            "on; analysis: item statistics from --responses (written to the folder --out)"
        ),
    )
    quiz.add_argument(
        "--out", required=True, type=Path, help="output file, or folder when --variants > 1"
    )
    quiz.add_argument(
        "--ordering-as",
        choices=["ordering", "matching"],
        help=(
            "moodle: ordering items as Moodle 4.4+ ordering (default) or as matching for "
            "older Moodle"
        ),
    )
    quiz.add_argument(
        "--pick",
        type=_at_least_one,
        help=(
            "qti: items Canvas draws per attempt from the module groups "
            "(default: course.yaml assessment.items)"
        ),
    )
    quiz.add_argument(
        "--minutes",
        type=_at_least_one,
        help="print: time allowed on the cover (default: 1.5 per item)",
    )
    quiz.add_argument("--date", help="print: exam date on the cover (default: a line to fill in)")
    quiz.add_argument(
        "--answer-sheet", action="store_true", help="print: also write a bubble answer sheet"
    )
    quiz.add_argument(
        "--responses",
        type=Path,
        metavar="FILE",
        help=(
            "analysis, review: results from the LMS (a Moodle quiz Responses report, a Canvas "
            "item or student analysis, or SCORM interactions, as CSV)"
        ),
    )
    quiz.add_argument(
        "--changes-since",
        type=Path,
        metavar="MANIFEST",
        help="list the items added, removed and changed since the export with this manifest",
    )
    quiz.set_defaults(run=cmd_quiz)
    package = sub.add_parser(
        "package", help="the course as a SCORM package (zip) for a learning management system"
    )
    package.add_argument("--format", required=True, choices=["scorm12", "scorm2004"])
    package.add_argument(
        "--out", required=True, help="the zip to write (replaced only when the build succeeds)"
    )
    package.set_defaults(run=cmd_package)
    return p


def main(argv: list[str] | None = None) -> int:
    given = _project_option(argv)
    try:
        project, problem = find_project(given), None
    except UsageError as error:
        project, problem = None, error
    try:
        args = parser(_module_ids(project)).parse_args(argv)
    except (
        SystemExit
    ) as stop:  # --help, or a mistake argparse found (already printed): a status, not an exception
        return int(stop.code or 0)
    try:
        if problem:
            raise problem
        args.project = project
        return args.run(args)
    except ContentError as error:
        print(error.report(), file=sys.stderr)
        return 1
    except UsageError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except (
        OSError
    ) as error:  # a path the system refuses (too long, a device...): say so in one line
        where = f"{error.filename}: " if error.filename else ""
        print(f"error: {where}{error.strerror or error}", file=sys.stderr)
        return 2


def _project_option(argv: list[str] | None) -> Path | None:
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--project", type=Path)
    return pre.parse_known_args(argv)[0].project
