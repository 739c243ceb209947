"""PDF rendering with WeasyPrint; fonts and CSS come from the project's static folder, never the network."""

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher


def render_pdf(template_name: str, context: dict) -> bytes:
    html = render_to_string(template_name, context)
    base_url = settings.BASE_DIR.joinpath("static").as_uri() + "/"
    local_files_only = URLFetcher(allowed_protocols=["file", "data"])
    return HTML(string=html, base_url=base_url, url_fetcher=local_files_only).write_pdf()


def pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
