"""One export as the instructor asked for it: check the request, draw, write, record what was
drawn."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlparse

from ..analysis.job import stats_for
from ..content.course import Course
from ..quiz.context import QuizContext
from ..quiz.evidence import teaching_text
from ..quiz.item import Item
from ..quiz.selection import Selection, checked_count, draw_items, draw_variants, module_picks, pool
from ..usage import UsageError
from . import FORMATS
from .changes import compare, fingerprint, read_recorded, report
from .citations import short_citation
from .meta import ExamSheet, ExportMeta, OrderingAs
from .output import TOOL, target_file, target_folder, write_file_export, write_folder_export

SECONDS_PER_ITEM = 90  # default time allowed on a printed exam, rounded up to 5 minutes


@dataclass(frozen=True)
class ExportRequest:
    format: str
    out: Path
    selection: Selection
    variants: int = 1
    ordering_as: OrderingAs | None = None  # moodle only
    pick: int | None = None  # qti only
    minutes: int | None = None  # print only
    date: str | None = None  # print only
    answer_sheet: bool = False  # print only
    changes_since: Path | None = None  # an earlier export's manifest: list what changed
    responses: Path | None = None  # review only: results to show beside each item


_ONLY_FOR = {
    "ordering_as": ("--ordering-as", "moodle"),
    "pick": ("--pick", "qti"),
    "minutes": ("--minutes", "print"),
    "date": ("--date", "print"),
    "answer_sheet": ("--answer-sheet", "print"),
    "responses": ("--responses", "review"),
}


def check_request(request: ExportRequest, project: Path) -> None:
    for field, (option, fmt) in _ONLY_FOR.items():
        if getattr(request, field) not in (None, False) and request.format != fmt:
            raise UsageError(f"{option} applies to --format {fmt} only")
    site = (project / "site").resolve()
    out = request.out.resolve()
    if out == site or site in out.parents:
        raise UsageError("exports stay outside site/: nothing private is published")


def run_export(
    request: ExportRequest, course: Course, bank: list[Item], project: Path
) -> list[str]:
    """Write the export and return the lines to print (one per file, then what Canvas will draw)."""
    check_request(request, project)
    # read before writing: the earlier manifest may be the one this export replaces
    recorded = read_recorded(request.changes_since) if request.changes_since else None
    exporter = FORMATS[request.format]
    c = course.outline
    modules = {m.id: m.title for m in c.modules}
    sel = request.selection
    matching = pool(bank, sel, list(modules))
    count = checked_count(matching, sel)
    base = ExportMeta(
        c.title,
        c.reviewed,
        version=c.version,
        seed=sel.seed,
        modules=modules,
        ordering_as=request.ordering_as or "ordering",
        citations={r.n: short_citation(r) for r in course.references.references},
        source_titles={s.id: s.title for s in course.sources.sources},
        site_url=published_url(project),
    )
    if request.format == "review":
        ctx = QuizContext(course)
        base = replace(base, evidence={i.id: teaching_text(ctx, i) for i in matching})
        if request.responses:
            base = replace(base, analysis=stats_for(request.responses, bank))
    if request.format == "print":
        minutes = request.minutes or math.ceil(count * SECONDS_PER_ITEM / 60 / 5) * 5
        base = replace(base, exam=ExamSheet(minutes, request.date or "", request.answer_sheet))

    def meta_for(items: list[Item], title: str) -> ExportMeta:
        picks = {}
        if request.format == "qti":
            picks = module_picks(
                items,
                list(modules),
                total=request.pick or c.assessment.items,
                minimum=c.assessment.min_per_module,
            )
        return replace(base, title=title, picks=picks)

    drawn: list[dict] = []
    if request.variants == 1:
        target = target_file(request.out, exporter.SUFFIX)
        items = draw_items(matching, sel, seed=sel.seed, count=count, modules=list(modules))
        meta = meta_for(items, c.title)

        def build(path: Path) -> list[Path]:
            return exporter.write(items, path, meta)

        written = write_file_export(
            target, build, lambda files: _manifest(request, base, count, [(files, items, meta)])
        )
        drawn.append({"meta": meta, "items": items})
    else:
        target = target_folder(request.out)
        sets = draw_variants(
            matching, sel, seed=sel.seed, count=count, n=request.variants, modules=list(modules)
        )
        metas = [meta_for(items, f"{c.title} (variant {n})") for n, items in enumerate(sets, 1)]
        per_variant: list[tuple[list[str], list[Item], ExportMeta]] = []

        def build(folder: Path) -> list[Path]:
            paths: list[Path] = []
            for n, (items, meta) in enumerate(zip(sets, metas, strict=True), 1):
                files = exporter.write(items, folder / f"variant-{n:02d}{exporter.SUFFIX}", meta)
                per_variant.append(([p.name for p in files], items, meta))
                paths += files
            return paths

        written = write_folder_export(
            target, build, lambda files: _manifest(request, base, count, per_variant)
        )
        drawn += [{"meta": m, "items": s} for m, s in zip(metas, sets, strict=True)]
    lines = [f"wrote {p}" for p in written]
    if request.format == "moodle" and urlparse(base.site_url).hostname in (
        "127.0.0.1",
        "localhost",
    ):
        lines.append(
            f"note: feedback links point to {base.site_url}; set SITE_URL to the published "
            "course's address"
        )
    if recorded is not None:
        exported = list({i.id: i for d in drawn for i in d["items"]}.values())
        lines += report(compare(recorded, exported, {i.id for i in bank}), request.changes_since)
    if request.format == "qti":
        picks = drawn[0]["meta"].picks
        lines.append(
            f"Canvas draws {sum(picks.values())} of {count} items per attempt: "
            + ", ".join(f"{m} {n}" for m, n in picks.items())
        )
    return lines


def published_url(project: Path) -> str:
    """Where the course is published: mkdocs.yml's `site_url`, read as a build reads it (so
    `SITE_URL` in the environment wins, as in the Pages workflow)."""
    from mkdocs.utils.yaml import yaml_load

    with open(project / "mkdocs.yml", encoding="utf-8") as source:
        url = str(yaml_load(source).get("site_url") or "")
    return url if not url or url.endswith("/") else url + "/"


def _manifest(
    request: ExportRequest,
    meta: ExportMeta,
    count: int,
    sets: list[tuple[list[str], list[Item], ExportMeta]],
) -> str:
    """What was drawn, from what, by which settings: enough to redraw it or to exclude it next year.
    No clock and no absolute path, so the same request gives the same bytes."""
    sel = request.selection
    data: dict = {
        "tool": TOOL,
        "course": meta.title,
        "version": meta.version,
        "reviewed": meta.revised.isoformat(),
        "format": request.format,
        "seed": sel.seed,
        "count": count,
        "filters": {
            "topics": list(sel.topics),
            "difficulty": list(sel.difficulty),
            "levels": list(sel.levels),
            "ids": None if sel.ids is None else len(sel.ids),
            "excluded": len(sel.exclude),
        },
    }
    if request.format == "moodle":
        data["ordering_as"] = meta.ordering_as
    data["items"] = {i.id: fingerprint(i) for _, items, _ in sets for i in items}
    if request.variants == 1:
        files, items, drawn_meta = sets[0]
        data.update(files=files, ids=[i.id for i in items], **_picks(drawn_meta))
    else:
        data["files"] = [f for files, _, _ in sets for f in files]
        data["variants"] = [
            {"files": files, "ids": [i.id for i in items], **_picks(m)} for files, items, m in sets
        ]
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _picks(meta: ExportMeta) -> dict:
    return {"picks": meta.picks} if meta.picks else {}
