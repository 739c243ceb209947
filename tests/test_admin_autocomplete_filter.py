"""The sessions' organiser filter is typed into an autocomplete, not picked from hundreds of links (issue 16.5)."""

import pytest
from django.urls import reverse

from tests.factories import TrainingSessionFactory, ocmw

pytestmark = pytest.mark.django_db
SESSIONS = reverse("admin:trainings_trainingsession_changelist")


def test_the_organiser_filter_is_an_autocomplete_without_a_link_per_organisation(coordinator_client):
    for nis_code in ["44021", "11002", "24062"]:
        TrainingSessionFactory(organiser=ocmw(nis_code), organiser_name="")

    page = coordinator_client.get(SESSIONS).text

    assert 'data-field-name="organiser"' in page and "admin-autocomplete" in page
    assert "organiser__id__exact=" not in page and "js/autocomplete_filter.js" in page


def test_choosing_an_organiser_lists_its_sessions_only_and_keeps_the_other_filters(coordinator_client):
    gent = TrainingSessionFactory(organiser=ocmw("44021"), organiser_name="", target_group="Gent-groep")
    TrainingSessionFactory(organiser=ocmw("11002"), organiser_name="", target_group="Antwerpen-groep")

    response = coordinator_client.get(SESSIONS, {"organiser__id__exact": gent.organiser_id, "is_synthetic__exact": "0"})

    assert [session.pk for session in response.context["cl"].result_list] == [gent.pk]
    assert f'<option value="{gent.organiser_id}" selected>OCMW Gent</option>' in response.text
    assert '<input type="hidden" name="is_synthetic__exact" value="0">' in response.text


def test_the_autocomplete_finds_organisations_by_name(coordinator_client):
    gent, antwerpen = ocmw("44021"), ocmw("11002")
    query = {"app_label": "trainings", "model_name": "trainingsession", "field_name": "organiser", "term": "Gent"}

    results = coordinator_client.get(reverse("admin:autocomplete"), query).json()["results"]

    found = {result["id"]: result["text"] for result in results}
    assert found[str(gent.pk)] == "OCMW Gent" and str(antwerpen.pk) not in found
