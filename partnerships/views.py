"""Staff pages of the partnerships app (reached through the admin)."""

import datetime

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils import timezone

from core.pdf import pdf_response
from partnerships.documents import offer_pdf
from partnerships.models import Municipality


def offer_document(request, municipality_id: int):
    """The offer PDF for a municipality, with the fee suggested on ?op=YYYY-MM-DD (default today)."""
    if not request.user.has_perm("partnerships.view_municipality"):
        raise PermissionDenied
    municipality = get_object_or_404(Municipality, pk=municipality_id)
    try:
        on = datetime.date.fromisoformat(request.GET["op"])
    except (KeyError, ValueError):
        on = timezone.localdate()
    pdf = offer_pdf(municipality=municipality, on=on)
    return pdf_response(pdf, f"aanbod-dyzo-{municipality.nis_code}-{on.isoformat()}.pdf")
