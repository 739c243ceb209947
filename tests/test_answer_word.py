"""The parliamentary answer as a Word document: downloaded from the answer page and the frozen answer, or written by the CLI."""

import datetime
import io

import docx
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from partnerships.models import Agreement
from reports.answer_docx import CONTENT_TYPE, answer_docx
from reports.answers import answer_context, freeze
from reports.models import QuestionSet
from tests.factories import AgreementFactory, municipality

pytestmark = pytest.mark.django_db
ON = datetime.date(2018, 12, 31)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def samenwerking():
    return QuestionSet.objects.get(slug="samenwerking")


def texts(content: bytes) -> list[str]:
    document = docx.Document(io.BytesIO(content))
    return [paragraph.text for paragraph in document.paragraphs] + [
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    ]


def cooperation_total(content: bytes) -> list[str]:
    """The total row of the cooperation table: agreement, per case, remote advice, total, none."""
    return [cell.text for cell in docx.Document(io.BytesIO(content)).tables[0].rows[-1].cells][1:]


def test_policy_staff_download_the_answer_in_word_from_its_page(policy_client):
    AgreementFactory(municipality=municipality("44021"))
    url = reverse("reports:answer", args=["samenwerking"])

    page = policy_client.get(url, {"op": "2018-12-31"})
    response = policy_client.get(url, {"op": "2018-12-31", "formaat": "docx"})

    assert "formaat=docx" in page.text and "Als Word" in page.text
    assert response.status_code == 200 and response["Content-Type"] == CONTENT_TYPE
    assert response["Content-Disposition"] == 'attachment; filename="antwoord-samenwerking-2018-12-31.docx"'
    assert "Oost-Vlaanderen" in texts(response.content)


def test_a_partner_gets_no_word_answer(partner_admin_client):
    response = partner_admin_client.get(reverse("reports:answer", args=["samenwerking"]), {"formaat": "docx"})

    assert response.status_code == 403 and response["Content-Type"] != CONTENT_TYPE


def test_a_cached_word_answer_is_made_again_when_the_data_changes(policy_client):
    url = reverse("reports:answer", args=["samenwerking"])
    policy_client.get(url, {"op": "2018-12-31", "formaat": "docx"})
    AgreementFactory(municipality=municipality("44021"), form=Agreement.Form.PER_CASE)

    content = policy_client.get(url, {"op": "2018-12-31", "formaat": "docx"}).content

    assert cooperation_total(content)[:4] == ["0", "1", "0", "1"]


def test_the_frozen_answer_is_downloaded_in_word_with_its_frozen_values(policy_client, media):
    AgreementFactory(municipality=municipality("44021"))
    frozen = freeze(question_set=samenwerking(), on=ON, by=None)
    AgreementFactory(municipality=municipality("11002"))

    page = policy_client.get(reverse("reports:frozen", args=[frozen.pk]))
    response = policy_client.get(reverse("reports:frozen", args=[frozen.pk]), {"formaat": "docx"})

    assert "formaat=docx" in page.text
    assert response["Content-Disposition"] == 'attachment; filename="antwoord-samenwerking-2018-12-31-bevroren.docx"'
    assert cooperation_total(response.content)[:4] == ["1", "0", "0", "1"]


def test_the_word_answer_reads_in_english_for_an_english_reader():
    AgreementFactory(municipality=municipality("44021"))
    with translation.override("en"):
        content = answer_docx(answer_context(question_set=samenwerking(), on=ON))

    assert "Written parliamentary question: Samenwerking met lokale besturen" in texts(content)
    assert "Grand total" in texts(content)


def test_the_cli_writes_the_answer_in_word(tmp_path):
    target = tmp_path / "antwoord.docx"

    call_command(
        "report",
        "parliamentary-answer",
        "--set",
        "samenwerking",
        "--on",
        "2018-12-31",
        "--format",
        "docx",
        "--output",
        str(target),
    )

    assert docx.Document(str(target)).paragraphs[0].style.name == "Heading 1"


def test_the_cli_names_the_formats_of_an_answer():
    with pytest.raises(CommandError, match="html, pdf, docx of json"):
        call_command("report", "parliamentary-answer", "--set", "samenwerking", "--on", "2018-12-31", "--format", "xlsx")
