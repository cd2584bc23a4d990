"""Who each label indication admits: one patient built to meet each route is eligible, and taking
away any one condition makes them not eligible; the clinical review's hard cases come out right;
each quoted label wording is the stored source's, and the conditions beside it say what it says."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from conftest import ROOT

from build_tools.rules.eligibility import ADULT, Patient, assess, eligible_uses

LABELS = ROOT.parent / "shared" / "source" / "outside" / "labels.md"


def patient_for(ind, route) -> Patient:
    """The least patient a route admits: exactly its conditions, nothing more."""
    course_flags = {
        None: {},
        "relapsed-or-refractory": {"relapses": 1},
        "refractory-or-second-relapse": {"relapses": 2},
        "early-first-line-failure": {"early_first_line_failure": True, "relapses": 1},
        "first-line-failure": {"relapses": 1},
    }[route.course]
    received = set(route.received)
    features = set(route.features) | set(route.features_any[:1])
    return Patient(
        age=ind.age_min if ind.age_min is not None else (ind.age_max or 40),
        disease=ind.disease,
        lines=max(route.lines_min or 0, 1),
        transplant_eligible=not route.transplant_ineligible,
        received=frozenset(received),
        refractory_to=frozenset(route.refractory_to),
        features=frozenset(features),
        **course_flags,
    )


def every_route(content):
    for therapy, ind in content.approved_uses():
        for n, route in enumerate(ind.routes):
            yield f"{therapy.id}:{ind.id}:{n}", ind, route


def test_a_patient_meeting_each_route_is_admitted(content):
    for name, ind, route in every_route(content):
        verdict = assess(ind, patient_for(ind, route))
        expected = "unsettled" if ind.unsettled else "eligible"
        assert verdict.answer == expected, (name, verdict.reasons)


def test_taking_away_any_one_condition_excludes_the_patient(content):
    for name, ind, route in every_route(content):
        if len(ind.routes) > 1:
            continue  # another route may still admit the patient
        fits = patient_for(ind, route)
        weaker = []
        if ind.age_min is not None:
            weaker.append(dataclasses.replace(fits, age=ind.age_min - 1))
        if ind.age_max is not None:
            weaker.append(dataclasses.replace(fits, age=ind.age_max + 1))
        if route.lines_min and route.lines_min > 1:
            weaker.append(dataclasses.replace(fits, lines=route.lines_min - 1))
        if route.course:
            weaker.append(dataclasses.replace(fits, relapses=0, early_first_line_failure=False))
        for drug in route.received:
            weaker.append(dataclasses.replace(fits, received=fits.received - {drug}))
        for drug in route.refractory_to:
            weaker.append(dataclasses.replace(fits, refractory_to=fits.refractory_to - {drug}))
        for feature in route.features:
            weaker.append(dataclasses.replace(fits, features=fits.features - {feature}))
        if route.features_any:
            weaker.append(
                dataclasses.replace(fits, features=fits.features - set(route.features_any))
            )
        for bad in ind.contraindicated + ind.not_for:
            weaker.append(dataclasses.replace(fits, features=fits.features | {bad}))
        weaker.append(dataclasses.replace(fits, disease="another-disease"))
        assert weaker
        for patient in weaker:
            assert assess(ind, patient).answer == "not eligible", (name, patient)


def admitted(content, **facts) -> set[str]:
    verdicts = eligible_uses(content.approved_uses(), Patient(**facts))
    return {f"{t}:{i}" for (t, i), v in verdicts.items() if v.eligible}


def test_b_all_by_age_and_relapse(content):
    # 22 years old, first relapse: the adult products, not tisagenlecleucel (second relapse needed)
    young_adult = admitted(content, age=22, disease="b-all", lines=1, relapses=1)
    assert young_adult == {
        "brexucabtagene-autoleucel:b-all",
        "obecabtagene-autoleucel:b-all",
    }
    # 22 years old and refractory: all three
    refractory = admitted(content, age=22, disease="b-all", lines=1, refractory=True)
    assert "tisagenlecleucel:b-all" in refractory and len(refractory) == 3
    # 12 years old, second relapse: only tisagenlecleucel
    child = admitted(content, age=12, disease="b-all", lines=2, relapses=2)
    assert child == {"tisagenlecleucel:b-all"}
    # 30 years old, second relapse: over 25, so only the adult products
    assert "tisagenlecleucel:b-all" not in admitted(
        content, age=30, disease="b-all", lines=2, relapses=2
    )


def test_lymphoma_and_myeloma_lines(content):
    fl_first_relapse = admitted(content, age=60, disease="fl", lines=1, relapses=1)
    assert fl_first_relapse == set()  # every FL indication needs two earlier lines
    mcl = dict(age=70, disease="mcl", lines=2, relapses=1)
    assert "lisocabtagene-maraleucel:mcl" not in admitted(content, **mcl)
    after_btki = admitted(content, **mcl, received=frozenset({"btk-inhibitor"}))
    assert "lisocabtagene-maraleucel:mcl" in after_btki
    myeloma = dict(
        age=65,
        disease="mm",
        lines=1,
        relapses=1,
        received=frozenset({"proteasome-inhibitor", "immunomodulatory-agent", "lenalidomide"}),
    )
    assert admitted(content, **myeloma) == set()  # not lenalidomide-refractory, one line
    refractory = admitted(content, **myeloma, refractory_to=frozenset({"lenalidomide"}))
    assert refractory == {"ciltacabtagene-autoleucel:mm"}


def test_cll_is_never_keyed_as_settled(content):
    verdicts = eligible_uses(
        content.approved_uses(), Patient(age=70, disease="cll", lines=3, relapses=2)
    )
    assert verdicts[("lisocabtagene-maraleucel", "cll")].answer == "unsettled"


def test_solid_tumour_labels_need_their_markers_and_drugs(content):
    base = dict(age=40, disease="synovial-sarcoma", lines=1, relapses=1)
    drugs = frozenset({"chemotherapy"})
    right = frozenset({"advanced", "mage-a4", "hla-a02-01p"})
    afami = "afamitresgene-autoleucel:synovial-sarcoma"
    assert afami in admitted(content, **base, received=drugs, features=right)
    assert afami not in admitted(content, **base, received=drugs, features=right - {"mage-a4"})
    hla_01 = frozenset({"advanced", "mage-a4"})  # carries no admitted HLA-A*02 type
    assert afami not in admitted(content, **base, received=drugs, features=hla_01)
    heterozygous = right | {"hla-a02-05p"}  # contraindicated even beside an admitted allele
    assert afami not in admitted(content, **base, received=drugs, features=heterozygous)
    melanoma = dict(age=50, disease="melanoma", lines=1, relapses=1)
    life = "lifileucel:melanoma"
    pd1 = frozenset({"pd1-antibody"})
    assert life in admitted(content, **melanoma, received=pd1, features=frozenset({"advanced"}))
    braf = frozenset({"advanced", "braf-v600"})
    assert life not in admitted(content, **melanoma, received=pd1, features=braf)
    both = pd1 | {"braf-inhibitor"}
    assert life in admitted(content, **melanoma, received=both, features=braf)
    chemo_only = frozenset({"chemotherapy"})
    assert life not in admitted(
        content, **melanoma, received=chemo_only, features=frozenset({"advanced"})
    )


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


@pytest.mark.skipif(not LABELS.is_file(), reason="../shared/source/outside/labels.md not beside")
def test_every_quoted_label_wording_is_in_the_stored_excerpts(content):
    stored = " ".join(words(Path(LABELS).read_text(encoding="utf-8")))
    for therapy, ind in content.approved_uses():
        quoted = " ".join(words(ind.wording.replace("[…]", "")))
        assert quoted in stored, f"{therapy.id}:{ind.id}: wording not in labels.md"


def test_conditions_say_what_the_quoted_wording_says(content):
    for therapy, ind in content.approved_uses():
        text, name = " ".join(ind.wording.split()), f"{therapy.id}:{ind.id}"
        if re.search(r"\badults?\b", text, re.IGNORECASE):
            assert ind.age_min == ADULT, name
        if found := re.search(r"up to (\d+) years", text):
            assert ind.age_max == int(found.group(1)), name
        lines = {route.lines_min for route in ind.routes}
        if re.search(r"two or more|≥2 lines|at least two|after 2 lines", text):
            assert 2 in lines, name
        if "at least 1 prior line" in text:
            assert lines == {1}, name
        received = {d for route in ind.routes for d in route.received}
        for phrase, drug in [
            ("BTKi", "btk-inhibitor"),
            ("PD-1 blocking antibody", "pd1-antibody"),
            ("prior chemotherapy", "chemotherapy"),
            ("anti-CD38", "anti-cd38-antibody"),
        ]:
            assert (phrase in text) == (drug in received), (name, phrase)
        features = {f for route in ind.routes for f in route.features + route.features_any}
        assert ("MAGE-A4" in text) == ("mage-a4" in features), name
        for allele in re.findall(r"A\*02:0(\d)P", text):
            assert f"hla-a02-0{allele}p" in features, (name, allele)
        assert ("primary central nervous system" in text) == bool(ind.not_for), name
