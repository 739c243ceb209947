"""Long tables leave a PDF's pages for an annex: the whole table as a CSV file embedded in the PDF.

WeasyPrint lays out about a thousand table cells a second, so a ten-year list of training sessions
took 15 s and seventy pages that nobody reads on paper. A table of more than
ANNEX_ROWS rows (about six pages) keeps its caption and its total row on the page, with a note that
names the annexed file; the figure's sentence and every shorter table stay as they are.
"""

from collections.abc import Iterable
from dataclasses import dataclass, replace

from django.utils.text import slugify

from reports.registry import Figure
from reports.tables import to_csv

ANNEX_ROWS = 200


@dataclass(frozen=True)
class Annex:
    filename: str
    row_count: int
    summary: Figure
    """The figure with only its total row, for the page."""
    contents: bytes


def annex_of(figure: Figure) -> Annex | None:
    """The annex of a figure too long for the page, or None."""
    row_count = len(figure.detail_rows)
    if row_count <= ANNEX_ROWS:
        return None
    name = slugify(f"{figure.title} {figure.scope}".replace("–", " ").replace("/", " "))
    summary = replace(figure, rows=[figure.total] if figure.total else [])
    return Annex(filename=f"{name}.csv", row_count=row_count, summary=summary, contents=to_csv(figure))


def annexed(context: dict, *, figures: Iterable[Figure]) -> tuple[dict, list[tuple[str, bytes]]]:
    """A report PDF's context with its long tables annexed, and the files to embed. The template finds a figure's
    annex in `annexes` by the figure itself (its id): two questions may show one figure over different periods."""
    annexes = {id(figure): annex for figure in figures if (annex := annex_of(figure))}
    files = {annex.filename: annex.contents for annex in annexes.values()}
    return {**context, "annexes": annexes}, list(files.items())
