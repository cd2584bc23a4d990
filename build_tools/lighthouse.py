"""`make lighthouse`: Lighthouse (mobile) on two long module pages, each beside a plain Material
page built from the same Markdown, served the way GitHub Pages serves them (gzip; the course under
/cart-course/). Pages alternate within one run; medians and each page's distance from its plain
twin are printed. Needs node/npm and chromium."""

from __future__ import annotations

import gzip
import http.server
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from . import node_tools

ROOT = Path(__file__).resolve().parent.parent
PREFIX = "/cart-course/"


SITES: dict[str, Path] = {}  # URL prefix -> folder served under it


class _Handler(http.server.SimpleHTTPRequestHandler):
    def send_head(self):
        prefix = next((p for p in SITES if self.path.startswith(p)), None)
        if prefix is None:
            self.send_error(404)
            return None
        path = SITES[prefix] / self.path[len(prefix) :].split("?")[0]
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404)
            return None
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args):
        pass


# A line that ends in a backslash goes on in the next: the YAML has no line break there.
PLAIN_CONFIG = """site_name: plain
theme: {name: material, font: false}
plugins: [search]
markdown_extensions: [abbr, admonition, attr_list, md_in_html, tables, toc, \
pymdownx.details, pymdownx.superfences]
"""


MODULES = {"products module": "approved-products", "adverse effects module": "adverse-effects"}


def plain_pages(folder: Path) -> Path:
    """The baselines: each measured module's Markdown on plain Material (no hook, no course CSS
    or script, default features), built into folder/site/<module id>/."""
    import logging

    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    from .pipeline import build

    pages = build(ROOT).pages
    (folder / "docs").mkdir(parents=True, exist_ok=True)
    for module in MODULES.values():
        (folder / "docs" / f"{module}.md").write_text(
            pages[f"modules/{module}.md"], encoding="utf-8"
        )
    (folder / "mkdocs.yml").write_text(PLAIN_CONFIG, encoding="utf-8")
    # links to the course's other pages do not resolve here
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    mkdocs_build(load_config(str(folder / "mkdocs.yml"), site_dir=str(folder / "site")))
    return folder / "site"


def run(url: str, tmp: Path) -> dict:
    report = tmp / "report.json"
    env = {**os.environ, "CHROME_PATH": "/usr/bin/chromium"}
    subprocess.run(
        [
            str(node_tools.binary("lighthouse")),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            "--chrome-flags=--headless=new --no-sandbox",
            "--only-categories=performance,accessibility,best-practices,seo",
        ],
        check=True,
        env=env,
    )
    data = json.loads(report.read_text())
    scores = {k: round(c["score"] * 100) for k, c in data["categories"].items()}
    audits = data["audits"]
    return {
        **scores,
        "fcp": audits["first-contentful-paint"]["numericValue"] / 1000,
        "lcp": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "tbt": audits["total-blocking-time"]["numericValue"],
        "dom": audits["dom-size"]["numericValue"],
    }


def _plain(name: str) -> str:
    return f"  plain Material, same Markdown as {name.split()[0]}"


PAGES = {
    page: path
    for name, module in MODULES.items()
    for page, path in ((_plain(name), f"/plain/{module}/"), (name, f"{PREFIX}modules/{module}/"))
}


def main(runs: str = "5") -> int:
    site = ROOT / "site"
    if not (site / "index.html").exists():
        print("run `make site` first", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        SITES.update({PREFIX: site, "/plain/": plain_pages(Path(tmp) / "plain")})
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        results: dict[str, list[dict]] = {name: [] for name in PAGES}
        for _ in range(int(runs)):  # alternate pages, so machine load falls on all alike
            for name, path in PAGES.items():
                results[name].append(run(f"http://127.0.0.1:{server.server_port}{path}", Path(tmp)))
        server.shutdown()
    print(f"Lighthouse (mobile, gzip), median of {runs} runs per page, pages alternated in one run")
    print(
        f"{'page':48s}{'perf':>6s}{'FCP s':>7s}{'LCP s':>7s}{'TBT ms':>8s}{'DOM':>6s}"
        f"{'a11y':>6s}{'b-p':>5s}{'SEO':>5s}"
        "   perf per run"
    )
    medians = {
        name: {k: statistics.median(r[k] for r in rs) for k in rs[0]}
        for name, rs in results.items()
    }
    for name, rs in results.items():
        med = medians[name]
        print(
            f"{name:48s}{med['performance']:6.0f}{med['fcp']:7.2f}{med['lcp']:7.2f}"
            f"{med['tbt']:8.0f}{med['dom']:6.0f}"
            f"{med['accessibility']:6.0f}{med['best-practices']:5.0f}{med['seo']:5.0f}   "
            f"{' '.join(str(r['performance']) for r in rs)}"
        )
    # the target: within 2 points and 0.2 s of first paint of the plain page, TBT <= 200 ms
    for name in MODULES:
        ours, plain = medians[name], medians[_plain(name)]
        print(
            f"{name}: {ours['performance']:.0f} against {plain['performance']:.0f} on plain "
            f"Material ({ours['performance'] - plain['performance']:+.0f}), first contentful "
            f"paint {ours['fcp']:.2f} s against {plain['fcp']:.2f} s "
            f"({ours['fcp'] - plain['fcp']:+.2f} s), TBT {ours['tbt']:.0f} ms"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(*sys.argv[1:]))
