"""The validated course: every content file as typed objects, with lookups by id.

`facts` indexes every number in the content by its source path (the same path a quiz
item names in `source`), together with the references that support it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from pydantic import BaseModel

from . import model
from .walk import id_path, walk
from .yaml_source import YamlDocument

# Numeric fields that are bookkeeping, not facts a reader learns.
_NOT_FACTS = {"refs", "n", "year", "self_check_count"}


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
        return self._by_id(f"sections:{stem}", self.files[stem].sections)[section_id]

    def _by_id(self, name: str, items, key: str = "id") -> dict:
        cache = self.__dict__.setdefault("_lookup", {})
        if name not in cache:
            cache[name] = {getattr(item, key): item for item in items}
        return cache[name]

    # -- the fact index ---------------------------------------------------------------
    @cached_property
    def facts(self) -> dict[str, FactEntry]:
        index: dict[str, FactEntry] = {}
        for stem in self.FILES:
            root = getattr(self, stem)
            for path, value in walk(root):
                for entry in self._entries(stem, root, path, value):
                    index[entry.source] = entry
        return index

    def _entries(self, stem, root, path, value):
        if path and path[-1] in _NOT_FACTS or any(isinstance(p, str) and p in _NOT_FACTS for p in path):
            return
        if any(isinstance(n, (model.Fact, model.Quantity)) for n in self._ancestors(root, path)):
            return  # counted once, at the Fact or Quantity itself
        if isinstance(value, model.Fact):
            for name, q in value.values.items():
                yield FactEntry(f"facts.{value.id}.{name}", stem, path + ("values", name), q, tuple(value.refs), value)
            return
        if isinstance(value, model.Quantity):
            q = value
        elif isinstance(value, (int, float)) and not isinstance(value, bool) and path:
            q = model.Quantity(value=value, unit=_unit_of(str(path[-1])))
        else:
            return
        owner, refs = self._nearest_with_refs(root, path)
        yield FactEntry(id_path(root, path), stem, path, q, refs, owner)

    @staticmethod
    def _ancestors(root, path):
        node = root
        for part in path[:-1]:
            node = node[part] if isinstance(part, int) or isinstance(node, dict) else getattr(node, part)
            yield node

    @staticmethod
    def _nearest_with_refs(root, path):
        node, owner, refs = root, root, ()
        for part in path[:-1]:
            node = node[part] if isinstance(part, int) or isinstance(node, dict) else getattr(node, part)
            if getattr(node, "refs", None):
                owner, refs = node, tuple(node.refs)
        return owner, refs
