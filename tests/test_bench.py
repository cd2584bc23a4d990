"""`make bench` grows the content 10x and 100x; the same scaling step, at a small factor, must give
valid content (every copy distinct where the rules ask) and a bank that grows with it."""

from __future__ import annotations

from build_tools.bench import scaled_project, stages


def test_scaled_content_builds_and_its_bank_grows(tmp_path, bank):
    scaled = stages(scaled_project(3, tmp_path / "x3"), repeat=1)
    assert scaled["_items"] > 2 * len(bank)
    assert all(seconds > 0 for name, seconds in scaled.items() if not name.startswith("_"))
