"""The question bank: blueprints in quizbank/ expanded into items whose answers are content
fields."""

from .bank import build_bank
from .item import Item, Option

__all__ = ["Item", "Option", "build_bank"]
