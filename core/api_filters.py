"""Filters shared by the REST endpoints."""

import django_filters
from django import forms


class YearFilter(django_filters.NumberFilter):
    """A calendar year of a date field; anything else is a 400 instead of an overflow in the year lookup."""

    field_class = forms.IntegerField

    def __init__(self, *, field_name: str, **kwargs):
        super().__init__(field_name=field_name, lookup_expr="year", min_value=1, max_value=9999, **kwargs)
