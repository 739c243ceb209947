"""REST endpoints for cases: read-only and scoped by `Case.objects.visible_to`; no personal notes leave here."""

import django_filters
from rest_framework import serializers, viewsets

from cases.models import Activity, Case, Referral
from core.api_caching import CachedListMixin
from core.api_filters import YearFilter, visible_choices


class CaseSerializer(serializers.ModelSerializer):
    class Meta:
        model = Case
        fields = [
            "id",
            "municipality",
            "opened_on",
            "channel",
            "referring_organisation",
            "phase",
            "status",
            "outcome",
            "closed_on",
            "funding_basis",
        ]


class CaseFilter(django_filters.FilterSet):
    year = YearFilter(field_name="opened_on")
    province = django_filters.CharFilter(field_name="municipality__province__name_nl")

    class Meta:
        model = Case
        fields = ["status", "phase", "year", "province"]


class CaseViewSet(CachedListMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = CaseSerializer
    filterset_class = CaseFilter

    def get_queryset(self):
        return Case.objects.visible_to(self.request.user).order_by("-opened_on", "-pk")


class ActivitySerializer(serializers.ModelSerializer):
    class Meta:
        model = Activity
        fields = ["id", "case", "kind", "date"]


class ActivityFilter(django_filters.FilterSet):
    case = django_filters.ModelChoiceFilter(queryset=visible_choices(Case))

    class Meta:
        model = Activity
        fields = ["case", "kind"]


class ActivityViewSet(CachedListMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = ActivitySerializer
    filterset_class = ActivityFilter

    def get_queryset(self):
        return Activity.objects.filter(case__in=Case.objects.visible_to(self.request.user))


class ReferralSerializer(serializers.ModelSerializer):
    class Meta:
        model = Referral
        fields = ["id", "case", "referred_on", "ocmw", "outcome"]


class ReferralFilter(django_filters.FilterSet):
    case = django_filters.ModelChoiceFilter(queryset=visible_choices(Case))

    class Meta:
        model = Referral
        fields = ["case", "outcome"]


class ReferralViewSet(CachedListMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = ReferralSerializer
    filterset_class = ReferralFilter

    def get_queryset(self):
        return Referral.objects.filter(case__in=Case.objects.visible_to(self.request.user))
