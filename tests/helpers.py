"""Small helpers shared by test modules (fixtures live in conftest.py)."""

import re
import subprocess
from xml.etree import ElementTree


def pdf_text(pdf_bytes: bytes) -> str:
    """The text of a PDF, laid out as on the page (poppler's pdftotext), so a table row reads as one line."""
    return subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf_bytes, capture_output=True, check=True).stdout.decode()


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
