"""Line charts drawn on the server as SVG, like the map: no script, readable in the page and the PDF.

Lines only, with a labelled vertical axis and one tick per year; the legend is the page's
(HTML scales with the text, an SVG legend shrinks with the drawing on a phone).
"""

from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape

from django.utils.formats import number_format

WIDTH, HEIGHT = 1000, 420
LEFT, RIGHT, TOP, BOTTOM = 70, 20, 20, 50
FONT_SIZE = 22


@dataclass(frozen=True)
class Series:
    label: str
    colour: str
    values: list[int]
    dashed: bool = False


def _step(top: int) -> int:
    """A round step that gives four to eight gridlines up to `top`."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if top / step <= 8:
            return step
    return max(1, top // 5)


def line_chart(*, days: list[date], series: list[Series], title: str) -> str:
    """One line per series over `days` (evenly spaced by date); the vertical axis starts at 0."""
    first, last = days[0].toordinal(), days[-1].toordinal()
    span = max(1, last - first)
    top = max((max(s.values, default=0) for s in series), default=0)
    step = _step(max(top, 1))
    ceiling = max(step, -(-top // step) * step)
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(day: date) -> float:
        return LEFT + plot_width * (day.toordinal() - first) / span

    def y(value: int) -> float:
        return TOP + plot_height * (1 - value / ceiling)

    parts = []
    for value in range(0, ceiling + 1, step):
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(value):.1f}" y2="{y(value):.1f}" stroke="#ddd"/>'
            f'<text x="{LEFT - 8}" y="{y(value) + 7:.1f}" text-anchor="end">{number_format(value, force_grouping=True)}</text>'
        )
    for year in range(days[0].year + (days[0] != date(days[0].year, 1, 1)), days[-1].year + 1):
        tick = x(date(year, 1, 1))
        parts.append(
            f'<line x1="{tick:.1f}" x2="{tick:.1f}" y1="{TOP}" y2="{HEIGHT - BOTTOM + 6}" stroke="#eee"/>'
            f'<text x="{tick:.1f}" y="{HEIGHT - BOTTOM + 30}" text-anchor="middle">{"’" + str(year)[2:] if len(days) > 60 else year}</text>'
        )
    for line in series:
        points = " ".join(f"{x(day):.1f},{y(value):.1f}" for day, value in zip(days, line.values, strict=True))
        dash = ' stroke-dasharray="8 5"' if line.dashed else ""
        parts.append(
            f'<polyline points="{points}" fill="none" stroke="{line.colour}" stroke-width="3"{dash}>'
            f"<title>{escape(line.label)}</title></polyline>"
        )
    label = escape(title)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{label}" '
        f'font-family="DejaVu Sans, sans-serif" font-size="{FONT_SIZE}" class="chart">'
        f"<title>{label}</title>"
        f'<line x1="{LEFT}" x2="{LEFT}" y1="{TOP}" y2="{HEIGHT - BOTTOM}" stroke="#555"/>'
        f"{''.join(parts)}</svg>"
    )
