"""Report outputs: formats, the CLI's errors, access, freezing, data quality, and constant query counts."""

import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse, reverse_lazy
from openpyxl import load_workbook

from partnerships.models import Agreement, Municipality, Outreach
from reports.answers import changed_since_frozen, freeze
from reports.figures import FIGURES, Params, compute
from reports.models import QuestionSet
from reports.registry import Period
from reports.renderers import render
from tests.factories import (
    AgreementFactory,
    CaseFactory,
    DeclineReasonFactory,
    EntrepreneurFactory,
    OutreachFactory,
    TrainingSessionFactory,
    municipality,
    ocmw,
)
from tests.helpers import pdf_text
from trainings.models import Module

pytestmark = pytest.mark.django_db
PARAMS = Params(on=datetime.date(2018, 12, 31), start_year=2018, end_year=2018)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_xlsx_keeps_numbers_as_numbers():
    AgreementFactory(municipality=municipality("44021"))

    sheet = load_workbook(io.BytesIO(render(compute("cooperation-by-province", PARAMS), "xlsx"))).active

    assert sheet["A1"].value == "Provincie" and sheet["B7"].value == 1


def test_pdf_contains_the_table():
    AgreementFactory(municipality=municipality("44021"))

    text = pdf_text(render(compute("agreement-parties", PARAMS), "pdf"))
    assert "Met wie Dyzo een overeenkomst heeft" in text and "Eindtotaal" in text


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json", "pdf"])
def test_every_figure_page_offers_its_downloads(policy_client, fmt):
    response = policy_client.get(reverse("reports:figure", args=["coverage"]), {"op": "2018-12-31", "formaat": fmt})

    assert response.status_code == 200 and f'.{fmt}"' in response["Content-Disposition"]


def test_the_figure_page_shows_the_table_with_filters(policy_client):
    response = policy_client.get(reverse("reports:figure", args=["cooperation-by-province"]), {"op": "2018-12-31"})

    assert "Samenwerking per provincie (op 31/12/2018)" in response.text and 'name="op"' in response.text


def test_the_map_page_names_municipalities_on_hover(policy_client):
    response = policy_client.get(reverse("reports:map"), {"op": "2018-12-31"})

    assert "<title>Gent: Geen samenwerking</title>" in response.text


def test_reports_need_a_login(client):
    response = client.get(reverse("reports:index"))

    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_a_partner_cannot_open_reports(partner_admin_client):
    assert partner_admin_client.get(reverse("reports:index")).status_code == 403


def test_an_unknown_figure_is_a_404(policy_client):
    assert policy_client.get(reverse("reports:figure", args=["bestaat-niet"])).status_code == 404


def test_small_case_counts_per_municipality_are_suppressed():
    for _ in range(3):
        CaseFactory(municipality=municipality("44021"), opened_on=datetime.date(2018, 5, 1))
    for _ in range(6):
        CaseFactory(municipality=municipality("11002"), opened_on=datetime.date(2018, 5, 1))

    counts = {row["municipality"]: row["cases"] for row in compute("cases-by-municipality", PARAMS).rows}

    assert counts == {"Gent": "<5", "Antwerpen": 6}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["bestaat-niet", "--format", "csv"], "Onbekend rapport"),
        (["coverage", "--on", "31/12/2018", "--format", "csv"], "Ongeldige datum"),
        (["coverage", "--format", "doc"], "Onbekend formaat"),
        (["map", "--format", "csv"], "svg of pdf"),
        (["trainings", "--year", "2016", "--from", "2014", "--format", "csv"], "niet beide"),
    ],
)
def test_the_cli_refuses_bad_input_in_dutch(args, message):
    with pytest.raises(CommandError) as error:
        call_command("report", *args)

    assert message in str(error.value)


def test_the_cli_writes_to_a_file(tmp_path):
    target = tmp_path / "dekking.json"

    call_command("report", "coverage", "--on", "2018-12-31", "--format", "json", "--output", str(target))

    assert json.loads(target.read_text())[0]["municipalities"] == 308


def test_a_frozen_answer_does_not_change_when_the_data_does(media):
    question_set = QuestionSet.objects.get(slug="samenwerking")
    frozen = freeze(question_set=question_set, on=PARAMS.on, by=None)
    published_pdf = frozen.pdf.read()

    AgreementFactory(municipality=municipality("44021"), form=Agreement.Form.PER_CASE)

    frozen.refresh_from_db()
    assert frozen.pdf.open("rb").read() == published_pdf
    assert frozen.figures["cooperation-by-province"][-1]["per_case"] == 0
    assert "cooperation-by-province" in changed_since_frozen(frozen)


def test_staff_freeze_an_answer_from_its_page(coordinator_client, media):
    response = coordinator_client.post(reverse("reports:freeze", args=["samenwerking"]), {"op": "2018-12-31"}, follow=True)

    assert "De cijfers zijn sindsdien niet gewijzigd." in response.text


def test_policy_staff_cannot_freeze(policy_client):
    response = policy_client.post(reverse("reports:freeze", args=["samenwerking"]), {"op": "2018-12-31"})

    assert response.status_code == 403 and QuestionSet.objects.get(slug="samenwerking").frozen_answers.count() == 0


def test_the_data_quality_page_lists_subscriptions_without_a_fee(coordinator_client):
    AgreementFactory(municipality=municipality("44021"), annual_fee=None)

    response = coordinator_client.get(reverse("reports:quality"))

    assert "Jaarovereenkomsten zonder jaarbedrag (1)" in response.text


def test_the_data_quality_page_finds_overlapping_agreements(coordinator_client):
    AgreementFactory(municipality=municipality("44021"), party=Agreement.Party.OCMW)
    AgreementFactory(municipality=municipality("44021"), party=Agreement.Party.BOTH, start_date=datetime.date(2017, 1, 1))

    response = coordinator_client.get(reverse("reports:quality"))

    assert "Overlappende overeenkomsten van dezelfde organisatie (2)" in response.text


def test_policy_staff_read_the_data_quality_page_in_the_portal_not_the_admin_sign_in(policy_client):
    AgreementFactory(municipality=municipality("44021"), annual_fee=None)

    response = policy_client.get(reverse("reports:quality"))

    assert response.status_code == 200
    assert "Jaarovereenkomsten zonder jaarbedrag (1)" in response.text
    assert f'<a href="{reverse("reports:quality")}">Datakwaliteit</a>' in response.text


def test_the_data_quality_page_names_a_case_by_its_number_never_by_the_entrepreneur(policy_client):
    case = CaseFactory(municipality=None, entrepreneur=EntrepreneurFactory(name="Bakkerij Peeters"))

    page = policy_client.get(reverse("reports:quality")).text

    assert f"Dossier {case.pk}" in page
    assert "Bakkerij Peeters" not in page


def test_a_partner_asking_for_the_data_quality_page_gets_the_dutch_refusal(partner_member_client):
    response = partner_member_client.get(reverse("reports:quality"))

    assert response.status_code == 403
    assert "Geen toegang" in response.text


def many_agreements(count):
    municipalities = list(Municipality.objects.existing_on(datetime.date(2018, 1, 1)))
    years = [datetime.date(2000 + i // len(municipalities), 1, 1) for i in range(count)]
    Agreement.objects.bulk_create(
        Agreement(
            municipality=municipalities[i % len(municipalities)],
            party=Agreement.Party.OCMW,
            form=Agreement.Form.values[i % 4],
            start_date=years[i],
            end_date=years[i].replace(month=12, day=31),
        )
        for i in range(count)
    )


def queries_for(name, params):
    with CaptureQueriesContext(connection) as queries:
        compute(name, params)
    return len(queries)


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_each_figure_takes_the_same_number_of_queries_on_small_and_large_data(name):
    small = queries_for(name, Params(on=datetime.date(2005, 6, 1), start_year=2005, end_year=2005))
    many_agreements(2000)

    yearly = FIGURES[name].period == Period.CALENDAR_YEAR
    large = queries_for(
        name, Params(on=datetime.date(2005, 6, 1), start_year=2005 if yearly else 2000, end_year=2005 if yearly else 2010)
    )

    assert large == small <= 3


def test_a_figure_page_can_show_one_province(policy_client):
    AgreementFactory(municipality=municipality("44021"))

    response = policy_client.get(
        reverse("reports:figure", args=["cooperation-by-province"]),
        {"op": "2018-12-31", "provincie": "Oost-Vlaanderen", "formaat": "json"},
    )

    assert [row["province"] for row in json.loads(response.content)] == ["Oost-Vlaanderen"]


def answer_pdf_text(client, slug: str, on: str) -> str:
    return pdf_text(client.get(reverse("reports:answer", args=[slug]), {"op": on, "formaat": "pdf"}).content)


def test_a_cached_pdf_is_rendered_again_when_the_data_changes(policy_client):
    first = policy_client.get(reverse("reports:answer", args=["samenwerking"]), {"op": "2018-12-31", "formaat": "pdf"}).content
    AgreementFactory(municipality=municipality("44021"))

    second = policy_client.get(reverse("reports:answer", args=["samenwerking"]), {"op": "2018-12-31", "formaat": "pdf"}).content

    assert first != second


@pytest.mark.parametrize("path", [reverse_lazy("reports:map"), reverse_lazy("reports:figure", args=["cooperation-by-province"])])
def test_cached_map_and_figure_pdfs_are_rendered_again_when_an_agreement_is_added(policy_client, path):
    first = policy_client.get(path, {"op": "2018-12-31", "formaat": "pdf"}).content
    AgreementFactory(municipality=municipality("44021"))

    second = policy_client.get(path, {"op": "2018-12-31", "formaat": "pdf"}).content

    assert first != second


def test_a_cached_answer_pdf_shows_a_renamed_training_module(policy_client):
    module = Module.objects.create(name="Boekhouden voor starters")
    TrainingSessionFactory(date=datetime.date(2020, 5, 1)).modules.add(module)
    answer_pdf_text(policy_client, "ocmw-opleidingen", "2020-12-31")
    module.name = "Boekhouden voor gevorderden"
    module.save()

    text = answer_pdf_text(policy_client, "ocmw-opleidingen", "2020-12-31")

    assert "Boekhouden voor gevorderden" in text and "starters" not in text


def test_a_cached_answer_pdf_shows_a_renamed_decline_reason(policy_client):
    reason = DeclineReasonFactory(label="Te duur voor de gemeente")
    OutreachFactory(
        organisation=ocmw("44021"),
        sent_on=datetime.date(2018, 3, 1),
        status=Outreach.Status.DECLINED,
        status_date=datetime.date(2018, 6, 1),
        decline_reason=reason,
    )
    answer_pdf_text(policy_client, "samenwerking", "2018-12-31")
    reason.label = "Geen budget voorzien"
    reason.save()

    text = answer_pdf_text(policy_client, "samenwerking", "2018-12-31")

    assert "Geen budget voorzien" in text and "Te duur" not in text


def test_a_cached_pdf_download_reads_only_the_session_the_user_and_the_generations(policy_client, django_assert_max_num_queries):
    url = reverse("reports:answer", args=["samenwerking"])
    policy_client.get(url, {"op": "2018-12-31", "formaat": "pdf"})

    with django_assert_max_num_queries(3):
        response = policy_client.get(url, {"op": "2018-12-31", "formaat": "pdf"})

    assert response["Content-Type"] == "application/pdf"
