"""Which municipality a NIS code or a date means, across the mergers of 2019 and 2025."""

from datetime import date

from django.db.models import Exists, Q, QuerySet

from partnerships.models import Municipality, Population

Lineage = Municipality.descendants.through


def municipalities_on(day: date) -> QuerySet[Municipality]:
    return Municipality.objects.existing_on(day)


def municipalities_for_nis(nis_code: str, *, on: date) -> QuerySet[Municipality]:
    """The municipalities existing on `on` that cover the territory a NIS code stood for at any time.

    An old code on a later date gives the municipality it merged into; a newer code on an
    older date gives its predecessors. When a period with that very code exists on `on`
    it alone is the answer: Antwerpen 11002 in 2020 is Antwerpen, not also Borsbeek,
    although Borsbeek is a predecessor of the Antwerpen of 2025.
    """
    existing = Municipality.objects.existing_on(on)
    descendants = Lineage.objects.filter(from_municipality__nis_code=nis_code).values("to_municipality")
    ancestors = Lineage.objects.filter(to_municipality__nis_code=nis_code).values("from_municipality")
    code_exists = Exists(existing.filter(nis_code=nis_code))
    return existing.filter(Q(nis_code=nis_code) | (~code_exists & (Q(pk__in=descendants) | Q(pk__in=ancestors))))


def population_on(*, municipality: Municipality, on: date) -> Population | None:
    """The latest population counted by `on`'s year, else the earliest later count (new municipalities)."""
    populations = sorted(municipality.populations.all(), key=lambda population: population.year)
    earlier = [population for population in populations if population.year <= on.year]
    if earlier:
        return earlier[-1]
    return populations[0] if populations else None
