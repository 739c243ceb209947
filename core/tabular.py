"""Reading CSV and XLSX uploads into rows numbered as a spreadsheet shows them (the header is line 1).

Shared by every import so they all accept the same files: UTF-8 CSV (with or
without BOM, `,` or `;`) and the first sheet of an XLSX workbook.
"""

import csv
import io
import re
import zipfile
from collections.abc import Generator, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from itertools import islice
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from openpyxl import load_workbook

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
ALLOWED_SUFFIXES = (".csv", ".xlsx")
MAX_DATA_ROWS = 100_000
MAX_HEADER_COLUMNS = 100  # far wider than any import; what lies beyond is never read
MAX_CELL_CHARS = 32_767  # a spreadsheet cell's own limit
# What an XLSX may unpack to: 100,000 rows of an import take about 25 MB of sheet XML; a zip bomb far more.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024


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
    """The data rows of a CSV or XLSX file whose header holds exactly `columns` (in any order).

    Rows are streamed and cut to the header's width, so neither a sheet's declared dimension nor
    stray cells far to the right or below make it allocate more than the rows it keeps.
    """
    suffix = Path(file_name).suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        raise TabularFileError(_("Alleen CSV- en XLSX-bestanden kunnen ingelezen worden."))
    if len(content) > MAX_UPLOAD_BYTES:
        raise TabularFileError(_("Het bestand is groter dan 5 MB."))
    with closing(_xlsx_lines(content) if suffix == ".xlsx" else _csv_lines(content)) as lines:
        header = next(lines, None)
        if header is None:
            raise TabularFileError(_("Het bestand is leeg."))
        if sorted(header) != sorted(columns):
            raise TabularFileError(
                _("De kopregel moet deze kolommen bevatten: %(expected)s (gevonden: %(found)s).")
                % {"expected": ",".join(columns), "found": ",".join(header) or _("niets")}
            )
        return _data_rows(lines, header)


def _data_rows(lines: Iterator[Sequence], header: Sequence[str]) -> list[Row]:
    rows = []
    for line, cells in enumerate(lines, start=2):
        if line > MAX_DATA_ROWS + 1:
            raise TabularFileError(
                _(
                    "Het bestand telt meer dan %(limit)s regels (lege regels meegeteld). "
                    "Verwijder de lege regels onderaan of splits het bestand op."
                )
                % {"limit": f"{MAX_DATA_ROWS:,}".replace(",", ".")}
            )
        kept = list(islice(cells, len(header)))
        values = {name: _clean(kept[index]) if index < len(kept) else None for index, name in enumerate(header)}
        if not any(value not in (None, "") for value in values.values()):
            continue
        if any(isinstance(value, str) and len(value) > MAX_CELL_CHARS for value in values.values()):
            raise TabularFileError(
                _("Regel %(line)s: een cel is langer dan %(limit)s tekens.")
                % {"line": line, "limit": f"{MAX_CELL_CHARS:,}".replace(",", ".")}
            )
        rows.append(Row(line=line, values=values))
    return rows


def _header(cells: Sequence) -> list[str]:
    header = [str(cell or "").strip().lower() for cell in cells]
    while header and not header[-1]:
        header.pop()
    return header


def _clean(value):
    return value.strip() if isinstance(value, str) else value


def _csv_lines(content: bytes) -> Generator[Sequence, None, None]:
    """The header, then every line as the csv module reads it."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise TabularFileError(_("Het CSV-bestand is niet in UTF-8 opgeslagen.")) from error
    # newline="" lets the csv module read every line ending, old Mac's lone \r included.
    first_line = io.StringIO(text, newline="").readline()
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        first = next(reader, None)
        if first is None:
            return
        yield _header(first[:MAX_HEADER_COLUMNS])
        yield from reader
    except csv.Error as error:
        raise TabularFileError(_("Het CSV-bestand kan niet gelezen worden (%(error)s).") % {"error": error}) from error


def _xlsx_lines(content: bytes) -> Generator[Sequence, None, None]:
    """The header, then every line of the first sheet cut to the header's width.

    The sheet's declared <dimension> is ignored: a file that claims A1:XFD1048576 would otherwise
    make openpyxl pad every row to 16,384 cells and the sheet to a million rows.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
        if unpacked > MAX_UNPACKED_BYTES:
            raise TabularFileError(
                _("Het XLSX-bestand is uitgepakt groter dan %(limit)s MB.") % {"limit": MAX_UNPACKED_BYTES // 2**20}
            )
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except TabularFileError:
        raise
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise TabularFileError(_("Het XLSX-bestand kan niet gelezen worden.")) from error
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()
        first = next(sheet.iter_rows(max_row=1, max_col=MAX_HEADER_COLUMNS, values_only=True), None)
        if first is None:
            return
        header = _header(first)
        yield header
        yield from sheet.iter_rows(min_row=2, max_col=len(header), values_only=True)
    except Exception as error:  # a damaged sheet only shows itself while its rows are parsed
        raise TabularFileError(_("Het XLSX-bestand kan niet gelezen worden.")) from error
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
