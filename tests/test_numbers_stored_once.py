"""Numbers in content prose come from placeholders, never typed twice (the one-source-of-truth
rule).

Digits may appear in prose only as part of a name (CD19, IL-6, phase 1, Table 2, NY-ESO-1 ...).
A count of the course's own entities in words ("six products") goes stale like a digit when an
entity is added, so templates derive it (`| words`) and prose, comments included, avoids it."""

from __future__ import annotations

import re

import yaml
from conftest import ROOT

NAMES = re.compile(
    r"\{[^}]+\}"  # placeholders: the number comes from a field
    r"|\b(?:CD\d+\w*|IL-\d+|4-1BB|HLA-A\*\d+(?::\d+P?)?|GD2|E[67]|MAGE(?:-A\d)?|NY-ESO-1"
    r"|ZUMA-\d+|SARS-CoV-2|COVID-19"
    r"|PD-1|Claudin18\.2|GPRC5D|CRISPR-Cas9|TNFRSF17|CD-19|CD 19|cluster of differentiation 19"
    r"|BRAF V600|LCAR-B38M|LEGEND-2)\b"
    r"|\b(?:[Ii]nterleukin|phase|Table|reference|carcinoma|protein|group) \d+\b"
    r"|\b[Gg]rades? \d\b|\bsection \d+(?:\.\d+)?\b"  # category names
    r"|95% CI|\.md\.j2$"
)
# Not prose: ids, numbers, dates, citations, and the reference list's bibliographic data.
SKIP_KEYS = {
    "values",
    "wording",  # label text, quoted as the source words it; its conditions are fields beside it
    "approved",
    "date",
    "review",
    "checked",
    "age_min",
    "age_max",
    "refs",
    "id",
    "n",
    "ref",
    "year",
    "first_approval",
    "reviewed",
    "version",
    "details",
    "self_check_count",
    "self_check_seed",
    "phase",
    "target",
    "content",
    "targets",
    "after_target",
    "objective",
    "assessment",
    "rests_on",
    "section",  # a concept's page section (an id)
    # ids of sources, drug classes, patient features, Table 1 rows and page sections
    "sources",
    "boxed_warning_sources",
    "timing_sources",
    "received",
    "refractory_to",
    "features",
    "features_any",
    "contraindicated",
    "not_for",
    "affects",
    "trial",
    # notes on the sources themselves (a label's version, a document's date), not course facts
    "wording_note",
    "first_approval_note",
    "boxed_warning_note",
    "flag",
    # a vignette's ids of content (steps, explanations, windows, patterns, label conditions)
    "signs",
    "explanation",
    "wrong_explanations",
    "step",
    "wrong_steps",
    "given",
    "window",
    "wrong_windows",
    "pattern",
    "wrong_salvage",
    "barrier",
    "wrong_barriers",
    "support",  # ids of findings that point to an explanation
    "excluded_by",  # ids of stated findings that rule an explanation out
    "after",  # antigen families an explanation is reported after
    "lacks",
    "grades_offered",
    "results",
    "eligible",
    "not_eligible",
    "therapy",
    "rule",
    "same_decision_as",  # a case id
}
# glossary definitions are general, not course facts
SKIP_FILES = {"references.yaml", "glossary.yaml", "sources.yaml"}  # bibliographic data

# A count is a number word before a noun that names what content/*.yaml lists (products, therapy
# types, antigens, diseases and indications, modules, objectives, CAR domains, name stems, Table 3
# trials, references, toxicity agents, complications, challenges), at most four words after it in
# the same phrase ("six commercially available CAR T-cell products", "three kinds of T-cell
# product"). "One" is left out ("one of", "one CAR product" count nothing that grows), and so are
# other nouns ("two doses", "two words").
COUNT_WORDS = (
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty"
).split()
ENTITY_NOUNS = (
    r"products?|therap(?:y|ies)|antigens?|targets?|diseases?|indications?"
    r"|malignanc(?:y|ies)|modules?|objectives?|domains?|stems?|trials?|references?"
    r"|agents?|complications?|challenges?"
)
COUNT = re.compile(
    rf"\b(?:{'|'.join(COUNT_WORDS)})(?: (?:kinds?|types?) of)?(?:[ -][\w-]+){{0,4}}?"
    rf"[ -](?:{ENTITY_NOUNS})\b",
    re.IGNORECASE,
)
# Number words that read like a count of entities but describe one thing's design.
ORDINARY = re.compile(r"\btwo antigens at once\b")  # a dual-target CAR, not antigens.yaml's count
TEMPLATE_CODE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)  # what a template computes
COMMENT = re.compile(r"(?:^|\s)#\s(.*)$")


def has_digit(text: str) -> bool:
    return bool(re.search(r"\d", NAMES.sub("", text)))


def count_in(text: str) -> str | None:
    found = COUNT.search(ORDINARY.sub("", text))
    return found.group(0) if found else None


def prose_with_digits():
    yield from _content_prose(has_digit)


def _content_prose(typed):
    for path in sorted((ROOT / "content").glob("*.yaml")):
        if path.name in SKIP_FILES:
            continue
        yield from _walk(yaml.safe_load(path.read_text(encoding="utf-8")), path.name, (), typed)


def _walk(node, file, where, typed=has_digit):
    if isinstance(node, dict):
        for key, value in node.items():
            if key not in SKIP_KEYS:
                yield from _walk(value, file, where + (key,), typed)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _walk(value, file, where + (index,), typed)
    elif isinstance(node, str) and typed(node):
        yield f"{file}: {where}: {node[:90]}"


def counts_typed_in_words():
    """Counts in content prose, in the comments of content files, and in template and page text."""
    yield from _content_prose(count_in)
    for path in sorted((ROOT / "content").glob("*.yaml")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            comment = COMMENT.search(line)
            if comment and count_in(comment.group(1)):
                yield f"{path.name}:{number}: {count_in(comment.group(1))}"
    pages = [*(ROOT / "build_tools/pages/templates").glob("*.j2"), *(ROOT / "docs").glob("*.md")]
    for path in sorted(pages):
        text = TEMPLATE_CODE.sub(" ", path.read_text(encoding="utf-8"))
        for found in COUNT.finditer(ORDINARY.sub("", text)):
            yield f"{path.name}: {' '.join(found.group(0).split())}"


def test_no_number_is_typed_into_prose():
    assert list(prose_with_digits()) == []


def test_a_typed_number_is_caught_but_names_are_not():
    found = list(
        _walk(
            {"text": "CRS struck 93% of CD19 patients in phase 2", "body": "IL-6 and {x.y}"},
            "f.yaml",
            (),
        )
    )
    assert found == ["f.yaml: ('text',): CRS struck 93% of CD19 patients in phase 2"]


def test_no_count_of_entities_is_written_in_words():
    assert list(counts_typed_in_words()) == []


def test_a_count_in_words_is_caught_but_ordinary_numbers_are_not():
    counts = {
        "The US market has six CAR T-cell products.": "six CAR T-cell products",
        "Three kinds of T-cell product are in use.": "Three kinds of T-cell product",
        "Name the two T-cell therapies approved for solid tumors.": "two T-cell therapies",
        "The course has eight modules.": "eight modules",
    }
    assert {text: count_in(text) for text in counts} == counts
    ordinary = [
        "Give two doses of tocilizumab.",
        "It is one of the products.",
        "One CAR product serves all.",
        "CARs that target two antigens at once.",
        "Two kinds of second cancer occur.",
        "Never two about the same fact.",
        "Names usually have two words.",
    ]
    assert [count_in(text) for text in ordinary] == [None] * len(ordinary)
