"""The validated course: every content file as typed objects, with lookups by id.

`facts` indexes every number in the content by its source path (the same path a quiz
item names in `source`), together with the references that support it.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import cached_property
from typing import get_type_hints

from pydantic import BaseModel

from . import model, model_grading, model_products, model_sources, model_vignettes
from . import model_topics as topics
from .errors import ContentError
from .markers import Measured, field_marker
from .walk import id_path
from .yaml_source import YamlDocument


@dataclass(frozen=True)
class FactEntry:
    source: str  # e.g. products.axicabtagene-ciloleucel.indications.lbcl.crs_percent
    file: str  # the content file (its name without .yaml)
    path: tuple  # index path inside that file, for error lines
    value: model.Quantity
    refs: tuple[int, ...]
    owner: BaseModel  # the entity the number belongs to (indication, fact, ...)


@dataclass(frozen=True, eq=False)  # compared and hashed by identity, like the build it belongs to
class Course:
    """One typed field per content file, named after it (course.yaml is the `outline`); files of
    teaching sections that only a course.yaml module presents are in `more`, keyed by file name."""

    outline: model.CourseFile = field(metadata={"file": "course"})
    references: model.ReferencesFile
    sources: model_sources.SourcesFile
    changes: model_sources.ChangesFile
    glossary: topics.GlossaryFile
    antigens: model.AntigensFile
    eligibility: model_products.EligibilityFile
    therapy_types: topics.TherapyTypesFile
    car_structure: topics.CarStructureFile
    naming: topics.NamingFile
    products: model_products.ProductsFile
    grading: model_grading.GradingFile
    adverse_effects: topics.AdverseEffectsFile
    challenges: topics.ChallengesFile
    solid_tumors: topics.SolidTumorsFile
    vignettes: model_vignettes.VignettesFile  # authored clinical cases, for the quiz only
    more: dict[str, model.SectionsFile] = field(default_factory=dict)
    docs: dict[str, YamlDocument] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def of(cls, files: dict[str, BaseModel], docs: dict[str, YamlDocument]) -> Course:
        typed = {f.name: files[_file_of(f)] for f in fields(cls) if _file_of(f) in KNOWN_FILES}
        more = {name: m for name, m in files.items() if name not in KNOWN_FILES}
        return cls(**typed, more=more, docs=docs)

    @property
    def files(self) -> dict[str, BaseModel]:
        """Every content file's model by file name, in load order."""
        typed = {
            _file_of(f): getattr(self, f.name) for f in fields(self) if _file_of(f) in KNOWN_FILES
        }
        return {**typed, **self.more}

    # -- lookups used by templates and the quiz generator --------------------------
    def product(self, product_id: str) -> model_products.Product:
        return self._by_id("products", self.products.products)[product_id]

    def source(self, source_id: str) -> model_sources.Source:
        return self._by_id("sources", self.sources.sources)[source_id]

    def drug_class(self, class_id: str) -> model_products.DrugClass:
        return self._by_id("drug_classes", self.eligibility.drug_classes)[class_id]

    def feature(self, feature_id: str) -> model_products.Feature:
        return self._by_id("features", self.eligibility.features)[feature_id]

    def approved_uses(self) -> list[tuple]:
        """Every approved product or therapy with each of its label indications, CAR T first:
        the one list "approved for" is read from (pages, cases, checks)."""
        therapies = [*self.products.products, *self.solid_tumors.approved]
        return [(t, ind) for t in therapies for ind in t.indications]

    def therapy(self, therapy_id: str):
        """A CAR T product or another approved T-cell therapy, by id."""
        therapies = [*self.products.products, *self.solid_tumors.approved]
        return self._by_id("therapies", therapies)[therapy_id]

    def antigen(self, antigen_id: str) -> model.Antigen:
        return self._by_id("antigens", self.antigens.antigens)[antigen_id]

    def disease(self, disease_id: str) -> model_products.Disease:
        return self._by_id("diseases", self.products.diseases)[disease_id]

    def reference(self, n: int) -> model.Reference:
        return self._by_id("references", self.references.references, key="n")[n]

    def module(self, module_id: str) -> model.Module:
        return self._by_id("modules", self.outline.modules)[module_id]

    def module_for(self, file: str) -> model.Module | None:
        """The module whose page presents content file `file`."""
        return next((m for m in self.outline.modules if m.content == file), None)

    def section(self, file: str, section_id: str) -> model.Section:
        """A section a page template places by id; its absence is a content error, not a crash."""
        found = self._by_id(f"sections:{file}", self.files[file].sections).get(section_id)
        if found is None:
            doc = self.docs[file]
            message = f"the page template needs a section with id {section_id!r}"
            raise ContentError.at(doc, ("sections",), message)
        return found

    def presenting_module(self, file: str) -> model.Module:
        """The module that presents `file`; quiz items link to it, so one must exist."""
        found = self.module_for(file)
        if found is None:
            doc = self.docs["course"]
            message = f"no module presents content/{file}.yaml, which quiz blueprints ask about"
            raise ContentError.at(doc, ("modules",), message)
        return found

    def _by_id(self, name: str, items, key: str = "id") -> dict:
        if name not in self._lookup:
            self._lookup[name] = {getattr(item, key): item for item in items}
        return self._lookup[name]

    @cached_property
    def _lookup(self) -> dict[str, dict]:
        return {}

    # -- the fact index ---------------------------------------------------------------
    @cached_property
    def facts(self) -> dict[str, FactEntry]:
        index: dict[str, FactEntry] = {}
        for file, root in self.files.items():
            for entry in _fact_entries(file, root, root, (), root, ()):
                index[entry.source] = entry
        return index


def _fact_entries(file, root, node, path, owner, refs):
    """Every number under `node`, with the nearest entity above it that carries refs.

    One recursive pass (rather than walking and then looking up each value's ancestors) keeps
    loading linear in the size of the content."""
    if isinstance(node, model.Fact):
        for name, q in node.values.items():
            yield FactEntry(
                f"facts.{node.id}.{name}", file, path + ("values", name), q, tuple(node.refs), node
            )
        return
    if isinstance(node, model.Quantity):
        yield FactEntry(id_path(root, path), file, path, node, refs, owner)
        return
    if isinstance(node, BaseModel):
        if getattr(node, "refs", None):
            owner, refs = node, tuple(node.refs)
        for name in type(node).model_fields:
            value = getattr(node, name)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                measured = field_marker(type(node), name, Measured)
                if measured:  # unmeasured numbers (years, seeds, reference numbers) are bookkeeping
                    q = model.Quantity(value=value, unit=measured.unit)
                    yield FactEntry(
                        id_path(root, path + (name,)), file, path + (name,), q, refs, owner
                    )
            else:
                yield from _fact_entries(file, root, value, path + (name,), owner, refs)
    elif isinstance(node, (list, tuple)):
        for index, item in enumerate(node):
            yield from _fact_entries(file, root, item, path + (index,), owner, refs)
    elif isinstance(node, dict):
        for key, item in node.items():
            yield from _fact_entries(file, root, item, path + (key,), owner, refs)


def _file_of(f) -> str:
    return f.metadata.get("file", f.name)


# Content files with a model of their own: file name -> model class, read from Course's fields.
KNOWN_FILES: dict[str, type[BaseModel]] = {
    _file_of(f): hint
    for f in fields(Course)
    if isinstance(hint := get_type_hints(Course)[f.name], type) and issubclass(hint, BaseModel)
}
