"""Bad input gets a Dutch answer, never a server error: years outside 2000-2100 in every year field."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

OUT_OF_RANGE = ["0", "-1", "1999", "2101", "99999", "twintig"]


@pytest.mark.parametrize("year", OUT_OF_RANGE)
def test_the_yearly_summary_refuses_a_year_out_of_range_in_dutch(partner_admin_client, year):
    response = partner_admin_client.get(reverse("portal:summary"), {"jaar": year})

    assert response.status_code == 200
    assert "Kies een jaar tussen 2000 en 2100." in response.text


@pytest.mark.parametrize("year", OUT_OF_RANGE)
def test_the_staff_case_list_refuses_a_year_out_of_range_in_dutch(case_worker_client, year):
    response = case_worker_client.get(reverse("cases:list"), {"year": year})

    assert response.status_code == 200
    assert "Kies een jaar tussen 2000 en 2100." in response.text


@pytest.mark.parametrize("year", ["0", "2101"])
def test_the_api_refuses_a_year_out_of_range_with_a_400(case_worker_client, year):
    response = case_worker_client.get("/api/v1/cases/", {"year": year})

    assert response.status_code == 400
    assert "Kies een jaar tussen 2000 en 2100." in response.json()["year"][0]
