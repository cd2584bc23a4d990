"""SVG pictures drawn from content at build time: no chart library runs in the browser."""

from .bar_chart import Bar, BarGroup, bar_chart
from .car_diagram import car_diagram

__all__ = ["Bar", "BarGroup", "bar_chart", "car_diagram"]
