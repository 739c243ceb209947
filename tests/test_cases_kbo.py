"""The enterprise number (KBO): 10 digits, starting with 0 or 1, mod-97 check; stored normalised, shown dotted."""

import pytest
from django.core.exceptions import ValidationError

from cases.kbo import format_kbo, is_valid_kbo, normalise_kbo, validate_kbo


@pytest.mark.parametrize("number", ["0123456749", "0403170701", "1000000021"])
def test_valid_numbers_pass(number):
    assert is_valid_kbo(number)


@pytest.mark.parametrize("number", ["0123456748", "2123456749", "012345674", "01234567490", "01234567ab"])
def test_invalid_numbers_fail(number):
    assert not is_valid_kbo(number)


def test_input_with_dots_spaces_and_country_code_is_normalised():
    assert normalise_kbo("BE 0123.456.749") == "0123456749"


def test_an_old_nine_digit_number_gets_its_leading_zero():
    assert normalise_kbo("123456749") == "0123456749"


def test_it_is_shown_with_dots():
    assert format_kbo("0123456749") == "0123.456.749"


def test_a_bad_number_gives_a_dutch_error():
    with pytest.raises(ValidationError) as error:
        validate_kbo("0123.456.748")

    assert "geen geldig ondernemingsnummer" in error.value.messages[0]
