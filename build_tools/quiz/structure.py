"""Generators for the parts of a CAR and of a product's name: order, jobs and naming stems.
Each yields items whose answers are content fields."""

from __future__ import annotations

from collections.abc import Iterator

from . import make
from .blueprint import Blueprint
from .context import QuizContext
from .item import Item, Option
from .registry import generator
from .wording import cap, in_sentence


@generator
def car_domain_order(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    domains = ctx.course.car_structure.domains
    order = [d.name for d in domains]
    yield make.ordering(
        ctx,
        bp,
        "",
        order=order,
        stem="Put the CAR domains in order, from outside the T cell to inside:",
        explanation="From outside to inside: " + ", ".join(order) + ".",
        refs=tuple(sorted({n for d in domains for n in d.refs})),
        source="car_structure.domains",
        page=ctx.page(ctx.module_of("car_structure"), "domains"),
    )


@generator
def car_domain_function(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    """The domains matched to their jobs (where each sits is the ordering item's lesson)."""
    domains = ctx.course.car_structure.domains
    pairs = [(d.name, d.function) for d in domains]
    yield make.matching(
        ctx,
        bp,
        "function",
        pairs=pairs,
        stem="Match each CAR domain to its job.",
        explanation="; ".join(f"{a}: {b}" for a, b in pairs) + ".",
        refs=tuple(sorted({n for d in domains for n in d.refs})),
        source="car_structure.domains.*.function",
        page=ctx.page(ctx.module_of("car_structure"), "domains"),
    )


@generator
def naming_stem(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    """The stems matched to their meanings."""
    stems = ctx.course.naming.stems
    page = ctx.page(ctx.module_of("naming"), "stems")
    pairs = [(f"'{s.stem}'", s.meaning) for s in stems]
    yield make.matching(
        ctx,
        bp,
        "",
        pairs=pairs,
        stem="Match each stem of a CAR T-cell product's generic name to its meaning.",
        explanation=cap("; ".join(f"the stem {a} means {b}" for a, b in pairs)) + ".",
        refs=tuple(sorted({n for s in stems for n in s.refs})),
        source="naming.stems.*.meaning",
        page=page,
    )
    # Which names bend the pattern is a concept item (naming.yaml `names-bend`): a list of the
    # names shows its own answer.


def _plain_name(name: str) -> str:
    """A domain's name without its gloss in brackets."""
    return name.split(" (")[0]


@generator
def car_domain_between(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    """For each domain with a neighbour on both sides: which domain sits between those two. One
    family with the ordering item: both ask the order."""
    domains = ctx.course.car_structure.domains
    names = [_plain_name(d.name) for d in domains]
    for i in range(1, len(domains) - 1):
        before, here, after = names[i - 1], names[i], names[i + 1]
        options = tuple(
            sorted(
                (
                    Option.of(
                        n,
                        n == here,
                        f"Right: from outside inwards the order is {', '.join(names)}."
                        if n == here
                        else f"The {in_sentence(n)} sits {_where(names, n, i)}.",
                    )
                    for n in names
                ),
                key=lambda o: make.stable_rank(f"{bp.id}:{domains[i].id}:{o.text}"),
            )
        )
        yield Item(
            type="single",
            options=options,
            **make.base(
                ctx,
                bp,
                domains[i].id,
                stem=(
                    "Reading a CAR from outside the T cell inwards, which domain comes between "
                    f"the {in_sentence(before)} and the {in_sentence(after)}?"
                ),
                explanation=(
                    f"From outside inwards: {', '.join(names)}. The {in_sentence(here)} "
                    f"{domains[i].function}."
                ),
                refs=tuple(sorted({n for d in domains for n in d.refs})),
                source=f"car_structure.domains.{domains[i].id}",
                family="car_structure.domains",
                page=ctx.page(ctx.module_of("car_structure"), "domains"),
            ),
        )


def _where(names: list[str], name: str, asked: int) -> str:
    k = names.index(name)
    if k == 0:
        return "outermost, binding the antigen"
    if k == len(names) - 1:
        return "innermost, at the end of the CAR"
    side = "further out" if k < asked else "further in"
    return f"{side}, between the {in_sentence(names[k - 1])} and the {in_sentence(names[k + 1])}"
