"""The parliamentary answer as a Word document, which policy staff paste into the minister's reply.

It is built from the same context as the page and the PDF (`answers.answer_context` or
`answers.frozen_context`), in the active language: the title in Heading 1, each question in
Heading 2, its sentences, and each figure as a real Word table (style "Table Grid") whose
header row repeats on every page, numbers right-aligned, the total row bold. The map, an SVG,
stays in the PDF.
"""

import io
from collections.abc import Sequence
from datetime import date
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.table import _Row
from docx.text.paragraph import Paragraph

from core.years import short_date
from reports.registry import TOTAL, Figure
from reports.renderers import cell_class
from reports.tables import table

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MUTED = RGBColor(0x55, 0x55, 0x55)
FIELD = "\0"
FOOTER_SIZE = 8  # points


def answer_docx(context: dict[str, Any]) -> bytes:
    question_set, on = context["question_set"], context["on"]
    document = Document()
    _set_up(document, title=question_set.title, on=on)
    document.add_heading(f"{_('Schriftelijke vraag')}: {question_set.title}", level=1)
    for line in context.get("heading", []):
        document.add_paragraph(line)
    _muted(
        document.add_paragraph(),
        _("Peildatum %(day)s · opgemaakt op %(generated)s uit de gegevens van het Dyzo-portaal")
        % {"day": short_date(on), "generated": short_date(context["generated_on"])},
    )
    if question_set.introduction:
        document.add_paragraph(question_set.introduction)
    for question in context["questions"]:
        document.add_heading(f"{question.number}. {question.text}", level=2)
        for sentence in question.sentences:
            document.add_paragraph(sentence)
        if getattr(question, "free_answer", ""):
            document.add_paragraph(question.free_answer)
        for figure in question.figures:
            _add_figure(document, figure)
        for number, note in enumerate(getattr(question, "footnotes", []), start=1):
            _muted(document.add_paragraph(), f"{number}. {note}")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _set_up(document, *, title: str, on: date) -> None:
    """The document's title and language (for Word's spelling check), and a footer with the reference date and page numbers."""
    document.core_properties.title = f"{_('Schriftelijke vraag')}: {title}"
    document.core_properties.author = "Dyzo vzw"
    language = "nl-BE" if (get_language() or "nl").startswith("nl") else "en-GB"
    document.core_properties.language = language
    normal = document.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), language)
    normal.element.get_or_add_rPr().append(lang)
    footer = document.sections[0].footer.paragraphs[0]
    footer.text = f"Dyzo vzw · {_('Schriftelijke vraag')}: {title} · {_('Peildatum %(day)s') % {'day': short_date(on)}} · "
    pages = _("pagina %(number)s van %(total)s") % {"number": f"{FIELD}PAGE{FIELD}", "total": f"{FIELD}NUMPAGES{FIELD}"}
    for index, part in enumerate(pages.split(FIELD)):
        if index % 2:
            _field(footer, part)
        elif part:
            footer.add_run(part)
    for run in footer.runs:
        run.font.size = Pt(FOOTER_SIZE)


def _field(paragraph: Paragraph, instruction: str) -> None:
    """A field Word fills in itself, such as the page number, in the footer's size."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), str(FOOTER_SIZE * 2))
    properties.append(size)
    run.append(properties)
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _muted(paragraph: Paragraph, text: str) -> Paragraph:
    run = paragraph.add_run(text)
    run.font.size = Pt(8.5)
    run.font.color.rgb = MUTED
    return paragraph


def _add_figure(document, figure: Figure) -> None:
    caption = document.add_paragraph(f"{figure.title} ({figure.scope})", style="Caption")
    caption.paragraph_format.keep_with_next = True
    right = [cell_class(column) == "number" for column in figure.columns]
    word_table = document.add_table(rows=1, cols=len(figure.columns))
    word_table.style = "Table Grid"
    header = word_table.rows[0]
    _repeat_on_every_page(header)
    _fill(header, figure.headers, right, bold=True)
    if not figure.rows:
        merged = word_table.add_row().cells[0].merge(word_table.rows[-1].cells[-1])
        merged.text = _("Geen gegevens.")
    for cells, row in zip(table(figure), figure.rows, strict=True):
        _fill(word_table.add_row(), cells, right, bold=bool(row.get(TOTAL)))
    for note in figure.notes:
        _muted(document.add_paragraph(), note)


def _fill(row: _Row, values: Sequence[str], right: Sequence[bool], *, bold: bool) -> None:
    _keep_whole(row)
    for cell, value, align_right in zip(row.cells, values, right, strict=True):
        paragraph = cell.paragraphs[0]
        run = paragraph.add_run(value)
        run.bold = bold
        if align_right:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _repeat_on_every_page(row: _Row) -> None:
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(header)


def _keep_whole(row: _Row) -> None:
    keep = OxmlElement("w:cantSplit")
    keep.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(keep)
