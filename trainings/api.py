"""REST endpoints for trainings: sessions for every signed-in user, registrations scoped to the organisation."""

import django_filters
from django.db import models
from django.db.models import Exists, OuterRef, QuerySet
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets

from core.api_caching import CachedListMixin
from core.api_filters import YearFilter
from partnerships.models import Organisation
from trainings.models import Registration, TrainingSession


@extend_schema_field({"type": "string", "pattern": r"^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$", "example": "13:30:00"})
class LocalTimeField(serializers.TimeField):
    """A wall-clock time in Belgium ("13:30:00"); OpenAPI's `format: time` would demand a UTC offset."""


class TrainingSessionSerializer(serializers.ModelSerializer):
    serializer_field_mapping = {**serializers.ModelSerializer.serializer_field_mapping, models.TimeField: LocalTimeField}
    participants = serializers.IntegerField(read_only=True)

    class Meta:
        model = TrainingSession
        fields = [
            "id",
            "date",
            "start_time",
            "organiser",
            "organiser_name",
            "target_group",
            "location",
            "modules",
            "capacity",
            "language",
            "registration_deadline",
            "participants",
        ]


def organiser_choices(request) -> QuerySet:
    """The organisations a user may filter sessions on: the organisers of sessions, which every
    signed-in user sees, and the organisations `visible_to` them; any other id is "not a valid
    choice", whether it exists or not."""
    if request is None:
        return Organisation.objects.none()
    organises = Exists(TrainingSession.objects.filter(organiser=OuterRef("pk")))
    return Organisation.objects.filter(organises) | Organisation.objects.visible_to(request.user)


class TrainingSessionFilter(django_filters.FilterSet):
    year = YearFilter(field_name="date")
    organiser = django_filters.ModelChoiceFilter(queryset=organiser_choices)

    class Meta:
        model = TrainingSession
        fields = ["year", "organiser", "modules"]


class TrainingSessionViewSet(CachedListMixin, viewsets.ReadOnlyModelViewSet):
    queryset = TrainingSession.objects.with_participants().prefetch_related("modules").order_by("-date", "pk")
    serializer_class = TrainingSessionSerializer
    filterset_class = TrainingSessionFilter


class RegistrationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Registration
        fields = [
            "id",
            "session",
            "name",
            "function",
            "participant_email",
            "organisation",
            "organisation_name",
            "status",
            "attended",
        ]


class RegistrationViewSet(CachedListMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = RegistrationSerializer
    filterset_fields = ["session", "status"]

    def get_queryset(self):
        return Registration.objects.visible_to(self.request.user).order_by("pk")
