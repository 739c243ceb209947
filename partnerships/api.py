"""REST endpoints of the partnerships app; every queryset starts from the model's scoping rule."""

from datetime import date

import django_filters
from rest_framework import permissions, serializers, viewsets

from core.api_caching import CachedListMixin
from core.api_writes import VersionedWrites
from partnerships import services
from partnerships.models import Agreement, Municipality, Organisation, Outreach, Province


class ModelPermissionToWrite(permissions.DjangoModelPermissions):
    """Reading is left to the scoped queryset; writing takes the model's add/change/delete
    permission, which Dyzo coordinators have (core/roles.py)."""

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return request.user.is_authenticated
        return super().has_permission(request, view)


class StaffOnly(permissions.BasePermission):
    def has_permission(self, request, view):
        return request.user.is_authenticated and request.user.is_staff


class ProvinceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Province
        fields = ["id", "nis_code", "name_nl", "name_fr"]


class MunicipalitySerializer(serializers.ModelSerializer):
    province = serializers.CharField(source="province.name_nl")

    class Meta:
        model = Municipality
        fields = ["id", "nis_code", "name_nl", "name_fr", "province", "valid_from", "valid_to", "successor"]


class MunicipalityFilter(django_filters.FilterSet):
    on = django_filters.DateFilter(method="existing_on", label="Bestaand op (JJJJ-MM-DD)")
    province = django_filters.CharFilter(field_name="province__name_nl")
    nis_code = django_filters.CharFilter()

    class Meta:
        model = Municipality
        fields = ["on", "province", "nis_code"]

    def existing_on(self, queryset, name, value: date):
        return queryset.existing_on(value)


class ProvinceViewSet(CachedListMixin, viewsets.ReadOnlyModelViewSet):
    """Public reference data."""

    queryset = Province.objects.all()
    serializer_class = ProvinceSerializer
    permission_classes = [permissions.AllowAny]


class MunicipalityViewSet(CachedListMixin, viewsets.ReadOnlyModelViewSet):
    """Public reference data; `?on=YYYY-MM-DD` gives the municipalities of that date."""

    queryset = Municipality.objects.select_related("province").order_by("nis_code", "valid_from")
    serializer_class = MunicipalitySerializer
    permission_classes = [permissions.AllowAny]
    filterset_class = MunicipalityFilter


class OrganisationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "kind", "municipality", "name", "contact_person", "email", "phone", "address", "version"]


class OrganisationViewSet(VersionedWrites, CachedListMixin, viewsets.ModelViewSet):
    serializer_class = OrganisationSerializer
    permission_classes = [ModelPermissionToWrite]
    filterset_fields = ["kind", "municipality"]

    def get_queryset(self):
        return Organisation.objects.visible_to(self.request.user).select_related("municipality")

    def store(self, instance):
        return services.store_organisation(organisation=instance)


# What a partner reads about the agreements that bind it: the terms, as its portal shows them.
PARTNER_AGREEMENT_FIELDS = [
    "id",
    "municipality",
    "party",
    "form",
    "start_date",
    "end_date",
    "signed_on",
    "annual_fee",
    "consultation_schedule",
    "consultation_place",
    "version",  # the ETag's number, required by the documented schema
]


class AgreementSerializer(serializers.ModelSerializer):
    """Staff's view: the terms with Dyzo's internal notes and the bookkeeping fields."""

    class Meta:
        model = Agreement
        fields = [*PARTNER_AGREEMENT_FIELDS, "notes", "is_synthetic"]


class PartnerAgreementSerializer(serializers.ModelSerializer):
    class Meta:
        model = Agreement
        fields = PARTNER_AGREEMENT_FIELDS


class AgreementFilter(django_filters.FilterSet):
    in_force_on = django_filters.DateFilter(method="filter_in_force_on", label="Van kracht op (JJJJ-MM-DD)")
    province = django_filters.CharFilter(field_name="municipality__province__name_nl")

    class Meta:
        model = Agreement
        fields = ["in_force_on", "province", "form", "party"]

    def filter_in_force_on(self, queryset, name, value: date):
        return queryset.in_force_on(value)


class AgreementViewSet(VersionedWrites, CachedListMixin, viewsets.ModelViewSet):
    serializer_class = AgreementSerializer
    permission_classes = [ModelPermissionToWrite]
    filterset_class = AgreementFilter

    def get_queryset(self):
        return Agreement.objects.visible_to(self.request.user).select_related("municipality")

    def get_serializer_class(self):
        """Partners get the agreement without Dyzo's notes; the schema documents staff's view."""
        if getattr(self, "swagger_fake_view", False) or self.request.user.is_staff:
            return AgreementSerializer
        return PartnerAgreementSerializer

    def store(self, instance):
        return services.store_agreement(agreement=instance)


class OutreachSerializer(serializers.ModelSerializer):
    class Meta:
        model = Outreach
        fields = [
            "id",
            "organisation",
            "sent_on",
            "status",
            "status_date",
            "decline_reason",
            "decline_explanation",
            "follow_up_on",
            "notes",
            "version",
        ]


class OutreachViewSet(VersionedWrites, CachedListMixin, viewsets.ModelViewSet):
    queryset = Outreach.objects.select_related("organisation")
    serializer_class = OutreachSerializer
    permission_classes = [StaffOnly, ModelPermissionToWrite]
    filterset_fields = ["status", "organisation"]

    def store(self, instance):
        return services.store_outreach(outreach=instance)
