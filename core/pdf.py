"""PDF rendering with WeasyPrint; fonts and CSS come from the project's static folder, never the
network and never another file on the server."""

import logging
from collections.abc import Callable, Sequence
from contextvars import ContextVar
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from weasyprint import HTML, Attachment
from weasyprint.urls import URLFetcher

logger = logging.getLogger("core.security")


class StaticFilesOnly(URLFetcher):
    """Fetches data: URLs and the files of the static folders, and refuses every other URL.

    Templates escape what they show, but one missed `|safe` would otherwise let an image or an
    attachment carry /etc/passwd or settings.py into a PDF.
    """

    def __init__(self):
        super().__init__(allowed_protocols=["file", "data"])

    def fetch(self, url, headers=None):
        if url.lower().startswith("file:") and not is_static_file(url):
            logger.warning("pdf refused file url=%s", url)
            raise ValueError(f"Only the project's static files may go into a PDF, not {url}")
        return super().fetch(url, headers)


def static_roots() -> list[Path]:
    """The project's static folder and the collected static root (`collectstatic`)."""
    return [Path(root).resolve() for root in [*settings.STATICFILES_DIRS, settings.STATIC_ROOT]]


def is_static_file(url: str) -> bool:
    """Whether a file: URL names a file inside the static roots, after `..` and symbolic links are resolved."""
    parts = urlsplit(url)
    if parts.netloc not in ("", "localhost"):
        return False
    path = Path(url2pathname(parts.path)).resolve()
    return any(path.is_relative_to(root) for root in static_roots())


# Who hears how far a rendering is (a background task showing progress, reports.pdf_queue); nobody by default.
progress_listener: ContextVar[Callable[[int], None] | None] = ContextVar("progress_listener", default=None)
WRITTEN, LAID_OUT = 40, 80  # percent done once the HTML is written (the data read) and once the pages are laid out


def report_progress(percent: int) -> None:
    if (listener := progress_listener.get()) is not None:
        listener(percent)


def render_pdf(template_name: str, context: dict, *, attachments: Sequence[tuple[str, bytes]] = ()) -> bytes:
    """The template as a PDF; `attachments` (file name, contents) are embedded as files of the document."""
    html = render_to_string(template_name, context)
    report_progress(WRITTEN)
    base_url = settings.BASE_DIR.joinpath("static").as_uri() + "/"
    document = HTML(string=html, base_url=base_url, url_fetcher=StaticFilesOnly()).render()
    report_progress(LAID_OUT)
    return document.write_pdf(attachments=[Attachment(string=contents, name=name) for name, contents in attachments])


def pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
