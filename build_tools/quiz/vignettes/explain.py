"""Which explanation fits the findings: a differential where findings compete (CRS against sepsis,
prolonged cytopenias against relapse, a late movement disorder against ICANS), B-cell aplasia and
its care, and what trial evidence can support. Each explanation in content/vignettes.yaml names
one rule below, a pure function of the vignette's data; the build fails unless the key's rule
holds and no wrong option's does."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ...content.model_vignettes import Vignette
from ..blueprint import Blueprint
from ..context import QuizContext
from ..item import Item, Option
from ..registry import generator
from . import common, findings
from .facts import fact, source_of

Rule = Callable[[QuizContext, Vignette], bool]
RELAPSE_BLASTS = 5  # percent of marrow cells: below it the marrow shows no relapse


def _acute(ctx: QuizContext, v: Vignette) -> bool:
    return v.day is not None and v.day <= findings.acute_days(ctx)


def _late(ctx: QuizContext, v: Vignette) -> bool:
    return v.day is not None and v.day > findings.acute_days(ctx)


def _target(ctx: QuizContext, v: Vignette) -> str | None:
    return getattr(ctx.course.therapy(v.therapy), "target", None)


def _kind(ctx: QuizContext, v: Vignette) -> str:
    return getattr(ctx.course.therapy(v.therapy), "kind", "car-t")


def _relapse(v: Vignette) -> bool:
    return v.labs is not None and (v.labs.blasts or 0) >= RELAPSE_BLASTS


def _design(ctx: QuizContext, v: Vignette) -> set[str]:
    return {fact(ctx, f).design for f in v.results}


RULES: dict[str, Rule] = {
    # CRS that an infection could mimic: both are covered until cultures say otherwise
    "cover-crs-and-infection": lambda ctx, v: (
        _acute(ctx, v)
        and findings.fever(ctx, v)
        and findings.crs(ctx, v) > 0
        and "infection-source" not in v.signs
    ),
    "never": lambda ctx, v: False,  # a wrong turn in any case (waiting, treating one alone)
    "crs": lambda ctx, v: (
        _acute(ctx, v)
        and findings.crs(ctx, v) > 0
        and _kind(ctx, v) == "car-t"
        and "infection-source" not in v.signs
    ),
    "icans": lambda ctx, v: _acute(ctx, v) and findings.icans(ctx, v) > 0,
    "icans-without-crs": lambda ctx, v: (
        _acute(ctx, v) and findings.icans(ctx, v) > 0 and not findings.fever(ctx, v)
    ),
    "capillary-leak": lambda ctx, v: "il2-given" in v.signs and _kind(ctx, v) in ("til", "tcr-t"),
    "prolonged-cytopenias": lambda ctx, v: (
        v.day is not None
        and v.day > findings.prolonged_after(ctx)
        and v.labs is not None
        and not _relapse(v)
    ),
    "antigen-escape": lambda ctx, v: _relapse(v) and "antigen-lost" in v.signs,
    "antigen-kept-relapse": lambda ctx, v: _relapse(v) and "antigen-lost" not in v.signs,
    "movement-disorder": lambda ctx, v: (
        _late(ctx, v) and _target(ctx, v) == "bcma" and "movement-disorder" in v.signs
    ),
    "brain-bleed": lambda ctx, v: "bleed" in v.signs,
    "tremor-not-graded": lambda ctx, v: "tremor" in v.signs and findings.icans(ctx, v) == 0,
    "infection-explains-fever": lambda ctx, v: (
        findings.fever(ctx, v) and "infection-source" in v.signs
    ),
    "replace-immunoglobulin": lambda ctx, v: (
        "low-antibodies" in v.signs and "recurrent-infections" in v.signs
    ),
    "watch-antibodies": lambda ctx, v: (
        "low-antibodies" not in v.signs
        and "recurrent-infections" not in v.signs
        and v.patient.age >= 18
    ),
    "only-randomized-supports": lambda ctx, v: (
        "randomized" in _design(ctx, v) and len(_design(ctx, v)) > 1
    ),
    "no-randomized-result": lambda ctx, v: bool(v.results) and "randomized" not in _design(ctx, v),
    "cross-trial-cannot-rank": lambda ctx, v: "different-trials" in v.signs,
    "historical-control-weak": lambda ctx, v: "historical-control" in _design(ctx, v),
    "retrospective-confounded": lambda ctx, v: "retrospective" in _design(ctx, v),
}


def holds(ctx: QuizContext, explanation_id: str, v: Vignette) -> bool:
    e = explanations(ctx)[explanation_id]
    return RULES[e.rule](ctx, v)


def explanations(ctx: QuizContext) -> dict:
    return {e.id: e for e in ctx.course.vignettes.explanations}


def _check(ctx: QuizContext, i: int, v: Vignette) -> list:
    found = []
    known = explanations(ctx)
    doc = ctx.course.docs[common.FILE]
    for n, e in enumerate(known.values()):
        if e.rule not in RULES:
            path = ("explanations", n, "rule")
            found.append(
                common.ContentIssue(
                    doc.file,
                    doc.line_of(path),
                    f"explanations[{n}].rule",
                    f"no rule {e.rule!r} (known: {', '.join(sorted(RULES))})",
                )
            )
    if found:
        return found
    if v.explanation is None or not holds(ctx, v.explanation, v):
        found.append(
            common.issue(
                ctx,
                i,
                "explanation",
                f"the key {v.explanation!r} does not fit this vignette's data by its rule",
            )
        )
    for n, e in enumerate(v.wrong_explanations):
        if holds(ctx, e, v):
            found.append(
                common.issue(
                    ctx,
                    i,
                    f"wrong_explanations.{n}",
                    f"{e!r} also fits this vignette's data: two defensible keys",
                )
            )
    if len(v.wrong_explanations) < 2:
        found.append(common.issue(ctx, i, "wrong_explanations", "give at least two"))
    return found


@generator
def vignette_explanation(ctx: QuizContext, bp: Blueprint) -> Iterator[Item]:
    """Which explanation, or which reading of the evidence, fits an authored case."""
    known = explanations(ctx)
    for _, v in common.of_kind(ctx, ("diagnosis",), _check):
        key = known[v.explanation]
        options = [
            Option.of(
                ctx.plain(known[e].says),
                e == v.explanation,
                f"Right: {ctx.plain(known[e].why)}"
                if e == v.explanation
                else ctx.plain(known[e].why_not),
            )
            for e in (v.explanation, *v.wrong_explanations)
        ]
        results = [fact(ctx, f) for f in v.results]
        # Evidence cases rest on the results they show; the others on the key's facts.
        grounds = list(v.results) or list(key.rests_on)
        facts = [fact(ctx, f) for f in grounds]
        if results:
            shown = " ".join(
                f"({n}) {ctx.plain(f.claim, f)}." for n, f in zip("ABCD", results, strict=False)
            )
            story_extra = f" The results: {shown}"
        else:
            story_extra = ""
        yield common.item(
            ctx,
            bp,
            v,
            question=(story_extra.strip() + " " if story_extra else "")
            + (v.question or "Which reading of the findings is right?"),
            options=options,
            explanation=_explanation(ctx, key, facts),
            source=source_of(ctx, grounds[0]),
            page=_page(ctx, grounds[0]),
            refs=tuple(sorted({n for f in facts for n in f.refs})),
            sources=ctx.outside_all(facts),
            about=key.id,
        )


def _page(ctx: QuizContext, fact_id: str) -> str:
    """The section that teaches the fact the key rests on."""
    found = ctx.fact_sections.get(fact_id)
    if found:
        file, section, _ = found
        return ctx.page(ctx.module_of(file), section)
    return ctx.page(ctx.module_of("grading"), "treatment-by-grade")


def _explanation(ctx: QuizContext, key, facts) -> str:
    """The key's reason, then the facts it rests on that the reason does not already say (most
    of their words already in it)."""
    why = ctx.plain(key.why)
    said = set(why.lower().split())
    rest = [ctx.plain(f.text, f) for f in facts] if key.quote else []
    new = [
        t for t in rest if len(set(t.lower().split()) - said) > 0.4 * len(set(t.lower().split()))
    ]
    return " ".join([why, *new])
