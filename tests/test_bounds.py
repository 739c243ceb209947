"""Bounds on every input: dates, phone numbers, free texts, amounts and counts, each refused with a Dutch message
wherever it comes in (model, form, import and its dry run, the report command)."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from rest_framework.test import APIClient

from cases.models import Case
from core.validators import validate_phone
from partnerships import services as partnership_services
from partnerships.models import Agreement, Membership, Organisation
from tests.factories import UserFactory, municipality, sign_in, staff_user
from trainings.models import TrainingSession

pytestmark = pytest.mark.django_db


def import_file(tmp_path, command, header, line, *args):
    path = tmp_path / "bestand.csv"
    path.write_text(f"{header}\n{line}\n", encoding="utf-8")
    stderr = io.StringIO()
    with pytest.raises(CommandError):
        call_command(command, str(path), *args, stdout=io.StringIO(), stderr=stderr)
    return stderr.getvalue()


def test_an_agreement_starting_in_9999_is_refused_in_dutch():
    with pytest.raises(ValidationError) as error:
        partnership_services.create_agreement(
            municipality=municipality("44021"),
            party=Agreement.Party.OCMW,
            form=Agreement.Form.PER_CASE,
            start_date=datetime.date(9999, 1, 1),
        )

    assert error.value.message_dict["start_date"] == ["Kies een datum tussen 01/01/1990 en 31/12/2100."]


@pytest.mark.parametrize("number", ["09 123 45 67", "+32 (0)9 123.45.67", "0475/12 34 56", "+44-20-7946-0958"])
def test_phone_numbers_as_people_write_them_are_accepted(number):
    validate_phone(number)


@pytest.mark.parametrize("number", ["bel me", "12345", "0475 12 34 56 78 90 12 34 56 78", "09 123 45 67 ext. 2"])
def test_anything_else_is_not_a_phone_number(number):
    with pytest.raises(ValidationError, match="Geef een telefoonnummer van 6 tot 20 cijfers"):
        validate_phone(number)


def test_an_organisation_with_a_phone_number_of_letters_is_refused():
    organisation = Organisation.objects.get(municipality=municipality("44021"), kind=Organisation.Kind.OCMW)
    organisation.phone = "onbekend"

    with pytest.raises(ValidationError) as error:
        partnership_services.store_organisation(organisation=organisation)

    assert "phone" in error.value.message_dict


def test_a_situation_of_200000_characters_is_refused_in_the_partner_referral(client):
    user = UserFactory()
    Membership.objects.create(
        user=user, organisation=Organisation.objects.get(municipality=municipality("44021"), kind=Organisation.Kind.OCMW)
    )
    sign_in(client, user)

    response = client.post(reverse("portal:referral"), {"name": "Jan", "phase": "redding", "situation": "x" * 200_000})

    assert response.status_code == 200
    assert "niet meer dan 5000 tekens" in response.text
    assert not Case.objects.exists()


def test_the_help_form_refuses_a_phone_number_of_letters(client):
    response = client.post(
        reverse("cases:help_request"),
        {
            "name": "Jan",
            "phone": "bel me maar",
            "municipality": municipality("44021").pk,
            "description": "Hulp",
            "consent": "on",
        },
    )

    assert response.status_code == 200
    assert "Geef een telefoonnummer van 6 tot 20 cijfers" in response.text
    assert not Case.objects.exists()


def coordinator_api():
    client = APIClient()
    client.force_authenticate(staff_user())
    return client


def test_the_api_refuses_an_agreement_starting_in_9999_in_dutch():
    response = coordinator_api().post(
        "/api/v1/agreements/",
        {"municipality": municipality("44021").pk, "party": "ocmw", "form": "per_dossier", "start_date": "9999-01-01"},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["start_date"] == ["Kies een datum tussen 01/01/1990 en 31/12/2100."]


def test_the_api_refuses_a_phone_number_of_letters_in_dutch():
    organisation = Organisation.objects.get(municipality=municipality("44021"), kind=Organisation.Kind.OCMW)

    response = coordinator_api().patch(f"/api/v1/organisations/{organisation.pk}/", {"phone": "onbekend"}, format="json")

    assert response.status_code == 400
    assert "Geef een telefoonnummer van 6 tot 20 cijfers" in response.json()["phone"][0]


AGREEMENTS = "nis,partij,vorm,begin,einde,jaarbedrag"


@pytest.mark.parametrize("dry_run", [(), ("--dry-run",)], ids=["import", "dry run"])
def test_an_agreement_fee_of_20_digits_is_a_row_error(tmp_path, dry_run):
    errors = import_file(
        tmp_path,
        "import_agreements",
        AGREEMENTS,
        "44021,ocmw,overeenkomst_zonder_zitdag,2017-01-01,,99999999999999999999",
        *dry_run,
    )

    assert errors.startswith("regel 2: jaarbedrag (EUR):")
    assert not Agreement.objects.exists()


@pytest.mark.parametrize("dry_run", [(), ("--dry-run",)], ids=["import", "dry run"])
def test_an_agreement_starting_in_9999_is_a_row_error(tmp_path, dry_run):
    errors = import_file(tmp_path, "import_agreements", AGREEMENTS, "44021,ocmw,per_dossier,9999-01-01,,", *dry_run)

    assert "regel 2: begindatum: Kies een datum tussen 01/01/1990 en 31/12/2100." in errors


TRAININGS = "datum,inrichter,doelgroep,deelnemers,modules"


@pytest.mark.parametrize("dry_run", [(), ("--dry-run",)], ids=["import", "dry run"])
def test_a_participant_count_of_20_digits_is_a_row_error(tmp_path, dry_run):
    errors = import_file(tmp_path, "import_trainings", TRAININGS, "2015-01-20,Dyzo,OCMW,99999999999999999999,", *dry_run)

    assert errors.startswith("regel 2: aantal deelnemers (historisch):")
    assert not TrainingSession.objects.exists()


def test_a_target_group_longer_than_its_column_is_a_row_error(tmp_path):
    errors = import_file(tmp_path, "import_trainings", TRAININGS, f"2015-01-20,Dyzo,{'x' * 201},12,")

    assert errors.startswith("regel 2: doelgroep:")


def test_a_training_in_1900_is_a_row_error(tmp_path):
    errors = import_file(tmp_path, "import_trainings", TRAININGS, "1900-01-20,Dyzo,OCMW,12,")

    assert "regel 2: datum: Kies een datum tussen 01/01/1990 en 31/12/2100." in errors


def test_the_report_command_refuses_a_reference_date_in_9999():
    with pytest.raises(CommandError, match=r"Kies een datum tussen 01/01/1990 en 31/12/2100\."):
        call_command("report", "coverage", "--format", "csv", "--on", "9999-01-01", stdout=io.StringIO())
