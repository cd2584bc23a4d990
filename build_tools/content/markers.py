"""What a field's type says about its value, read back from the models.

A field declares its meaning in its annotation (`Annotated[Id, RefersTo("antigens", "antigen")]`,
`Annotated[Number, Measured("percent")]`), so the cross-file checks and the fact index ask the type
rather than guessing from field names.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any, TypeVar, get_args, get_origin

from pydantic import BaseModel


@dataclass(frozen=True)
class RefersTo:
    """The value names an entity of `collection` (ids of list items under a field of that name).

    `same_file`: the entity must be in the file that holds the reference (a page's own sections).
    `message`: how a dangling reference reads, when "unknown <noun> id" would not."""

    collection: str
    noun: str
    same_file: bool = False
    message: str | None = None


@dataclass(frozen=True)
class Measured:
    """The value is a number a reader learns, in this unit: it joins the fact index."""

    unit: str


M = TypeVar("M")


def _find(annotation: Any, kind: type[M]) -> M | None:
    if get_origin(annotation) is Annotated:
        base, *metadata = get_args(annotation)
        found = next((m for m in metadata if isinstance(m, kind)), None)
        return found or _find(base, kind)
    for arg in get_args(annotation):  # list[X], X | None
        if (found := _find(arg, kind)) is not None:
            return found
    return None


@cache
def field_marker(model: type[BaseModel], name: str, kind: type[M]) -> M | None:
    """The marker of `kind` on field `name`, also inside list[...] and X | None."""
    info = model.model_fields[name]
    found = next((m for m in info.metadata if isinstance(m, kind)), None)
    return found or _find(info.annotation, kind)
