"""The e-mails about trainings: a reminder a week before the session, and a place freed for someone on the waiting list.

Each goes to the participant when the registration gives their address, else to the colleague who registered
them. A participant has no account: no switch applies to them, and their e-mail says who registered them and
that their organisation cancels for them.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import User
from core.notifications import Kind, deliver, deliver_to_address, notify, notify_address, register, reminder
from partnerships.accounts import is_partner
from trainings.models import Registration, TrainingSession

REMIND_DAYS_BEFORE = 7


def _registers_people(user) -> bool:
    return user.is_staff or is_partner(user)


SESSION_REMINDER = register(
    Kind("opleiding_herinnering", _("Een opleiding binnen 7 dagen voor wie ik inschreef"), _registers_people)
)
PROMOTED = register(Kind("wachtlijst_plaats", _("Een plaats voor iemand die ik op de wachtlijst inschreef"), _registers_people))
TO_PARTICIPANT = "_deelnemer"
"""The suffix of the templates written to the participant themselves."""


def _page(user, registration: Registration) -> str:
    if user.is_staff:
        return reverse("admin:trainings_trainingsession_change", args=[registration.session_id])
    return reverse("portal:trainings")


def _one(user):
    return get_user_model().objects.filter(pk=user.pk)


def promoted(registration: Registration) -> None:
    """The participant, or else the colleague who registered them, hears that a freed place went to them."""
    context = {"registrations": [registration], "names": registration.name, "session": registration.session}
    if registration.participant_email:
        template = PROMOTED.code + TO_PARTICIPANT
        notify_address(
            PROMOTED,
            email=registration.participant_email,
            about=registration,
            key=str(registration.pk),
            template=template,
            context=context,
        )
        return
    user = registration.registered_by
    if user is not None:
        notify(
            PROMOTED,
            recipients=_one(user),
            about=registration,
            key=str(registration.pk),
            path=_page(user, registration),
            context=context,
        )


@dataclass
class _Reminder:
    """One session's reminder to one address: to a colleague (`user`) or to a participant's own address."""

    session: TrainingSession
    user: User | None
    email: str
    registrations: list[Registration] = field(default_factory=list)


def _reminders(registrations) -> list[_Reminder]:
    """One reminder per session and address. Those without an address of their own are named to whoever registered
    them; a participant whose address is that of such a colleague is named in that colleague's reminder."""
    reminders: dict[tuple[int, str], _Reminder] = {}
    for registration in sorted(registrations, key=lambda registration: bool(registration.participant_email)):
        email, user = registration.participant_email, registration.registered_by
        address = (email or user.email).casefold() or f"#{user.pk}"  # a colleague without an address is told nothing
        message = reminders.setdefault(
            (registration.session_id, address), _Reminder(registration.session, None if email else user, email)
        )
        message.registrations.append(registration)
    return list(reminders.values())


@reminder
def session_reminders(*, today: date) -> int:
    """For each session in the coming 7 days, one e-mail per address: to each participant with an address, and to
    each colleague naming the people without one whom they registered."""
    confirmed = (
        Registration.objects.filter(
            Q(registered_by__isnull=False) | ~Q(participant_email=""),
            status=Registration.Status.CONFIRMED,
            session__date__range=(today + timedelta(days=1), today + timedelta(days=REMIND_DAYS_BEFORE)),
        )
        .select_related("session", "session__organiser", "registered_by")
        .order_by("session__date", "session", "registered_by", "name")
    )
    sent = 0
    for message in _reminders(confirmed):
        session = message.session
        key = f"{session.pk}:{session.date.isoformat()}"
        names = ", ".join(registration.name for registration in message.registrations)
        context = {"registrations": message.registrations, "names": names, "session": session}
        if message.user is None:
            template = SESSION_REMINDER.code + TO_PARTICIPANT
            sent += deliver_to_address(
                SESSION_REMINDER, email=message.email, about=session, key=key, template=template, context=context
            )
        else:
            path = _page(message.user, message.registrations[0])
            sent += deliver(SESSION_REMINDER, recipients=_one(message.user), about=session, key=key, path=path, context=context)
    return sent
