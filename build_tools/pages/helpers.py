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

REFERENCES_PAGE = "references.md"


class PageHelpers:
    """Helpers bound to one course and one page (links are relative to that page)."""

    def __init__(self, course: Course, page_path: str, bank: list | None = None, directory_urls: bool = True):
        self.course = course
        self.page_path = page_path
        self.directory_urls = directory_urls  # False in LMS packages: modules/x.md is served as modules/x.html
        self.bank = bank or []
        self.cited: set[int] = set()  # filled by cite(), read by the page's reference list
        self.fig = FigureHelpers(course)

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

        return Markup(prose.fill(str(escape(" ".join(text.split()))), lookup))

    def cite(self, refs) -> Markup:
        self.cited.update(refs)
        links = ", ".join(f"[{citation_label(n)}]({self.link(REFERENCES_PAGE, f'ref-{n}')})" for n in refs)
        return Markup(f'<sup class="cite">{links}</sup>')

    @staticmethod
    def answer_text(item) -> str:
        from ..quiz.answers import answer_text
        return answer_text(item)

    @staticmethod
    def citation_label(n: int) -> str:
        return citation_label(n)

    def self_checks(self, module: model.Module) -> list:
        from ..quiz.bank import draw  # pages depend on the bank only here
        return draw(self.bank, seed=self.course.course.self_check_seed, topics=[module.id],
                    count=module.self_check_count)

    def page_link(self, site_path: str) -> str:
        """'modules/x/#a' (an item's page) as a Markdown link from this page: '../x.md#a'."""
        path, _, anchor = site_path.partition("#")
        source = path.rstrip("/") + ".md" if path.strip("/") else "index.md"
        return self.link(source, anchor)

    def url(self, site_path: str) -> str:
        """A link usable inside raw HTML (MkDocs does not rewrite those): page URL to page URL."""
        stem = self.page_path[:-3]  # modules/x.md is served at modules/x/, index.md at ./
        here = posixpath.dirname(stem) if posixpath.basename(stem) == "index" or not self.directory_urls else stem
        path, _, anchor = site_path.partition("#")
        rel = posixpath.relpath(path.rstrip("/") or ".", here or ".") + "/"
        return rel + (f"#{anchor}" if anchor else "")

    def cite_external(self, source_id: str) -> Markup:
        """Cite a source outside the article (DESIGN allows only FDA approval records)."""
        return Markup(f'<sup class="cite">[FDA]({self.link(REFERENCES_PAGE, source_id)})</sup>')

    def survival(self, s: model.Survival) -> str:
        if s.percent is not None:
            text = f"{formatting.percent(s.percent)} at {formatting.quantity(s.at)}"
        else:
            text = f"median {formatting.number(s.median_months)} months"
        return f"estimated {text}" if s.estimated else text

    @staticmethod
    def cytopenias(items: list[model.Cytopenia]) -> str:
        parts = []
        for c in items:
            text = formatting.percent(c.percent) if c.kind == "any" else f"{c.kind} {formatting.percent(c.percent)}"
            if c.beyond_days:
                text += f" beyond {c.beyond_days} days"
            parts.append(text)
        return "; ".join(parts)

    def cited_references(self) -> list[model.Reference]:
        """Every reference cited so far on this page, in article order (call it last)."""
        return [self.course.reference(n) for n in sorted(self.cited)]


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


def percent(value) -> str:
    return formatting.percent(_defined(value))


def number(value) -> str:
    return formatting.number(_defined(value))


class FigureHelpers:
    """Pictures for templates: SVG drawn from the same objects the tables show."""

    def __init__(self, course: Course):
        self.course = course

    def car_diagram(self) -> Markup:
        return _figure(figures.car_diagram(self.course.car_structure.domains))

    def _rows(self):
        for p in self.course.products.products:
            for i in p.indications:
                yield p, i, f"{p.inn}, {self.course.disease(i.disease).abbreviation}"

    def toxicity_chart(self) -> Markup:
        groups = [figures.BarGroup(label, (
            figures.Bar("CRS", i.crs_percent, "fig-crs"),
            figures.Bar("Neurologic", i.neurologic_percent, "fig-neuro"),
            figures.Bar("Severe infection", i.severe_infection_percent, "fig-infection"),
        )) for _, i, label in self._rows()]
        return _figure(figures.bar_chart(
            "toxicity-chart", "Toxicity rates in the approval trials (Table 1)",
            "Percentage of patients with cytokine release syndrome, neurologic toxicity and severe "
            "infection, for each product and indication. The same figures are in the table above.", groups))

    def response_chart(self) -> Markup:
        groups = [figures.BarGroup(label, (figures.Bar("Response", i.response_percent, "fig-response"),))
                  for _, i, label in self._rows()]
        return _figure(figures.bar_chart(
            "response-chart", "Response rates in the approval trials (Table 1)",
            "Percentage of patients with complete or partial remission, for each product and "
            "indication. The same figures are in the table above.", groups))

    def name_parts(self, name: str):
        return naming.decode(name, self.course.naming.stems)


def _figure(svg_text: str) -> Markup:
    # Wrapped in a block element so Markdown passes the SVG through untouched.
    return Markup(f'<figure class="course-figure" tabindex="0">\n{svg_text}\n</figure>')  # focusable: it may scroll
