"""Generators for the kinds of T-cell therapy: which are engineered or need HLA typing, and what
Table 3 reached with which receptor."""

from __future__ import annotations

from collections.abc import Iterator

from . import make
from .blueprint import Blueprint
from .context import QuizContext
from .item import Item
from .registry import generator
from .wording import cap, listing


@generator
def therapy_property(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    """Which therapy types have a boolean property, as one select-all item (a true/false item per
    type would ask the same again)."""
    field, phrase = bp.params["field"], bp.params["phrase"]
    types = ctx.course.therapy_types.therapy_types

    def detail(t) -> str:
        return t.engineering if field == "engineered" else t.hla_note

    right = [t.name for t in types if getattr(t, field)]
    why = {
        t.name: ("Right: " if getattr(t, field) else "Not so: ") + detail(t) + "." for t in types
    }
    yield make.multiple(
        ctx,
        bp,
        "all",
        right=right,
        wrong=[t.name for t in types if not getattr(t, field)],
        why=why,
        stem=f"Which of these {phrase}? Select all that apply.",
        family=f"therapy_types.{field}",
        explanation=" ".join(f"{t.name}: {detail(t)}." for t in types),
        refs=tuple(sorted({n for t in types for n in t.refs})),
        source=f"therapy_types.*.{field}",
        page=ctx.page(ctx.module_of("therapy_types"), "comparison"),
    )


@generator
def restriction_without_typing(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    """True or false for a therapy that is HLA-restricted yet needs no typing (TIL): the statement
    a learner who confuses the two gets wrong."""
    for t in ctx.course.therapy_types.therapy_types:
        if not (t.hla_restricted and not t.hla_typing):
            continue
        yield make.truefalse(
            ctx,
            bp,
            t.id,
            true=True,
            stem=f"True or false: {t.name} recognize their targets only on HLA molecules.",
            why_true=f"Right: {cap(t.hla_note)}.",
            why_false=f"They do use HLA: {t.hla_note}.",
            explanation=f"{t.name} are HLA-restricted: {t.hla_note}.",
            refs=tuple(t.refs),
            source=f"therapy_types.{t.id}.hla_restricted",
            family="therapy_types.hla_restricted",
            page=ctx.page(ctx.module_of("therapy_types"), "comparison"),
        )


@generator
def table3_receptor(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    """Table 3 read for its lesson: which targets were reached with a CAR (on the surface) rather
    than a TCR (inside the cell)."""
    trials = ctx.course.solid_tumors.trials
    cars = sorted({t.target for t in trials if t.receptor == "CAR T"})
    why = {
        t.target: (
            f"Right: reached with CAR T cells ({t.first_author} {t.year}); a CAR binds it on the "
            "cell surface."
            if t.receptor == "CAR T"
            else f"Reached with TCR T cells ({t.first_author} {t.year}): it is made inside the "
            "cell and shown on HLA, out of a CAR's reach."
        )
        for t in trials
    }
    yield make.multiple(
        ctx,
        bp,
        "car",
        right=cars,
        wrong=sorted({t.target for t in trials} - set(cars)),
        why=why,
        stem="Which of these Table 3 targets were reached with CAR T cells? Select all that apply.",
        explanation=(
            f"{listing(cars)} sit on the cell surface, where a CAR can bind them; the "
            "others are made inside the cell and were reached with TCRs, which see them on HLA."
        ),
        refs=tuple(sorted({t.ref for t in trials})),
        source="solid_tumors.trials.*.receptor",
        family="table3:receptor",
        page=ctx.page(ctx.module_of("solid_tumors"), "reading-table-3"),
    )
