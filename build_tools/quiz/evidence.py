"""What an item's key rests on: the content its `source` names, as plain text.

An item-writing committee reads a key against this text; a test resolves every item's source,
so an item can never point at content that is not there."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from ..content import formatting, model
from ..content.walk import item_key
from .context import QuizContext
from .item import Item


class UnknownSource(LookupError):
    """An item names content that does not exist."""


def resolve(ctx: QuizContext, source: str) -> list[Any]:
    """The content objects `source` names ("*" stands for every item of a list)."""
    parts = source.split(".")
    if parts[0] == "facts":
        found = ctx.fact_sections.get(parts[1]) or next(
            ((s, sec, f) for fid, s, sec, f in ctx.asked_facts if fid == parts[1]), None
        )
        if found is None:
            raise UnknownSource(source)
        fact = found[2]
        return [fact.values[parts[2]] if len(parts) > 2 else fact] if len(parts) <= 3 else []
    # A source starts with its file's stem ("adverse_effects.complications...") or with a field
    # of some file ("products.<id>..." inside products.yaml): try the stem first, then every file.
    starts = [(ctx.course.files[parts[0]], parts[1:])] if parts[0] in ctx.course.files else []
    starts += [(root, parts) for root in ctx.course.files.values()]
    for root, rest in starts:
        nodes = _follow([root], rest)
        if nodes:
            return nodes
    raise UnknownSource(source)


def _follow(nodes: list[Any], parts: list[str]) -> list[Any]:
    for part in parts:
        nodes = [child for node in nodes for child in _children(node, part)]
        if not nodes:
            return []
    return nodes


def _children(node: Any, part: str) -> list[Any]:
    if isinstance(node, BaseModel):
        return [getattr(node, part)] if part in type(node).model_fields else []
    if isinstance(node, dict):
        return [node[part]] if part in node else []
    if isinstance(node, list):
        if part == "*":
            return list(node)
        by_key = [x for x in node if item_key(x) == part]
        if by_key:
            return by_key
        return [node[int(part)]] if part.isdigit() and int(part) < len(node) else []
    return []


def teaching_text(ctx: QuizContext, item: Item) -> str:
    """The content behind an item's key, as one readable paragraph. A bare flag or number is shown
    with the entity it belongs to, which says what it means."""
    nodes = resolve(ctx, item.source)
    text = ", ".join(_plain(ctx, node) for node in nodes)
    if all(isinstance(n, (bool, int, float)) for n in nodes) and "." in item.source:
        parent = item.source.rsplit(".", 1)[0]
        if "*" not in parent:
            text += " (" + " ".join(_plain(ctx, n) for n in resolve(ctx, parent)) + ")"
    return text


def _plain(ctx: QuizContext, node: Any) -> str:
    if isinstance(node, model.Worded):  # facts, grading levels, worked examples: own values
        return ctx.plain(node.text, node)
    if isinstance(node, model.Quantity):
        return formatting.quantity(node)
    if isinstance(node, str):
        return ctx.plain(node)
    if isinstance(node, bool):
        return "yes" if node else "no"
    if isinstance(node, (int, float)):
        return formatting.number(node)
    if isinstance(node, list):
        return "; ".join(_plain(ctx, x) for x in node)
    if isinstance(node, BaseModel):
        texts = [
            _plain(ctx, getattr(node, f))
            for f in type(node).model_fields
            if isinstance(getattr(node, f), str)
            and f not in ("id", "section", "agent", "disease", "source")
        ]
        return ". ".join(t for t in texts if t) + "."
    return str(node)
