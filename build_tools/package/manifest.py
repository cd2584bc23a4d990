"""`imsmanifest.xml` for SCORM 1.2 and SCORM 2004 4th edition: one SCO, every file listed.

One SCO for the whole course (see README, *Into a learning management system*): the pages link to
each other and share one progress store and one final assessment, so the LMS records one
completion and one score, the one the final assessment gives."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal, assert_never
from urllib.parse import quote
from xml.sax.saxutils import escape, quoteattr

from ..content.course import Course

Standard = Literal["scorm12", "scorm2004"]
MANIFEST = "imsmanifest.xml"
XSI = "http://www.w3.org/2001/XMLSchema-instance"

SCORM12_NAMESPACES = {
    "": ("http://www.imsproject.org/xsd/imscp_rootv1p1p2", "imscp_rootv1p1p2.xsd"),
    "adlcp": ("http://www.adlnet.org/xsd/adlcp_rootv1p2", "adlcp_rootv1p2.xsd"),
}
SCORM2004_NAMESPACES = {
    "": ("http://www.imsglobal.org/xsd/imscp_v1p1", "imscp_v1p1.xsd"),
    "adlcp": ("http://www.adlnet.org/xsd/adlcp_v1p3", "adlcp_v1p3.xsd"),
    "adlseq": ("http://www.adlnet.org/xsd/adlseq_v1p3", "adlseq_v1p3.xsd"),
    "adlnav": ("http://www.adlnet.org/xsd/adlnav_v1p3", "adlnav_v1p3.xsd"),
    "imsss": ("http://www.imsglobal.org/xsd/imsss", "imsss_v1p0.xsd"),
}


def write_manifest(site: Path, standard: Standard, course: Course, launch: str) -> None:
    files = sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*")
        if p.is_file() and p.name != MANIFEST
    )
    (site / MANIFEST).write_text(manifest_xml(standard, course, launch, files), encoding="utf-8")


def manifest_xml(standard: Standard, course: Course, launch: str, files: list[str]) -> str:
    c = course.outline
    title = f"<title>{escape(c.title)}</title>"
    pass_mark = c.assessment.pass_mark
    match standard:
        case "scorm12":
            namespaces, version, scorm_type = SCORM12_NAMESPACES, "1.2", "adlcp:scormtype"
            mastery = f"<adlcp:masteryscore>{pass_mark:g}</adlcp:masteryscore>"
        case "scorm2004":
            namespaces, version, scorm_type = (
                SCORM2004_NAMESPACES,
                "2004 4th Edition",
                "adlcp:scormType",
            )
            # The LMS sets success from the scaled score against this (cmi.scaled_passing_score).
            mastery = (
                "<imsss:sequencing><imsss:objectives>"
                '<imsss:primaryObjective objectiveID="pass-mark" satisfiedByMeasure="true">'
                f"<imsss:minNormalizedMeasure>{pass_mark / 100:g}</imsss:minNormalizedMeasure>"
                "</imsss:primaryObjective></imsss:objectives></imsss:sequencing>"
            )
        case _:
            assert_never(standard)
    declarations = " ".join(
        f'xmlns{":" + p if p else ""}="{ns}"' for p, (ns, _) in namespaces.items()
    )
    locations = " ".join(f"{ns} {xsd}" for ns, xsd in namespaces.values())
    declarations += f' xmlns:xsi="{XSI}" xsi:schemaLocation="{locations}"'
    listed = "\n".join(f"      <file href={quoteattr(quote(f, safe='/'))}/>" for f in files)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="{identifier(c.title)}" version={quoteattr(c.version)} {declarations}>
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>{version}</schemaversion>
  </metadata>
  <organizations default="course">
    <organization identifier="course">
      {title}
      <item identifier="course-item" identifierref="course-sco">
        {title}
        {mastery}
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="course-sco" type="webcontent" {scorm_type}="sco" href={quoteattr(launch)}>
{listed}
    </resource>
  </resources>
</manifest>
"""


def identifier(title: str) -> str:
    """A stable xs:ID from the course title: the LMS sees a new version as the same package."""
    return "course-" + re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
