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
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from partnerships.models import Agreement
from partnerships.selectors import NO_COOPERATION, cooperation_statuses
from reports.trends import History

BRUSSELS = "Brussels Hoofdstedelijk Gewest"
WIDTH = 1000
SMALL = 8
COLOURS = {  # seed 000's legend
    Agreement.Form.SUBSCRIPTION: "#7b3fa0",
    Agreement.Form.SUBSCRIPTION_WITH_CONSULTATION_DAY: "#3a9a46",
    Agreement.Form.PER_CASE: "#f08a24",
    Agreement.Form.REMOTE_ADVICE: "#f5d327",
    NO_COOPERATION: "#ffffff",
}
NO_COOPERATION_COLOUR = COLOURS[NO_COOPERATION]
BRUSSELS_COLOUR = "#b5b5b5"
OUTSIDE_COLOUR = "#eeeeee"


@dataclass(frozen=True)
class Shape:
    nis_code: str
    name: str
    region: str
    path: str
    box: tuple[float, float, float, float]
    """min x, min y, max x, max y of the projected path: what a zoom to a province frames."""
    outline: str
    """The path at a SMALL-th of the scale, in whole units: a small map's, a fifth of the full path's size."""


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

    def ring_points(ring: list[int]) -> list[tuple[float, float]]:
        points: list[tuple[float, float]] = []
        for index in ring:
            arc = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(arc if not points else arc[1:])
        return [((lon - min_lon) * squeeze * factor, (max_lat - lat) * factor) for lon, lat in points]

    result = []
    for geometry in geometries:
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings = [ring_points(ring) for polygon in polygons for ring in polygon]
        path = "".join("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in ring) + "Z" for ring in rings)
        xs, ys = [x for ring in rings for x, _y in ring], [y for ring in rings for _x, y in ring]
        properties = geometry["properties"]
        box = (min(xs), min(ys), max(xs), max(ys))
        outline = "".join(_small_ring(ring) for ring in rings)
        result.append(Shape(properties["nis"], properties["naam_nl"], properties["gewest"], path, box, outline))
    return tuple(result), height


def _small_ring(ring: list[tuple[float, float]]) -> str:
    """The ring in whole units of the small scale, without the points that fall together; nothing when it vanishes."""
    points: list[tuple[int, int]] = []
    for x, y in ring:
        point = (round(x / SMALL), round(y / SMALL))
        if not points or point != points[-1]:
            points.append(point)
    return "M" + " ".join(f"{x},{y}" for x, y in points) + "Z" if len(points) >= 3 else ""


def status_labels() -> dict[str, str]:
    return {**{form: str(label) for form, label in Agreement.Form.choices}, NO_COOPERATION: _("Geen samenwerking")}


@dataclass(frozen=True)
class LegendRow:
    colour: str
    label: str
    count: int | None


@dataclass(frozen=True)
class DrawnMap:
    title: str
    svg: str
    legend: list[LegendRow]
    municipalities: int
    """How many municipalities the map counts: Flanders', or the chosen province's."""


def drawn_map(*, on: date, province: str | None = None, legend_in_svg: bool = True) -> DrawnMap:
    """The map for `on`: one path per municipality of that date, coloured by the status rule.

    With a province, the view is framed on it (the viewBox) and only its municipalities are
    counted and reachable; the others stay grey around it. Each counted municipality is a
    link, so the keyboard and a tap reach it, with its name and status as its label.
    """
    drawn, height = shapes(vintage_for(on))
    statuses = {
        nis: (status, province_name)
        for nis, status, province_name in cooperation_statuses(on=on).values_list("nis_code", "status_form", "province__name_nl")
    }
    labels = status_labels()
    counts = dict.fromkeys(COLOURS, 0)
    paths, boxes = [], []
    for shape in drawn:
        status, shape_province = statuses.get(shape.nis_code, (NO_COOPERATION, None))
        if shape.region == BRUSSELS or (province and shape_province != province):
            fill, css = (BRUSSELS_COLOUR, "brussels") if shape.region == BRUSSELS else (OUTSIDE_COLOUR, "outside")
            paths.append(f'<path d="{shape.path}" fill="{fill}" class="{css}"><title>{escape(shape.name)}</title></path>')
            continue
        counts[status] += 1
        boxes.append(shape.box)
        label = escape(f"{shape.name}: {labels[status]}")
        paths.append(
            f'<a href="#kaart-detail" class="municipality" aria-label="{label}">'
            f'<path d="{shape.path}" fill="{COLOURS[status]}" data-nis="{shape.nis_code}" data-status="{status}">'
            f"<title>{label}</title></path></a>"
        )
    day = date_format(on, "SHORT_DATE_FORMAT")
    title = _("Samenwerking met Dyzo op %(day)s") % {"day": day}
    if province:
        title = f"{title}, {province}"
    legend = [LegendRow(colour, labels[status], counts[status]) for status, colour in COLOURS.items()]
    legend.append(LegendRow(BRUSSELS_COLOUR, _("Brussels Hoofdstedelijk Gewest"), None))
    x0, y0, x1, y1 = _frame(boxes, height) if province and boxes else (0.0, 0.0, float(WIDTH), height)
    scale = (x1 - x0) / WIDTH
    legend_svg = _legend_svg(legend, x0, y1, scale) if legend_in_svg else ""
    total_height = (y1 - y0) + (30 + len(legend) * 26 + 10) * scale if legend_in_svg else y1 - y0
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{x0:.0f} {y0:.0f} {x1 - x0:.0f} {total_height:.0f}" role="group" tabindex="-1" '
        f'aria-label="{escape(title)}" font-family="DejaVu Sans, sans-serif" font-size="15">'
        f"<title>{escape(title)}</title>"
        f'<g stroke="#444" stroke-width="{0.5 * scale:.2f}" stroke-linejoin="round">{"".join(paths)}</g>'
        f"{legend_svg}</svg>"
    )
    return DrawnMap(title, svg, legend, sum(counts.values()))


def _frame(boxes: list[tuple[float, float, float, float]], height: float) -> tuple[float, float, float, float]:
    """The box around the province's municipalities with a margin, in the map's proportions at most."""
    x0, y0 = min(box[0] for box in boxes), min(box[1] for box in boxes)
    x1, y1 = max(box[2] for box in boxes), max(box[3] for box in boxes)
    margin = 0.04 * max(x1 - x0, y1 - y0)
    return x0 - margin, y0 - margin, x1 + margin, y1 + margin


def _legend_svg(legend: list[LegendRow], x: float, y: float, scale: float) -> str:
    rows = []
    for row, entry in enumerate(legend):
        top = 30 + row * 26
        count = f": {entry.count}" if entry.count is not None else ""
        rows.append(
            f'<rect x="10" y="{top}" width="18" height="18" fill="{entry.colour}" stroke="#555"/>'
            f'<text x="36" y="{top + 14}">{escape(entry.label)}{count}</text>'
        )
    return f'<g transform="translate({x:.1f} {y:.1f}) scale({scale:.3f})">{"".join(rows)}</g>'


def map_svg(*, on: date, province: str | None = None) -> str:
    """The map as a document of its own (the SVG download and the PDF): the legend drawn in it."""
    return drawn_map(on=on, province=province).svg


@dataclass(frozen=True)
class SmallMap:
    """One of a row of small maps: the map on `day`, without legend or links of its own."""

    day: date
    svg: str
    cooperating: int


@dataclass(frozen=True)
class SmallMaps:
    """The small maps and, drawn once for all of them, the outlines of each set of borders they use:
    each map only colours them, so ten years weigh little more than the outlines."""

    outlines: str
    maps: list[SmallMap]


def small_maps(*, days: list[date], province: str | None = None) -> SmallMaps:
    """The map on each of `days`, small, from one reading of the history (reports.trends): the same
    number of queries for two years as for ten. With a province, each is framed on it, as the full map."""
    history = History()
    outline_ids: dict[str, str] = {}  # a municipality whose borders did not change keeps its outline across vintages
    maps = []
    for day in days:
        drawn, height = shapes(vintage_for(day))
        statuses = history.statuses_on(day)
        uses, boxes, cooperating = [], [], 0
        for shape in drawn:
            status, shape_province = statuses.get(shape.nis_code, (NO_COOPERATION, None))
            if shape.region == BRUSSELS:
                fill = BRUSSELS_COLOUR
            elif province and shape_province != province:
                fill = OUTSIDE_COLOUR
            else:
                fill = COLOURS[status]
                cooperating += status != NO_COOPERATION
                boxes.append(shape.box)
            if not shape.outline:  # too small to draw at this scale, yet counted
                continue
            outline = outline_ids.setdefault(shape.outline, f"kk{len(outline_ids)}")
            uses.append(
                f'<use href="#{outline}"/>' if fill == NO_COOPERATION_COLOUR else f'<use href="#{outline}" fill="{fill}"/>'
            )
        x0, y0, x1, y1 = (
            (v / SMALL for v in _frame(boxes, height)) if province and boxes else (0, 0, WIDTH / SMALL, height / SMALL)
        )
        svg = (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{x0:.0f} {y0:.0f} {x1 - x0:.0f} {y1 - y0:.0f}" aria-hidden="true">'
            f'<g fill="{NO_COOPERATION_COLOUR}" stroke="#666" stroke-width="{0.12 * (x1 - x0) * SMALL / WIDTH:.2f}" '
            f'stroke-linejoin="round">{"".join(uses)}</g></svg>'
        )
        maps.append(SmallMap(day, svg, cooperating))
    return SmallMaps(_outlines(outline_ids), maps)


def _outlines(outline_ids: dict[str, str]) -> str:
    """An SVG that shows nothing and defines each small outline once, for the maps to `use`."""
    paths = "".join(f'<path id="{outline_id}" d="{outline}"/>' for outline, outline_id in outline_ids.items())
    return f'<svg xmlns="http://www.w3.org/2000/svg" class="outlines" aria-hidden="true" focusable="false"><defs>{paths}</defs></svg>'
