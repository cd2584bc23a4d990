"""`quiz --format analysis --responses FILE --out DIR`: read the results, write the analysis
folder whole (or not at all), and say what was flagged."""

from __future__ import annotations

import json
from pathlib import Path

from ..exporters.output import TOOL, target_folder, write_folder_export
from ..quiz.item import Item
from ..usage import UsageError
from .readers import read_results
from .report import item_stats, summary_lines, write
from .stats import ItemStats


def stats_for(responses: Path, bank: list[Item]) -> dict[str, ItemStats]:
    """Judged statistics per item from a results file (what the review report shows)."""
    return item_stats(read_results(responses, bank), bank)


def run_analysis(responses: Path | None, out: Path, bank: list[Item]) -> list[str]:
    if responses is None:
        raise UsageError("--format analysis needs --responses FILE (a results file from the LMS)")
    results = read_results(responses, bank)
    stats = item_stats(results, bank)

    def manifest(files: list[str]) -> str:
        data = {"tool": TOOL, "format": "analysis", "responses": responses.name, "files": files}
        return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"

    written = write_folder_export(
        target_folder(out), lambda folder: write(folder, results, stats, bank), manifest
    )
    return [f"wrote {p}" for p in written] + summary_lines(results, stats)
