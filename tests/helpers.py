"""Small helpers shared by test modules (fixtures live in conftest.py)."""

import re
import subprocess
import tempfile
from pathlib import Path
from xml.etree import ElementTree


def pdf_text(pdf_bytes: bytes) -> str:
    """The text of a PDF, laid out as on the page (poppler's pdftotext), so a table row reads as one line."""
    return subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf_bytes, capture_output=True, check=True).stdout.decode()


def pdf_attachments(pdf_bytes: bytes) -> dict[str, bytes]:
    """The files embedded in a PDF, by name (poppler's pdfdetach)."""
    with tempfile.TemporaryDirectory() as folder:
        document = Path(folder) / "document.pdf"
        document.write_bytes(pdf_bytes)
        annexes = Path(folder) / "annexes"
        annexes.mkdir()
        subprocess.run(["pdfdetach", "-saveall", "-o", str(annexes), str(document)], capture_output=True, check=True)
        return {file.name: file.read_bytes() for file in annexes.iterdir()}


def pdf_words(pdf_bytes: bytes) -> list[tuple[float, list[dict]]]:
    """Each page's height and its words with their boxes in points (poppler's pdftotext -bbox): where things sit on a page."""
    html = subprocess.run(["pdftotext", "-bbox", "-", "-"], input=pdf_bytes, capture_output=True, check=True).stdout.decode()
    root = ElementTree.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", html).replace('xmlns="http://www.w3.org/1999/xhtml"', ""))
    return [
        (
            float(page.get("height", 0)),
            [{"text": word.text, **{key: float(value) for key, value in word.attrib.items()}} for word in page.iter("word")],
        )
        for page in root.iter("page")
    ]


def untraced_cells(params) -> list[str]:
    """Every number of every figure whose listed records (as staff see them) do not make up the number:
    their count, or the sum of the cell's measure; a count shown as "<5" lists one to four records."""
    from decimal import Decimal

    from reports import drilldown
    from reports.figures import FIGURES, compute

    wrong = []
    for name, spec in FIGURES.items():
        figure_params = offered(name, params)
        figure = compute(name, figure_params)
        drills = spec.records(figure_params, figure.rows) if spec.records else {}
        for index, row in enumerate(figure.rows):
            for column in figure.columns:
                if column.kind not in drilldown.LINKED_KINDS or row.get(column.code) is None:
                    continue
                drill = drills.get((index, column.code))
                listed = drilldown.measured(drill, drilldown.listed(drill, on=figure_params.on, staff=True)) if drill else None
                value = row[column.code]
                if value == "<5":
                    traced = listed is not None and 0 < listed < 5
                elif isinstance(value, Decimal):
                    traced = listed is not None and Decimal(listed).quantize(Decimal("0.01")) == value
                else:
                    traced = listed == value or (listed is None and value == 0)
                if not traced:
                    wrong.append(f"{name} row {index} {column.code}: {value} but {listed}")
    return wrong


def offered(name: str, params):
    """The parameters narrowed to what the figure is offered for: a figure per calendar year gets the last year only."""
    from dataclasses import replace

    from reports.figures import FIGURES
    from reports.registry import Period

    return replace(params, start_year=params.end_year) if FIGURES[name].period == Period.CALENDAR_YEAR else params
