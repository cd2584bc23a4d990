"""`python -m build_tools <command>`: one small function per subcommand.

Content errors print as `file:line: field: message` lines and exit 1, never a traceback.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from .content.errors import ContentError
from .pages import write_pages
from .pipeline import BANK_FILE, bank_json, build


def cmd_check(args) -> int:
    built = build(args.project)
    course = built.course
    print(f"content OK: {len(course.course.modules)} modules, {len(course.products.products)} products, "
          f"{len(course.facts)} numbers, {len(course.references.references)} references, {len(built.bank)} quiz items")
    return 0


def cmd_render(args) -> int:
    """Write the generated Markdown beside a copy of docs/, for engines that run no MkDocs hooks."""
    built = build(args.project)
    out = Path(args.out)
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(args.project / "docs", out, ignore=shutil.ignore_patterns("overrides"))
    for page in out.rglob("*.md"):  # hand-written pages get the glossary tooltips, as in the hook
        page.write_text(page.read_text(encoding="utf-8") + built.abbreviations, encoding="utf-8")
    write_pages({**built.pages, BANK_FILE: bank_json(built)}, out)
    print(f"wrote {len(built.pages)} generated pages and the question bank to {out}")
    return 0


def cmd_site(args) -> int:
    """Strict MkDocs build into a temporary folder, swapped in only when it succeeded."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    out = Path(args.out).resolve()
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=out.parent))
    try:
        config = load_config(str(args.project / "mkdocs.yml"), site_dir=str(staging), strict=True)
        mkdocs_build(config)
    except (MkDocsException, ContentError) as error:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"site not built:\n{str(error).strip()}", file=sys.stderr)
        return 1
    old = out.with_name(out.name + ".old")
    if out.exists():
        out.rename(old)
    staging.rename(out)
    shutil.rmtree(old, ignore_errors=True)
    print(f"site written to {out}")
    return 0


def cmd_plain(args) -> int:
    """A hook-free MkDocs project (rendered Markdown + mkdocs.yml) for other engines such as Zensical."""
    from .plain import write_plain_project

    out = Path(args.out).resolve()
    if out.exists():
        shutil.rmtree(out)
    config = write_plain_project(args.project, out)
    print(f"plain project written: build it with `zensical build -f {config}` or `mkdocs build -f {config}`")
    return 0


class UsageError(Exception):
    """A mistake in the command line: reported as one line, exit status 2."""


def cmd_quiz(args) -> int:
    from .exporters import FORMATS
    from .quiz.bank import build_bank, draw, variants

    built = build(args.project)
    bank = build_bank(built.course, args.project / "quizbank")
    modules = [m.id for m in built.course.course.modules]
    for topic in args.topics or []:
        if topic not in modules:
            raise UsageError(f"unknown topic {topic!r} (known: {', '.join(modules)})")
    filters = dict(topics=args.topics, difficulty=args.difficulty)
    pool = draw(bank, seed=args.seed, **filters)
    count = args.count or len(pool)
    if count > len(pool):
        raise UsageError(f"asked for {count} items but only {len(pool)} match the topics and difficulty chosen")
    out = Path(args.out).resolve()
    site = (args.project / "site").resolve()
    if out == site or site in out.parents:
        raise UsageError("exports stay outside site/: nothing private is published")
    exporter = FORMATS[args.format]
    from .exporters.meta import ExportMeta

    title = built.course.course.title
    meta = ExportMeta(title, built.course.course.reviewed)
    if args.variants == 1:
        out.parent.mkdir(parents=True, exist_ok=True)
        written = exporter.write(draw(bank, seed=args.seed, count=count, **filters), out, meta)
    else:
        out.mkdir(parents=True, exist_ok=True)
        written = []
        for n, items in enumerate(variants(bank, seed=args.seed, count=count, n=args.variants, **filters), 1):
            path = out / f"variant-{n:02d}{exporter.SUFFIX}"
            written += exporter.write(items, path, ExportMeta(f"{title} (variant {n})", meta.revised))
            print(f"variant {n}/{args.variants} written", file=sys.stderr)
    for path in written:
        print(f"wrote {path}")
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


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m build_tools", description=__doc__.splitlines()[0])
    p.add_argument("--project", type=Path, default=Path("."), help="folder holding mkdocs.yml and content/ (default: .)")
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="validate content/ and print a one-line summary").set_defaults(run=cmd_check)
    render = sub.add_parser("render", help="write the generated Markdown (with docs/) to a folder")
    render.add_argument("--out", required=True)
    render.set_defaults(run=cmd_render)
    plain = sub.add_parser("plain", help="write a hook-free project (Markdown + mkdocs.yml) for other engines")
    plain.add_argument("--out", required=True)
    plain.set_defaults(run=cmd_plain)
    site = sub.add_parser("site", help="strict MkDocs build, replacing the output folder only on success")
    site.add_argument("--out", default="site")
    site.set_defaults(run=cmd_site)
    quiz = sub.add_parser("quiz", help="draw items from the question bank and export them")
    quiz.add_argument("--seed", type=int, default=1)
    quiz.add_argument("--count", type=int, help="items per quiz (default: all that match)")
    quiz.add_argument("--topics", nargs="+", help="module ids to draw from")
    quiz.add_argument("--difficulty", nargs="+", choices=["easy", "medium", "hard"])
    quiz.add_argument("--variants", type=int, default=1, help="number of exam variants (writes a folder)")
    quiz.add_argument("--format", required=True, choices=["json", "moodle", "gift", "qti", "anki", "csv", "print"])
    quiz.add_argument("--out", required=True, help="output file, or folder when --variants > 1")
    quiz.set_defaults(run=cmd_quiz)
    package = sub.add_parser("package", help="the course as a SCORM package (zip) for a learning management system")
    package.add_argument("--format", required=True, choices=["scorm12", "scorm2004"])
    package.add_argument("--out", required=True, help="the zip to write (replaced only when the build succeeds)")
    package.set_defaults(run=cmd_package)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    args.project = args.project.resolve()
    try:
        return args.run(args)
    except ContentError as error:
        print(error.report(), file=sys.stderr)
        return 1
    except UsageError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
