"""The years the portal speaks about: one range for every form, filter, import and command."""

from django import forms
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
