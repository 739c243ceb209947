"""The choropleth map of Flanders, drawn server-side as SVG on the borders valid on the reference date.

Geometry comes from the project's TopoJSON fixtures, decoded and projected once
per vintage and cached; each request only colours the paths.
"""

import json
import math
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from xml.sax.saxutils import escape

from django.conf import settings
from django.utils.translation import gettext as _

from partnerships.models import Agreement
from partnerships.selectors import NO_COOPERATION, cooperation_statuses

BRUSSELS = "Brussels Hoofdstedelijk Gewest"
WIDTH = 1000
COLOURS = {  # seed 000's legend
    Agreement.Form.SUBSCRIPTION: "#7b3fa0",
    Agreement.Form.SUBSCRIPTION_WITH_CONSULTATION_DAY: "#3a9a46",
    Agreement.Form.PER_CASE: "#f08a24",
    Agreement.Form.REMOTE_ADVICE: "#f5d327",
    NO_COOPERATION: "#ffffff",
}
BRUSSELS_COLOUR = "#b5b5b5"


@dataclass(frozen=True)
class Shape:
    nis_code: str
    name: str
    region: str
    path: str


def vintage_for(day: date) -> str:
    if day < date(2019, 1, 1):
        return "gemeenten_2018"
    if day < date(2025, 1, 1):
        return "gemeenten_2019_2024"
    return "gemeenten_2025"


@lru_cache(maxsize=3)
def shapes(vintage: str) -> tuple[tuple[Shape, ...], float]:
    """The projected shapes of one vintage and the map's height; read from disk once per process."""
    topology = json.loads((settings.FIXTURES_DIR / "maps" / f"{vintage}.topojson").read_text(encoding="utf-8"))
    (scale_x, scale_y), (translate_x, translate_y) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + translate_x, y * scale_y + translate_y))
        arcs.append(points)
    geometries = topology["objects"]["gemeenten"]["geometries"]
    all_points = [point for arc in arcs for point in arc]
    min_lon, max_lon = min(p[0] for p in all_points), max(p[0] for p in all_points)
    min_lat, max_lat = min(p[1] for p in all_points), max(p[1] for p in all_points)
    squeeze = math.cos(math.radians((min_lat + max_lat) / 2))
    factor = WIDTH / ((max_lon - min_lon) * squeeze)
    height = (max_lat - min_lat) * factor

    def ring_path(ring: list[int]) -> str:
        points: list[tuple[float, float]] = []
        for index in ring:
            arc = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(arc if not points else arc[1:])
        return (
            "M"
            + "L".join(f"{(lon - min_lon) * squeeze * factor:.1f},{(max_lat - lat) * factor:.1f}" for lon, lat in points)
            + "Z"
        )

    result = []
    for geometry in geometries:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        path = "".join(ring_path(ring) for polygon in polygons for ring in polygon)
        properties = geometry["properties"]
        result.append(Shape(properties["nis"], properties["naam_nl"], properties["gewest"], path))
    return tuple(result), height


def status_labels() -> dict[str, str]:
    return {**{form: str(label) for form, label in Agreement.Form.choices}, NO_COOPERATION: _("Geen samenwerking")}


def map_svg(*, on: date) -> str:
    """The SVG map for `on`: one path per municipality of that date, coloured by the status rule, with a legend."""
    drawn, height = shapes(vintage_for(on))
    statuses = dict(cooperation_statuses(on=on).values_list("nis_code", "status_form"))
    labels = status_labels()
    counts = {status: 0 for status in COLOURS}
    paths = []
    for shape in drawn:
        if shape.region == BRUSSELS:
            paths.append(
                f'<path d="{shape.path}" fill="{BRUSSELS_COLOUR}" class="brussels"><title>{escape(shape.name)}</title></path>'
            )
            continue
        status = statuses.get(shape.nis_code, NO_COOPERATION)
        counts[status] += 1
        title = escape(f"{shape.name}: {labels[status]}")
        paths.append(
            f'<path d="{shape.path}" fill="{COLOURS[status]}" data-nis="{shape.nis_code}" data-status="{status}"><title>{title}</title></path>'
        )
    legend = []
    for row, (status, colour) in enumerate(COLOURS.items()):
        y = height + 30 + row * 26
        legend.append(
            f'<rect x="10" y="{y:.0f}" width="18" height="18" fill="{colour}" stroke="#555"/>'
            f'<text x="36" y="{y + 14:.0f}">{escape(labels[status])}: {counts[status]}</text>'
        )
    legend_y = height + 30 + len(COLOURS) * 26
    legend.append(
        f'<rect x="10" y="{legend_y:.0f}" width="18" height="18" fill="{BRUSSELS_COLOUR}" stroke="#555"/>'
        f'<text x="36" y="{legend_y + 14:.0f}">{escape(_("Brussels Hoofdstedelijk Gewest"))}</text>'
    )
    total_height = legend_y + 30
    title = escape(_("Samenwerking met Dyzo op %(day)s") % {"day": on.strftime("%d/%m/%Y")})
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {total_height:.0f}" role="img" aria-label="{title}" '
        f'font-family="DejaVu Sans, sans-serif" font-size="15">'
        f"<title>{title}</title>"
        f'<g stroke="#444" stroke-width="0.5" stroke-linejoin="round">{"".join(paths)}</g>'
        f"<g>{''.join(legend)}</g></svg>"
    )
