"""Numbers in content prose come from placeholders, never typed twice (the one-source-of-truth rule).

Digits may appear in prose only as part of a name (CD19, IL-6, phase 1, Table 2, NY-ESO-1 ...)."""
from __future__ import annotations

import re

import yaml
from conftest import ROOT

NAMES = re.compile(
    r"\{[^}]+\}"                                     # placeholders: the number comes from a field
    r"|\b(?:CD\d+\w*|IL-\d+|4-1BB|HLA-A\*\d+:\d+|GD2|E[67]|MAGE(?:-A\d)?|NY-ESO-1|ZUMA-\d+|SARS-CoV-2|COVID-19"
    r"|PD-1|Claudin18\.2|GPRC5D|CRISPR-Cas9|TNFRSF17|CD-19|CD 19|cluster of differentiation 19)\b"
    r"|\b(?:[Ii]nterleukin|phase|Table|reference|carcinoma|protein|group) \d+\b"
    r"|95% CI|\.md\.j2$")
# Not prose: ids, numbers, dates, citations, and the reference list's bibliographic data.
SKIP_KEYS = {"values", "refs", "id", "n", "ref", "year", "first_approval", "reviewed", "version", "details",
             "self_check_count", "self_check_seed", "phase", "target", "content", "targets", "after_target",
             "objective", "assessment", "rests_on"}
SKIP_FILES = {"references.yaml", "glossary.yaml"}  # glossary definitions are general, not course facts


def prose_with_digits():
    for path in sorted((ROOT / "content").glob("*.yaml")):
        if path.name in SKIP_FILES:
            continue
        yield from _walk(yaml.safe_load(path.read_text(encoding="utf-8")), path.name, ())


def _walk(node, file, where):
    if isinstance(node, dict):
        for key, value in node.items():
            if key not in SKIP_KEYS:
                yield from _walk(value, file, where + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _walk(value, file, where + (index,))
    elif isinstance(node, str) and re.search(r"\d", NAMES.sub("", node)):
        yield f"{file}: {where}: {node[:90]}"


def test_no_number_is_typed_into_prose():
    assert list(prose_with_digits()) == []


def test_a_typed_number_is_caught_but_names_are_not():
    found = list(_walk({"text": "CRS struck 93% of CD19 patients in phase 2", "body": "IL-6 and {x.y}"}, "f.yaml", ()))
    assert found == ["f.yaml: ('text',): CRS struck 93% of CD19 patients in phase 2"]
