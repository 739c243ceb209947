"""The years and dates the portal speaks about: one range for every form, filter, import and command."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

FIRST_YEAR = 2000
LAST_YEAR = 2100

YEAR_ERROR = format_lazy(_("Kies een jaar tussen {first} en {last}."), first=FIRST_YEAR, last=LAST_YEAR)


class YearField(forms.IntegerField):
    """A calendar year within the portal's range, with one Dutch message for anything else."""

    default_error_messages = {"invalid": YEAR_ERROR, "min_value": YEAR_ERROR, "max_value": YEAR_ERROR}

    def __init__(self, **kwargs):
        super().__init__(min_value=FIRST_YEAR, max_value=LAST_YEAR, **kwargs)


FIRST_DATE = datetime.date(1990, 1, 1)
LAST_DATE = datetime.date(LAST_YEAR, 12, 31)


def short_date(day: datetime.date) -> str:
    """A date as the active language writes it in text (dd/mm/jjjj in both of the portal's languages)."""
    return date_format(day, "SHORT_DATE_FORMAT")


DATE_ERROR = format_lazy(
    _("Kies een datum tussen {first} en {last}."),
    first=lazy(lambda: short_date(FIRST_DATE), str)(),
    last=lazy(lambda: short_date(LAST_DATE), str)(),
)


def sane_date(value: datetime.date) -> None:
    """A date the portal can mean: older records go back to 1990, plans reach no further than the last year.

    A validator on every date field of a record, so the admin, the portal, the API and imports refuse
    a typo such as 9999 alike.
    """
    if not FIRST_DATE <= value <= LAST_DATE:
        raise ValidationError(DATE_ERROR, code="date_out_of_range")
