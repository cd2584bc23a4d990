"""Horizontal bar charts of percentages, narrow enough for a phone: each group's label sits on its
own line above its bars, so nothing competes for width. Each bar carries its measure and value as
text, so colour is never the only signal; an axis in percent runs along the foot."""

from __future__ import annotations

from dataclasses import dataclass

from ..content.formatting import percent
from . import svg

WIDTH, LEFT, PLOT_W, BAR_H, GAP, LABEL_SIZE, VALUE_SIZE = 360, 4, 230, 12, 10, 13, 11


@dataclass(frozen=True)
class Bar:
    measure: str  # "CRS"
    value: float  # a percentage
    css: str  # colour class; the measure's text label is always drawn too


@dataclass(frozen=True)
class BarGroup:
    label: str
    bars: tuple[Bar, ...]


def bar_chart(fig_id: str, title: str, desc: str, groups: list[BarGroup]) -> str:
    body: list[str] = []
    bars: dict[
        str, list[str]
    ] = {}  # one <path> per measure, not one <rect> per bar: a smaller page
    y = 4.0
    for group in groups:
        single = len(group.bars) == 1  # one measure: its value joins the label line, one text fewer
        label = f"{group.label}: {percent(group.bars[0].value)}" if single else group.label
        for line in svg.wrap(label, WIDTH - 2 * LEFT, LABEL_SIZE):
            y += LABEL_SIZE + 3
            body.append(svg.text(LEFT, y, line, size=LABEL_SIZE, cls="fig-label"))
        y += 4
        for bar in group.bars:
            w = PLOT_W * bar.value / 100
            bars.setdefault(bar.css, []).append(
                f"M{LEFT} {y:g}h{max(w, 1):g}v{BAR_H}h{-max(w, 1):g}z"
            )
            label = f"{bar.measure} {percent(bar.value)}"
            if single:
                pass  # the value is on the label line above
            elif LEFT + w + 5 + svg.text_width(label, VALUE_SIZE) <= WIDTH - 2:
                body.append(svg.text(LEFT + w + 5, y + BAR_H - 2, label, size=VALUE_SIZE))
            else:  # no room after a long bar: the label goes inside it
                body.append(
                    svg.text(
                        LEFT + w - 4,
                        y + BAR_H - 2,
                        label,
                        anchor="end",
                        size=VALUE_SIZE,
                        cls="fig-inbar",
                    )
                )
            y += BAR_H + 2
        y += GAP
    body[:0] = [f'<path d="{" ".join(d)}" class="fig-bar {css}"/>' for css, d in bars.items()]
    axis_y = y
    ticks = "".join(f"M{LEFT + PLOT_W * t / 100:g} {axis_y:g}v4" for t in (0, 25, 50, 75, 100))
    body.append(f'<path d="M{LEFT} {axis_y:g}h{PLOT_W}{ticks}" class="fig-axis"/>')
    for tick in (0, 25, 50, 75, 100):
        x = LEFT + PLOT_W * tick / 100
        anchor = "start" if tick == 0 else "end" if tick == 100 else "middle"
        body.append(
            svg.text(x, axis_y + 16, f"{tick}%", anchor=anchor, size=VALUE_SIZE, cls="fig-muted")
        )
    body.append(
        svg.text(
            LEFT,
            axis_y + 32,
            "Percentage of patients in the trial",
            size=VALUE_SIZE,
            cls="fig-muted",
        )
    )
    return svg.document(fig_id, WIDTH, int(axis_y + 40), title, desc, body)
