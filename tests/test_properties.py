"""Property tests (Hypothesis) for what reads untrusted input: the KBO validator and the import parsers.

Database-free: they only need Django's settings for the Dutch messages.
"""

import contextlib
import csv
import io
import string
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from cases.kbo import format_kbo, is_valid_kbo, normalise_kbo, validate_kbo
from core.tabular import TabularFileError, parse_amount, parse_date, read_rows

settings.register_profile("dyzo", max_examples=150, deadline=None)
settings.load_profile("dyzo")

COLUMNS = ["nis", "partij", "vorm", "begin", "einde"]


@st.composite
def kbo_numbers(draw):
    """A valid enterprise number: 0 or 1, seven digits, then 97 minus the first eight modulo 97."""
    base = draw(st.integers(min_value=0, max_value=19_999_999))
    return f"{base:08d}{97 - base % 97:02d}"


@given(kbo_numbers())
def test_every_number_with_a_valid_check_validates_and_round_trips_through_its_display(number):
    validate_kbo(number)
    assert is_valid_kbo(number)
    assert normalise_kbo(format_kbo(number)) == number
    assert normalise_kbo(f"BE {format_kbo(number)}") == number
    assert normalise_kbo(f"be{number[1:]}") == number or number[0] == "1"


@given(kbo_numbers(), st.integers(min_value=0, max_value=9), st.sampled_from(string.digits))
def test_changing_one_digit_makes_the_number_invalid(number, position, digit):
    assume(number[position] != digit)
    changed = number[:position] + digit + number[position + 1 :]

    assert not is_valid_kbo(changed)
    with pytest.raises(ValidationError):
        validate_kbo(changed)


@given(st.one_of(kbo_numbers(), st.text(alphabet=string.digits, min_size=10, max_size=10)))
@example("0000009700")
@example("0000000000")
def test_the_check_is_the_kbo_rule(number):
    """Written out here, apart from python-stdnum that the validator uses: 0 or 1, then 97 minus the
    first eight digits modulo 97. python-stdnum alone would also accept 00 where the rule gives 97."""
    assert is_valid_kbo(number) == (number[0] in "01" and 97 - int(number[:8]) % 97 == int(number[8:]))


NOTATIONS = [
    "{number}",
    "{dotted}",
    "BE {dotted}",
    "BE{number}",
    "be {number}",
    " {number} ",
    "BE {number:.4} {spaced}",
    "{old}",
]


@given(kbo_numbers(), st.sampled_from(NOTATIONS))
def test_a_number_written_as_on_an_invoice_normalises_to_its_ten_digits(number, notation):
    """`{old}` is the nine-digit notation of before 2003: the number without its leading 0."""
    text = notation.format(
        number=number, dotted=format_kbo(number), spaced=f"{number[4:7]} {number[7:]}", old=number.removeprefix("0")
    )

    assert normalise_kbo(text) == number


@given(st.text())
def test_any_text_is_either_a_valid_number_or_the_dutch_validation_error(text):
    try:
        validate_kbo(text)
    except ValidationError as error:
        assert error.code == "invalid_kbo"
    else:
        assert is_valid_kbo(normalise_kbo(text))


@given(st.dates(min_value=date(1000, 1, 1)))
def test_every_date_reads_back_from_dd_mm_jjjj_and_from_iso(day):
    assert parse_date(f"{day.day:02d}/{day.month:02d}/{day.year}") == day
    assert parse_date(f"{day.day}/{day.month}/{day.year}") == day
    assert parse_date(day.isoformat()) == day
    assert parse_date(f"  {day.isoformat()} ") == day


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_every_amount_reads_back_from_the_dutch_and_the_plain_notation(amount):
    dutch = f"{amount:,.2f}".translate(str.maketrans(",.", ".,"))  # 1,234.56 -> 1.234,56
    assert parse_amount(dutch) == amount
    assert parse_amount(f"€ {dutch}") == amount
    assert parse_amount(f"{amount:.2f}".replace(".", ",")) == amount
    assert parse_amount(f"{amount:.2f}") == amount


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_whole_amounts_grouped_with_dots_read_back(amount):
    assert parse_amount(f"{amount:,}".replace(",", ".")) == amount


@given(st.one_of(st.text(), st.text(alphabet="0123456789/-.,€ eE+")))
def test_any_text_is_a_date_or_a_value_error(text):
    with contextlib.suppress(ValueError):
        assert isinstance(parse_date(text), date)


@given(st.one_of(st.text(), st.text(alphabet="0123456789-.,€ eE+")))
def test_any_text_is_a_finite_amount_or_a_value_error(text):
    with contextlib.suppress(ValueError):
        assert parse_amount(text).is_finite()


cells = st.text(alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=12)


@given(
    header=st.permutations(COLUMNS),
    rows=st.lists(st.lists(cells, min_size=len(COLUMNS), max_size=len(COLUMNS)), max_size=8),
    delimiter=st.sampled_from([",", ";"]),
    line_end=st.sampled_from(["\r\n", "\n", "\r"]),
    bom=st.booleans(),
)
def test_a_csv_with_the_expected_header_gives_its_non_empty_rows_numbered_from_line_2(header, rows, delimiter, line_end, bom):
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=line_end, quoting=csv.QUOTE_NONNUMERIC)
    writer.writerow([name.upper() for name in header])
    writer.writerows(rows)
    content = ("\ufeff" if bom else "").encode() + buffer.getvalue().encode()

    read = read_rows(file_name="akkoorden.csv", content=content, columns=COLUMNS)

    expected = [
        (line, dict(zip(header, (cell.strip() for cell in row), strict=True)))
        for line, row in enumerate(rows, start=2)
        if any(cell.strip() for cell in row)
    ]
    assert [(row.line, row.values) for row in read] == expected


@given(st.binary(max_size=300), st.sampled_from(["a.csv", "a.CSV", "a.xlsx", "a.txt"]))
def test_any_file_gives_rows_or_a_dutch_file_error(content, file_name):
    try:
        rows = read_rows(file_name=file_name, content=content, columns=COLUMNS)
    except TabularFileError as error:
        assert str(error)
    else:
        assert all(set(row.values) == set(COLUMNS) for row in rows)
