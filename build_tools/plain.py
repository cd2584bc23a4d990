"""A plain MkDocs project from the rendered Markdown: no hook, no build_tools at build time.

Used to prove the site does not depend on MkDocs' plugin API (engines such as Zensical skip
hooks) and as the baseline the benchmark compares the full build against."""
from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from mkdocs.utils.yaml import yaml_load

from .cli import main as cli
from .pipeline import build, site_meta


def write_plain_project(project: Path, dest: Path) -> Path:
    """Render into dest/docs, copy the theme overrides, write dest/mkdocs.yml; return its path."""
    cli(["--project", str(project), "render", "--out", str(dest / "docs")])
    shutil.copytree(project / "docs" / "overrides", dest / "overrides")
    with open(project / "mkdocs.yml", encoding="utf-8") as source:
        config = yaml_load(source)  # MkDocs' own loader: resolves !ENV (site_url) as a build would
    config.pop("hooks", None)
    config.update(docs_dir="docs", site_dir="site", exclude_docs=None)
    config["theme"]["custom_dir"] = "overrides"
    built = build(project)  # the nav and footer data the hook would have set
    config["nav"] = built.nav
    config.setdefault("extra", {})["course"] = site_meta(built.course)
    path = dest / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
