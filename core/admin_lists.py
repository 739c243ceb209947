"""Admin changelists that stay fast on large tables: the same few queries whatever the filter or the
number of rows, and no per-row template rendering.

- `EstimatedCountPaginator`: an unfiltered list of a large PostgreSQL table takes the planner's row
  estimate (`pg_class.reltuples`, kept by ANALYZE and autovacuum) instead of a COUNT(*) that reads
  every row; a filtered or small list is counted exactly.
- `LargeTableAdmin`: that paginator, no second COUNT for "N in total", the action checkbox written
  directly instead of through a form widget's template (100 rows, 100 template renders), and a
  date hierarchy whose years come from the first and last date instead of a DISTINCT over the table.
"""

from datetime import date, datetime
from typing import ClassVar

from django.contrib.admin import helpers
from django.contrib.admin.views.main import ChangeList
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import Max, Min, QuerySet
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext as _

ESTIMATE_FROM_ROWS = 10_000


class EstimatedCountPaginator(Paginator):
    @cached_property
    def count(self) -> int:
        queryset = self.object_list
        if isinstance(queryset, QuerySet) and not queryset.query.where and not queryset.query.distinct:
            estimate = planner_row_estimate(queryset)
            if estimate is not None and estimate >= ESTIMATE_FROM_ROWS:
                return estimate
        return super().count


def planner_row_estimate(queryset: QuerySet) -> int | None:
    """PostgreSQL's estimate of the rows of the queryset's table; None elsewhere or before the first ANALYZE."""
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass", [queryset.model._meta.db_table])
        row = cursor.fetchone()
    return row[0] if row and row[0] >= 0 else None


class SpanYearsQuerySet(QuerySet):
    """The date hierarchy's years as every year from the first date to the last: an index finds those two,
    where Django's DISTINCT over the truncated dates reads the whole table. A year without records
    shows an empty list."""

    def dates(self, field_name, kind, order="ASC"):
        if kind != "year":
            return super().dates(field_name, kind, order)
        return self._span_years(field_name, order, lambda year: date(year, 1, 1))

    def datetimes(self, field_name, kind, order="ASC", tzinfo=None):
        if kind != "year":
            return super().datetimes(field_name, kind, order, tzinfo)
        return self._span_years(field_name, order, lambda year: datetime(year, 1, 1, tzinfo=tzinfo))

    def _span_years(self, field_name, order, make):
        span = self.aggregate(first=Min(field_name), last=Max(field_name))
        if span["first"] is None:
            return []
        first, last = (_local(day) for day in (span["first"], span["last"]))
        years = range(first.year, last.year + 1)
        return [make(year) for year in (reversed(years) if order == "DESC" else years)]


def _local(day: date) -> date:
    return timezone.localtime(day) if isinstance(day, datetime) and timezone.is_aware(day) else day


_SPAN_YEARS_CLASSES: dict[type, type] = {}


def with_span_years(queryset: QuerySet) -> QuerySet:
    """The queryset, as its own class with SpanYearsQuerySet's `dates` (chained querysets keep the class)."""
    base = type(queryset)
    if base not in _SPAN_YEARS_CLASSES:
        _SPAN_YEARS_CLASSES[base] = type(f"SpanYears{base.__name__}", (SpanYearsQuerySet, base), {})
    clone = queryset.all()
    clone.__class__ = _SPAN_YEARS_CLASSES[base]
    return clone


class FastChangeList(ChangeList):
    def get_queryset(self, request, exclude_parameters=None):
        queryset = super().get_queryset(request, exclude_parameters)
        return with_span_years(queryset) if self.date_hierarchy else queryset


class LargeTableAdmin:
    """A ModelAdmin mixin for the changelists of large tables."""

    paginator: ClassVar[type] = EstimatedCountPaginator
    show_full_result_count = False

    def get_changelist(self, request, **kwargs):
        return FastChangeList

    def action_checkbox(self, obj):
        label = format_html(_("Select this object for an action - {}"), obj)
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            helpers.ACTION_CHECKBOX_NAME,
            obj.pk,
            label,
        )
