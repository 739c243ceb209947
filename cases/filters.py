import django_filters
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cases.kbo import kbo_search_term
from cases.models import Case
from core.api_filters import YearFilter
from partnerships.models import Province


class CaseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Zoeken"), method="search")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Case.Status.choices)
    phase = django_filters.ChoiceFilter(label=_("Fase"), choices=Case.Phase.choices)
    channel = django_filters.ChoiceFilter(label=_("Aanmelder"), choices=Case.Channel.choices)
    province = django_filters.ModelChoiceFilter(
        label=_("Provincie"), field_name="municipality__province", queryset=Province.objects.all()
    )
    municipality = django_filters.CharFilter(label=_("Gemeente"), method="by_municipality")
    case_worker = django_filters.ModelChoiceFilter(
        label=_("Dossierbeheerder"), queryset=get_user_model().objects.filter(is_staff=True)
    )
    year = YearFilter(label=_("Jaar"), field_name="opened_on")

    class Meta:
        model = Case
        fields: list[str] = []

    def search(self, queryset, name, value):
        filters = Q(entrepreneur__name__icontains=value) | Q(entrepreneur__enterprise_number__icontains=kbo_search_term(value))
        if value.isdigit():
            filters |= Q(pk=int(value))
        return queryset.filter(filters)

    def by_municipality(self, queryset, name, value):
        return queryset.filter(Q(municipality__name_nl__icontains=value) | Q(municipality__nis_code=value))
