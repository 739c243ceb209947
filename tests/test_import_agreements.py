"""import_agreements: all rows or none, with line-numbered Dutch errors; the same import in the admin."""

import datetime
import io
import os
import time
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook

from partnerships.models import Agreement, Organisation
from tests.factories import AgreementFactory, municipality, sign_in, staff_user

pytestmark = pytest.mark.django_db

HEADER = "nis,partij,vorm,begin,einde,jaarbedrag"


@pytest.fixture
def csv_file(tmp_path):
    def write(*lines, name="overeenkomsten.csv", header=HEADER):
        path = tmp_path / name
        path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
        return path

    return write


def run(path, *args):
    stdout, stderr = io.StringIO(), io.StringIO()
    try:
        call_command("import_agreements", str(path), *args, stdout=stdout, stderr=stderr)
    except CommandError as error:
        return False, stdout.getvalue(), stderr.getvalue() + str(error)
    return True, stdout.getvalue(), stderr.getvalue()


def test_a_good_csv_is_imported(csv_file):
    ok, out, _err = run(
        csv_file("44021,ocmw,overeenkomst_met_zitdag,2017-01-01,,8500", "11002,beide,per_dossier,2016-03-01,2018-12-31,")
    )

    assert ok and "2 overeenkomst(en) ingelezen." in out
    assert Agreement.objects.get(municipality__nis_code="44021").annual_fee == Decimal("8500")


def test_flemish_dates_and_amounts_are_understood(csv_file):
    run(csv_file('44021,gemeente,overeenkomst_zonder_zitdag,01/02/2017,31/12/2019,"1.234,56"'))

    agreement = Agreement.objects.get()
    assert (agreement.start_date, agreement.end_date, agreement.annual_fee) == (
        datetime.date(2017, 2, 1),
        datetime.date(2019, 12, 31),
        Decimal("1234.56"),
    )


def test_a_semicolon_separated_csv_is_understood(csv_file):
    ok, _out, _err = run(csv_file("44021;ocmw;per_dossier;2017-01-01;;", header=HEADER.replace(",", ";")))

    assert ok and Agreement.objects.count() == 1


def test_a_good_xlsx_is_imported(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(","))
    sheet.append(["44021", "ocmw", "overeenkomst_zonder_zitdag", datetime.datetime(2017, 1, 1), None, 3250])
    path = tmp_path / "overeenkomsten.xlsx"
    workbook.save(path)

    ok, _out, _err = run(path)

    assert ok and Agreement.objects.get().annual_fee == Decimal("3250")


def test_the_organisations_are_found_or_created(csv_file):
    Organisation.objects.filter(municipality=municipality("44021")).delete()

    run(csv_file("44021,beide,per_dossier,2017-01-01,,"))

    assert Organisation.objects.filter(municipality=municipality("44021")).count() == 2


def test_every_bad_row_is_listed_and_nothing_is_written(csv_file):
    organisations = Organisation.objects.count()

    ok, _out, err = run(
        csv_file(
            "44021,ocmw,per_dossier,2017-01-01,,",
            "99999,ocmw,per_dossier,2017-01-01,,",
            "11002,ocmw,abonnement,2017-01-01,,",
        )
    )

    assert not ok
    assert "regel 3: NIS-code 99999 bestaat niet" in err
    assert "regel 4: onbekende vorm 'abonnement'" in err
    assert "regel 2" not in err
    assert Agreement.objects.count() == 0 and Organisation.objects.count() == organisations


def test_a_code_that_did_not_exist_yet_on_the_begin_date_is_refused(csv_file):
    _ok, _out, err = run(csv_file("44083,ocmw,per_dossier,2017-01-01,,"))

    assert "regel 2: NIS-code 44083 bestond niet op 01/01/2017" in err


def test_a_code_that_no_longer_existed_on_the_begin_date_is_refused(csv_file):
    _ok, _out, err = run(csv_file("44049,ocmw,per_dossier,2020-01-01,,"))

    assert "regel 2: NIS-code 44049 bestond niet op 01/01/2020" in err


def test_an_end_before_the_start_is_refused(csv_file):
    _ok, _out, err = run(csv_file("44021,ocmw,per_dossier,2017-01-01,2016-12-31,"))

    assert "regel 2: de einddatum 31/12/2016 ligt voor de begindatum 01/01/2017" in err


def test_an_unknown_party_is_refused_with_the_allowed_values(csv_file):
    _ok, _out, err = run(csv_file("44021,stad,per_dossier,2017-01-01,,"))

    assert "regel 2: onbekende partij 'stad' (toegelaten: gemeente, ocmw, beide)" in err


def test_a_fee_on_a_per_case_agreement_is_refused(csv_file):
    _ok, _out, err = run(csv_file("44021,ocmw,per_dossier,2017-01-01,,500"))

    assert "regel 2: alleen een jaarovereenkomst heeft een jaarbedrag" in err


def test_a_bad_date_is_refused(csv_file):
    _ok, _out, err = run(csv_file("44021,ocmw,per_dossier,31-31-2017,,"))

    assert "regel 2: ongeldige begindatum '31-31-2017'" in err


def test_an_overlap_with_a_stored_agreement_is_refused(csv_file):
    AgreementFactory(municipality=municipality("44021"), party=Agreement.Party.OCMW)

    _ok, _out, err = run(csv_file("44021,beide,per_dossier,2018-01-01,,"))

    assert "regel 2: overlapt met de bestaande overeenkomst" in err


def test_an_overlap_between_two_rows_is_refused(csv_file):
    _ok, _out, err = run(
        csv_file("44021,ocmw,per_dossier,2017-01-01,2018-12-31,", "44021,ocmw,overeenkomst_zonder_zitdag,2018-06-01,,")
    )

    assert "regel 3: overlapt met regel 2" in err


def test_a_wrong_header_is_refused(csv_file):
    ok, _out, err = run(csv_file("44021,ocmw,per_dossier,2017-01-01", header="nis,partij,vorm,begin"))

    assert not ok and "De kopregel moet deze kolommen bevatten" in err


def test_a_dry_run_only_validates(csv_file):
    ok, out, _err = run(csv_file("44021,ocmw,per_dossier,2017-01-01,,"), "--dry-run")

    assert ok and "1 overeenkomst(en) kunnen ingelezen worden" in out
    assert Agreement.objects.count() == 0


def upload(client, content: str, name="overeenkomsten.csv"):
    return client.post(
        reverse("admin:partnerships_agreement_import"),
        {"file": SimpleUploadedFile(name, content.encode(), content_type="text/csv")},
    )


def test_the_admin_previews_the_rows_before_importing(coordinator_client):
    response = upload(coordinator_client, f"{HEADER}\n44021,ocmw,per_dossier,2017-01-01,,\n")

    assert "Gent (44021)" in response.text and "Bevestigen en inlezen" in response.text
    assert Agreement.objects.count() == 0


def confirm(client, preview):
    return client.post(reverse("admin:partnerships_agreement_import"), {"confirm": "1", "upload": preview.context["upload"]})


def test_confirming_the_preview_imports_the_rows(coordinator_client):
    preview = upload(coordinator_client, f"{HEADER}\n44021,ocmw,per_dossier,2017-01-01,,\n")

    response = confirm(coordinator_client, preview)

    assert response.status_code == 302 and Agreement.objects.count() == 1


def test_the_form_carries_a_key_not_the_file(coordinator_client):
    preview = upload(coordinator_client, f"{HEADER}\n44021,ocmw,per_dossier,2017-01-01,,\n")

    assert "44021" not in preview.context["upload"] and len(preview.context["upload"]) < 100


def big_xlsx() -> bytes:
    """A valid one-row workbook of about 2.8 MB: it holds a picture (random, so it does not compress)."""
    workbook = Workbook()
    workbook.active.append(HEADER.split(","))
    workbook.active.append(["44021", "ocmw", "per_dossier", "2017-01-01", None, None])
    made = io.BytesIO()
    workbook.save(made)
    with zipfile.ZipFile(made, "a") as archive:
        archive.writestr("xl/media/image1.png", os.urandom(2_800_000), compress_type=zipfile.ZIP_STORED)
    return made.getvalue()


def test_a_2_8_mb_workbook_previews_and_confirms(coordinator_client):
    content = big_xlsx()
    preview = coordinator_client.post(
        reverse("admin:partnerships_agreement_import"), {"file": SimpleUploadedFile("groot.xlsx", content)}
    )

    response = confirm(coordinator_client, preview)

    assert len(content) > 2_800_000
    assert response.status_code == 302 and Agreement.objects.get().municipality.nis_code == "44021"


def test_a_confirmed_upload_is_gone_from_the_server(coordinator_client, settings):
    preview = upload(coordinator_client, f"{HEADER}\n44021,ocmw,per_dossier,2017-01-01,,\n")
    confirm(coordinator_client, preview)

    assert confirm(coordinator_client, preview).status_code == 404
    assert not any(Path(settings.PENDING_UPLOAD_DIR).glob(f"*/{preview.context['upload']}"))


def test_another_users_key_is_not_found(coordinator_client, client):
    preview = upload(coordinator_client, f"{HEADER}\n44021,ocmw,per_dossier,2017-01-01,,\n")
    other = staff_user()
    sign_in(client, other)

    response = confirm(client, preview)

    assert response.status_code == 404 and Agreement.objects.count() == 0


def test_an_upload_older_than_an_hour_is_not_found(coordinator_client, settings):
    preview = upload(coordinator_client, f"{HEADER}\n44021,ocmw,per_dossier,2017-01-01,,\n")
    (folder,) = Path(settings.PENDING_UPLOAD_DIR).glob(f"*/{preview.context['upload']}")
    hour_ago = time.time() - 3601
    os.utime(folder, (hour_ago, hour_ago))

    assert confirm(coordinator_client, preview).status_code == 404
    assert Agreement.objects.count() == 0 and not folder.exists()


def test_a_new_upload_sweeps_away_expired_ones(coordinator_client, settings):
    first = upload(coordinator_client, f"{HEADER}\n44021,ocmw,per_dossier,2017-01-01,,\n")
    (folder,) = Path(settings.PENDING_UPLOAD_DIR).glob(f"*/{first.context['upload']}")
    hour_ago = time.time() - 3601
    os.utime(folder, (hour_ago, hour_ago))

    upload(coordinator_client, f"{HEADER}\n44021,ocmw,per_dossier,2017-01-01,,\n")

    assert not folder.exists()


def test_a_20_digit_amount_is_a_dutch_row_error_in_the_admin_preview(coordinator_client):
    line = "44021,ocmw,overeenkomst_zonder_zitdag,2017-01-01,,99999999999999999999"
    response = upload(coordinator_client, f"{HEADER}\n{line}\n")

    assert "regel 2: jaarbedrag (EUR): Zorg dat er niet meer dan 10 cijfers zijn." in response.text
    assert "Bevestigen en inlezen" not in response.text


def test_the_admin_lists_the_errors_and_imports_nothing(coordinator_client):
    response = upload(coordinator_client, f"{HEADER}\n99999,ocmw,per_dossier,2017-01-01,,\n")

    assert "regel 2: NIS-code 99999 bestaat niet" in response.text
    assert "Bevestigen en inlezen" not in response.text


def test_the_admin_refuses_other_file_types(coordinator_client):
    response = upload(coordinator_client, "x", name="overeenkomsten.pdf")

    assert "Alleen CSV- en XLSX-bestanden" in response.text


def test_a_made_up_key_is_not_found(coordinator_client):
    response = coordinator_client.post(reverse("admin:partnerships_agreement_import"), {"confirm": "1", "upload": "vals"})

    assert response.status_code == 404 and Agreement.objects.count() == 0
