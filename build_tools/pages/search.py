"""Search that finds: a learner's words reach the index (steroids → glucocorticoid sections,
Kymriah → tisagenlecleucel). Synonyms come from content (the glossary's `synonyms`, each
product's brand and short name); each section that uses a term gets its synonyms appended."""

from __future__ import annotations

import json
import re
from pathlib import Path

from ..content.course import Course


def synonyms(course: Course) -> dict[str, list[str]]:
    """{term the course uses: words a learner may type instead}."""
    found = {s.term: list(s.also) for s in course.glossary.synonyms}
    for p in [*course.products.products, *course.solid_tumors.approved]:
        found.setdefault(p.inn, []).extend(n for n in (p.fda.brand, p.fda.short_name) if n)
    return found


def add_synonyms(index: dict, words: dict[str, list[str]]) -> dict:
    """Append 'Also searched as: …' to every indexed section whose text or title uses a term
    (whole word, any case, plural too)."""
    patterns = {term: re.compile(rf"\b{re.escape(term)}s?\b", re.IGNORECASE) for term in words}
    for doc in index.get("docs", []):
        hay = f"{doc.get('title', '')} {doc.get('text', '')}"
        extra = [w for term, also in words.items() if patterns[term].search(hay) for w in also]
        if extra:
            doc["text"] = (
                f"{doc.get('text', '')} <p>Also searched as: {', '.join(dict.fromkeys(extra))}.</p>"
            )
    return index


# Addresses a learner never types: DOIs and web addresses of the references (a third of the
# References page's text, downloaded by every page that loads the index).
_ADDRESSES = re.compile(r"\s*(?:doi:|https?://)[^\s<]+")


def drop_addresses(index: dict) -> dict:
    """Take DOIs and URLs out of every indexed text: the index holds what is searched for."""
    for doc in index.get("docs", []):
        doc["text"] = _ADDRESSES.sub("", doc.get("text", ""))
    return index


def rewrite_index(site_dir: Path, course: Course) -> None:
    """Rewrite site_dir/search/search_index.json in place (after Material's search plugin wrote
    it)."""
    path = Path(site_dir) / "search" / "search_index.json"
    if path.exists():
        index = json.loads(path.read_text(encoding="utf-8"))
        index = add_synonyms(drop_addresses(index), synonyms(course))
        path.write_text(
            json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
        )
