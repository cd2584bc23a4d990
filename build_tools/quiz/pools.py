"""Wrong numbers for figure questions: answers of the same measure, and only those.

A pool holds the keyed answers of every question about one measure (a response rate, a survival
rate, a complication rate) in one unit: the asked facts' keys (by their `measure:`) and the spreads
the Table 1 questions ask. A remission rate is offered against other remission rates, never
against a fungal-infection rate that happens to share the percent sign. Each value carries the
sentence it comes from, which the learner reads as the reason the option is wrong here."""

from __future__ import annotations

from ..content import formatting
from .context import QuizContext
from .distractors import Pool
from .table1_columns import MEASURE_OF, MEASURES, spread_text, spreads

PoolKey = tuple[str, str, bool]  # measure, unit, range or not


def value_pools(ctx: QuizContext) -> dict[PoolKey, Pool]:
    """Built once per bank (kept on the context)."""
    cached = ctx.__dict__.get("_value_pools")
    if cached is None:
        cached = ctx.__dict__["_value_pools"] = _build(ctx)
    return cached


def _build(ctx: QuizContext) -> dict[PoolKey, Pool]:
    kinds: dict[PoolKey, dict[str, str]] = {}
    for _, _, _, fact in ctx.asked_facts:
        names = ([fact.key] if fact.ask and fact.key else []) + list(fact.pool)
        for name in names:
            q = fact.values[name]
            key = (fact.measure, q.unit, q.is_range)
            kinds.setdefault(key, {})[formatting.quantity(q)] = ctx.plain(fact.text, fact)
    for column, (low, high) in spreads(ctx).items():
        key = (MEASURE_OF[column], "percent", True)
        kinds.setdefault(key, {})[spread_text(low, high)] = (
            f"Across the trials in Table 1, the {MEASURES[column]} ranged from "
            f"{spread_text(low, high).replace('–', ' to ')}."
        )
    return {
        kind: Pool(list(notes), numeric=True, notes=notes, label=kind[0])
        for kind, notes in kinds.items()
    }


def pool_for(ctx: QuizContext, measure: str, unit: str, is_range: bool) -> Pool:
    return value_pools(ctx).get((measure, unit, is_range)) or Pool([], numeric=True)
