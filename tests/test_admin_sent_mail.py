"""The log of sent e-mails in the admin: read-only, in Dutch, for superusers and staff with the view permission."""

import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from cases import notifications as case_notifications
from core.models import SentNotification
from tests.factories import CaseFactory, TrainingSessionFactory, UserFactory, coordinator, ocmw, sign_in
from trainings import services as training_services

pytestmark = pytest.mark.django_db
LOG = reverse("admin:core_sentnotification_changelist")


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """A new-case e-mail to a coordinator and a session reminder to a participant without an account."""
    dyzo = coordinator()
    case = CaseFactory()
    with django_capture_on_commit_callbacks(execute=True):
        case_notifications.new_case(case)
    session = TrainingSessionFactory(date=timezone.localdate() + datetime.timedelta(days=3), capacity=None)
    training_services.register(
        session=session, name="An", organisation=ocmw("44021"), participant_email="an@ocmw-gent.be", registered_by=dyzo
    )
    call_command("send_reminders", stdout=None)
    return {"coordinator": dyzo, "case": case, "session": session}


def test_the_log_lists_what_was_sent_to_whom_and_links_to_the_record(coordinator_client, sent):
    page = coordinator_client.get(LOG).text

    assert "Verstuurde meldingen" in page
    assert "Een nieuwe doorverwijzing of hulpvraag" in page and sent["coordinator"].email in page
    assert "Een opleiding binnen 7 dagen voor wie ik inschreef" in page and "an@ocmw-gent.be" in page
    assert f'href="{reverse("admin:cases_case_change", args=[sent["case"].pk])}"' in page
    assert f'href="{reverse("admin:trainings_trainingsession_change", args=[sent["session"].pk])}"' in page


def test_the_log_filters_by_kind(coordinator_client, sent):
    page = coordinator_client.get(LOG, {"soort": case_notifications.NEW_CASE.code}).text

    assert sent["coordinator"].email in page and "an@ocmw-gent.be" not in page


def test_the_log_is_searched_by_address(coordinator_client, sent):
    page = coordinator_client.get(LOG, {"q": "ocmw-gent"}).text

    assert "an@ocmw-gent.be" in page and sent["coordinator"].email not in page


def test_the_log_is_narrowed_by_the_year_sent(coordinator_client, sent):
    this_year = timezone.localdate().year

    counts = [
        coordinator_client.get(LOG, {"sent_at__year": year}).context["cl"].result_count for year in (this_year - 1, this_year)
    ]

    assert counts == [0, SentNotification.objects.count()]


def test_an_entry_is_shown_read_only(coordinator_client, sent):
    entry = SentNotification.objects.get(email="an@ocmw-gent.be")

    page = coordinator_client.get(reverse("admin:core_sentnotification_change", args=[entry.pk])).text

    assert "an@ocmw-gent.be" in page and 'name="_save"' not in page


@pytest.mark.parametrize("page", ["add", "delete"])
def test_nothing_is_added_to_or_deleted_from_the_log(coordinator_client, sent, page):
    entry, count = SentNotification.objects.first(), SentNotification.objects.count()
    url = (
        reverse("admin:core_sentnotification_add")
        if page == "add"
        else reverse(f"admin:core_sentnotification_{page}", args=[entry.pk])
    )

    response = coordinator_client.post(url, {"post": "yes", "email": "x@example.org", "kind": "x", "key": "x"})

    assert response.status_code == 403
    assert SentNotification.objects.count() == count


def test_a_change_posted_to_an_entry_changes_nothing(coordinator_client, sent):
    entry = SentNotification.objects.get(email="an@ocmw-gent.be")

    response = coordinator_client.post(reverse("admin:core_sentnotification_change", args=[entry.pk]), {"email": "x@example.org"})

    assert response.status_code == 403
    assert SentNotification.objects.filter(email="an@ocmw-gent.be").exists()


def test_a_case_worker_does_not_read_the_log(case_worker_client, sent):
    assert case_worker_client.get(LOG).status_code == 403


def test_a_superuser_reads_the_log(client, sent):
    sign_in(client, UserFactory(is_staff=True, is_superuser=True))

    assert "an@ocmw-gent.be" in client.get(LOG).text


def test_the_log_is_with_the_technical_apps_in_the_admin_index(coordinator_client):
    apps = [app["app_label"] for app in coordinator_client.get(reverse("admin:index")).context["app_list"]]

    assert apps == ["partnerships", "cases", "trainings", "reports", "core", "axes"]
