"""Reading CSV and XLSX uploads into rows numbered as a spreadsheet shows them (the header is line 1).

Shared by every import so they all accept the same files: UTF-8 CSV (with or
without BOM, `,` or `;`) and the first sheet of an XLSX workbook.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from openpyxl import load_workbook

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
ALLOWED_SUFFIXES = (".csv", ".xlsx")


class TabularFileError(Exception):
    """The file as a whole cannot be read (type, size, encoding, header)."""


@dataclass(frozen=True)
class Row:
    line: int
    values: dict


@dataclass(frozen=True)
class RowError:
    line: int
    message: str

    def __str__(self):
        return _("regel %(line)s: %(message)s") % {"line": self.line, "message": self.message}


@dataclass
class ImportResult:
    """What an import found: the parsed rows, every row's errors, and how many records it created."""

    rows: list = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    created: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def read_rows(*, file_name: str, content: bytes, columns: list[str]) -> list[Row]:
    """The data rows of a CSV or XLSX file whose header holds exactly `columns` (in any order)."""
    suffix = Path(file_name).suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        raise TabularFileError(_("Alleen CSV- en XLSX-bestanden kunnen ingelezen worden."))
    if len(content) > MAX_UPLOAD_BYTES:
        raise TabularFileError(_("Het bestand is groter dan 5 MB."))
    table = _xlsx_table(content) if suffix == ".xlsx" else _csv_table(content)
    if not table:
        raise TabularFileError(_("Het bestand is leeg."))
    header = [str(cell or "").strip().lower() for cell in table[0]]
    while header and not header[-1]:
        header.pop()
    if sorted(header) != sorted(columns):
        raise TabularFileError(
            _("De kopregel moet deze kolommen bevatten: %(expected)s (gevonden: %(found)s).")
            % {"expected": ",".join(columns), "found": ",".join(header) or _("niets")}
        )
    rows = []
    for line, cells in enumerate(table[1:], start=2):
        values = {name: _clean(cells[index] if index < len(cells) else None) for index, name in enumerate(header)}
        if any(value not in (None, "") for value in values.values()):
            rows.append(Row(line=line, values=values))
    return rows


def _clean(value):
    return value.strip() if isinstance(value, str) else value


def _csv_table(content: bytes) -> list[list[str]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise TabularFileError(_("Het CSV-bestand is niet in UTF-8 opgeslagen.")) from error
    first_line = text.splitlines()[0] if text else ""
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        # newline="" lets the csv module read every line ending, old Mac's lone \r included.
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise TabularFileError(_("Het CSV-bestand kan niet gelezen worden (%(error)s).") % {"error": error}) from error


def _xlsx_table(content: bytes) -> list[list]:
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise TabularFileError(_("Het XLSX-bestand kan niet gelezen worden.")) from error
    try:
        return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    finally:
        workbook.close()


ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
FLEMISH_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def parse_date(value) -> date:
    """A date from `YYYY-MM-DD`, `dd/mm/jjjj` or a spreadsheet date cell; ValueError otherwise."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value or "").strip()
    if ISO_DATE.match(text):
        return date.fromisoformat(text)
    match = FLEMISH_DATE.match(text)
    if match:
        day, month, year = (int(part) for part in match.groups())
        return date(year, month, day)
    raise ValueError(text)


def parse_amount(value) -> Decimal:
    """An amount from `1234.56`, `1234,56`, `1.234,56` or a number cell; ValueError otherwise."""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return Decimal(str(value))
    text = str(value or "").replace("€", "").replace(" ", "").strip()
    if "," in text and "." in text:
        decimal_mark = "," if text.rfind(",") > text.rfind(".") else "."
        grouping_mark = "." if decimal_mark == "," else ","
        text = text.replace(grouping_mark, "").replace(decimal_mark, ".")
    elif "," in text:
        text = text.replace(",", ".")
    elif re.fullmatch(r"[-+]?\d{1,3}(\.\d{3})+", text):
        text = text.replace(".", "")
    try:
        amount = Decimal(text)
    except InvalidOperation as error:
        raise ValueError(text) from error
    if not amount.is_finite():
        raise ValueError(text)
    return amount


def field_problems(value, model: type[models.Model], name: str) -> list[str]:
    """The Dutch messages of a model field's own validators (bounds on dates, digits of amounts, counts)
    for a parsed value, so an import, its dry run and the admin refuse the same values."""
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field), f"{name} is not a column of {model.__name__}"
    try:
        field.run_validators(value)
    except ValidationError as error:
        return [f"{field.verbose_name}: {message}" for message in error.messages]
    return []
