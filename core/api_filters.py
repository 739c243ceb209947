"""Filters shared by the REST endpoints and the staff lists."""

import django_filters

from core.years import YearField


class YearFilter(django_filters.NumberFilter):
    """A calendar year of a date field within the portal's range; anything else is a Dutch error, not an overflow."""

    field_class = YearField

    def __init__(self, *, field_name: str, **kwargs):
        super().__init__(field_name=field_name, lookup_expr="year", **kwargs)
