"""Demo funding: the operating subsidy continued after the three real years of seed 002, up to the year of loading.

The sources give 2015-2017 only; without a continuation the funding figure opens empty on its default
year. Each synthetic year is 2017's amount indexed by 2 % a year, rounded to a thousand euro: plausible,
and identical on every load.
"""

from decimal import Decimal

from reports.models import Funding

AGENCY = "Agentschap Innoveren & Ondernemen"
LAST_REAL = (2017, Decimal("525000"))
INDEXATION = Decimal("1.02")
NOTE = "Synthetische demogegevens, geen echt record."


def build(*, last_year: int) -> dict:
    """The operating subsidy of every year after 2017 up to `last_year` that has none yet."""
    real_year, real_amount = LAST_REAL
    created = 0
    for year in range(real_year + 1, last_year + 1):
        amount = Decimal(round(real_amount * INDEXATION ** (year - real_year) / 1000) * 1000)
        _, new = Funding.objects.get_or_create(
            year=year,
            funder=AGENCY,
            kind=Funding.Kind.OPERATING,
            defaults={"amount": amount, "note": NOTE, "is_synthetic": True},
        )
        created += new
    return {"funding": created}
