"""The course offline: a service worker on Workbox's runtime whose precache list the build writes,
a web app manifest and its icons. Only the web site gets them; LMS packages and the local preview
server (`make serve`) set `offline` to false in `extra`, and pages link the manifest only when it
is true (docs/assets/offline.js registers the worker only where that link is)."""

from .precache import SERVICE_WORKER, precache_entries, write_service_worker
from .web_manifest import WEB_MANIFEST, icon_files, web_manifest

__all__ = [
    "SERVICE_WORKER",
    "WEB_MANIFEST",
    "icon_files",
    "precache_entries",
    "web_manifest",
    "write_service_worker",
]
