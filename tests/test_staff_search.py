"""The staff search: one box finds municipalities, organisations, agreements and cases, each result
linking to its admin page, within what the person may see (issue 16.9)."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from tests.factories import AgreementFactory, CaseFactory, EntrepreneurFactory, municipality, ocmw

pytestmark = pytest.mark.django_db
SEARCH = reverse("staff_search")


def titles_and_links(response):
    return {group.title: [url for url, _item in group.links()] for group in response.context["groups"]}


def test_a_municipality_is_found_by_name_with_its_organisations_and_agreements(coordinator_client):
    gent = municipality("44021")
    organisation = ocmw("44021")
    agreement = AgreementFactory(municipality=gent)

    found = titles_and_links(coordinator_client.get(SEARCH, {"q": "Gent"}))

    assert reverse("admin:partnerships_municipality_change", args=[gent.pk]) in found["Gemeenten"]
    assert reverse("admin:partnerships_organisation_change", args=[organisation.pk]) in found["Organisaties"]
    assert found["Overeenkomsten"] == [reverse("admin:partnerships_agreement_change", args=[agreement.pk])]


def test_a_municipality_is_found_by_its_nis_code(coordinator_client):
    found = titles_and_links(coordinator_client.get(SEARCH, {"q": "44021"}))

    assert reverse("admin:partnerships_municipality_change", args=[municipality("44021").pk]) in found["Gemeenten"]


def test_a_case_is_found_by_the_entrepreneurs_name(coordinator_client):
    case = CaseFactory(entrepreneur=EntrepreneurFactory(name="Lotte Zoekmans"))
    CaseFactory(entrepreneur=EntrepreneurFactory(name="Iemand Anders"))

    response = coordinator_client.get(SEARCH, {"q": "zoekmans"})

    assert titles_and_links(response)["Dossiers"] == [reverse("admin:cases_case_change", args=[case.pk])]
    assert f"Dossier {case.pk}, Lotte Zoekmans" in response.text


@pytest.mark.parametrize("notation", ["0403170701", "0403.170.701", "BE 0403 170 701", "be0403170701", "403.170.701"])
def test_a_case_is_found_by_the_enterprise_number_in_any_notation(coordinator_client, notation):
    case = CaseFactory(entrepreneur=EntrepreneurFactory(enterprise_number="0403170701"))

    found = titles_and_links(coordinator_client.get(SEARCH, {"q": notation}))

    assert found["Dossiers"] == [reverse("admin:cases_case_change", args=[case.pk])]


def test_a_case_is_found_by_its_number(case_worker_client):
    case = CaseFactory()

    found = titles_and_links(case_worker_client.get(SEARCH, {"q": f"{case.pk:02d}"}))

    assert reverse("admin:cases_case_change", args=[case.pk]) in found["Dossiers"]


def test_a_kind_the_person_may_not_open_in_the_admin_is_not_searched(case_worker, case_worker_client):
    case_worker.user_permissions.set([])
    case_worker.groups.first().permissions.remove(Permission.objects.get(codename="view_agreement"))
    AgreementFactory(municipality=municipality("44021"))

    found = titles_and_links(case_worker_client.get(SEARCH, {"q": "Gent"}))

    assert "Overeenkomsten" not in found and "Gemeenten" in found


def test_a_one_letter_search_asks_for_more(coordinator_client):
    response = coordinator_client.get(SEARCH, {"q": "G"})

    assert response.context["groups"] == [] and "Typ minstens twee tekens." in response.text


def test_more_than_twenty_results_link_to_the_full_changelist(coordinator_client):
    for year in range(2000, 2021):
        AgreementFactory(
            municipality=municipality("44021"), start_date=datetime.date(year, 1, 1), end_date=datetime.date(year, 12, 31)
        )

    group = next(group for group in coordinator_client.get(SEARCH, {"q": "Gent"}).context["groups"] if group.kind == "agreement")

    assert len(group.results) == 20 and group.more_url == reverse("admin:partnerships_agreement_changelist") + "?q=Gent"


def test_the_admin_header_carries_the_search_box(coordinator_client):
    page = coordinator_client.get(reverse("admin:index")).text

    assert f'action="{SEARCH}"' in page and 'role="search"' in page


def test_the_search_takes_one_query_per_kind_however_many_results(coordinator_client, django_assert_max_num_queries):
    for name in ["Gentse Een", "Gentse Twee", "Gentse Drie"]:
        CaseFactory(entrepreneur=EntrepreneurFactory(name=name))
    coordinator_client.get(SEARCH, {"q": "Gentse"})

    with django_assert_max_num_queries(12):
        coordinator_client.get(SEARCH, {"q": "Gentse"})
