"""A plain MkDocs project from the rendered Markdown: no hook, no build_tools at build time.

Used to prove the site does not depend on MkDocs' plugin API (engines such as Zensical skip
hooks) and as the baseline the benchmark compares the full build against."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from mkdocs.utils.yaml import yaml_load

from .pipeline import Built, site_meta, write_markdown


def write_plain_project(built: Built, project: Path, folder: Path) -> Path:
    """Into a new `folder`: the rendered Markdown in docs/, the theme overrides, and a mkdocs.yml
    without the hook, holding the nav and footer data the hook would have set. Returns its path."""
    write_markdown(built, project, folder / "docs")
    shutil.copytree(project / "docs" / "overrides", folder / "overrides")
    with open(project / "mkdocs.yml", encoding="utf-8") as source:
        config = yaml_load(source)  # MkDocs' own loader: resolves !ENV (site_url) as a build would
    config.pop("hooks", None)
    config.update(docs_dir="docs", site_dir="site", exclude_docs=None)
    config["theme"]["custom_dir"] = "overrides"
    config["nav"] = built.nav
    config.setdefault("extra", {})["course"] = site_meta(built.course)
    path = folder / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
