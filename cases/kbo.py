"""Belgian enterprise numbers (KBO/ondernemingsnummer): 10 digits, starting with 0 or 1, mod-97 check."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def normalise_kbo(value: str) -> str:
    """`BE 0123.456.749` → `0123456749`; a 9-digit old number gets its leading 0."""
    digits = re.sub(r"[\s.\-/]", "", value.upper().removeprefix("BE").strip())
    return f"0{digits}" if len(digits) == 9 and digits.isdigit() else digits


def is_valid_kbo(number: str) -> bool:
    if not re.fullmatch(r"[01]\d{9}", number):
        return False
    return 97 - int(number[:8]) % 97 == int(number[8:])


def validate_kbo(value: str) -> None:
    if not is_valid_kbo(normalise_kbo(value)):
        raise ValidationError(
            _("'%(value)s' is geen geldig ondernemingsnummer (10 cijfers, begint met 0 of 1, controlegetal mod 97)."),
            params={"value": value},
            code="invalid_kbo",
        )


def format_kbo(number: str) -> str:
    """`0123456749` → `0123.456.749`."""
    return f"{number[:4]}.{number[4:7]}.{number[7:]}" if len(number) == 10 else number
