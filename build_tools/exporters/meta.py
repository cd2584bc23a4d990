"""What every export needs besides the items: the course's facts about itself and the instructor's
choices.

Every field after `revised` has a default, so a caller that only knows the title and date
(the benchmark, a quick script) still gets a sensible export.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from ..analysis.stats import ItemStats

OrderingAs = Literal["ordering", "matching"]


@dataclass(frozen=True)
class ExportMeta:
    title: str
    revised: dt.date  # the content's review date: the only clock an export may carry
    version: str = ""  # the course version, printed on exams and written in manifests
    seed: int | None = None
    modules: dict[str, str] = field(default_factory=dict)  # module id -> title, in course order
    ordering_as: OrderingAs = (
        "ordering"  # Moodle before 4.4 has no ordering type without the plugin
    )
    picks: dict[str, int] = field(default_factory=dict)  # QTI: items Canvas draws per module group
    exam: ExamSheet | None = None  # printable exams only
    # review report: item id -> the content its key rests on
    evidence: dict[str, str] = field(default_factory=dict)
    citations: dict[int, str] = field(default_factory=dict)  # reference number -> short citation
    source_titles: dict[str, str] = field(default_factory=dict)  # outside source id -> its title
    site_url: str = ""  # the published course, for links back to it ("" when unknown)
    analysis: dict[str, ItemStats] = field(default_factory=dict)  # review: results per item


@dataclass(frozen=True)
class ExamSheet:
    """What the cover page of a printed exam says besides the items."""

    minutes: int
    date: str = ""  # empty: a line to fill in by hand (an export never reads the clock)
    answer_sheet: bool = False


def module_title(meta: ExportMeta, module_id: str) -> str:
    return meta.modules.get(module_id, module_id)


def module_rank(meta: ExportMeta, module_id: str) -> int:
    """A module's place in the course (unknown modules last), so exports list modules in course
    order."""
    order = list(meta.modules)
    return order.index(module_id) if module_id in order else len(order)
