"""The enterprise number (KBO): typed as people write it, stored as its 10 digits, shown dotted, refused in plain Dutch."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cases.forms import EnterpriseNumberField
from cases.kbo import format_kbo, is_valid_kbo, kbo_problem, kbo_search_term, normalise_kbo, validate_kbo
from cases.models import Entrepreneur
from tests.factories import CaseFactory, EntrepreneurFactory


@pytest.mark.parametrize("number", ["0123456749", "0403170701", "1000000021"])
def test_valid_numbers_pass(number):
    assert is_valid_kbo(number)


@pytest.mark.parametrize("number", ["0123456748", "2123456749", "012345674", "01234567490", "01234567ab", "0000009700"])
def test_invalid_numbers_fail(number):
    assert not is_valid_kbo(number)


@pytest.mark.parametrize(
    "written", ["0403.170.701", "BE 0403 170 701", "BE0403170701", "be 0403.170.701", "403170701", "403.170.701"]
)
def test_the_usual_notations_normalise_to_the_ten_digits(written):
    assert normalise_kbo(written) == "0403170701"


def test_it_is_shown_with_dots():
    assert format_kbo("0403170701") == "0403.170.701"


@pytest.mark.parametrize(
    ("written", "says"),
    [
        ("0403.170.7", "'0403.170.7' is te kort: een ondernemingsnummer heeft 10 cijfers, hier staan er 8."),
        ("0403.170.701.1", "'0403.170.701.1' is te lang: een ondernemingsnummer heeft 10 cijfers, hier staan er 11."),
        ("0403.17O.701", "'0403.17O.701' bevat letters of andere tekens"),
        ("2403.170.701", "'2403.170.701' begint met 2: een ondernemingsnummer begint met 0 of 1."),
        (
            "0403.170.702",
            "'0403.170.702' bestaat niet: de laatste twee cijfers (het controlegetal) passen niet bij de eerste acht.",
        ),
        ("0000.000.000", "'0000.000.000' is geen ondernemingsnummer: het bestaat enkel uit nullen."),
    ],
)
def test_a_wrong_number_is_explained_in_plain_dutch(written, says):
    assert kbo_problem(written).startswith(says)


def test_the_check_digits_00_are_refused_though_the_first_eight_are_a_multiple_of_97():
    """97 minus a remainder of 0 is 97, never 00; python-stdnum alone would accept 00."""
    assert kbo_problem("0000009700").startswith("'0000009700' bestaat niet")


def test_the_validator_raises_the_explanation():
    with pytest.raises(ValidationError) as error:
        validate_kbo("0403.170.702")

    assert error.value.code == "invalid_kbo"
    assert "controlegetal" in error.value.messages[0]


def test_a_search_for_a_written_number_looks_for_the_stored_digits_and_leaves_names_alone():
    assert kbo_search_term("BE 0403.170") == "0403170"
    assert kbo_search_term("Bert") == "Bert"


def test_the_form_field_keeps_the_ten_digits_and_shows_them_dotted():
    field = EnterpriseNumberField(required=False)

    assert field.clean("BE 0403 170 701") == "0403170701"
    assert field.clean("") == ""
    assert field.prepare_value("0403170701") == "0403.170.701"


def test_the_form_field_refuses_in_dutch():
    with pytest.raises(ValidationError) as error:
        EnterpriseNumberField().clean("0403.170.7")

    assert "te kort" in error.value.messages[0]


@pytest.mark.django_db
def test_staff_type_the_number_as_on_an_invoice_and_it_is_stored_as_ten_digits(coordinator_client):
    response = coordinator_client.post(
        reverse("admin:cases_entrepreneur_add"),
        {"name": "Bakkerij Peeters", "enterprise_number": "BE 0403 170 701", "language": "nl"},
    )

    assert response.status_code == 302
    assert Entrepreneur.objects.get(name="Bakkerij Peeters").enterprise_number == "0403170701"


@pytest.mark.django_db
def test_the_admin_shows_the_stored_number_dotted_in_a_field_long_enough_for_any_notation(coordinator_client):
    entrepreneur = EntrepreneurFactory(enterprise_number="0403170701")

    page = coordinator_client.get(reverse("admin:cases_entrepreneur_change", args=[entrepreneur.pk])).text

    assert 'value="0403.170.701"' in page
    assert 'maxlength="10"' not in page


@pytest.mark.django_db
def test_the_admin_refuses_a_short_number_in_dutch_and_stores_nothing(coordinator_client):
    response = coordinator_client.post(
        reverse("admin:cases_entrepreneur_add"), {"name": "Bakkerij Peeters", "enterprise_number": "0403.170.7", "language": "nl"}
    )

    assert "is te kort: een ondernemingsnummer heeft 10 cijfers" in response.text
    assert not Entrepreneur.objects.filter(name="Bakkerij Peeters").exists()


@pytest.mark.django_db
def test_the_admin_finds_an_entrepreneur_by_the_number_as_written(coordinator_client):
    EntrepreneurFactory(name="Bakkerij Peeters", enterprise_number="0403170701")
    EntrepreneurFactory(name="Slagerij Janssens", enterprise_number="0123456749")

    page = coordinator_client.get(reverse("admin:cases_entrepreneur_changelist"), {"q": "BE 0403 170 701"}).text

    assert "Bakkerij Peeters" in page
    assert "Slagerij Janssens" not in page


@pytest.mark.django_db
def test_the_case_list_finds_a_case_by_the_number_as_written(coordinator_client):
    CaseFactory(entrepreneur=EntrepreneurFactory(name="Bakkerij Peeters", enterprise_number="0403170701"))
    CaseFactory(entrepreneur=EntrepreneurFactory(name="Slagerij Janssens", enterprise_number="0123456749"))

    page = coordinator_client.get(reverse("cases:list"), {"q": "BE 0403.170.701"}).text

    assert "Bakkerij Peeters" in page
    assert "Slagerij Janssens" not in page
