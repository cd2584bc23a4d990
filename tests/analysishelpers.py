"""Results files generated from a known response model, written in each format an LMS writes.

Learners have an ability; most items follow a two-parameter logistic model (a sound item: harder
for weaker learners, neither too easy nor too hard). A few are made to misbehave, each one way:
too easy, too hard, answered at random whatever the ability (non-discriminating), and one whose
strongest learners prefer a distractor (a miskey). An item analysis should flag those and no other.
"""

from __future__ import annotations

import csv
import io
import math
import random
from dataclasses import dataclass

from build_tools.package.interactions import interaction
from build_tools.quiz.item import Item

MISBEHAVING = {  # kind -> the flag it must raise
    "easy": "too easy",
    "hard": "too hard",
    "random": "non-discriminating",
    "miskey": "a distractor beats the key among the strongest learners",
}


@dataclass(frozen=True)
class Given:
    """One simulated answer: right or not, and what was chosen (option ids, or a value)."""

    right: bool
    options: tuple[str, ...] = ()
    value: float | None = None
    placed: tuple[str, ...] = ()  # matching: the answer chosen for each pair; ordering: steps


def pick_items(bank: list[Item]) -> tuple[list[Item], dict[str, str]]:
    """A quiz of every item type, and which of its single-choice items misbehave and how."""
    single = [i for i in bank if i.type == "single" and len(i.options) >= 3]
    kinds = ("multiple", "truefalse", "numeric", "matching", "ordering")
    others = [next(i for i in bank if i.type == k) for k in kinds]
    # a second item of these types where the bank has one
    others += [
        i
        for k in ("multiple", "truefalse", "numeric")
        for i in [i for i in bank if i.type == k][1:2]
    ]
    items = single[:24] + others
    return items, {single[n].id: kind for n, kind in enumerate(MISBEHAVING)}


def simulate(items: list[Item], kinds: dict[str, str], learners: int = 400, seed: int = 23):
    """{learner: {item id: Given}} for `learners` learners who each answer every item."""
    rng = random.Random(seed)
    shape = {i.id: (rng.uniform(1.0, 1.6), rng.uniform(-0.5, 0.5)) for i in items}
    out = {}
    for n in range(learners):
        theta = rng.gauss(0, 1)
        out[f"learner{n:03d}"] = {
            i.id: _answer(i, kinds.get(i.id), shape[i.id], theta, rng) for i in items
        }
    return out


def _answer(item: Item, kind: str | None, shape, theta: float, rng: random.Random) -> Given:
    a, b = shape
    wrong = [o for o in item.options if not o.correct]
    if kind == "miskey" and theta > 0.3:  # the strong choose a distractor they read as right
        roll = rng.random()
        if roll < 0.75:
            return Given(False, (wrong[0].id,))
        return (
            Given(True, tuple(o.id for o in item.correct_options))
            if roll < 0.9
            else _wrong(item, rng)
        )
    a, b = {
        "easy": (1.2, -3.5),
        "hard": (1.2, 2.8),
        "random": (0.0, 0.0),
        "miskey": (1.2, -1.0),  # the weak mostly right, the strong lured away
    }.get(kind, (a, b))
    p = 1 / (1 + math.exp(-1.7 * a * (theta - b)))
    return _right(item) if rng.random() < p else _wrong(item, rng)


def _right(item: Item) -> Given:
    return Given(
        True,
        tuple(o.id for o in item.correct_options),
        item.answer,
        tuple(p.right for p in item.pairs) or item.order,
    )


def _wrong(item: Item, rng: random.Random) -> Given:
    wrong = [o for o in item.options if not o.correct]
    match item.type:
        case "single" | "truefalse":
            return Given(False, (rng.choice(wrong).id,))
        case "multiple":  # the right set with one right option swapped for a wrong one
            right = [o.id for o in item.correct_options]
            return Given(False, tuple(right[1:] + [rng.choice(wrong).id]))
        case "numeric":
            return Given(False, value=(item.answer or 0) + 10 * ((item.tolerance or 0) + 1))
        case "matching":
            rights = [p.right for p in item.pairs]
            return Given(False, placed=tuple(rights[1:] + rights[:1]))
        case "ordering":
            return Given(False, placed=tuple(reversed(item.order)))


def _csv(header: list[str], rows: list[list]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


# --- Moodle: mod/quiz/report/responses, CSV download with question text and responses ---------
def _moodle_summary(item: Item, shuffled: list) -> str:
    """question_definition::get_question_summary as each type writes it."""
    if item.type in ("single", "multiple"):
        return f"{item.stem}: " + "; ".join(o.text for o in shuffled)
    if item.type == "matching":
        rights = sorted({p.right for p in item.pairs})
        return f"{item.stem} {{{'; '.join(p.left for p in shuffled)}}} -> {{{'; '.join(rights)}}}"
    return item.stem


def _moodle_response(item: Item, g: Given, shuffled: list) -> str:
    """summarise_response as each type writes it."""
    match item.type:
        case "single" | "multiple":  # the chosen answers in the order the learner saw them
            return "; ".join(o.text for o in shuffled if o.id in g.options)
        case "truefalse":
            return "True" if g.options == ("true",) else "False"
        case "numeric":
            return f"{g.value:g}"
        case "matching":  # stems in the order shown, each with the answer chosen
            chosen = dict(zip((p.left for p in item.pairs), g.placed, strict=True))
            return "; ".join(f"{p.left} -> {chosen[p.left]}" for p in shuffled)
        case "ordering":  # each item cut to 10 characters (shorten_text)
            return "; ".join(s if len(s) <= 10 else s[:7] + "..." for s in g.placed)


def moodle_responses(items: list[Item], answers: dict, seed: int = 5) -> str:
    rng = random.Random(seed)
    header = ["Last name", "First name", "Email address", "Status", "Started on", "Completed"]
    header += ["Duration", f"Grade/{len(items)}.00"]
    for n in range(1, len(items) + 1):
        header += [f"Question {n}", f"Response {n}"]
    rows = []
    for learner, given in answers.items():
        row = [learner, "Test", f"{learner}@example.org", "Finished"]
        row += ["1 March 2027  10:00 AM", "1 March 2027  10:40 AM", "40 mins"]
        row.append(f"{sum(g.right for g in given.values()):.2f}")
        for item in items:
            shuffled = list(item.options or item.pairs)
            rng.shuffle(shuffled)
            row += [
                _moodle_summary(item, shuffled),
                _moodle_response(item, given[item.id], shuffled),
            ]
        rows.append(row)
    rows.append(["Someone", "Else", "x@example.org", "In progress"] + ["-"] * (len(header) - 4))
    return "\ufeff" + _csv(header, rows)  # Moodle's CSV download starts with a byte-order mark


# --- Canvas: student analysis (one row per submission) and item analysis (totals) ------------
def _canvas_response(item: Item, g: Given) -> str:
    texts = {o.id: o.text.replace(",", "\\,") for o in item.options}  # escaped: multiple only
    match item.type:
        case "single" | "truefalse":
            return next(o.text for o in item.options if o.id == g.options[0])
        case "multiple":
            return ",".join(texts[o] for o in g.options)
        case "numeric":
            return f"{g.value:g}"
        case "matching":
            return ",".join(f"{p.left}=>{r}" for p, r in zip(item.pairs, g.placed, strict=True))
        case "ordering":  # the QTI export makes ordering a matching of step to position
            return ",".join(f"{s}=>{item.order.index(s) + 1}" for s in g.placed)


def canvas_students(items: list[Item], answers: dict, seed: int = 6) -> str:
    """Each learner drew 24 of the items (a question group draw): the rest are blank."""
    rng = random.Random(seed)
    header = ["name", "id", "sis_id", "section", "section_id", "section_sis_id", "submitted"]
    for n, item in enumerate(items):
        header += [f"{9000 + n}: {item.stem}", "1.0"]
    header += ["n correct", "n incorrect", "score"]
    rows = []
    for k, (learner, given) in enumerate(answers.items()):
        drawn = set(rng.sample([i.id for i in items], 24))
        row = [learner, 100 + k, "", "Section 1", "1", "", "2027-03-01T10:40:00Z"]
        for item in items:
            g = given[item.id]
            row += (
                [_canvas_response(item, g), "1.0" if g.right else "0.0"]
                if item.id in drawn
                else ["", ""]
            )
        right = sum(given[i].right for i in drawn)
        rows.append(row + [right, 24 - right, float(right)])
    return _csv(header, rows)


def canvas_items(items: list[Item], answers: dict) -> str:
    """Canvas's item analysis: counts and ratios per question, groups by total score."""
    header = ["Question Id", "Question Title", "Answered Student Count", "Top Student Count"]
    header += ["Middle Student Count", "Bottom Student Count", "Quiz Question Count"]
    header += ["Correct Student Count", "Wrong Student Count", "Correct Student Ratio"]
    header += ["Wrong Student Ratio", "Correct Top Student Count", "Correct Middle Student Count"]
    header += ["Correct Bottom Student Count", "Variance", "Standard Deviation"]
    header += ["Difficulty Index", "Alpha", "Point Biserial of Correct"]
    totals = {k: sum(g.right for g in v.values()) for k, v in answers.items()}
    ranked = sorted(totals, key=lambda k: -totals[k])
    k = round(0.27 * len(ranked))
    top, bottom = set(ranked[:k]), set(ranked[-k:])
    rows = []
    for n, item in enumerate(items):
        right = {who: answers[who][item.id].right for who in answers}
        xs, ys = [float(v) for v in right.values()], [float(totals[w]) for w in right]
        rows.append(
            [9000 + n, item.id[:80], len(right), k, len(right) - 2 * k, k, len(items)]
            + [sum(xs), len(xs) - sum(xs), sum(xs) / len(xs), 1 - sum(xs) / len(xs)]
            + [sum(right[w] for w in top), sum(right[w] for w in right if w not in top | bottom)]
            + [sum(right[w] for w in bottom), "", "", sum(xs) / len(xs), "N/A", _r(xs, ys)]
        )
    return _csv(header, rows)


def _r(xs: list[float], ys: list[float]) -> float:
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    return sxy / math.sqrt(sum((x - mx) ** 2 for x in xs) * sum((y - my) ** 2 for y in ys))


# --- SCORM: the package's interactions, as an LMS exports them (one row each) -----------------
def scorm_interactions(items: list[Item], answers: dict) -> str:
    header = ["Learner ID", "Attempt", "Interaction ID", "Type", "Learner Response"]
    header += ["Correct Response", "Result", "Timestamp", "Latency"]
    rows = []
    for learner, given in answers.items():
        for item in items:
            entry, g = interaction(item, "scorm2004", ""), given[item.id]
            rows.append(
                [
                    learner,
                    1,
                    item.id,
                    entry["type"],
                    _scorm_response(item, entry, g),
                    entry["correct"],
                ]
                + ["correct" if g.right else "incorrect", "2027-03-01T10:00:00.0Z", "PT0H0M20S"]
            )
    return _csv(header, rows)


def _scorm_response(item: Item, entry: dict, g: Given) -> str:
    match entry["type"]:
        case "choice" | "true-false":
            return "[,]".join(entry["ids"][o] for o in g.options)
        case "numeric":
            return f"{g.value:g}"
        case "matching":
            return "[,]".join(
                f"{s}[.]{entry['ids'][r]}" for s, r in zip(entry["sources"], g.placed, strict=True)
            )
        case "sequencing":
            return "[,]".join(entry["ids"][str(item.order.index(s) + 1)] for s in g.placed)
