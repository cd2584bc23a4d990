"""How an item's sources read outside the site: short citations, and links into the published
course (its references page and the section that teaches the item)."""

from __future__ import annotations

from collections import Counter
from urllib.parse import urljoin

from ..content.model import Reference
from ..quiz.item import Item
from .meta import ExportMeta

REFERENCES = "references/"  # the references page as the site serves it (directory URLs)
# Its anchors (templates/references.md.j2): `ref-<n>` per reference, `src-<id>` per outside source.


def short_citation(ref: Reference) -> str:
    """`Maude SL et al. N Engl J Med. 2018`: first author, journal, year."""
    authors = [a.strip() for a in ref.authors.split(";")[0].split(",")]
    first = authors[0].removesuffix(" et al").strip()
    more = len(authors) > 1 or "et al" in ref.authors
    return f"{first}{' et al' if more else ''}. {ref.journal}. {ref.year}"


def course_url(meta: ExportMeta, site_path: str) -> str:
    """A site path (`modules/x/#a`) as an address on the published course; "" without one."""
    return urljoin(meta.site_url, site_path) if meta.site_url else ""


def cited(item: Item, meta: ExportMeta) -> list[tuple[str, str]]:
    """(citation, address on the references page) for each source of the item, in its order.
    Outside sources that would read alike ("FDA label, 2026" for three products) add their
    title, so each citation says which document it is."""
    found = [
        (meta.citations.get(n, f"Reference {n}"), course_url(meta, f"{REFERENCES}#ref-{n}"))
        for n in item.refs
    ]
    alike = Counter(s.label for s in item.sources)
    for s in item.sources:
        title = meta.source_titles.get(s.id)
        text = f"{s.label}: {title}" if alike[s.label] > 1 and title else s.label
        found.append((text, course_url(meta, f"{REFERENCES}#src-{s.id}")))
    return found
