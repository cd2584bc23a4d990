"""What a product's label says beyond its indication, asked from the label data in
content/products.yaml: the boxed warning, and what was approved after the review."""

from __future__ import annotations

from collections.abc import Iterator

from ..content import model_products
from ..pages.labels import document_date
from . import make
from .blueprint import Blueprint
from .context import QuizContext
from .item import Item, Option
from .registry import generator
from .wording import listing


def _warning_stored_in_full(p: model_products.Product) -> bool:
    """A boxed warning whose topics the stored label gives in full (a note says what is left
    out): only such a warning can show that a topic is absent."""
    return bool(p.fda.boxed_warning) and not p.fda.boxed_warning_note


def _when(date: str) -> str:
    """'on 30 August 2017' for a day, 'in March 2021' for a month or a year."""
    return ("on " if date.count("-") == 2 else "in ") + document_date(date)


def _approved_when(fda: model_products.FdaRecord) -> str:
    """When a product was first approved, to the month only where a note says the day is not
    the FDA's own (liso-cel's day is a listing's marketing start: clinical review 3)."""
    date = fda.first_approval
    return _when(date[:7] if fda.first_approval_note else date)


def _page(ctx: QuizContext, product: model_products.Product) -> str:
    return ctx.page(ctx.module_of("products"), product.id)


@generator
def boxed_warning_own(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    """Per product whose boxed warning names topics no other product's does: which product that
    is, the others being products whose warnings are stored in full (so that "not named" is
    known, not guessed)."""
    full = [p for p in ctx.course.products.products if _warning_stored_in_full(p)]
    for product in full:
        others = [p for p in full if p is not product]
        own = [
            t
            for t in product.fda.boxed_warning
            if not any(t in p.fda.boxed_warning for p in others)
        ]
        if not own or len(others) < 2:
            continue
        wrong = sorted(others, key=lambda p: make.stable_rank(f"{bp.id}:{product.id}:{p.id}"))[:3]
        named = listing([f"'{t}'" for t in own])
        options = [
            Option.of(
                product.inn,
                True,
                f"Right: its boxed warning names {listing(own)}, with "
                + listing([t for t in product.fda.boxed_warning if t not in own])
                + ".",
            )
        ] + [
            Option.of(
                p.inn,
                False,
                f"Its boxed warning names {listing(p.fda.boxed_warning)}, but not {listing(own)}.",
            )
            for p in wrong
        ]
        yield Item(
            type="single",
            options=tuple(sorted(options, key=lambda o: o.text.lower())),
            **make.base(
                ctx,
                bp,
                product.id,
                stem=(
                    f"Which of these CAR T-cell products has a boxed warning that names {named}, "
                    "so that its patients are watched for them as well?"
                ),
                explanation=(
                    f"The label of {product.inn} carries a boxed warning on "
                    f"{listing(product.fda.boxed_warning)}. The boxed warnings of "
                    f"{listing([p.inn for p in others])} do not name {listing(own)}."
                ),
                refs=(),
                sources=tuple(
                    ctx.outside(s)
                    for s in dict.fromkeys(
                        s for p in (product, *others) for s in p.fda.boxed_warning_sources
                    )
                ),
                source=f"products.{product.id}.fda.boxed_warning",
                family="label:boxed-warning",
                page=_page(ctx, product),
            ),
        )


@generator
def approved_after_review(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    """Per product approved after the review was published: which product that is, the others
    being the products the review gives trial figures for, approved nearest before it."""
    review = ctx.course.changes.review.isoformat()
    products = ctx.course.products.products
    for product in products:
        if product.fda.first_approval <= review[: len(product.fda.first_approval)]:
            continue
        before = [p for p in products if p.trials and p.fda.first_approval < review]
        wrong = sorted(before, key=lambda p: p.fda.first_approval, reverse=True)[:3]
        if len(wrong) < 2:
            continue
        month = document_date(review[:7])
        options = [
            Option.of(
                product.inn,
                True,
                f"Right: it was approved {_approved_when(product.fda)}, after "
                "the review was written, so the review has no trial figures for it.",
            )
        ] + [
            Option.of(
                p.inn,
                False,
                f"It was first approved {_approved_when(p.fda)}, before the "
                "review, which gives its trial figures.",
            )
            for p in wrong
        ]
        yield Item(
            type="single",
            options=tuple(sorted(options, key=lambda o: o.text.lower())),
            **make.base(
                ctx,
                bp,
                product.id,
                stem=(
                    f"The review this course rests on was published in {month}. Which of "
                    "these products was approved after the review was written, so that for it "
                    "you must rely on its label and its own trials?"
                ),
                explanation=(
                    f"{product.inn[:1].upper()}{product.inn[1:]} was approved "
                    f"{_approved_when(product.fda)}; "
                    + "; ".join(f"{p.inn} {_approved_when(p.fda)}" for p in wrong)
                    + ". What changed after the review is listed, dated and sourced, on the "
                    "course's changes page."
                ),
                refs=(),
                sources=ctx.outside_all([product.fda, *wrong]),
                source=f"products.{product.id}.fda.first_approval",
                family="label:after-review",
                page=_page(ctx, product),
            ),
        )
