"""The CAR structure diagram: domains stacked from outside the cell (top) to inside (bottom)."""
from __future__ import annotations

from ..content.model_topics import Domain
from . import svg

WIDTH, ROW, GAP, TOP = 680, 40, 10, 36
BOX_X, BOX_W = 40, 200
LABEL_X = BOX_X + BOX_W + 24


def car_diagram(domains: list[Domain], fig_id: str = "car-structure") -> str:
    body: list[str] = []
    y = TOP
    body.append(svg.text(BOX_X, 20, "Outside the T cell", cls="fig-muted", size=12))
    membrane_top = membrane_bottom = None
    for domain in domains:
        if domain.location == "membrane":
            membrane_top = y - GAP / 2
        if domain.parts:
            # The scFv is drawn as its parts side by side, as in the review's figure.
            part_w = (BOX_W - 2 * 4) / len(domain.parts)
            for i, part in enumerate(domain.parts):
                x = BOX_X + i * (part_w + 4)
                body.append(svg.rect(x, y, part_w, ROW, cls=f"fig-domain fig-{domain.location}"))
                body.append(svg.text(x + part_w / 2, y + ROW / 2 + 5, part.split(" ")[0], anchor="middle", size=12))
        else:
            body.append(svg.rect(BOX_X, y, BOX_W, ROW, cls=f"fig-domain fig-{domain.location}"))
            body.append(svg.text(BOX_X + BOX_W / 2, y + ROW / 2 + 5, domain.short, anchor="middle"))
        body.append(svg.text(LABEL_X, y + 16, domain.name, cls="fig-label"))
        body.append(svg.text(LABEL_X, y + 32, domain.function, cls="fig-muted", size=11))
        y += ROW + GAP
        if domain.location == "membrane":
            membrane_bottom = y - GAP / 2
    if membrane_top is not None:
        band = svg.rect(0, membrane_top, WIDTH, membrane_bottom - membrane_top, cls="fig-membrane", rx=0)
        body.insert(0, band)
        body.append(svg.text(WIDTH - 8, membrane_bottom - 6, "cell membrane", anchor="end", cls="fig-muted", size=12))
    body.append(svg.text(BOX_X, y + 8, "Inside the T cell", cls="fig-muted", size=12))
    order = ", ".join(d.name for d in domains)
    return svg.document(fig_id, WIDTH, int(y + 20), "Structure of a chimeric antigen receptor",
                        f"From outside the cell to inside: {order}.", body)
