"""Small functions templates call to show content: numbers, prose, citations, links.

Everything returned as Markup has had every content string HTML-escaped first, so a
`<script>` typed into YAML reaches the page as text.
"""

from __future__ import annotations

import posixpath

from jinja2 import Undefined
from markupsafe import Markup, escape

from .. import figures
from ..content import formatting, model, naming, prose
from ..content.course import Course
from .labels import LabelHelpers, document_date

REFERENCES_PAGE = "references.md"
CHANGES_PAGE = "changes.md"
# Headings templates write themselves (no content section holds them), for links that name them.
TEMPLATE_HEADINGS = {
    "who-can-receive": "The products, and who can receive each",
    "comparison": "Table 1 at a glance",
    "decoder": "Name decoder",
}
INSTRUCTIONS = {
    "single": "Choose one.",
    "truefalse": "Choose one.",
    "multiple": "Select all that apply.",
    "matching": "Choose a match for each row.",
    "ordering": "Give each step its position.",
}


class PageHelpers:
    """Helpers bound to one course and one page (links are relative to that page)."""

    def __init__(
        self, course: Course, page_path: str, bank: list | None = None, directory_urls: bool = True
    ):
        self.course = course
        self.page_path = page_path
        self.directory_urls = (
            directory_urls  # False in LMS packages: modules/x.md is served as modules/x.html
        )
        self.bank = bank or []
        self.cited: set[int] = set()  # filled by cite(), read by the page's reference list
        self.noticed: set[str] = set()  # "module#anchor" places whose change notices were shown
        self.fig = FigureHelpers(course)
        self.labels = LabelHelpers(course)

    def link(self, target: str, anchor: str = "") -> str:
        rel = posixpath.relpath(target, posixpath.dirname(self.page_path) or ".")
        return f"{rel}#{anchor}" if anchor else rel

    def value(self, source: str) -> str:
        return formatting.quantity(self.course.facts[source].value)

    def prose(self, text: str, fact: model.Fact | None = None) -> Markup:
        """Escape `text`, then fill its placeholders with formatted numbers."""

        def lookup(name: str) -> str:
            if fact is not None and "." not in name:
                return formatting.quantity(fact.values[name])
            return self.value(name)

        filled = prose.fill(str(escape(" ".join(text.split()))), lookup)
        for ch in "\\`*_":  # content prose is plain text: HLA-A*01:01 keeps its asterisk
            filled = filled.replace(ch, "\\" + ch)
        return Markup(filled)

    def cite(self, refs, sup: bool = True) -> Markup:
        """Superscript citation links (plain in a Refs column); a run of three or more numbers shows
        as 3–26 (first and last linked)."""
        refs = list(refs)
        self.cited.update(refs)

        def one(n: int) -> str:
            return f"[{citation_label(n)}]({self.link(REFERENCES_PAGE, f'ref-{n}')})"

        links = ", ".join(
            one(a) if a == b else f"{one(a)}–{one(b)}" if b - a >= 2 else f"{one(a)}, {one(b)}"
            for a, b in citation_runs(refs)
        )
        return Markup(f'<sup class="cite">{links}</sup>' if sup else links)

    @staticmethod
    def refs_of(*groups, review: bool = False) -> list[int]:
        """The references that the objects in `groups` cite, once each and in order, and the review
        (0) when asked: a sentence about all of them cites this, so a new row brings its sources."""
        found = {n for group in groups for held in group for n in held.refs}
        return sorted(found | {0} if review else found)

    @staticmethod
    def answer_text(item) -> str:
        from ..quiz.answers import answer_text

        return answer_text(item)

    @staticmethod
    def instruction(item) -> str:
        """The line under a stem that says what to do; "" when the stem says it already (a stem
        written for exports ends "Select all that apply.")."""
        if item.type == "numeric":
            return "Enter a percentage." if item.unit == "percent" else "Enter a number."
        said = INSTRUCTIONS[item.type]
        return "" if said in item.stem else said

    @staticmethod
    def citation_label(n: int) -> str:
        return citation_label(n)

    def self_checks(self, module: model.Module) -> list:
        from ..quiz.bank import self_check_draws  # pages depend on the bank only here

        counts = {m.id: m.self_check_count for m in self.course.outline.modules}
        seed = self.course.outline.self_check_seed
        return self_check_draws(self.bank, seed=seed, counts=counts)[module.id]

    def page_link(self, site_path: str) -> str:
        """'modules/x/#a' (an item's page) as a Markdown link from this page: '../x.md#a'."""
        path, _, anchor = site_path.partition("#")
        source = path.rstrip("/") + ".md" if path.strip("/") else "index.md"
        return self.link(source, anchor)

    def url(self, site_path: str) -> str:
        """A link usable inside raw HTML (MkDocs does not rewrite those): page URL to page URL."""
        stem = self.page_path[:-3]  # modules/x.md is served at modules/x/, index.md at ./
        here = (
            posixpath.dirname(stem)
            if posixpath.basename(stem) == "index" or not self.directory_urls
            else stem
        )
        path, _, anchor = site_path.partition("#")
        rel = posixpath.relpath(path.rstrip("/") or ".", here or ".") + "/"
        return rel + (f"#{anchor}" if anchor else "")

    def cite_sources(self, source_ids) -> Markup:
        """Superscript citations of sources beyond the article, each showing its form, kind and
        year ("FDA label, 2026"), linked to its entry on the references page."""
        links = self._source_links(source_ids)
        return Markup(f'<sup class="cite">{links}</sup>') if links else Markup("")

    def _source_links(self, source_ids) -> str:
        ids = list(dict.fromkeys(source_ids))
        if not ids:
            return ""
        links = "; ".join(
            f"[{md_text(self.course.source(i).citation)}]"
            f"({self.link(REFERENCES_PAGE, source_anchor(i))})"
            for i in ids
        )
        return f'<span class="cite-outside">{links}</span>'

    def cite_all(self, cited) -> Markup:
        """Everything one statement cites, in one superscript: the article's references, then
        outside sources with their kind and date."""
        refs = list(getattr(cited, "refs", None) or [])
        outside = self._source_links(getattr(cited, "sources", None) or [])
        if not refs:
            return Markup(f'<sup class="cite">{outside}</sup>') if outside else Markup("")
        article = self.cite(refs, sup=False)
        return Markup(f'<sup class="cite">{article}{"; " + outside if outside else ""}</sup>')

    @staticmethod
    def quote(text: str) -> Markup:
        """Label wording, quoted as the source words it."""
        return Markup(f"“{md_text(' '.join(text.split()))}”")

    @staticmethod
    def labels_date(date: str) -> str:
        return document_date(date)

    def flag(self, text: str | None) -> Markup:
        """What the stored sources leave unsettled, shown where the statement is."""
        if not text:
            return Markup("")
        return Markup(f' <span class="review-flag">Flagged for review: {self.prose(text)}</span>')

    def anchor_title(self, module_id: str, anchor: str) -> str:
        """The heading a section anchor stands for: a content section's title, else the anchor in
        words (template-built sections such as Table 1 have no content entry)."""
        file = self.course.module(module_id).content
        for s in getattr(self.course.files[file], "sections", []):
            if s.id == anchor:
                return s.title
        return TEMPLATE_HEADINGS.get(anchor, anchor.replace("-", " "))

    def grade_example(self, ex):
        """A worked example graded by the rule every case uses, with each domain's share."""
        from types import SimpleNamespace

        from ..rules import grading

        g = self.course.grading
        scale = g.crs if ex.syndrome == "crs" else g.icans
        parts = [
            SimpleNamespace(
                name=d.name,
                text=d.level(ex.levels[d.id]).text,
                level=d.level(ex.levels[d.id]),
                grade=d.level(ex.levels[d.id]).grade,
            )
            for d in scale.domains
            if d.id in ex.levels
        ]
        if ex.syndrome == "crs":
            temp = ex.values[ex.temperature].value
            grade = grading.crs_grade(scale, grading.CrsFindings(temp, **_crs_levels(ex.levels)))
        else:
            ice = int(ex.values[ex.ice].value)
            found = grading.IcansFindings(ice, **ex.levels)
            grade = grading.icans_grade(scale, g.ice, found)
            parts.insert(
                0,
                SimpleNamespace(
                    name="ICE score",
                    text=f"{ice} of {g.ice.maximum}",
                    level=None,
                    grade=grading.ice_grade(g.ice, ice),
                ),
            )
        return SimpleNamespace(parts=parts, grade=grade)

    @property
    def module_id(self) -> str | None:
        path = self.page_path
        return path[len("modules/") : -len(".md")] if path.startswith("modules/") else None

    def since(self, anchor: str) -> Markup:
        """A notice under a section that something it teaches changed after the review (or is
        not in it), linking to the list of changes; render_pages checks none is left out."""
        key = f"{self.module_id}#{anchor}"
        found = [c for c in self.course.changes.changes if key in c.affects]
        self.noticed.add(key)
        notes = "".join(
            f'<p markdown="1" class="since-review">'
            f"{'Since the review' if self.labels.after_review(c.date) else 'Not in the review'} "
            f"({document_date(c.date)}): "
            f"[{md_text(c.title)}]({self.link(CHANGES_PAGE, c.id)})</p>\n"
            for c in sorted(found, key=lambda c: c.date, reverse=True)
        )
        return Markup(notes)

    def survival(self, s) -> str:
        if s.percent is not None:
            text = f"{formatting.percent(s.percent)} at {formatting.quantity(s.at)}"
        else:
            text = f"median {formatting.number(s.median_months)} months"
        return f"estimated {text}" if s.estimated else text

    @staticmethod
    def cytopenias(items) -> str:
        parts = []
        for c in items:
            text = (
                formatting.percent(c.percent)
                if c.kind == "any"
                else f"{c.kind} {formatting.percent(c.percent)}"
            )
            if c.beyond_days:
                text += f" beyond {c.beyond_days} days"
            parts.append(text)
        return "; ".join(parts)

    def cited_references(self) -> list[model.Reference]:
        """Every reference cited so far on this page, in article order (call it last)."""
        return [self.course.reference(n) for n in sorted(self.cited)]


def _crs_levels(levels: dict) -> dict:
    return {
        "hypotension": levels.get("hypotension", "none"),
        "oxygen": levels.get("oxygen", "none"),
    }


def source_anchor(source_id: str) -> str:
    return f"src-{source_id}"


def citation_runs(refs: list[int]) -> list[tuple[int, int]]:
    """Consecutive numbers grouped, in the order given: [3, 4, 5, 9] -> [(3, 5), (9, 9)]."""
    runs: list[tuple[int, int]] = []
    for n in refs:
        if runs and n == runs[-1][1] + 1 and n > 1:  # 0 is the review itself, never part of a run
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return runs


def citation_label(n: int) -> str:
    """Reference 0 is the review itself; the rest keep the article's numbers."""
    return "Review" if n == 0 else str(n)


def md_text(text) -> Markup:
    """Text placed in Markdown: HTML-escaped, and Markdown's own markers taken literally."""
    escaped = str(escape(text))
    for ch in "\\`*_[]{}":
        escaped = escaped.replace(ch, "\\" + ch)
    return Markup(escaped)


def md_cell(text) -> Markup:
    """Table cells: escape HTML and the column separator."""
    return Markup(str(escape(text)).replace("|", "\\|"))


def _defined(value):
    # StrictUndefined only fails when printed; a filter that formats it first must fail too.
    if isinstance(value, Undefined):
        str(value)
    return value


_WORDS = "zero one two three four five six seven eight nine ten eleven twelve".split()


def count_words(value) -> str:
    """Small counts in words, so a sentence can start with one and never with a numeral."""
    n = _defined(value)
    return _WORDS[n] if 0 <= n < len(_WORDS) else formatting.number(n)


def percent(value) -> str:
    return formatting.percent(_defined(value))


def number(value) -> str:
    return formatting.number(_defined(value))


class FigureHelpers:
    """Pictures for templates: SVG drawn from the same objects the tables show."""

    def __init__(self, course: Course):
        self.course = course

    def car_diagram(self) -> Markup:
        drawing, legend = figures.car_diagram(self.course.car_structure.domains)
        return _figure(
            drawing,
            "A chimeric antigen receptor crossing the T-cell membrane, bound to its target "
            "antigen on the tumor cell above; the numbers match the list of domains.",
            legend,
            wide=False,
        )

    def _rows(self):
        for p in self.course.products.products:
            for i in p.trials:
                yield p, i, f"{p.inn}, {self.course.disease(i.disease).abbreviation}"

    def toxicity_chart(self) -> Markup:
        groups = [
            figures.BarGroup(
                label,
                (
                    figures.Bar("CRS", i.crs_percent, "fig-crs"),
                    figures.Bar("Neurologic", i.neurologic_percent, "fig-neuro"),
                    figures.Bar("Infection", i.severe_infection_percent, "fig-infection"),
                ),
            )
            for _, i, label in self._rows()
        ]
        title = "Toxicity in the approval trials (Table 1): % of patients with each adverse effect"
        return _figure(
            figures.bar_chart(
                "toxicity-chart",
                title,
                "Percentage of patients with cytokine release syndrome, neurologic toxicity "
                "and severe infection, for each product and indication. "
                "The same figures are in the table above.",
                groups,
            ),
            "CRS: cytokine release syndrome and Neurologic: neurologic toxicity, "
            "each as graded by its trial (scales differ, so compare with care). "
            "Infection: severe infection, grade 3 or higher (CTCAE).",
            title=title,
        )

    def response_chart(self) -> Markup:
        groups = [
            figures.BarGroup(label, (figures.Bar("Response", i.response_percent, "fig-response"),))
            for _, i, label in self._rows()
        ]
        title = (
            "Response in the approval trials (Table 1): "
            "% of patients in complete or partial remission"
        )
        return _figure(
            figures.bar_chart(
                "response-chart",
                title,
                "Percentage of patients with complete or partial remission, for each product and "
                "indication. The same figures are in the table above.",
                groups,
            ),
            "The share of patients whose cancer responded, as reported by each trial.",
            title=title,
        )

    def name_parts(self, name: str):
        return naming.decode(name, self.course.naming.stems)


def _figure(
    svg_text: str,
    caption: str,
    legend: list[tuple[str, str]] = (),
    wide: bool = True,
    title: str = "",
) -> Markup:
    """An SVG with a visible caption: above a chart (its title, naming the measure), below a
    diagram, whose numbered legend sits beside the drawing where there is room and below it on a
    phone. A block element, so Markdown passes it through."""
    items = "".join(
        f"<li><strong>{escape(name)}</strong>: {escape(text)}</li>" for name, text in legend
    )
    legend_html = f'\n<ol class="figure-legend">{items}</ol>' if legend else ""
    head = f"<strong>{escape(title)}.</strong> " if title else ""
    caption_html = f"<figcaption>{head}{escape(caption)}</figcaption>"
    if wide:
        return Markup(
            f'<figure class="course-figure course-chart">\n{caption_html}\n{svg_text}\n</figure>'
        )
    return Markup(
        f'<figure class="course-figure course-diagram">\n{svg_text}{legend_html}\n'
        f"{caption_html}\n</figure>"
    )
