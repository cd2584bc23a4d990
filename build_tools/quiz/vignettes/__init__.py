"""Authored clinical vignettes (content/vignettes.yaml) as quiz items: one small generator module
per kind of question, a shared renderer for the stem, and checks that fail the build naming file,
line and field when a case does not hang together."""

from . import care, eligibility, explain, grading, infection, relapse  # noqa: F401 (register)
