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
from .pipeline import build


def cmd_check(args) -> int:
    built = build(args.project)
    course = built.course
    print(f"content OK: {len(course.course.modules)} modules, {len(course.products.products)} products, "
          f"{len(course.facts)} numbers, {len(course.references.references)} references")
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
    write_pages(built.pages, out)
    print(f"wrote {len(built.pages)} generated pages to {out}")
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


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m build_tools", description=__doc__.splitlines()[0])
    p.add_argument("--project", type=Path, default=Path("."), help="folder holding mkdocs.yml and content/ (default: .)")
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="validate content/ and print a one-line summary").set_defaults(run=cmd_check)
    render = sub.add_parser("render", help="write the generated Markdown (with docs/) to a folder")
    render.add_argument("--out", required=True)
    render.set_defaults(run=cmd_render)
    site = sub.add_parser("site", help="strict MkDocs build, replacing the output folder only on success")
    site.add_argument("--out", default="site")
    site.set_defaults(run=cmd_site)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    args.project = args.project.resolve()
    try:
        return args.run(args)
    except ContentError as error:
        print(error.report(), file=sys.stderr)
        return 1
