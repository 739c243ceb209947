"""Uploads are read within bounded memory: a tiny file that claims or holds a huge sheet ends in a Dutch error."""

import io
import tracemalloc
import zipfile

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from core.tabular import MAX_DATA_ROWS, TabularFileError, read_rows
from partnerships.importing import COLUMNS

LAST_EXCEL_ROW = 1_048_576
MEMORY_BUDGET = 100 * 1024 * 1024
ABSURD_DIMENSION = b'<dimension ref="A1:XFD1048576" />'


def xlsx(*rows, extra_sheet_xml=b""):
    """An openpyxl-made workbook whose sheet declares the whole grid and ends with `extra_sheet_xml`."""
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    made = io.BytesIO()
    workbook.save(made)
    patched = io.BytesIO()
    with zipfile.ZipFile(made) as source, zipfile.ZipFile(patched, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "xl/worksheets/sheet1.xml":
                start = data.index(b"<dimension ")
                data = data[:start] + ABSURD_DIMENSION + data[data.index(b"/>", start) + 2 :]
                data = data.replace(b"</sheetData>", extra_sheet_xml + b"</sheetData>")
            target.writestr(name, data)
    return patched.getvalue()


def bomb():
    """The file of issue 14: 5 KB, a declared A1:XFD1048576 and one cell on the sheet's very last row."""
    last_cell = f'<row r="{LAST_EXCEL_ROW}"><c r="A{LAST_EXCEL_ROW}" t="inlineStr"><is><t>21004</t></is></c></row>'
    return xlsx(COLUMNS, extra_sheet_xml=last_cell.encode())


def peak_memory_of(read):
    tracemalloc.start()
    try:
        outcome = read()
    except TabularFileError as error:
        outcome = error
    finally:
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return outcome, peak


def test_the_bomb_file_is_small():
    assert len(bomb()) < 10_000


def test_a_cell_on_the_last_row_of_a_whole_grid_sheet_is_refused_in_dutch_within_100_mb():
    outcome, peak = peak_memory_of(lambda: read_rows(file_name="bom.xlsx", content=bomb(), columns=COLUMNS))

    assert isinstance(outcome, TabularFileError)
    assert "meer dan 100.000 regels" in str(outcome)
    assert peak < MEMORY_BUDGET


@pytest.mark.django_db
def test_the_dry_run_of_the_import_refuses_the_bomb_file_in_dutch(tmp_path):
    path = tmp_path / "bom.xlsx"
    path.write_bytes(bomb())

    with pytest.raises(CommandError, match=r"meer dan 100\.000 regels"):
        call_command("import_agreements", str(path), "--dry-run", stdout=io.StringIO(), stderr=io.StringIO())


def test_a_sheet_that_declares_the_whole_grid_gives_its_rows_across_empty_ones_within_100_mb():
    after_a_gap = b'<row r="10002"><c r="A10002" t="inlineStr"><is><t>11002</t></is></c></row>'
    content = xlsx(COLUMNS, ["21004", "gemeente", "jaarlijks", "2025-01-01", "", "1000"], extra_sheet_xml=after_a_gap)

    rows, peak = peak_memory_of(lambda: read_rows(file_name="akkoorden.xlsx", content=content, columns=COLUMNS))

    assert [(row.line, row.values["nis"]) for row in rows] == [(2, "21004"), (10002, "11002")]
    assert peak < MEMORY_BUDGET


def test_a_row_with_values_only_right_of_the_header_is_skipped():
    far_right = b'<row r="3"><c r="XFD3" t="inlineStr"><is><t>los</t></is></c></row>'
    content = xlsx(COLUMNS, ["21004", "gemeente", "jaarlijks", "2025-01-01", "", "1000"], extra_sheet_xml=far_right)

    rows = read_rows(file_name="akkoorden.xlsx", content=content, columns=COLUMNS)

    assert [row.line for row in rows] == [2]


def test_a_csv_with_more_than_100_000_rows_is_refused_in_dutch():
    content = ",".join(COLUMNS).encode() + b"\n" + b"21004,,,,,\n" * (MAX_DATA_ROWS + 1)

    with pytest.raises(TabularFileError, match=r"meer dan 100\.000 regels"):
        read_rows(file_name="akkoorden.csv", content=content, columns=COLUMNS)


def test_a_csv_cell_longer_than_a_spreadsheet_cell_is_refused_in_dutch():
    content = f"{','.join(COLUMNS)}\n21004,{'x' * 40_000},,,,\n".encode()

    with pytest.raises(TabularFileError, match=r"Regel 2: een cel is langer dan 32\.767 tekens"):
        read_rows(file_name="akkoorden.csv", content=content, columns=COLUMNS)


def test_a_sheet_that_unpacks_past_50_mb_is_refused_in_dutch_before_it_is_parsed():
    blank_rows = b"<row/>" * (9 * 1024 * 1024)  # 54 MB of XML that deflates to about 50 KB
    content = xlsx(COLUMNS, extra_sheet_xml=blank_rows)

    with pytest.raises(TabularFileError, match="uitgepakt groter dan 50 MB"):
        read_rows(file_name="bom.xlsx", content=content, columns=COLUMNS)
    assert len(content) < 1024 * 1024
