"""MkDocs hook: a switchboard that hands MkDocs the pages build_tools renders.

It holds no logic: loading, validation and rendering live in build_tools.pipeline.
A content error aborts in on_config, before MkDocs empties the site folder, so an
existing site/ survives a bad edit.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.structure.files import File

from build_tools.content.errors import ContentError
from build_tools.pipeline import (
    BANK_FILE,
    COURSE_FILE,
    REVIEW_FILE,
    bank_json,
    build,
    course_json,
    review_json,
    site_meta,
    with_glossary,
)

_built = None
_serving = False  # `mkdocs serve` (make serve): live reload, and no service worker to outlive it


def on_startup(command, dirty):
    global _serving
    _serving = command == "serve"


def _project_dir(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_config(config):
    global _built
    try:
        _built = build(_project_dir(config), directory_urls=config.use_directory_urls)
    except ContentError as error:
        raise Abort("\n" + error.report()) from None  # the report says it all; no traceback
    config.nav = _built.nav
    config.extra["course"] = site_meta(_built.course)
    config.extra.setdefault("offline", not _serving)  # LMS packages set it false (package/site.py)
    return config


def on_files(files, config):
    for path, text in _built.pages.items():
        files.append(File.generated(config, path, content=text))
    files.append(File.generated(config, BANK_FILE, content=bank_json(_built)))
    files.append(File.generated(config, COURSE_FILE, content=course_json(_built)))
    files.append(File.generated(config, REVIEW_FILE, content=review_json(_built)))
    if config.extra["offline"]:
        from build_tools.offline import WEB_MANIFEST, icon_files, web_manifest

        files.append(File.generated(config, WEB_MANIFEST, content=web_manifest(_built.course)))
        for path, png in icon_files().items():
            files.append(File.generated(config, path, content=png))
    return files


def on_page_markdown(markdown, page, config, files):
    return with_glossary(_built, markdown)


def on_post_page(output, page, config):
    from build_tools.pages.compact import compact_html

    return compact_html(output)


def on_post_build(config):
    # Runs after Material's search plugin has written the index (plugins run before hooks).
    from build_tools.pages.search import rewrite_index

    rewrite_index(Path(config.site_dir), _built.course)
    if config.extra["offline"]:  # last: its precache list covers every file written before it
        from build_tools.offline import write_service_worker

        write_service_worker(Path(config.site_dir))


def on_serve(server, config, builder):
    root = _project_dir(config)
    for folder in ("content", "quizbank", "build_tools/pages/templates"):
        if (root / folder).is_dir():
            server.watch(str(root / folder))
    return server
