"""`make bench`: how long each stage takes, how it grows with content, and what a page weighs.

Figures are ratios against baselines measured in the same run (a plain MkDocs build of the same
Markdown; the 1x content), so they compare across machines. Not a test: nothing here fails.
"""

from __future__ import annotations

import copy
import gc
import gzip
import platform
import shutil
import tempfile
import time
from pathlib import Path

import yaml

from .content.loader import load_course
from .exporters import FORMATS
from .exporters.meta import ExportMeta
from .pages import render_pages
from .pages.helpers import FigureHelpers
from .pipeline import build as build_project
from .plain import write_plain_project
from .quiz.bank import build_bank

ROOT = Path(__file__).resolve().parent.parent


def timed(fn, repeat: int = 3):
    """Best of `repeat` runs (the least disturbed by other work on the machine), and the result."""
    times, result = [], None
    for _ in range(repeat):
        gc.collect()
        gc.disable()  # as timeit does: the collector's pauses grow with the heap, not with our work
        try:
            start = time.perf_counter()
            result = fn()
            times.append(time.perf_counter() - start)
        finally:
            gc.enable()
    return min(times), result


def stages(project: Path, repeat: int = 3) -> dict[str, float]:
    out: dict[str, float] = {}
    out["load + validate"], course = timed(lambda: load_course(project / "content"), repeat)
    out["generate bank"], bank = timed(lambda: build_bank(course, project / "quizbank"), repeat)
    out["render pages"], _ = timed(lambda: render_pages(course, bank=bank), repeat)
    figs = FigureHelpers(course)
    out["figures"], _ = timed(
        lambda: (figs.car_diagram(), figs.toxicity_chart(), figs.response_chart()), repeat
    )
    meta = ExportMeta("bench", course.outline.reviewed)
    with tempfile.TemporaryDirectory() as tmp:
        for name, exporter in FORMATS.items():
            target = Path(tmp) / f"bank{exporter.SUFFIX}"
            out[f"export {name}"], _ = timed(
                lambda e=exporter, t=target: e.write(bank, t, meta), repeat
            )
    out["_items"] = len(bank)
    return out


def mkdocs_builds(repeat: int = 5) -> tuple[float, float]:
    """(full build with the hook, plain build of the same rendered Markdown without it).

    The two are run alternately and the best of each kept, so load on the machine hits both
    alike."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        plain_config = write_plain_project(build_project(ROOT), ROOT, tmp / "plain")
        full = plain = float("inf")
        for _ in range(repeat):
            full = min(
                full,
                timed(
                    lambda: build(load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp / "a"))), 1
                )[0],
            )
            plain = min(
                plain,
                timed(lambda: build(load_config(str(plain_config), site_dir=str(tmp / "b"))), 1)[0],
            )
    return full, plain


def scaled_project(factor: int, dest: Path) -> Path:
    """A copy of the project with products, facts, trials, terms and cases repeated `factor`
    times."""
    shutil.copytree(ROOT / "content", dest / "content")
    shutil.copytree(ROOT / "quizbank", dest / "quizbank")
    for stem, lists in {
        "products": ["products"],
        "evidence": ["sections"],
        "solid_tumors": ["trials", "sections"],
        "adverse_effects": ["sections"],
        "glossary": ["terms"],
        "emerging": ["sections"],
        "vignettes": ["vignettes"],
    }.items():
        path = dest / "content" / f"{stem}.yaml"
        data = yaml.safe_load(path.read_text())
        for key in lists:
            originals = data[key]
            data[key] = [_renamed(x, n, key) for n in range(factor) for x in originals]
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    return dest


# What a learner reads as an entity's name or a fact's claim: copies must differ there too, or the
# bank's rules (no two options alike) rightly refuse the scaled content.
SHOWN = {"inn", "brand", "short_name", "term", "name", "claim", "first_author", "cancer", "title"}
# a trial's target is text (a product's is an antigen id); a case's story is what its stem tells
SHOWN_IN = {"trials": {"target"}, "vignettes": {"story"}}


def _renamed(entity: dict, n: int, kind: str = "") -> dict:
    """Copy n of an entity: ids, abbreviations and shown names made its own."""
    if n == 0:
        return entity
    clone = copy.deepcopy(entity)
    clone["id"] = f"{clone['id']}-x{n}"
    if "abbr" in clone:
        clone["abbr"] = f"{clone['abbr']}{n}"
    for fact in clone.get("facts", []):
        fact["id"] = f"{fact['id']}-x{n}"
    _suffix_shown(clone, f" (copy {n})", SHOWN | SHOWN_IN.get(kind, set()))
    return clone


def _suffix_shown(node, suffix: str, keys: set[str]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in keys and isinstance(value, str):
                node[key] = value + suffix
            else:
                _suffix_shown(value, suffix, keys)
    elif isinstance(node, list):
        for item in node:
            _suffix_shown(item, suffix, keys)


# what every page loads besides Material
ASSETS = (
    *("page.js", "store.js", "quiz.js", "course.js", "reading.js", "review.js", "offline.js"),
    *("quiz.css", "course.css", "review.css"),
)
# loaded after the page, only for a learner with saved answers: the scheduler and its rules
ON_DEMAND = ("vendor/ts-fsrs/index.umd.js", "schedule.js")


def weights(site: Path) -> dict[str, tuple[int, int]]:
    def sizes(*files: Path) -> tuple[int, int]:
        raw = b"".join(f.read_bytes() for f in files)
        return len(raw), len(gzip.compress(raw, 9))

    return {
        "module page HTML (approved products)": sizes(
            site / "modules/approved-products/index.html"
        ),
        "course scripts + styles": sizes(*(ROOT / "docs/assets" / f for f in ASSETS)),
        "search index (every page fetches it)": sizes(site / "search/search_index.json"),
        "review scheduler (on demand)": sizes(*(ROOT / "docs/assets" / f for f in ON_DEMAND)),
    }


def main() -> int:
    print(
        f"machine: {platform.machine()}, {platform.processor() or platform.system()}, "
        f"Python {platform.python_version()}"
    )
    base = stages(ROOT)
    print("\nstage                 seconds")
    for name, seconds in base.items():
        if not name.startswith("_"):
            print(f"  {name:20s}{seconds:9.4f}")
    full, plain = mkdocs_builds()
    print(f"\nMkDocs build with hook {full:.3f} s; plain build of the same Markdown {plain:.3f} s")
    print(f"pipeline overhead: {(full - plain) / plain:+.1%} of the plain build (target <= 15%)")
    print("\nscaling (time relative to 1x; linear growth means about 10x and 100x)")
    with tempfile.TemporaryDirectory() as tmp:
        rows = {1: base}
        for factor in (10, 100):
            rows[factor] = stages(scaled_project(factor, Path(tmp) / f"x{factor}"), repeat=1)
    for name in (
        "load + validate",
        "generate bank",
        "render pages",
        "export json",
        "export moodle",
    ):
        ratios = "  ".join(f"{f}x: {rows[f][name] / base[name]:7.1f}" for f in (10, 100))
        print(f"  {name:20s}{ratios}")
    print(
        "  items:             "
        + "  ".join(f"{f}x: {int(rows[f]['_items']):7d}" for f in (1, 10, 100))
    )
    per_second = {f: rows[f]["_items"] / rows[f]["generate bank"] for f in rows}
    print(
        "questions per second: "
        + ", ".join(f"{f}x {v:,.0f}" for f, v in per_second.items())
        + " (target >= 20,000; the 100x figure is the steady rate, 1x is dominated by set-up)"
    )
    site = ROOT / "site"
    if (site / "index.html").exists():
        print("\npage weight (bytes raw / gzipped)")
        for name, (raw, gz) in weights(site).items():
            print(f"  {name:38s}{raw:8,d} / {gz:7,d}")
    else:
        print("\nrun `make site` first to report page weights")
    print_package_size()
    return 0


def print_package_size() -> None:
    """The SCORM package an LMS stores (what an instructor uploads)."""
    from .package import build_package

    with tempfile.TemporaryDirectory() as tmp:
        for standard in ("scorm12", "scorm2004"):
            seconds, summary = timed(
                lambda s=standard: build_package(ROOT, s, Path(tmp) / f"{s}.zip"), 1
            )
            print(
                f"  {standard + ' package (zip)':38s}{summary.size:8,d} bytes, "
                f"{summary.files} files, built in {seconds:.1f} s"
            )


if __name__ == "__main__":
    raise SystemExit(main())
