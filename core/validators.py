"""Bounds on what people type, shared by every model so each door (admin, portal, API, import) refuses alike."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

PHONE_CHARACTERS = re.compile(r"^[0-9 +/.\-()]+$")
PHONE_MIN_DIGITS = 6
PHONE_MAX_DIGITS = 20
PHONE_ERROR = _("Geef een telefoonnummer van 6 tot 20 cijfers; alleen spaties, +, /, ., - en haakjes mogen ertussen.")

LONG_TEXT = 5000
"""The longest free text (a situation, notes, a reason): a few pages, never a pasted document."""


def validate_phone(value: str) -> None:
    """Something that looks like a phone number, Belgian or foreign, as people write it."""
    digits = sum(character.isdigit() for character in value)
    if not PHONE_CHARACTERS.match(value) or not PHONE_MIN_DIGITS <= digits <= PHONE_MAX_DIGITS:
        raise ValidationError(PHONE_ERROR, code="phone")


def text_limit(limit: int = LONG_TEXT) -> MaxLengthValidator:
    """A TextField's max_length only shapes its form field; this validator makes full_clean() check it too."""
    return MaxLengthValidator(limit, message=_("Deze tekst mag hoogstens %(limit_value)d tekens tellen (nu %(show_value)d)."))
