"""The training figures parliament asks for (seed 002), each a constant number of queries; the partner's trainings."""

from datetime import date, timedelta

from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone

from trainings.models import Registration, TrainingSession

UPCOMING_DAYS = 30


def sessions_of_period(*, start: date, end: date):
    """The sessions between two dates, oldest first, with `participants`."""
    return (
        TrainingSession.objects.filter(date__range=(start, end))
        .with_participants()
        .select_related("organiser")
        .order_by("date", "start_time", "pk")
    )


def session_rows_of_period(*, start: date, end: date) -> list[dict]:
    """The sessions of a period as plain rows: date, organiser_label, target_group, participants.

    Rows rather than model instances, because a ten-year period holds thousands of sessions;
    organiser_label follows TrainingSession.organiser_label (the organisation, else the typed name).
    """
    return list(
        sessions_of_period(start=start, end=end).values(
            "date", "target_group", "participants", organiser_label=Coalesce("organiser__name", "organiser_name")
        )
    )


def period_total(*, start: date, end: date) -> dict:
    """Sessions and participants of a period, summed in the database."""
    totals = (
        sessions_of_period(start=start, end=end)
        .order_by()
        .aggregate(session_count=Count("pk"), participant_count=Sum("participants", default=0))
    )
    return {"sessions": totals["session_count"], "participants": totals["participant_count"]}


def module_ranking(*, year: int) -> list[dict]:
    """Seed 002 question 3: modules of a year in order of importance, by sessions and then participants."""
    return [
        {key: row[key] for key in ("name", "sessions", "participants")}
        for row in module_ranking_per_year(start_year=year, end_year=year)
    ]


def modules_covered(*, start_year: int, end_year: int):
    """The (session, module) pairs of the sessions of a range of years, with `year` and `name` (the module's):
    what the module ranking counts, and the sessions behind each of its rows."""
    return TrainingSession.modules.through.objects.filter(
        trainingsession__date__year__gte=start_year, trainingsession__date__year__lte=end_year
    ).annotate(year=ExtractYear("trainingsession__date"), name=F("module__name"))


def module_ranking_per_year(*, start_year: int, end_year: int) -> list[dict]:
    """The module ranking of every year of a range, in one query: year, rank, name, sessions, participants."""
    participants = TrainingSession.objects.filter(pk=OuterRef("trainingsession")).with_participants().values("participants")
    rows = (
        modules_covered(start_year=start_year, end_year=end_year)
        .annotate(session_participants=Subquery(participants, output_field=IntegerField()))
        .values("year", "name")
        .annotate(session_count=Count("trainingsession"), participant_count=Sum("session_participants", default=0))
        .order_by("year", "-session_count", "-participant_count", "name")
    )
    ranked, rank, current_year = [], 0, None
    for row in rows:
        rank = rank + 1 if row["year"] == current_year else 1
        current_year = row["year"]
        ranked.append(
            {
                "year": row["year"],
                "rank": rank,
                "name": row["name"],
                "sessions": row["session_count"],
                "participants": row["participant_count"],
            }
        )
    return ranked


def open_sessions(*, today: date, for_organisations=None):
    """Upcoming sessions still taking registrations, soonest first, with `free_places` (None: no limit);
    with `for_organisations`, only the sessions those organisations may register for."""
    sessions = TrainingSession.objects.all() if for_organisations is None else TrainingSession.objects.open_to(for_organisations)
    return (
        sessions.filter(date__gte=today)
        .filter(Q(registration_deadline__isnull=True) | Q(registration_deadline__gte=today))
        .annotate(
            free_places=F("capacity") - Count("registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED))
        )
        .select_related("organiser")
        .prefetch_related("modules")
        .order_by("date", "start_time", "pk")
    )


def upcoming_registrations(*, user, today: date):
    """The registrations of the user's organisations for sessions still to come, cancelled ones left out."""
    return (
        Registration.objects.visible_to(user)
        .filter(session__date__gte=today)
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("session")
        .order_by("session__date", "session__start_time", "registered_at", "pk")
    )


def attendance_history(*, user, today: date):
    """Confirmed registrations of the user's organisations for past sessions, newest session first."""
    return (
        Registration.objects.visible_to(user)
        .filter(session__date__lt=today, status=Registration.Status.CONFIRMED)
        .select_related("session")
        .order_by("-session__date", "session__pk", "name")
    )


def open_or_waiting(sessions=None, *, today: date | None = None):
    """Sessions in the next 30 days with places left (of a set capacity) or people on the waiting list.

    A session without a capacity has no places to fill, so only its waiting list brings it here.
    """
    today = today or timezone.localdate()
    sessions = TrainingSession.objects.all() if sessions is None else sessions

    def registrations(status: str):
        counted = Registration.objects.filter(session=OuterRef("pk"), status=status).values("session").annotate(n=Count("pk"))
        return Coalesce(Subquery(counted.values("n"), output_field=IntegerField()), 0)

    return (
        sessions.filter(date__range=(today, today + timedelta(days=UPCOMING_DAYS)))
        .annotate(confirmed=registrations(Registration.Status.CONFIRMED), waiting=registrations(Registration.Status.WAITING))
        .filter(Q(capacity__gt=F("confirmed")) | Q(waiting__gt=0))
    )
