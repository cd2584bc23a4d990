"""From what a report shows back to the bank: a question's text to its item, a response's text to
the options it names."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from ..quiz.item import Item


def plain(text: str) -> str:
    """Text as reports give it, compared without markup, entities or runs of white space."""
    text = re.sub(r"<[^>]*>", " ", text)
    return " ".join(html.unescape(text).split())


class Finder:
    """Items by the text a report shows for them: the stem, perhaps followed by more (Moodle
    appends the choices to a multiple-choice question's summary)."""

    def __init__(self, bank: Iterable[Item]):
        self.items = list(bank)
        self.by_id = {i.id: i for i in self.items}
        self._stems = sorted(((plain(i.stem), i) for i in self.items), key=lambda t: -len(t[0]))

    def candidates(self, shown: str) -> list[Item]:
        """The items whose stem the text shows, the longest stems first; variants sharing a stem
        narrowed to those whose options the text lists (Moodle lists a question's choices)."""
        text = plain(shown)
        found = [
            i
            for stem, i in self._stems
            if text == stem or (text.startswith(stem) and text[len(stem)] in ": {")
        ]
        if len(found) > 1:
            best = max(len(plain(i.stem)) for i in found)
            found = [i for i in found if len(plain(i.stem)) == best]
        if len(found) > 1:
            found = [i for i in found if all(plain(o.text) in text for o in i.options)] or found
        return found

    def by_text(self, shown: str) -> Item | None:
        """The one item the text shows; None for none, or for several equally fitting."""
        found = self.candidates(shown)
        return found[0] if len(found) == 1 else None

    def by_title(self, title: str) -> Item | None:
        """Canvas's question title: the QTI export titles each item with its id (cut to 80)."""
        title = title.strip()
        if title in self.by_id:
            return self.by_id[title]
        found = [i for i in self.items if len(title) >= 80 and i.id.startswith(title)]
        return found[0] if len(found) == 1 else None


def options_named(item: Item, parts: list[str], joiner: str) -> list[str] | None:
    """The option ids whose texts `parts` spell out, when option texts may themselves contain the
    separator the report joined them with; None if the parts name anything else."""
    texts = {plain(o.text): o.id for o in item.options}
    chosen, i = [], 0
    while i < len(parts):
        for j in range(len(parts), i, -1):
            candidate = plain(joiner.join(parts[i:j]))
            if candidate in texts:
                chosen.append(texts[candidate])
                i = j
                break
        else:
            return None
    return chosen
