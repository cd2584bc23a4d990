"""Grade CRS and ICANS from findings, by the scales in content/grading.yaml (ASTCT consensus).

Each domain is graded on its own and the most severe decides; a finding explained by another cause
is not graded (the caller says so)."""

from __future__ import annotations

from dataclasses import dataclass

from ..content.model_grading import IceScore, Syndrome


@dataclass(frozen=True)
class CrsFindings:
    """What is known at the bedside: the highest temperature and the level of each domain, by
    its id in grading.yaml (hypotension `none`, `no-vasopressor`...; oxygen `low-flow`...)."""

    temperature_celsius: float
    hypotension: str = "none"
    oxygen: str = "none"
    fever_masked: bool = False  # antipyretic or anticytokine treatment already given
    other_cause: bool = False  # the picture is explained by something else (sepsis, say)


@dataclass(frozen=True)
class IcansFindings:
    ice: int | None  # None: the patient cannot do the ICE tasks (unarousable)
    consciousness: str = "alert"
    seizure: str = "none"
    motor: str = "none"
    pressure: str = "none"  # raised intracranial pressure / cerebral edema
    other_cause: bool = False


def crs_grade(scale: Syndrome, f: CrsFindings) -> int:
    """0 = not CRS by the scale; else 1-4. Fever is required unless treatment has masked it,
    after which hypotension and oxygen need alone decide."""
    fever = f.temperature_celsius >= scale.fever_celsius or f.fever_masked
    if f.other_cause or not fever:
        return 0
    chosen = {"hypotension": f.hypotension, "oxygen": f.oxygen}
    return max(scale.domain(d).level(chosen[d]).grade for d in chosen)


def ice_grade(ice: IceScore, score: int) -> int:
    if not 0 <= score <= ice.maximum:
        raise ValueError(f"an ICE score runs from 0 to {ice.maximum} (got {score})")
    return next((b.grade for b in ice.bands if b.low <= score <= b.high), 0)


def icans_grade(scale: Syndrome, ice: IceScore, f: IcansFindings) -> int:
    """0 = no ICANS; else 1-4, the most severe of the ICE score and the other domains."""
    if f.other_cause:
        return 0
    chosen = {
        "consciousness": f.consciousness,
        "seizure": f.seizure,
        "motor": f.motor,
        "pressure": f.pressure,
    }
    grades = [scale.domain(d).level(level).grade for d, level in chosen.items()]
    if f.ice is not None:
        grades.append(ice_grade(ice, f.ice))
    return max(grades)
