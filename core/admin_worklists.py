"""The admin list filter behind the staff home's links: the changelist narrowed by the home's own selector."""

from collections.abc import Callable

from django.contrib import admin
from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

WORKLIST_PARAMETER = "vandaag"


class WorklistFilter(admin.SimpleListFilter):
    """Subclasses map a value to (label, selector); the selector narrows the queryset it is given."""

    title = _("vandaag te doen")
    parameter_name = WORKLIST_PARAMETER
    worklists: dict[str, tuple[str | Promise, Callable[..., QuerySet]]] = {}

    def lookups(self, request, model_admin):
        return [(key, label) for key, (label, _selector) in self.worklists.items()]

    def queryset(self, request, queryset):
        if self.value() in self.worklists:
            return self.worklists[self.value()][1](queryset)
        return queryset
