"""What an item demands, decided by one rule from what it gives the learner and what it asks.

A label typed beside an item drifts from what the item does (a committee found 23 "analyze"
items of which 4 were): a level computed from the item's shape and measured data cannot.
Generators say what an item gives and asks and count its competing wrong options (`Demand`);
`level_of` decides the rest."""

from __future__ import annotations

from typing import assert_never

from .item import Demand, Level

ANALYZE_COMPETING = 2  # wrong options the stem's own data partly support, for analysis

RULE = (
    "Recall: the item asks for a fact, whatever frame it comes in. Understand: it asks what "
    "something means, or for a judgement with nothing to weigh. Apply: it asks for a decision "
    "(a grade, a step of care, an eligible product, the likeliest explanation) about a described "
    "patient or situation. Analyze: it asks for a decision or a judgement and the stem gives "
    f"competing findings or evidence: at least {ANALYZE_COMPETING} wrong options are each partly "
    "supported by something the stem shows (a finding that a wrong explanation would explain, a "
    "result that a wrong claim leans on, a label route the patient nearly meets), so the learner "
    "must weigh them. The generator measures that support from the case's data: an option "
    "counts only where a finding it names is shown and nothing the stem states rules it out "
    "(another antigen family, outside its window, a stated finding that contradicts it, a study "
    "design the stem names). No level is typed, and a stem that names its key is refused as a cue."
)

_GIVES_WORDS = {
    "question": "a bare question",
    "scenario": "a scenario in words",
    "data": "a vignette with data to interpret",
    "evidence": "evidence to weigh",
    "differential": "findings to weigh",
}
_ASKS_WORDS = {
    "fact": "a fact",
    "meaning": "what it means",
    "decision": "a decision",
    "judgement": "a judgement",
}


def level_of(demand: Demand) -> Level:
    """The rule (RULE in words). Recalling a fact is recall whatever the frame; explaining a
    meaning is understanding; a decision about a described patient is applying, and analyzing
    where at least two wrong options compete on the stem's own data; a judgement is analysis only
    where evidence or findings compete, else explaining. A decision from a bare question is a
    lookup (recall)."""
    weighs = demand.competing >= ANALYZE_COMPETING
    match demand.asks:
        case "fact":
            return "recall"
        case "meaning":
            return "understand"
        case "decision":
            match demand.gives:
                case "question":
                    return "recall"
                case "scenario" | "data" | "evidence" | "differential":
                    return "analyze" if weighs else "apply"
                case _:
                    assert_never(demand.gives)
        case "judgement":
            return "analyze" if weighs and demand.gives != "question" else "understand"
        case _:
            assert_never(demand.asks)


def describe(demand: Demand) -> str:
    """The rule's reading of an item, as the committee report shows it."""
    competing = (
        f", {demand.competing} wrong options partly supported by what it shows"
        if demand.competing
        else ""
    )
    return f"gives {_GIVES_WORDS[demand.gives]}{competing}, asks for {_ASKS_WORDS[demand.asks]}"
