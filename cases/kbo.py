"""Belgian enterprise numbers (KBO/ondernemingsnummer): 10 digits, starting with 0 or 1, mod-97 check.

People type them as on an invoice (`0403.170.701`, `BE 0403 170 701`, the old nine-digit `403170701`);
python-stdnum reads those notations and says what is wrong, and we say it in plain Dutch.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum import exceptions as stdnum_errors
from stdnum.be import vat as stdnum_enterprise_number


def normalise_kbo(value: str) -> str:
    """`BE 0403.170.701` → `0403170701`; a 9-digit old number gets its leading 0."""
    return stdnum_enterprise_number.compact(value)


def kbo_search_term(term: str) -> str:
    """A search for `0403.170.701` or `BE 0403 170 701` looks for the digits as stored; any other term is left alone."""
    number = normalise_kbo(term)
    return number if number.isdigit() else term


def kbo_problem(value: str) -> str | None:
    """What is wrong with a typed enterprise number, in plain Dutch; None when it is a valid number."""
    number = normalise_kbo(value)
    try:
        stdnum_enterprise_number.validate(number)
    except stdnum_errors.InvalidLength:  # before InvalidFormat, its parent class
        if len(number) < 10:
            return _("'%(value)s' is te kort: een ondernemingsnummer heeft 10 cijfers, hier staan er %(count)s.") % {
                "value": value,
                "count": len(number),
            }
        return _("'%(value)s' is te lang: een ondernemingsnummer heeft 10 cijfers, hier staan er %(count)s.") % {
            "value": value,
            "count": len(number),
        }
    except stdnum_errors.InvalidFormat:
        if number.isdigit():
            return _("'%(value)s' is geen ondernemingsnummer: het bestaat enkel uit nullen.") % {"value": value}
        return _(
            "'%(value)s' bevat letters of andere tekens: een ondernemingsnummer bestaat uit 10 cijfers "
            "(punten, spaties en 'BE' vooraan mogen)."
        ) % {"value": value}
    except stdnum_errors.InvalidComponent:
        return _("'%(value)s' begint met %(digit)s: een ondernemingsnummer begint met 0 of 1.") % {
            "value": value,
            "digit": number[0],
        }
    except stdnum_errors.InvalidChecksum:
        return _wrong_check_digits(value)
    # python-stdnum also accepts 00 after eight digits that are a multiple of 97; the KBO gives 97 there.
    if number.endswith("00"):
        return _wrong_check_digits(value)
    return None


def _wrong_check_digits(value: str) -> str:
    return _(
        "'%(value)s' bestaat niet: de laatste twee cijfers (het controlegetal) passen niet bij de eerste acht. "
        "Kijk het nummer na, bv. op een factuur of in de KBO."
    ) % {"value": value}


def is_valid_kbo(number: str) -> bool:
    """A stored number: exactly the 10 digits, with a correct check."""
    return len(number) == 10 and number.isdigit() and kbo_problem(number) is None


def validate_kbo(value: str) -> None:
    problem = kbo_problem(value)
    if problem is not None:
        raise ValidationError(problem, code="invalid_kbo")


def format_kbo(number: str) -> str:
    """`0123456749` → `0123.456.749`."""
    return f"{number[:4]}.{number[4:7]}.{number[7:]}" if len(number) == 10 else number
