"""Table 1's columns as questions read them: what each measures, and its spread across products."""

from __future__ import annotations

from dataclasses import dataclass

from ..content import formatting, model_products
from .context import QuizContext

# The Table 1 columns a question may compare: how a stem names each, and the measure it is.
MEASURES = {
    "response_percent": "response rate (complete or partial remission)",
    "crs_percent": "rate of cytokine release syndrome",
    "neurologic_percent": "rate of neurologic toxicity",
    "severe_infection_percent": "rate of severe infection",
}
MEASURE_OF = {
    "response_percent": "response rate",
    "crs_percent": "complication rate",
    "neurologic_percent": "complication rate",
    "severe_infection_percent": "complication rate",
}


@dataclass(frozen=True)
class Row:
    product: model_products.Product
    trial: model_products.TrialResult
    disease: model_products.Disease

    def value(self, measure: str) -> float:
        return getattr(self.trial, measure)


def rows(ctx: QuizContext) -> list[Row]:
    course = ctx.course
    return [
        Row(p, i, course.disease(i.disease)) for p in course.products.products for i in p.trials
    ]


def spreads(ctx: QuizContext) -> dict[str, tuple[float, float]]:
    """Each column's lowest and highest value across every product and indication."""
    table = rows(ctx)
    return {m: (min(r.value(m) for r in table), max(r.value(m) for r in table)) for m in MEASURES}


def spread_text(low: float, high: float) -> str:
    return f"{formatting.number(low)}%–{formatting.number(high)}%"
