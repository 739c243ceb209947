"""REST endpoints for trainings: sessions for every signed-in user, registrations scoped to the organisation."""

import django_filters
from rest_framework import serializers, viewsets

from trainings.models import Registration, TrainingSession


class TrainingSessionSerializer(serializers.ModelSerializer):
    participants = serializers.IntegerField(read_only=True)

    class Meta:
        model = TrainingSession
        fields = ["id", "date", "start_time", "organiser", "organiser_name", "target_group", "location", "modules", "capacity", "language", "registration_deadline", "participants"]


class TrainingSessionFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(field_name="date", lookup_expr="year")

    class Meta:
        model = TrainingSession
        fields = ["year", "organiser", "modules"]


class TrainingSessionViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = TrainingSession.objects.with_participants().order_by("-date", "pk")
    serializer_class = TrainingSessionSerializer
    filterset_class = TrainingSessionFilter


class RegistrationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Registration
        fields = ["id", "session", "name", "function", "organisation", "organisation_name", "status", "attended"]


class RegistrationViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = RegistrationSerializer
    filterset_fields = ["session", "status"]

    def get_queryset(self):
        return Registration.objects.visible_to(self.request.user).order_by("pk")
