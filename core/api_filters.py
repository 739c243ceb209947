"""Filters shared by the REST endpoints and the staff lists."""

from collections.abc import Callable
from typing import Any

import django_filters
from django.db.models import QuerySet

from core.years import YearField


class YearFilter(django_filters.NumberFilter):
    """A calendar year of a date field within the portal's range; anything else is a Dutch error, not an overflow."""

    field_class = YearField

    def __init__(self, *, field_name: str, **kwargs):
        super().__init__(field_name=field_name, lookup_expr="year", **kwargs)


def visible_choices(model: Any) -> Callable[[Any], QuerySet]:
    """The choices of a filter on a foreign key, scoped by the model's `visible_to`.

    A filter whose choices are every row answers "not a valid choice" for an id that does not
    exist and an empty list for another organisation's record: an oracle for what exists.
    Scoped, both get the same answer. Without a request (the schema generator) there are none.
    """

    def choices(request) -> QuerySet:
        return model.objects.none() if request is None else model.objects.visible_to(request.user)

    return choices
