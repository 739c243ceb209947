"""List filters of the partnerships admin that Django does not ship."""

import datetime

from django.contrib import admin
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from partnerships.models import Agreement, Population
from partnerships.selectors import NO_COOPERATION, annotate_cooperation_status

PERIODS = {
    "2016-2018": (_("2016–2018 (308 gemeenten)"), datetime.date(2018, 12, 31)),
    "2019-2024": (_("2019–2024 (300 gemeenten)"), datetime.date(2024, 12, 31)),
    "2025": (_("vanaf 2025 (285 gemeenten)"), datetime.date(2025, 1, 1)),
}

POPULATION_BANDS = {
    "0-10000": (_("tot 10.000 inwoners"), 0, 10_000),
    "10001-20000": (_("10.001 – 20.000 inwoners"), 10_001, 20_000),
    "20001-50000": (_("20.001 – 50.000 inwoners"), 20_001, 50_000),
    "50001-100000": (_("50.001 – 100.000 inwoners"), 50_001, 100_000),
    "100001-": (_("meer dan 100.000 inwoners"), 100_001, None),
}


def parse_iso_date(value: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


class PeriodFilter(admin.SimpleListFilter):
    title = _("periode")
    parameter_name = "periode"

    def lookups(self, request, model_admin):
        return [(key, label) for key, (label, _day) in PERIODS.items()]

    def queryset(self, request, queryset):
        if self.value() in PERIODS:
            return queryset.existing_on(PERIODS[self.value()][1])
        return queryset


def latest_population():
    return Subquery(Population.objects.filter(municipality=OuterRef("pk")).order_by("-year").values("inhabitants")[:1])


class PopulationBandFilter(admin.SimpleListFilter):
    """Bands on the latest known population."""

    title = _("bevolking")
    parameter_name = "bevolking"

    def lookups(self, request, model_admin):
        return [(key, label) for key, (label, _low, _high) in POPULATION_BANDS.items()]

    def queryset(self, request, queryset):
        if self.value() not in POPULATION_BANDS:
            return queryset
        _label, low, high = POPULATION_BANDS[self.value()]
        queryset = queryset.annotate(latest_inhabitants=latest_population()).filter(latest_inhabitants__gte=low)
        return queryset if high is None else queryset.filter(latest_inhabitants__lte=high)


class CurrentStatusFilter(admin.SimpleListFilter):
    """The cooperation status today, by the one status rule."""

    title = _("samenwerking vandaag")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [*Agreement.Form.choices, (NO_COOPERATION, _("Geen samenwerking"))]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        today = timezone.localdate()
        annotated = annotate_cooperation_status(queryset.existing_on(today), on=today)
        return annotated.filter(status_form=self.value())


class InForceOnFilter(admin.SimpleListFilter):
    """Agreements in force on a date the user types (or a year end picked from the list)."""

    title = _("van kracht op")
    parameter_name = "van_kracht_op"
    template = "admin/partnerships/date_filter.html"

    def lookups(self, request, model_admin):
        today = timezone.localdate()
        year_ends = [datetime.date(year, 12, 31) for year in range(today.year - 1, 2015, -1)]
        return [(today.isoformat(), _("vandaag"))] + [
            (day.isoformat(), date_format(day, "SHORT_DATE_FORMAT")) for day in year_ends
        ]

    def queryset(self, request, queryset):
        day = parse_iso_date(self.value())
        return queryset.in_force_on(day) if day else queryset
