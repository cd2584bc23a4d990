"""Horizontal bar charts of percentages, one group of bars per labelled row.

Each bar carries its measure and value as text, so colour is never the only signal.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..content.formatting import percent
from . import svg

WIDTH, LABEL_W, BAR_H, GROUP_GAP = 720, 300, 16, 14
PLOT_W = WIDTH - LABEL_W - 110


@dataclass(frozen=True)
class Bar:
    measure: str   # "CRS"
    value: float   # a percentage
    css: str       # colour class; the measure's text label is always drawn too


@dataclass(frozen=True)
class BarGroup:
    label: str
    bars: tuple[Bar, ...]


def bar_chart(fig_id: str, title: str, desc: str, groups: list[BarGroup]) -> str:
    body: list[str] = []
    y = 10.0
    for group in groups:
        height = len(group.bars) * (BAR_H + 2)
        body.append(svg.text(LABEL_W - 10, y + height / 2 + 4, group.label, anchor="end", size=12))
        for bar in group.bars:
            w = PLOT_W * bar.value / 100
            body.append(svg.rect(LABEL_W, y, max(w, 1), BAR_H, cls=f"fig-bar {bar.css}", rx=2))
            body.append(svg.text(LABEL_W + w + 6, y + BAR_H - 4, f"{bar.measure} {percent(bar.value)}", size=11))
            y += BAR_H + 2
        y += GROUP_GAP
    axis_y = y
    body.append(f'<line x1="{LABEL_W}" y1="{axis_y:g}" x2="{LABEL_W + PLOT_W}" y2="{axis_y:g}" class="fig-axis"/>')
    for tick in (0, 25, 50, 75, 100):
        x = LABEL_W + PLOT_W * tick / 100
        body.append(svg.text(x, axis_y + 16, f"{tick}%", anchor="middle", size=11, cls="fig-muted"))
    return svg.document(fig_id, WIDTH, int(axis_y + 26), title, desc, body)
