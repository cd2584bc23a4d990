"""The validated course: every content file as typed objects, with lookups by id.

`facts` indexes every number in the content by its source path (the same path a quiz
item names in `source`), together with the references that support it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from pydantic import BaseModel

from . import model
from .errors import ContentError, ContentIssue
from .walk import id_path
from .yaml_source import YamlDocument

# Numeric fields that are bookkeeping, not facts a reader learns.
_NOT_FACTS = {"refs", "n", "year", "self_check_count", "objective", "assessment"}


def _unit_of(field_name: str) -> str:
    """Plain numeric fields carry their unit in their name: crs_percent, median_months, beyond_days."""
    for suffix, unit in (("percent", "percent"), ("months", "months"), ("days", "days")):
        if field_name.endswith(suffix):
            return unit
    return "count"


@dataclass(frozen=True)
class FactEntry:
    source: str               # e.g. products.axicabtagene-ciloleucel.indications.lbcl.crs_percent
    file: str                 # the content file's stem
    path: tuple               # index path inside that file, for error lines
    value: model.Quantity
    refs: tuple[int, ...]
    owner: BaseModel          # the entity the number belongs to (indication, fact, ...)


@dataclass
class Course:
    """`files` maps each content file's stem to its model; `course.products` reads files["products"]."""

    files: dict[str, BaseModel]
    docs: dict[str, YamlDocument] = field(default_factory=dict, repr=False)

    def __getattr__(self, stem: str):
        files = self.__dict__.get("files", {})
        if stem in files:
            return files[stem]
        raise AttributeError(stem)

    @property
    def FILES(self) -> tuple[str, ...]:
        return tuple(self.files)

    # -- lookups used by templates and the quiz generator --------------------------
    def product(self, product_id: str) -> model.Product:
        return self._by_id("products", self.products.products)[product_id]

    def antigen(self, antigen_id: str) -> model.Antigen:
        return self._by_id("antigens", self.antigens.antigens)[antigen_id]

    def disease(self, disease_id: str) -> model.Disease:
        return self._by_id("diseases", self.products.diseases)[disease_id]

    def reference(self, n: int) -> model.Reference:
        return self._by_id("references", self.references.references, key="n")[n]

    def module(self, module_id: str) -> model.Module:
        return self._by_id("modules", self.course.modules)[module_id]

    def module_for(self, stem: str) -> model.Module | None:
        """The module whose page presents content file `stem`."""
        return next((m for m in self.course.modules if m.content == stem), None)

    def section(self, stem: str, section_id: str) -> model.Section:
        """A section a page template places by id; its absence is a content error, not a crash."""
        found = self._by_id(f"sections:{stem}", self.files[stem].sections).get(section_id)
        if found is None:
            doc = self.docs[stem]
            raise ContentError([ContentIssue(doc.file, doc.line_of(("sections",)), "sections",
                                             f"the page template needs a section with id {section_id!r}")])
        return found

    def presenting_module(self, stem: str) -> model.Module:
        """The module that presents `stem`; quiz items link to it, so one must exist."""
        found = self.module_for(stem)
        if found is None:
            doc = self.docs["course"]
            raise ContentError([ContentIssue(doc.file, doc.line_of(("modules",)), "modules",
                                             f"no module presents content/{stem}.yaml, which quiz blueprints ask about")])
        return found

    def _by_id(self, name: str, items, key: str = "id") -> dict:
        cache = self.__dict__.setdefault("_lookup", {})
        if name not in cache:
            cache[name] = {getattr(item, key): item for item in items}
        return cache[name]

    # -- the fact index ---------------------------------------------------------------
    @cached_property
    def facts(self) -> dict[str, FactEntry]:
        index: dict[str, FactEntry] = {}
        for stem, root in self.files.items():
            for entry in _fact_entries(stem, root, root, (), root, ()):
                index[entry.source] = entry
        return index


def _fact_entries(stem, root, node, path, owner, refs):
    """Every number under `node`, with the nearest entity above it that carries refs.

    One recursive pass (rather than walking and then looking up each value's ancestors) keeps
    loading linear in the size of the content."""
    if isinstance(node, model.Fact):
        for name, q in node.values.items():
            yield FactEntry(f"facts.{node.id}.{name}", stem, path + ("values", name), q, tuple(node.refs), node)
        return
    if isinstance(node, model.Quantity):
        yield FactEntry(id_path(root, path), stem, path, node, refs, owner)
        return
    if isinstance(node, BaseModel):
        if getattr(node, "refs", None):
            owner, refs = node, tuple(node.refs)
        for name in type(node).model_fields:
            if name in _NOT_FACTS:
                continue
            value = getattr(node, name)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                q = model.Quantity(value=value, unit=_unit_of(name))
                yield FactEntry(id_path(root, path + (name,)), stem, path + (name,), q, refs, owner)
            else:
                yield from _fact_entries(stem, root, value, path + (name,), owner, refs)
    elif isinstance(node, (list, tuple)):
        for index, item in enumerate(node):
            yield from _fact_entries(stem, root, item, path + (index,), owner, refs)
    elif isinstance(node, dict):
        for key, item in node.items():
            yield from _fact_entries(stem, root, item, path + (key,), owner, refs)
