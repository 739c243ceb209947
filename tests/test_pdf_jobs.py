"""PDFs made by a background task (reports.pdf_queue): the page says the PDF is being made and how far it is, a
second request joins the first, a made PDF is served at once, and stale data is never served.

Most tests queue on django-tasks' dummy backend, which keeps a task without running it, to look at a PDF
while it is being made; `make` then runs the queued tasks as a worker would.
"""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.test import override_settings
from django.urls import reverse
from django_tasks import default_task_backend

from partnerships.models import Agreement
from reports.answers import freeze
from reports.models import PdfJob, QuestionSet
from tests.factories import AgreementFactory, municipality
from tests.helpers import pdf_text

pytestmark = pytest.mark.django_db

QUEUED = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
ANSWER = reverse("reports:answer", args=["samenwerking"])
PDF = {"op": "2018-12-31", "formaat": "pdf"}


@pytest.fixture
def queued():
    """Tasks wait in the queue instead of running."""
    with override_settings(TASKS=QUEUED):
        yield default_task_backend


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def make(backend) -> None:
    """Run what waits in the queue, as a worker would."""
    for result in list(backend.results):
        result.task.call(*result.args, **result.kwargs)
    backend.clear()


def test_a_pdf_not_made_yet_shows_that_it_is_being_made(policy_client, queued):
    response = policy_client.get(ANSWER, PDF)

    job = PdfJob.objects.get()
    assert response.status_code == 202
    assert "De PDF wordt gemaakt" in response.text and "In de wachtrij" in response.text
    assert reverse("reports:pdf_job", args=[job.pk]) in response.text and "js/pdf_job.js" in response.text


def test_the_status_says_how_far_the_pdf_is_and_offers_it_once_made(policy_client, queued):
    policy_client.get(ANSWER, PDF)
    job = PdfJob.objects.get()
    status = reverse("reports:pdf_job", args=[job.pk])

    waiting = policy_client.get(status).json()
    make(queued)
    made = policy_client.get(status).json()

    assert waiting == {"state": "wacht", "label": "In de wachtrij", "progress": 0, "download": None}
    assert made == {
        "state": "klaar",
        "label": "Klaar",
        "progress": 100,
        "download": reverse("reports:pdf_job_download", args=[job.pk]),
    }
    download = policy_client.get(made["download"])
    assert download["Content-Disposition"] == 'attachment; filename="antwoord-samenwerking-2018-12-31.pdf"'
    assert "Peildatum 31/12/2018" in pdf_text(download.content)


def test_a_second_request_while_the_pdf_is_made_joins_the_first(policy_client, coordinator_client, queued):
    policy_client.get(ANSWER, PDF)
    coordinator_client.get(ANSWER, PDF)

    assert PdfJob.objects.count() == 1 and len(queued.results) == 1


def test_the_database_refuses_a_second_job_for_the_same_document(policy_client, queued):
    policy_client.get(ANSWER, PDF)
    job = PdfJob.objects.get()

    with pytest.raises(IntegrityError), transaction.atomic():
        PdfJob.objects.create(key=job.key, kind=job.kind, language=job.language, filename=job.filename)


def test_a_made_pdf_is_served_at_once(policy_client, queued):
    policy_client.get(ANSWER, PDF)
    make(queued)

    response = policy_client.get(ANSWER, PDF)

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert queued.results == []


def test_a_pdf_made_before_a_change_is_never_served_after_it(policy_client, queued):
    policy_client.get(ANSWER, PDF)
    make(queued)
    AgreementFactory(municipality=municipality("44021"), form=Agreement.Form.PER_CASE)

    response = policy_client.get(ANSWER, PDF)

    assert response.status_code == 202 and PdfJob.objects.count() == 2


def test_a_pdf_that_failed_is_made_again_when_asked_again(policy_client, queued):
    policy_client.get(ANSWER, PDF)
    PdfJob.objects.update(state=PdfJob.State.FAILED)

    response = policy_client.get(ANSWER, PDF)

    assert response.status_code == 202 and PdfJob.objects.get().state == PdfJob.State.WAITING and len(queued.results) == 2


def test_the_figure_map_and_trend_pdfs_are_made_in_the_background(policy_client, queued):
    pages = [
        (reverse("reports:figure", args=["trainings"]), {"van": "2016", "tot": "2018", "formaat": "pdf"}),
        (reverse("reports:map"), {"op": "2018-12-31", "formaat": "pdf"}),
        (reverse("reports:trend"), {"formaat": "pdf"}),
    ]

    statuses = [policy_client.get(url, query).status_code for url, query in pages]
    make(queued)

    assert statuses == [202, 202, 202]
    assert [bytes(job.pdf[:4]) for job in PdfJob.objects.all()] == [b"%PDF"] * 3


def test_a_frozen_answer_shows_its_pdf_as_being_made_until_it_is(coordinator_client, queued, media):
    frozen = freeze(question_set=QuestionSet.objects.get(slug="samenwerking"), on=datetime.date(2018, 12, 31), by=None)

    waiting = coordinator_client.get(reverse("reports:frozen", args=[frozen.pk]))
    make(queued)
    made = coordinator_client.get(reverse("reports:frozen", args=[frozen.pk]))

    assert frozen.figures and "PDF zoals gepubliceerd: wordt gemaakt" in waiting.text
    assert "?formaat=pdf" in made.text and "wordt gemaakt" not in made.text
    pdf = coordinator_client.get(reverse("reports:frozen", args=[frozen.pk]), {"formaat": "pdf"})
    assert "Peildatum 31/12/2018" in pdf_text(pdf.content)
