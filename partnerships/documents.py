"""Documents Dyzo sends to local authorities."""

from datetime import date

from django.utils import timezone

from core.pdf import render_pdf
from partnerships.models import Municipality
from partnerships.selectors.tariffs import suggested_fee


def offer_pdf(*, municipality: Municipality, on: date) -> bytes:
    """The cooperation offer of seed 001: the free option, per case, and the subscription at its suggested fee."""
    return render_pdf(
        "partnerships/offer.html",
        {
            "municipality": municipality,
            "on": on,
            "fee": suggested_fee(municipality=municipality, on=on),
            "generated_on": timezone.localdate(),
        },
    )
