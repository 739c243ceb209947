"""What every report PDF carries on each page, in the reader's language."""

import datetime

import pytest
from django.utils import translation

from reports.answers import answer_pdf
from reports.models import QuestionSet
from tests.factories import AgreementFactory, municipality
from tests.helpers import pdf_text

pytestmark = pytest.mark.django_db


def test_an_english_answer_pdf_numbers_its_pages_and_gives_the_reference_date_in_english():
    AgreementFactory(municipality=municipality("44021"))

    with translation.override("en"):
        text = pdf_text(answer_pdf(question_set=QuestionSet.objects.get(slug="samenwerking"), on=datetime.date(2018, 12, 31)))

    pages = text.split("\f")[:-1]
    assert [("Reference date 31/12/2018" in page, f"page {n} of {len(pages)}" in page) for n, page in enumerate(pages, 1)] == [
        (True, True)
    ] * len(pages)
