"""Background tasks (core.tasks): a failed attempt is recorded for staff and tried again later, up to the last
attempt; the day's schedule enqueues each task once a day."""

import datetime

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from knox.models import AuthToken

from core.models import DailyRun, TaskFailure
from core.tasks import DAILY, enqueue_daily_tasks, retried_task
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

DEFERRING = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
calls: list[str] = []
given_up: list[str] = []


@retried_task(attempts=3)
def fails_once(name: str) -> str:
    calls.append(name)
    if len(calls) == 1:
        raise ConnectionError("the mail server did not answer")
    return name


@retried_task(attempts=2, on_failure=lambda name: given_up.append(name))
def always_fails(name: str) -> None:
    calls.append(name)
    raise ValueError("broken")


@pytest.fixture(autouse=True)
def fresh_calls():
    calls.clear()
    given_up.clear()


def test_a_failed_attempt_is_recorded_and_tried_again():
    fails_once.enqueue("herinnering")

    failure = TaskFailure.objects.get()
    assert calls == ["herinnering", "herinnering"]
    assert (failure.task, failure.attempt, failure.final) == ("tests.test_tasks.fails_once", 1, False)
    assert "the mail server did not answer" in failure.error


def test_the_next_attempt_waits_where_the_queue_can_defer():
    with override_settings(TASKS=DEFERRING):
        with pytest.raises(ConnectionError):
            fails_once.call("herinnering")
        [again] = fails_once.get_backend().results

    assert again.kwargs == {"attempt": 2} and again.args == ["herinnering"]
    assert again.task.run_after > timezone.now() + datetime.timedelta(seconds=20)


def test_after_the_last_attempt_the_task_gives_up_and_says_so():
    always_fails.enqueue("pdf")

    assert calls == ["pdf", "pdf"]
    assert list(TaskFailure.objects.order_by("attempt").values_list("attempt", "final")) == [(1, False), (2, True)]
    assert given_up == ["pdf"]


def test_staff_see_the_failed_tasks_in_dutch(coordinator_client, case_worker_client):
    always_fails.enqueue("pdf")

    for client in (coordinator_client, case_worker_client):
        page = client.get(reverse("admin:core_taskfailure_changelist")).content.decode()
        assert "Mislukte achtergrondtaken" in page or "mislukte achtergrondtaak" in page
        assert "tests.test_tasks.always_fails" in page


def test_the_schedule_holds_the_daily_work():
    assert set(DAILY) == {
        "core.daily.send_daily_reminders",
        "core.daily.remove_expired_api_tokens",
        "cases.daily.anonymise_expired_cases",
        "reports.pdf_queue.remove_old_pdf_jobs",
    }


def test_the_day_s_tasks_are_enqueued_once_a_day_however_often_cron_calls():
    today = datetime.date(2026, 11, 30)

    first = enqueue_daily_tasks(day=today)
    again = enqueue_daily_tasks(day=today)
    tomorrow = enqueue_daily_tasks(day=today + datetime.timedelta(days=1))

    assert sorted(first) == sorted(DAILY) and again == [] and sorted(tomorrow) == sorted(DAILY)
    assert DailyRun.objects.count() == 2 * len(DAILY)


def test_the_schedule_removes_expired_api_tokens_and_keeps_valid_ones():
    user = UserFactory()
    AuthToken.objects.create(user=user, expiry=datetime.timedelta(days=-1))
    valid, _ = AuthToken.objects.create(user=user)

    enqueue_daily_tasks(day=timezone.localdate())

    assert list(AuthToken.objects.values_list("pk", flat=True)) == [valid.pk]
