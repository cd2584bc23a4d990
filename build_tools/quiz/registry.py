"""The generator registry: blueprints name a generator; each module of generators registers its
own."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from .blueprint import Blueprint
from .context import QuizContext
from .item import Item

Generator = Callable[[QuizContext, Blueprint], Iterator[Item]]
GENERATORS: dict[str, Generator] = {}


def generator(fn: Generator) -> Generator:
    GENERATORS[fn.__name__] = fn
    return fn


def all_generators() -> dict[str, Generator]:
    """Every registered generator. The bank imports the modules that register them, so this
    module imports none of them and the import graph stays free of cycles."""
    return GENERATORS
