"""The training figures parliament asks for (seed 002), each a constant number of queries."""

from datetime import date

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce, ExtractYear

from partnerships.models import Organisation
from trainings.models import Module, TrainingSession


def sessions_of_period(*, start: date, end: date):
    """The sessions between two dates, oldest first, with `participants`."""
    return (
        TrainingSession.objects.filter(date__range=(start, end))
        .with_participants()
        .select_related("organiser")
        .order_by("date", "start_time", "pk")
    )


def period_total(*, start: date, end: date) -> dict:
    """Sessions and participants of a period, summed in the database."""
    totals = (
        sessions_of_period(start=start, end=end)
        .order_by()
        .aggregate(session_count=Count("pk"), participant_count=Sum("participants", default=0))
    )
    return {"sessions": totals["session_count"], "participants": totals["participant_count"]}


def per_year(*, start_year: int, end_year: int) -> list[dict]:
    """Per year: the number of sessions and of participants."""
    rows = (
        TrainingSession.objects.filter(date__year__gte=start_year, date__year__lte=end_year)
        .with_participants()
        .annotate(year=ExtractYear("date"))
        .values("year")
        .annotate(session_count=Count("pk"), participant_count=Sum("participants", default=0))
        .order_by("year")
    )
    return [
        {"year": row["year"], "sessions": row["session_count"], "participants": row["participant_count"]} for row in rows
    ]


def organisers_per_year(*, start_year: int, end_year: int) -> list[dict]:
    """Who hosted sessions each year, with how many: an organisation's name, or the organiser as written."""
    return list(
        TrainingSession.objects.filter(date__year__gte=start_year, date__year__lte=end_year)
        .annotate(year=ExtractYear("date"), organiser_label=Coalesce("organiser__name", "organiser_name"))
        .values("year", "organiser_label")
        .annotate(sessions=Count("pk"))
        .order_by("year", "-sessions", "organiser_label")
    )


def attending_organisations(*, start: date, end: date):
    """Organisations whose staff attended a session of the period, with the number of attendances."""
    attended = Q(training_registrations__attended=True, training_registrations__session__date__range=(start, end))
    return (
        Organisation.objects.annotate(attendances=Count("training_registrations", filter=attended))
        .filter(attendances__gt=0)
        .select_related("municipality")
        .order_by("-attendances", "name")
    )


def module_ranking(*, year: int) -> list[dict]:
    """Seed 002 question 3: modules of a year in order of importance, by sessions and then participants."""
    sessions = TrainingSession.objects.filter(modules=OuterRef("pk"), date__year=year)
    participants = (
        sessions.with_participants()
        .order_by()
        .values("modules")
        .annotate(total=Sum("participants"))
        .values("total")
    )
    ranked = (
        Module.objects.annotate(
            session_count=Count("sessions", filter=Q(sessions__date__year=year)),
            participant_count=Coalesce(Subquery(participants, output_field=IntegerField()), Value(0)),
        )
        .filter(Exists(sessions))
        .order_by("-session_count", "-participant_count", "name")
    )
    return [
        {"name": module.name, "sessions": module.session_count, "participants": module.participant_count}
        for module in ranked
    ]

