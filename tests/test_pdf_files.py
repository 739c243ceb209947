"""PDFs take fonts, CSS and images from the project's static files only: markup that slips through
a template (one missed `|safe`) cannot make a PDF carry another file of the server."""

import logging
import subprocess
from pathlib import Path

import pytest

from core.pdf import render_pdf
from tests.helpers import pdf_text

SECRET_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><text x="0" y="20">GEHEIM-0042</text></svg>'


@pytest.fixture
def unsafe_pdf(settings, tmp_path):
    """The PDF of a template that lets markup through, as a template with one missed `|safe` would."""
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "unsafe.html").write_text('{% extends "pdf/base.html" %}{% block content %}{{ markup|safe }}{% endblock %}')
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [*engine["DIRS"], templates]}]
    return lambda markup: render_pdf("unsafe.html", {"markup": markup})


def attachments(pdf: bytes, tmp_path: Path) -> str:
    target = tmp_path / "document.pdf"
    target.write_bytes(pdf)
    return subprocess.run(["pdfdetach", "-list", str(target)], capture_output=True, check=True, text=True).stdout


def test_a_pdf_cannot_attach_a_server_file(unsafe_pdf, tmp_path):
    pdf = unsafe_pdf('<a rel="attachment" href="file:///etc/passwd">bijlage</a>')

    assert "passwd" not in attachments(pdf, tmp_path)


def test_a_pdf_cannot_attach_the_settings_by_a_relative_path(unsafe_pdf, tmp_path):
    pdf = unsafe_pdf('<a rel="attachment" href="../dyzo_portal/settings.py">bijlage</a>')

    assert "settings.py" not in attachments(pdf, tmp_path)


def test_a_server_file_as_an_image_is_refused(unsafe_pdf, caplog):
    with caplog.at_level(logging.WARNING, logger="core.security"):
        unsafe_pdf('<img src="file:///etc/passwd">')

    assert "pdf refused file url=file:///etc/passwd" in caplog.text


def test_an_image_outside_the_static_folder_is_not_shown(unsafe_pdf, tmp_path):
    image = tmp_path / "elders.svg"
    image.write_text(SECRET_SVG)

    pdf = unsafe_pdf(f'<img src="{image.as_uri()}">')

    assert "GEHEIM-0042" not in pdf_text(pdf)


def test_a_static_file_still_goes_into_a_pdf(unsafe_pdf, tmp_path):
    pdf = unsafe_pdf('<a rel="attachment" href="fonts/DejaVu-LICENSE.txt">licentie</a>')

    assert "DejaVu-LICENSE.txt" in attachments(pdf, tmp_path)


def test_a_collected_static_file_goes_into_a_pdf(unsafe_pdf, settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "collected"
    settings.STATIC_ROOT.mkdir()
    image = settings.STATIC_ROOT / "logo.svg"
    image.write_text(SECRET_SVG)

    pdf = unsafe_pdf(f'<img src="{image.as_uri()}">')

    assert "GEHEIM-0042" in pdf_text(pdf)


def test_the_project_fonts_load_without_a_warning(unsafe_pdf, caplog):
    with caplog.at_level(logging.WARNING):
        text = pdf_text(unsafe_pdf("<p>Dyzo</p>"))

    assert "Dyzo" in text and not caplog.records
