"""What an item demands, decided by one rule from what it gives the learner and what it asks.

A label typed beside an item drifts from what the item does (a committee found 17 "analyze"
items of which none was); a level computed from the item's shape cannot. Generators and
concept questions say what they give and ask (`Demand`); `level_of` decides the rest."""

from __future__ import annotations

from typing import assert_never

from .item import Demand, Level

_GIVES_WORDS = {
    "question": "a bare question",
    "scenario": "a scenario in words",
    "data": "a vignette with data to interpret",
    "evidence": "evidence to weigh",
    "differential": "competing findings",
}
_ASKS_WORDS = {
    "fact": "a fact",
    "meaning": "what it means",
    "decision": "a decision",
    "judgement": "a judgement",
}


def level_of(demand: Demand) -> Level:
    """The rule. Recalling a fact is recall whatever the frame; explaining a meaning is
    understanding; a decision about a described patient is applying; weighing evidence, or
    deciding between explanations that compete for the same findings, is analyzing. A decision
    from a bare question is a lookup (recall); a judgement with nothing to weigh is explaining."""
    match demand.asks:
        case "fact":
            return "recall"
        case "meaning":
            return "understand"
        case "decision":
            match demand.gives:
                case "scenario" | "data":
                    return "apply"
                case "evidence" | "differential":
                    return "analyze"
                case "question":
                    return "recall"
                case _:
                    assert_never(demand.gives)
        case "judgement":
            return "analyze" if demand.gives in ("evidence", "differential") else "understand"
        case _:
            assert_never(demand.asks)


def describe(demand: Demand) -> str:
    """The rule's reading of an item, as the committee report shows it."""
    return f"gives {_GIVES_WORDS[demand.gives]}, asks for {_ASKS_WORDS[demand.asks]}"
