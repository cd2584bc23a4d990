"""What every vignette generator shares: the vignettes of one kind, the checks every case passes,
and the item built around its options."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ...content.errors import ContentError, ContentIssue
from ...content.model_vignettes import Vignette
from ...rules.eligibility import Patient, Verdict, assess
from .. import make
from ..blueprint import Blueprint
from ..context import QuizContext
from ..item import Case, Demand, Item, Option, on_a_scale, scale_position
from ..levels import ANALYZE_COMPETING
from . import findings

FILE = "vignettes"


def issue(ctx: QuizContext, index: int, field: str, message: str) -> ContentIssue:
    """A problem with vignette `index`, at the line of `field` (a dotted path inside it)."""
    doc = ctx.course.docs[FILE]
    parts = tuple(int(p) if p.isdigit() else p for p in field.split(".")) if field else ()
    path = ("vignettes", index, *parts)
    return ContentIssue(doc.file, doc.line_of(path), f"vignettes[{index}].{field}", message)


def of_kind(
    ctx: QuizContext, asks: tuple[str, ...], check: Callable[[QuizContext, int, Vignette], list]
) -> Iterator[tuple[int, Vignette]]:
    """The vignettes that ask one of `asks`, each checked (the common checks and the kind's own);
    every problem in the file is reported at once."""
    chosen = [(i, v) for i, v in enumerate(ctx.course.vignettes.vignettes) if v.asks in asks]
    problems = vocabulary_checks(ctx)
    if not problems:
        for i, v in chosen:
            try:
                problems += common_checks(ctx, i, v) + check(ctx, i, v)
            except (KeyError, LookupError, StopIteration, RuntimeError, ValueError) as exc:
                # The case names content that is gone or changed (a grading level, a fact the
                # day limits come from): report it on the case, never crash the build.
                problems.append(
                    issue(ctx, i, "id", f"cannot be checked against the content: {exc}")
                )
    if problems:
        raise ContentError(problems)
    yield from chosen


def vocabulary_checks(ctx: QuizContext) -> list[ContentIssue]:
    """Every step and explanation rests on facts that exist."""
    from .facts import all_facts

    doc, known, found = ctx.course.docs[FILE], all_facts(ctx), []
    for file, path, message in findings.missing(ctx):
        where = ctx.course.docs[file]
        found.append(
            ContentIssue(where.file, where.line_of(path), ".".join(map(str, path)), message)
        )
    for name in ("steps", "explanations"):
        for i, entry in enumerate(getattr(ctx.course.vignettes, name)):
            for n, f in enumerate(entry.rests_on):
                if f not in known:
                    path = (name, i, "rests_on", n)
                    found.append(
                        ContentIssue(
                            doc.file,
                            doc.line_of(path),
                            f"{name}[{i}].rests_on[{n}]",
                            f"no fact {f!r} in the content",
                        )
                    )
    return found


def patient(v: Vignette) -> Patient:
    p = v.patient
    return Patient(
        age=p.age,
        disease=p.disease,
        lines=p.lines,
        refractory=p.refractory,
        relapses=p.relapses,
        early_first_line_failure=p.early_first_line_failure,
        transplant_eligible=p.transplant_eligible,
        received=frozenset(p.received),
        refractory_to=frozenset(p.refractory_to),
        features=frozenset(p.features),
    )


def verdict(ctx: QuizContext, therapy_id: str, v: Vignette) -> Verdict:
    """The label's verdict on this patient for a therapy: eligible if any indication admits them
    (settled), unsettled if the best is unsettled, else not eligible with the closest reasons."""
    verdicts = [assess(ind, patient(v)) for ind in ctx.course.therapy(therapy_id).indications]
    for answer in ("eligible", "unsettled"):
        found = next((x for x in verdicts if x.answer == answer), None)
        if found:
            return found
    return min(verdicts, key=lambda x: len(x.reasons))


def therapy_known(ctx: QuizContext, therapy_id: str) -> bool:
    try:
        ctx.course.therapy(therapy_id)
    except KeyError:
        return False
    return True


def common_checks(ctx: QuizContext, i: int, v: Vignette) -> list[ContentIssue]:
    found = []
    modules = {m.id: m for m in ctx.course.outline.modules}
    if v.module not in modules:
        found.append(issue(ctx, i, "module", f"unknown module {v.module!r}"))
    elif v.objective > len(modules[v.module].objectives):
        found.append(issue(ctx, i, "objective", f"module {v.module!r} has fewer objectives"))
    if not therapy_known(ctx, v.therapy):
        return [*found, issue(ctx, i, "therapy", f"unknown product or therapy {v.therapy!r}")]
    if not v.considered:
        label = verdict(ctx, v.therapy, v)
        if not label.eligible:
            reasons = "; ".join(label.reasons) or label.answer
            found.append(
                issue(
                    ctx,
                    i,
                    "patient",
                    f"the label of {v.therapy} does not admit this patient "
                    f"({reasons}): the product does not fit the patient",
                )
            )
    if v.neuro is not None:
        found += _neuro_checks(ctx, i, v)
    return found


def _neuro_checks(ctx: QuizContext, i: int, v: Vignette) -> list[ContentIssue]:
    found = []
    tasks = {t.id: t.points for t in ctx.course.grading.ice.tasks}
    for task, lost in v.neuro.ice_lost.items():
        if task not in tasks:
            found.append(issue(ctx, i, f"neuro.ice_lost.{task}", f"no ICE task {task!r}"))
        elif lost > tasks[task]:
            found.append(
                issue(ctx, i, f"neuro.ice_lost.{task}", f"{task} has {tasks[task]} points")
            )
    scale = ctx.course.grading.icans
    for domain in ("consciousness", "seizure", "motor", "pressure"):
        known = [lv.id for lv in scale.domain(domain).levels]
        if getattr(v.neuro, domain) not in known:
            found.append(
                issue(
                    ctx,
                    i,
                    f"neuro.{domain}",
                    f"no level {getattr(v.neuro, domain)!r} (known: {', '.join(known)})",
                )
            )
    return found


def day_in_acute_window(ctx: QuizContext, i: int, v: Vignette) -> list[ContentIssue]:
    window = findings.acute_days(ctx)
    if v.day is None or not 0 <= v.day <= window:
        return [
            issue(
                ctx,
                i,
                "day",
                f"day {v.day} is outside the acute window (0 to {window} "
                "days, the labels' monitoring period) of the syndrome it shows",
            )
        ]
    return []


def item(
    ctx: QuizContext,
    bp: Blueprint,
    v: Vignette,
    *,
    question: str,
    options: list[Option],
    explanation: str,
    source: str,
    page: str,
    refs: tuple[int, ...] = (),
    sources: tuple = (),
    about: str = "",
    type: str = "single",
    competing: int = 0,
    fewer_options: str = "",
) -> Item:
    """`competing`: how many wrong options the case's own data partly support (measured by the
    kind's generator); the level rule reads it. `fewer_options`: why a single choice offers
    fewer than four, where content gives no fourth."""
    from .render import stem

    module = ctx.course.module(v.module)
    if all(on_a_scale(o.text) for o in options):  # grades in order, "no ICANS" first
        ordered = sorted(options, key=lambda o: scale_position(o.text))
    else:
        ordered = sorted(options, key=lambda o: make.stable_rank(f"{v.id}:{o.text}"))
    # What the case gives, as measured: findings to weigh only where they compete.
    gives = v.gives
    if gives == "differential" and competing < ANALYZE_COMPETING:
        gives = "data"
    elif gives == "data" and competing >= ANALYZE_COMPETING:
        gives = "differential"
    return Item(
        type=type,
        options=tuple(ordered),
        fewer_options=fewer_options,
        case=Case(v.therapy, v.patient.disease, about or v.asks, tuple(v.findings), v.day),
        **make.base(
            ctx,
            bp,
            v.id,
            topic=module.id,
            objective=module.objectives[v.objective - 1],
            demand=Demand(gives, v.demand, competing),
            stem=stem(ctx, v, question),
            explanation=explanation,
            refs=refs or ((0,) if not sources else ()),
            sources=sources,
            source=source,
            family=f"vignette:{v.same_decision_as or v.id}",
            page=page,
        ),
    )
