"""The suggested fees: the tariff band of the municipality's population on a date gives the subscription's annual fee
and the one-time payment Dyzo proposes for a case per case."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Q

from partnerships.models import Municipality, TariffBand
from partnerships.selectors.municipalities import population_on


@dataclass(frozen=True)
class SuggestedFee:
    population: int
    population_year: int
    band: TariffBand

    @property
    def annual_fee(self) -> Decimal:
        return self.band.annual_fee

    @property
    def per_case_fee(self) -> Decimal | None:
        return self.band.per_case_fee


def tariff_bands_on(on: date):
    """The bands of the tariff in force on `on` (the latest tariff that started by then)."""
    latest_start = TariffBand.objects.filter(valid_from__lte=on).order_by("-valid_from").values("valid_from")[:1]
    return TariffBand.objects.filter(valid_from__in=latest_start).order_by("min_population")


def suggested_fee(*, municipality: Municipality, on: date) -> SuggestedFee | None:
    population = population_on(municipality=municipality, on=on)
    if population is None:
        return None
    band = (
        tariff_bands_on(on)
        .filter(Q(max_population__isnull=True) | Q(max_population__gte=population.inhabitants))
        .filter(min_population__lte=population.inhabitants)
        .first()
    )
    if band is None:
        return None
    return SuggestedFee(population=population.inhabitants, population_year=population.year, band=band)
