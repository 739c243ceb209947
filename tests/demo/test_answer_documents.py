"""The two shipped parliamentary answers as they go out, PDF and Word, read back on the demo data:
the seeds' numbers are in them, and the PDF's pages are laid out to be sent unchanged."""

import io
import re

import docx
import pytest
from django.core.management import call_command
from docx.enum.text import WD_ALIGN_PARAGRAPH

from tests.helpers import pdf_text, pdf_words

pytestmark = pytest.mark.django_db

ANSWERS = {"samenwerking": "2018-12-31", "ocmw-opleidingen": "2016-12-31"}
PER_CASE_2016 = [  # seed 002, answer 1: the 18 OCMWs it names
    "Antwerpen", "Beerse", "Buggenhout", "Denderleeuw", "Erpe-Mere", "Grimbergen", "Herentals", "Herzele", "Kraainem",
    "Lanaken", "Linkebeek", "Merksplas", "Rijkevorsel", "Rumst", "Sint-Pieters-Leeuw", "Tielt", "Wichelen", "Zottegem",
]  # fmt: skip
TOP_3_REASONS = [
    "De jaarlijkse kostprijs wordt als te hoog ervaren",
    "Er kloppen geen zelfstandigen in moeilijkheden aan bij het OCMW",
    "Ze kunnen die doelgroep zelf verder helpen",
]


@pytest.fixture(scope="module")
def documents(demo_data, django_db_blocker, tmp_path_factory):
    """Each answer in each format, written by the CLI once for the module."""
    folder = tmp_path_factory.mktemp("answers")
    written = {}
    with django_db_blocker.unblock():
        for slug, day in ANSWERS.items():
            for fmt in ("pdf", "docx"):
                target = folder / f"{slug}.{fmt}"
                call_command(
                    "report", "parliamentary-answer", "--set", slug, "--on", day, "--format", fmt, "--output", str(target)
                )
                written[slug, fmt] = target.read_bytes()
    return written


def pages(pdf: bytes) -> list[str]:
    return pdf_text(pdf).split("\f")[:-1]


def word(document: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(document))


def word_tables(document: bytes) -> list[list[list[str]]]:
    return [[[cell.text for cell in row.cells] for row in table.rows] for table in word(document).tables]


def word_table_with(document: bytes, header: str) -> list[list[str]]:
    return next(table for table in word_tables(document) if header in table[0])


# The seeds' numbers, in the PDF


def test_the_cooperation_pdf_gives_seed_001_s_tables(documents):
    text = pdf_text(documents["samenwerking", "pdf"])

    assert re.search(r"Eindtotaal\s+111\s+35\s+3\s+149\s+159", text)
    assert re.search(r"Eindtotaal\s+7\s+104\s+0\s+111", text)
    assert re.search(r"Eindtotaal(\s+\d+){4}\s+159", text.split("werken niet samen", 1)[1])
    assert all(reason in text for reason in TOP_3_REASONS)


def test_the_ocmw_pdf_lists_89_agreements_25_with_zitdag(documents):
    text = pdf_text(documents["ocmw-opleidingen", "pdf"])

    with_zitdag = re.findall(r"^\s*\S.*\s{2,}Overeenkomst met zitdag\s*$", text, re.M)
    without = re.findall(r"^\s*\S.*\s{2,}Overeenkomst zonder zitdag\s*$", text, re.M)
    assert (len(with_zitdag), len(without)) == (25, 64)


def test_the_ocmw_pdf_names_the_18_ocmws_of_seed_002(documents):
    text = pdf_text(documents["ocmw-opleidingen", "pdf"])

    assert [name for name in PER_CASE_2016 if not re.search(rf"^\s*{name}\s+\d\d/\d\d/\d{{4}}", text, re.M)] == []


def test_the_ocmw_pdf_gives_43_trainings_with_863_participants(documents):
    text = pdf_text(documents["ocmw-opleidingen", "pdf"])

    assert len(re.findall(r"^\s*\d\d/\d\d/201[4-6]\s+\S", text, re.M)) == 43
    assert re.search(r"Totaal\s+863", text)


def test_the_ocmw_pdf_gives_the_subsidies_of_2015_to_2017(documents):
    text = pdf_text(documents["ocmw-opleidingen", "pdf"])

    assert re.findall(r"^\s*(\d{4})\s+Agentschap Innoveren\s+(?:&\s+)?([\d.]+,00)", text, re.M) == [
        ("2015", "470.000,00"),
        ("2016", "470.000,00"),
        ("2017", "525.000,00"),
    ]


# The PDF's layout


@pytest.mark.parametrize("slug", ANSWERS)
def test_every_page_says_its_number_and_the_reference_date(documents, slug):
    day = "/".join(reversed(ANSWERS[slug].split("-")))
    text = pages(documents[slug, "pdf"])

    assert [(f"pagina {number} van {len(text)}" in page, f"Peildatum {day}" in page) for number, page in enumerate(text, 1)] == [
        (True, True)
    ] * len(text)


def test_a_province_s_name_stays_on_one_line_with_its_numbers(documents):
    text = pdf_text(documents["samenwerking", "pdf"])

    assert re.search(r"^\s*Oost-Vlaanderen\s+17\s+9\s+1\s+27\s+38\s*$", text, re.M)
    assert re.search(r"^\s*West-Vlaanderen\s+54\s+1\s+0\s+55\s+9\s*$", text, re.M)


@pytest.mark.parametrize("slug", ANSWERS)
def test_no_province_is_broken_at_its_hyphen_in_a_cell_or_a_column_header(documents, slug):
    assert not re.search(r"(Oost|West|Vlaams)-\s*$", pdf_text(documents[slug, "pdf"]), re.M)


@pytest.mark.parametrize("slug", ANSWERS)
def test_no_page_but_the_last_is_left_half_empty(documents, slug):
    """A short table that does not fit moves with its caption; it no longer leaves a page three quarters blank."""
    filled = []
    for height, words in pdf_words(documents[slug, "pdf"])[:-1]:
        body = [w["yMax"] for w in words if w["yMax"] < height - 2.4 * 72 / 2.54]  # above the footer's margin
        filled.append(max(body) / height)

    assert [share for share in filled if share < 0.5] == []


@pytest.mark.parametrize("slug", ANSWERS)
def test_no_page_ends_on_a_caption(documents, slug):
    text = pages(documents[slug, "pdf"])
    last_lines = [[line for line in page.splitlines() if line.strip()][-2].strip() for page in text]  # the last is the footer

    assert [line for line in last_lines if re.search(r"\((op \d\d/\d\d/\d{4}|\d{4}–\d{4})\)$", line)] == []


def test_text_columns_are_left_aligned(documents):
    """Both forms of agreement start where their column starts, whatever their length."""
    starts = {
        round(w["xMin"])
        for _height, words in pdf_words(documents["ocmw-opleidingen", "pdf"])
        for w in words
        if w["text"] == "Overeenkomst" and w["xMin"] > 150
    }

    assert len(starts) == 1


# The Word documents


def test_the_cooperation_word_answer_gives_seed_001_s_tables(documents):
    document = documents["samenwerking", "docx"]

    assert word_table_with(document, "Betaling per case")[-1] == ["Eindtotaal", "111", "35", "3", "149", "159"]
    assert word_table_with(document, "Beide")[-1] == ["Eindtotaal", "7", "104", "0", "111"]
    assert [row[1] for row in word_table_with(document, "Reden")[1:4]] == TOP_3_REASONS


def test_the_ocmw_word_answer_gives_seed_002_s_numbers(documents):
    document = documents["ocmw-opleidingen", "docx"]

    agreements = word_table_with(document, "Gemeente/stad")[1:]
    assert len(agreements) == 89 and sum(form == "Overeenkomst met zitdag" for _name, form in agreements) == 25
    assert set(PER_CASE_2016) <= {row[0] for row in word_table_with(document, "Eerste overeenkomst per dossier")}
    trainings = word_table_with(document, "Inrichter")
    assert len(trainings) - 2 == 43 and trainings[-1][-1] == "863"
    assert [row[2] for row in word_table_with(document, "Financier")[1:3]] == ["470.000,00", "470.000,00"]


@pytest.mark.parametrize(("slug", "questions"), [("samenwerking", 5), ("ocmw-opleidingen", 5)])
def test_the_word_answer_has_a_title_and_a_heading_per_question(documents, slug, questions):
    styles = [paragraph.style.name for paragraph in word(documents[slug, "docx"]).paragraphs]

    assert styles.count("Heading 1") == 1 and styles.count("Heading 2") == questions


def test_the_word_tables_are_real_tables_with_numbers_right_and_totals_bold(documents):
    table = next(t for t in word(documents["samenwerking", "docx"]).tables if t.rows[-1].cells[0].text == "Eindtotaal")
    total, detail = table.rows[-1], table.rows[1]

    assert table.style.name == "Table Grid"
    assert table.rows[0]._tr.xpath("./w:trPr/w:tblHeader")  # the header row repeats on every page
    assert [cell.paragraphs[0].alignment for cell in detail.cells[:2]] == [None, WD_ALIGN_PARAGRAPH.RIGHT]
    assert all(run.bold for cell in total.cells for run in cell.paragraphs[0].runs)
    assert not any(run.bold for cell in detail.cells for run in cell.paragraphs[0].runs)


def test_the_word_answer_carries_the_reference_date_and_page_numbers_in_its_footer(documents):
    footer = word(documents["ocmw-opleidingen", "docx"]).sections[0].footer.paragraphs[0]

    assert "Peildatum 31/12/2016" in footer.text
    assert footer._p.xpath("./w:fldSimple/@w:instr") == ["PAGE", "NUMPAGES"]


def test_a_long_figure_pdf_repeats_its_header_and_says_its_scope_and_page_on_every_page(tmp_path):
    target = tmp_path / "lijst.pdf"
    call_command("report", "agreements-list", "--on", "2016-12-31", "--format", "pdf", "--output", str(target))

    text = pages(target.read_bytes())

    assert len(text) > 1
    assert [
        ("Gemeente/stad" in page, "(op 31/12/2016)" in page, f"pagina {number} van {len(text)}" in page)
        for number, page in enumerate(text, 1)
    ] == [(True, True, True)] * len(text)


# Seed 002's sentences and the numbers it does not give, in both documents


def document_text(documents, slug: str, fmt: str) -> str:
    if fmt == "pdf":
        return " ".join(pdf_text(documents[slug, fmt]).split())
    content = word(documents[slug, fmt])
    return " ".join(" ".join(p.text for p in content.paragraphs).split())


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_the_ocmw_answer_gives_the_participants_per_year_the_modules_and_the_subsidies(documents, fmt):
    text = document_text(documents, "ocmw-opleidingen", fmt)

    assert "43 opleidingen voor in totaal 863 deelnemers: 265 in 2014, 300 in 2015 en 298 in 2016" in text
    assert "De volgende 4 modules worden vaak opgenomen in een opleiding" in text
    assert "470.000 euro in 2015, 470.000 euro in 2016 en 525.000 euro in 2017" in text


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_the_ocmw_answer_gives_no_number_the_seed_does_not(documents, fmt):
    text = document_text(documents, "ocmw-opleidingen", fmt)

    assert "23 OCMW" not in text and "dossiers doorverwezen" not in text
    assert "Doorverwijzingen naar het OCMW: niet geregistreerd vóór" in text
