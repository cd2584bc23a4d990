"""The CAR diagram: a receptor crossing the T-cell membrane, its target antigen on the tumor cell
above, the domains drawn as shapes from outside (top) to inside (bottom) and numbered. The names
and jobs go in an HTML list beside the drawing (below it on a phone), so no label can clip."""

from __future__ import annotations

from ..content.model_topics import Domain
from . import svg

WIDTH, CX, MARK_X = 240, 110, 206  # drawing width, receptor axis, column of number markers
TUMOR_H, ANTIGEN_H, MEMBRANE_H = 44, 22, 30
HEIGHTS = {"extracellular": 36, "membrane": 44, "intracellular": 40}
WIDTHS = {"extracellular": 18, "membrane": 16, "intracellular": 90}
SMALL = 11


def car_diagram(
    domains: list[Domain], fig_id: str = "car-structure"
) -> tuple[str, list[tuple[str, str]]]:
    """Return the SVG and the legend (domain name, its job) in the numbers' order."""
    body = [
        svg.rect(0, 0, WIDTH, TUMOR_H, cls="fig-tumor", rx=0),
        svg.text(8, 18, "Tumor cell", size=12, cls="fig-label"),
        svg.rect(CX - 16, TUMOR_H - 4, 32, ANTIGEN_H, cls="fig-antigen", rx=8),
        svg.text(CX + 22, TUMOR_H + 14, "target antigen", size=SMALL),
    ]
    y = TUMOR_H + ANTIGEN_H + 2
    marks: list[str] = []
    for n, domain in enumerate(domains, 1):
        h = HEIGHTS[domain.location]
        if domain.location == "membrane":  # the lipid band the receptor crosses, behind it
            band_y = y + (h - MEMBRANE_H) / 2
            body.append(svg.rect(0, band_y, WIDTH, MEMBRANE_H, cls="fig-lipid", rx=0))
            body.append(
                svg.text(
                    6, band_y + MEMBRANE_H / 2 + 4, "T-cell membrane", size=SMALL, cls="fig-muted"
                )
            )
        body.extend(_shape(domain, y, h))
        marks.append(_marker(n, y + h / 2, CX + _half_width(domain)))
        y += h + 3
    body.append(svg.text(8, y + 20, "Inside the T cell", size=12, cls="fig-label"))
    order = ", ".join(f"{n} {d.name}" for n, d in enumerate(domains, 1))
    drawing = svg.document(
        fig_id,
        WIDTH,
        int(y + 30),
        "Structure of a chimeric antigen receptor",
        f"A receptor crossing the T-cell membrane, binding its target antigen on the tumor cell "
        f"above. From outside the cell to inside: {order}.",
        body + marks,
    )
    return drawing, [(d.name, d.function) for d in domains]


def _half_width(domain: Domain) -> float:
    return 38 if domain.parts else WIDTHS[domain.location] / 2


def _shape(domain: Domain, y: float, h: float) -> list[str]:
    cls = f"fig-domain fig-{domain.location}"
    if not domain.parts:
        w = WIDTHS[domain.location]
        out = [svg.rect(CX - w / 2, y, w, h, cls=cls, rx=4)]
        if svg.text_width(domain.short, SMALL) <= w - 6:
            out.append(
                svg.text(
                    CX, y + h / 2 + 4, domain.short, anchor="middle", size=SMALL, cls="fig-on-shape"
                )
            )
        return out
    # The binder: its parts side by side (VL, linker, VH), a linker drawn as a thin bridge.
    out, x, part_w = [], CX - 38, 30
    for part in domain.parts:
        short = part.split(" ")[0]
        if short == "linker":
            out.append(svg.rect(x, y + h / 2 - 2, 12, 4, cls=cls, rx=1))
            x += 12
            continue
        out.append(svg.rect(x, y, part_w, h, cls=cls, rx=12))
        out.append(
            svg.text(
                x + part_w / 2,
                y + h / 2 + 4,
                short,
                anchor="middle",
                size=SMALL,
                cls="fig-on-shape",
            )
        )
        x += part_w
    return out


def _marker(n: int, y: float, from_x: float) -> str:
    return (
        f'<line x1="{from_x + 3:g}" y1="{y:g}" x2="{MARK_X - 10:g}" y2="{y:g}" class="fig-leader"/>'
        f'<circle cx="{MARK_X}" cy="{y:g}" r="9" class="fig-marker"/>'
        + svg.text(MARK_X, y + 4, str(n), anchor="middle", size=SMALL, cls="fig-marker-text")
    )
