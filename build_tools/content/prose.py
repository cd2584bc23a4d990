"""Placeholders in prose: `{products.tisagenlecleucel.indications.pediatric-ball.crs_percent}`.

A number is typed once, in its field; prose names the field and the renderer fills in
the formatted value. Inside a fact's own text, `{name}` names one of its values.
"""

from __future__ import annotations

import re
from collections.abc import Callable

PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*(?:\.[a-z0-9][a-z0-9_-]*)*)\}")


def placeholders(text: str) -> list[str]:
    return PLACEHOLDER.findall(text)


def fill(text: str, lookup: Callable[[str], str]) -> str:
    return PLACEHOLDER.sub(lambda m: lookup(m.group(1)), text)
