"""Walk a validated model the way its YAML is laid out, yielding (path, value) pairs.

Paths use list indices (for error lines: products[2].crs_percent) and can be turned
into id paths (for fact sources: products.axicabtagene-ciloleucel.crs_percent).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel


def walk(value: Any, path: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    yield path, value
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from walk(getattr(value, name), path + (name,))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from walk(item, path + (index,))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from walk(item, path + (key,))


def item_key(item: Any) -> str | None:
    """The stable name of a list item: its id, else its kind (cytopenia types)."""
    for attr in ("id", "kind", "n"):
        key = getattr(item, attr, None)
        if key is not None:
            return str(key)
    return None


def id_path(root: Any, path: tuple) -> str:
    """Rewrite list indices in `path` as the ids of the items they point at."""
    parts, node = [], root
    for part in path:
        if isinstance(part, int):
            node = node[part]
            parts.append(item_key(node) or str(part))
        else:
            node = node[part] if isinstance(node, dict) else getattr(node, part)
            parts.append(part)
    return ".".join(parts)
