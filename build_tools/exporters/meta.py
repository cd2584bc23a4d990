"""What every export needs besides the items."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class ExportMeta:
    title: str
    revised: dt.date  # the content's review date: the only clock an export may carry
