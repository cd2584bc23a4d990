"""The course as a SCORM package for a learning management system.

`build_package` builds the site for an LMS frame (`site`), adds the launch page and the LMS adapter
(`adapter`), lists every file in `imsmanifest.xml` (`manifest`) and writes a reproducible zip
(`archive`). Nothing here is used by the web site."""

from .build import FORMATS, PackageError, PackageSummary, build_package

__all__ = ["FORMATS", "PackageError", "PackageSummary", "build_package"]
