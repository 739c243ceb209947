"""Small helpers shared by test modules (fixtures live in conftest.py)."""

import subprocess


def pdf_text(pdf_bytes: bytes) -> str:
    """The text of a PDF, laid out as on the page (poppler's pdftotext), so a table row reads as one line."""
    return subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf_bytes, capture_output=True, check=True).stdout.decode()
