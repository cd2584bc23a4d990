"""Every fact in the content by id, wherever it sits (a section, a table of care, a grading file):
vignettes name the facts their steps and explanations rest on."""

from __future__ import annotations

from ...content import model
from ...content.model_vignettes import Vignette
from ...content.walk import walk
from ..context import QuizContext
from . import findings

NEUTROPENIC_FEVER = "asco-neutropenic-fever"


def all_facts(ctx: QuizContext) -> dict[str, model.Fact]:
    cached = ctx.__dict__.get("_all_facts")
    if cached is None:
        cached = ctx.__dict__["_all_facts"] = {
            value.id: value
            for root in ctx.course.files.values()
            for _, value in walk(root)
            if isinstance(value, model.Fact)
        }
    return cached


def fact(ctx: QuizContext, fact_id: str) -> model.Fact:
    return all_facts(ctx)[fact_id]


def source_of(ctx: QuizContext, fact_id: str) -> str:
    """The content path an item names as its source, for any fact (`facts.<id>` where a section
    holds it, else its path in its file, such as grading.care.4.actions.<id>)."""
    if fact_id in ctx.fact_sections:
        return f"facts.{fact_id}"
    for file, root in ctx.course.files.items():
        for path, value in walk(root):
            if isinstance(value, model.Fact) and value.id == fact_id:
                return ".".join([file, *(str(p) for p in path)])
    raise KeyError(fact_id)


def neutropenic_fever(ctx: QuizContext, v: Vignette) -> model.Fact | None:
    """The rule a feverish patient with low neutrophils meets whatever else is suspected: every
    case kind gives it with its key, not only with the distractors (clinical reviews 6 and 7)."""
    if "neutropenic" in v.signs and v.vitals is not None and findings.fever(ctx, v):
        return fact(ctx, NEUTROPENIC_FEVER)
    return None
