"""Blueprints (quizbank/*.yaml): how to ask about one kind of fact. Validated like content."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..content.errors import ContentError, ContentIssue
from ..content.loader import _issues_from, _shown
from ..content.model import Asks, Gives
from ..content.yaml_source import load_yaml


class Blueprint(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
    generator: str
    module: str
    objective: int = Field(ge=1)  # 1-based index into the module's objectives
    difficulty: Literal["easy", "medium", "hard"]
    # What its items give the learner and ask of them; the level follows (levels.py).
    gives: Gives = "question"
    asks: Asks
    params: dict = {}


class BlueprintFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    blueprints: list[Blueprint] = Field(min_length=1)


def load_blueprints(quizbank_dir: Path, course, generators: dict) -> list[tuple[Blueprint, str]]:
    """Every blueprint with the file it came from; errors name file, line and field."""
    issues: list[ContentIssue] = []
    found: list[tuple[Blueprint, str]] = []
    base = Path(quizbank_dir).parent
    for path in sorted(Path(quizbank_dir).glob("*.y*ml")):
        doc, problems = load_yaml(path, _shown(path, base))
        issues.extend(problems)
        if doc is None:
            continue
        try:
            parsed = BlueprintFile.model_validate(doc.data)
        except ValidationError as exc:
            issues.extend(_issues_from(exc, doc))
            continue
        for i, bp in enumerate(parsed.blueprints):
            where = ("blueprints", i)
            modules = {m.id: m for m in course.outline.modules}
            if bp.generator not in generators:
                issues.append(
                    ContentIssue(
                        doc.file,
                        doc.line_of(where + ("generator",)),
                        f"blueprints[{i}].generator",
                        f"unknown generator {bp.generator!r} "
                        f"(known: {', '.join(sorted(generators))})",
                    )
                )
            if bp.module not in modules:
                issues.append(
                    ContentIssue(
                        doc.file,
                        doc.line_of(where + ("module",)),
                        f"blueprints[{i}].module",
                        f"unknown module id {bp.module!r}",
                    )
                )
            elif bp.objective > len(modules[bp.module].objectives):
                issues.append(
                    ContentIssue(
                        doc.file,
                        doc.line_of(where + ("objective",)),
                        f"blueprints[{i}].objective",
                        f"module {bp.module!r} has only "
                        f"{len(modules[bp.module].objectives)} objectives",
                    )
                )
            found.append((bp, doc.file))
    ids = [bp.id for bp, _ in found]
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        issues.append(ContentIssue("quizbank", 1, "blueprints", f"duplicate blueprint id {dup!r}"))
    if issues:
        raise ContentError(issues)
    return found
