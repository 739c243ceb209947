"""Every number traceable: each count or amount of a figure links to the records that make it up.

The world below gives every figure something to count: agreements of each form, declined offers,
sessions with participants, funding, subscriptions with a fee, per-case payments, referrals and cases.
"""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from cases.models import PayerLine, Referral
from partnerships.models import Agreement, Outreach
from reports.answers import freeze
from reports.figures import FIGURES, Params, compute
from reports.models import Funding, QuestionSet
from reports.registry import Kind
from reports.renderers import render
from tests.factories import (
    AgreementFactory,
    CaseFactory,
    DeclineReasonFactory,
    EntrepreneurFactory,
    OrganisationFactory,
    OutreachFactory,
    RegistrationFactory,
    TrainingSessionFactory,
    municipality,
    ocmw,
)
from tests.helpers import offered, untraced_cells
from trainings.models import Module

pytestmark = pytest.mark.django_db
ON = datetime.date(2020, 12, 31)
PARAMS = Params(on=ON, start_year=2019, end_year=2020)
QUERY = {"op": "2020-12-31", "van": "2019", "tot": "2020"}
ENTREPRENEUR = "Jan Peeters-Vandamme"
PARTICIPANT = "Marie Claes-Verbruggen"


@pytest.fixture
def world():
    """Antwerpen per case, Gent and Mechelen with subscriptions, Brugge by phone; Leuven and Hasselt declined;
    sessions with participants, funding, cases in Gent and Antwerpen, a referral and a per-case payment."""
    antwerpen, gent = municipality("11002"), municipality("44021")
    AgreementFactory(municipality=antwerpen, form=Agreement.Form.PER_CASE, start_date=datetime.date(2019, 1, 1))
    AgreementFactory(
        municipality=gent,
        party=Agreement.Party.GEMEENTE,
        form=Agreement.Form.SUBSCRIPTION_WITH_CONSULTATION_DAY,
        start_date=datetime.date(2019, 3, 1),
        annual_fee=Decimal("1200.00"),
    )
    AgreementFactory(
        municipality=municipality("12025"),
        start_date=datetime.date(2018, 1, 1),
        end_date=datetime.date(2021, 6, 30),
        annual_fee=Decimal("900.00"),
    )
    AgreementFactory(municipality=municipality("31005"), form=Agreement.Form.REMOTE_ADVICE, start_date=datetime.date(2019, 1, 1))
    for nis_code, reason in (("24062", "Te duur"), ("71022", "Geen tijd"), ("23062", "Te duur")):
        OutreachFactory(
            organisation=OrganisationFactory(municipality=municipality(nis_code)),
            sent_on=datetime.date(2019, 5, 1),
            status=Outreach.Status.DECLINED,
            status_date=datetime.date(2019, 6, 1),
            decline_reason=DeclineReasonFactory(label=reason),
        )
    budget = Module.objects.create(name="Budgetbegeleiding")
    for day in (datetime.date(2020, 2, 3), datetime.date(2020, 9, 14)):
        session = TrainingSessionFactory(date=day, capacity=None)
        session.modules.add(budget)
        RegistrationFactory(session=session, name=PARTICIPANT, attended=True)
        RegistrationFactory(session=session, attended=True)
    TrainingSessionFactory(date=datetime.date(2019, 4, 1), historic_participants=12).modules.add(budget)
    Funding.objects.create(year=2019, funder="Agentschap Innoveren & Ondernemen", amount=Decimal("470000"))
    Funding.objects.create(year=2020, funder="Agentschap Innoveren & Ondernemen", amount=Decimal("480000"))
    entrepreneur = EntrepreneurFactory(name=ENTREPRENEUR)
    cases = [CaseFactory(entrepreneur=entrepreneur, municipality=gent) for _ in range(6)]
    cases += [CaseFactory(entrepreneur=entrepreneur, municipality=antwerpen, opened_on=datetime.date(2019, 5, 2))]
    Referral.objects.create(case=cases[0], ocmw=ocmw("11002"), referred_on=datetime.date(2020, 4, 1), reason="Leefloon")
    PayerLine.objects.create(
        case=cases[-1], payer=PayerLine.Payer.MUNICIPALITY, amount=Decimal("250.00"), paid_on=datetime.date(2019, 6, 1)
    )
    return cases


def cell_url(name, row, column, query=QUERY):
    return reverse("reports:drilldown", args=[name, row, column]), query


def one_year(year):
    return Params(on=ON, start_year=year, end_year=year)


def year_query(start, end=None):
    return {**QUERY, "van": str(start), "tot": str(end or start)}


def row_of(figure, **codes):
    return next(index for index, row in enumerate(figure.rows) if all(row.get(k) == v for k, v in codes.items()))


def test_every_number_of_every_figure_lists_as_many_records_as_it_says(world):
    assert untraced_cells(PARAMS) == []


def test_every_number_of_one_province_lists_as_many_records_as_it_says(world):
    assert untraced_cells(Params(on=ON, start_year=2019, end_year=2020, province="Antwerpen")) == []


def test_the_world_gives_every_traced_figure_a_number_to_trace(world):
    """So the property above is not true of empty tables."""
    empty = [
        name
        for name, spec in FIGURES.items()
        if spec.records
        and not any(
            row.get(column.code) not in (None, 0)
            for row in compute(name, offered(name, PARAMS)).rows
            for column in compute(name, offered(name, PARAMS)).columns
            if column.kind in (Kind.NUMBER, Kind.AMOUNT)
        )
    ]
    assert empty == []


def test_figures_without_a_drill_down_have_no_number_to_trace():
    untraceable = [
        name
        for name, spec in FIGURES.items()
        if spec.records is None and any(column.kind in (Kind.NUMBER, Kind.AMOUNT) for column in spec.columns)
    ]
    assert untraceable == []


def test_a_number_of_the_figure_page_links_to_its_municipalities(world, coordinator_client):
    figure = compute("cooperation-by-province", PARAMS)
    antwerpen = row_of(figure, province="Antwerpen")
    page = coordinator_client.get(reverse("reports:figure", args=["cooperation-by-province"]), QUERY).text
    link = re.search(rf'<a href="([^"]*/cel/{antwerpen}/per_case/[^"]*)">1</a>', page)

    listing = coordinator_client.get(link.group(1).replace("&amp;", "&")).text

    assert "Antwerpen" in listing and "11002" in listing and "Gent" not in listing
    assert "Per dossier (OCMW), 01/01/2019 – …" in listing


def test_the_total_lists_the_union_of_the_provinces(world, policy_client):
    figure = compute("cooperation-by-province", PARAMS)
    url, query = cell_url("cooperation-by-province", len(figure.rows) - 1, "total")

    listing = policy_client.get(url, query).text

    assert all(name in listing for name in ("Antwerpen", "Gent", "Mechelen", "Brugge")) and "Gemeenten (4)" in listing


def test_a_decline_reason_lists_the_municipalities_that_gave_it(world, policy_client):
    figure = compute("decline-reasons", PARAMS)

    listing = policy_client.get(*cell_url("decline-reasons", row_of(figure, reason="Te duur"), "count")).text

    assert "Leuven" in listing and "Overijse" in listing and "Hasselt" not in listing and "Gemeenten (2)" in listing


def test_a_module_lists_its_sessions_with_their_participants(world, policy_client):
    figure = compute("module-ranking", PARAMS)

    listing = policy_client.get(*cell_url("module-ranking", row_of(figure, year=2020), "participants")).text

    assert "03/02/2020" in listing and "14/09/2020" in listing and "01/04/2019" not in listing


def test_staff_see_the_cases_behind_a_count(world, case_worker_client):
    figure = compute("cases-by-municipality", one_year(2020))

    listing = case_worker_client.get(
        *cell_url("cases-by-municipality", row_of(figure, municipality="Gent"), "cases", year_query(2020))
    ).text

    assert "Dossiers (6)" in listing and f"<td>{world[0].pk}</td>" in listing


@pytest.mark.parametrize(
    ("name", "codes", "column", "years"),
    [
        ("cases-by-municipality", {"municipality": "Gent"}, "cases", (2020, 2020)),
        ("cases-by-municipality", {"municipality": "Antwerpen"}, "cases", (2019, 2019)),
        ("referrals", {"year": 2020}, "total", (2019, 2020)),
        ("revenue", {"year": 2019, "province": "Antwerpen"}, "per_case", (2019, 2020)),
        ("trainings", {"date": datetime.date(2020, 2, 3)}, "participants", (2019, 2020)),
        ("module-ranking", {"year": 2020}, "participants", (2019, 2020)),
    ],
)
def test_policy_staff_see_municipalities_never_persons_or_cases(world, policy_client, name, codes, column, years):
    figure = compute(name, Params(on=ON, start_year=years[0], end_year=years[1]))

    listing = policy_client.get(*cell_url(name, row_of(figure, **codes), column, year_query(*years))).text

    assert ENTREPRENEUR not in listing and PARTICIPANT not in listing
    assert '<th scope="col">Dossier</th>' not in listing and all(f"<td>{case.pk}</td>" not in listing for case in world)
    assert "NIS-code" in listing or "Opleidingssessies" in listing


def test_policy_staff_do_not_learn_a_small_count_from_its_list(world, policy_client):
    figure = compute("cases-by-municipality", one_year(2019))

    listing = policy_client.get(
        *cell_url("cases-by-municipality", row_of(figure, municipality="Antwerpen"), "cases", year_query(2019))
    ).text

    assert '<td class="number">&lt;5</td>' in listing and '<td class="number">1</td>' not in listing


def test_the_drill_down_page_leads_back_to_its_figure(world, policy_client):
    listing = policy_client.get(*cell_url("coverage", 0, "cooperating")).text

    assert 'href="/rapporten/cijfer/coverage/?op=2020-12-31&amp;van=2019&amp;tot=2020"' in listing


def test_the_drill_down_downloads_as_csv(world, policy_client):
    response = policy_client.get(cell_url("coverage", 0, "cooperating")[0], {**QUERY, "formaat": "csv"})

    assert response["Content-Type"].startswith("text/csv") and "Mechelen" in response.content.decode()


def test_a_cell_that_does_not_exist_is_a_404(world, policy_client):
    assert policy_client.get(*cell_url("coverage", 5, "cooperating")).status_code == 404
    assert policy_client.get(*cell_url("coverage", 0, "percentage")).status_code == 404
    assert policy_client.get(*cell_url("agreements-list", 0, "agreement")).status_code == 404


def test_bad_parameters_get_the_dutch_refusal(policy_client):
    response = policy_client.get(*cell_url("coverage", 0, "cooperating", {"op": "gisteren"}))

    assert response.status_code == 400 and "Ongeldige datum" in response.text


def test_documents_carry_no_links(world):
    figure = compute("cooperation-by-province", PARAMS)

    assert all(b"/cel/" not in render(figure, fmt) for fmt in ("html", "csv", "json"))


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_a_frozen_answer_lists_the_municipalities_as_frozen(world, coordinator_client, media):
    frozen = freeze(question_set=QuestionSet.objects.get(slug="samenwerking"), on=ON, by=None)
    AgreementFactory(municipality=municipality("11001"), form=Agreement.Form.PER_CASE, start_date=datetime.date(2019, 1, 1))
    antwerpen = next(
        index for index, row in enumerate(frozen.figures["cooperation-by-province"]) if row["province"] == "Antwerpen"
    )
    url = reverse("reports:frozen_drilldown", args=[frozen.pk, "cooperation-by-province", antwerpen, "per_case"])

    frozen_list = coordinator_client.get(url).text
    live_list = coordinator_client.get(*cell_url("cooperation-by-province", antwerpen, "per_case", {"op": "2020-12-31"})).text

    assert "Gemeenten (1)" in frozen_list and "Aartselaar" not in frozen_list
    assert "Gemeenten (2)" in live_list and "Aartselaar" in live_list
    assert url in coordinator_client.get(reverse("reports:frozen", args=[frozen.pk])).text


def test_a_frozen_answer_without_that_cell_is_a_404(world, policy_client, media):
    frozen = freeze(question_set=QuestionSet.objects.get(slug="samenwerking"), on=ON, by=None)

    response = policy_client.get(reverse("reports:frozen_drilldown", args=[frozen.pk, "cooperation-by-province", 99, "total"]))

    assert response.status_code == 404


def test_the_drill_down_page_takes_as_many_queries_for_one_record_as_for_hundreds(
    world, policy_client, django_assert_max_num_queries
):
    figure = compute("cooperation-by-province", PARAMS)
    one = cell_url("cooperation-by-province", row_of(figure, province="Antwerpen"), "per_case")
    all_without = cell_url("cooperation-by-province", len(figure.rows) - 1, "none")
    policy_client.get(*one)

    with django_assert_max_num_queries(8):
        assert "Gemeenten (1)" in policy_client.get(*one).text
    with django_assert_max_num_queries(8):
        assert f"Gemeenten ({figure.rows[-1]['none']})" in policy_client.get(*all_without).text


def test_the_admin_does_not_offer_the_frozen_keys_for_editing(world, coordinator_client, media):
    frozen = freeze(question_set=QuestionSet.objects.get(slug="samenwerking"), on=ON, by=None)

    page = coordinator_client.get(reverse("admin:reports_frozenanswer_change", args=[frozen.pk])).text

    assert 'name="drilldown"' not in page and "records achter de cijfers" not in page
