"""Read-side queries of the partnerships app."""

from partnerships.selectors.cooperation import (
    NO_COOPERATION,
    agreements_covering,
    annotate_cooperation_status,
    cooperation_by_province,
    cooperation_form,
    cooperation_members,
    cooperation_status,
    cooperation_statuses,
)
from partnerships.selectors.municipalities import municipalities_for_nis, municipalities_on, population_on
from partnerships.selectors.tariffs import SuggestedFee, suggested_fee, tariff_bands_on

__all__ = [
    "NO_COOPERATION",
    "SuggestedFee",
    "agreements_covering",
    "annotate_cooperation_status",
    "cooperation_by_province",
    "cooperation_form",
    "cooperation_members",
    "cooperation_status",
    "cooperation_statuses",
    "municipalities_for_nis",
    "municipalities_on",
    "population_on",
    "suggested_fee",
    "tariff_bands_on",
]
