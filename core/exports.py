"""Cells for CSV and XLSX exports: text that a spreadsheet would run as a formula is written as text.

A name typed by staff or imported from a file ("=HYPERLINK(...)", "@SUM(...)", "-2+3") would
otherwise become a live formula in the reader's spreadsheet. One quote before such text makes
Excel and LibreOffice show it as typed; numbers, negative ones included, are never touched.
"""

from typing import Any

# The characters that start a formula (OWASP's list), and their full-width forms, which some
# spreadsheets in East Asian locales accept as well.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def neutralise_formula(value: Any) -> Any:
    """Text that starts like a formula, with a quote before it; any other value as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
