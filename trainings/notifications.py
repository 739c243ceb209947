"""The e-mails about trainings: a reminder a week before the session, and a place freed for someone on the waiting list.

Registrations hold no address of the participant: the e-mail goes to the colleague who registered them.
"""

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.notifications import Kind, deliver, notify, register, reminder
from partnerships.accounts import is_partner
from trainings.models import Registration

REMIND_DAYS_BEFORE = 7


def _registers_people(user) -> bool:
    return user.is_staff or is_partner(user)


SESSION_REMINDER = register(
    Kind("opleiding_herinnering", _("Een opleiding binnen 7 dagen voor wie ik inschreef"), _registers_people)
)
PROMOTED = register(Kind("wachtlijst_plaats", _("Een plaats voor iemand die ik op de wachtlijst inschreef"), _registers_people))


def _page(user, registration: Registration) -> str:
    if user.is_staff:
        return reverse("admin:trainings_trainingsession_change", args=[registration.session_id])
    return reverse("portal:trainings")


def promoted(registration: Registration) -> None:
    """The person who registered them hears that a freed place went to them."""
    user = registration.registered_by
    if user is None:
        return
    notify(
        PROMOTED,
        recipients=get_user_model().objects.filter(pk=user.pk),
        key=str(registration.pk),
        path=_page(user, registration),
        context={"registrations": [registration], "session": registration.session},
    )


@reminder
def session_reminders(*, today: date) -> int:
    """For each session in the coming 7 days, one e-mail per colleague naming the people they registered."""
    confirmed = (
        Registration.objects.filter(
            status=Registration.Status.CONFIRMED,
            registered_by__isnull=False,
            session__date__range=(today + timedelta(days=1), today + timedelta(days=REMIND_DAYS_BEFORE)),
        )
        .select_related("session", "registered_by")
        .order_by("session__date", "session", "registered_by", "name")
    )
    grouped: dict[tuple, list[Registration]] = {}
    for registration in confirmed:
        grouped.setdefault((registration.session, registration.registered_by), []).append(registration)
    return sum(
        deliver(
            SESSION_REMINDER,
            recipients=get_user_model().objects.filter(pk=user.pk),
            key=f"{session.pk}:{session.date.isoformat()}",
            path=_page(user, registrations[0]),
            context={"registrations": registrations, "session": session},
        )
        for (session, user), registrations in grouped.items()
    )
