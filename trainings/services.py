"""Registration rules: capacity with a waiting list, the deadline, no duplicates, partners register their own staff,
and only for a session open to their organisation (one with invited organisations is for those alone)."""

from datetime import date

from django.contrib.auth.base_user import BaseUserManager
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partnerships.models import Organisation
from trainings import notifications
from trainings.models import Registration, TrainingSession


def _locked(session: TrainingSession) -> TrainingSession:
    """Lock the session row so that concurrent registrations cannot both take the last place."""
    return TrainingSession.objects.select_for_update().get(pk=session.pk)


def _may_register_for(user, organisation: Organisation | None) -> bool:
    if user.is_staff:
        return True
    return organisation is not None and Organisation.objects.of_partner(user).filter(pk=organisation.pk).exists()


def _open_to(session: TrainingSession, organisation: Organisation) -> bool:
    return TrainingSession.objects.filter(pk=session.pk).open_to([organisation]).exists()


def participant_address(email: str) -> str:
    """The participant's address as stored (trimmed, the domain in lower case); a malformed one is refused."""
    email = email.strip()
    if not email:
        return ""
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(_("'%(email)s' is geen geldig e-mailadres voor de deelnemer.") % {"email": email[:100]}) from None
    if len(email) > 254:  # the field's length, the longest address mail servers accept
        raise ValidationError(_("Het e-mailadres van de deelnemer is te lang."))
    return BaseUserManager.normalize_email(email)


def check_registration(
    *,
    session: TrainingSession,
    name: str,
    organisation: Organisation | None,
    organisation_name: str,
    registered_by,
    participant_email: str = "",
    today: date | None = None,
) -> str:
    """The rules a new registration must meet; returns the organisation's name as it will be stored."""
    today = today or timezone.localdate()
    participant_address(participant_email)
    if not _may_register_for(registered_by, organisation):
        raise ValidationError(_("U kunt alleen collega's van uw eigen organisatie inschrijven."))
    if organisation is not None and not registered_by.is_staff and not _open_to(session, organisation):
        raise ValidationError(
            _("Deze sessie is alleen voor uitgenodigde organisaties, en %(organisation)s is niet uitgenodigd.")
            % {"organisation": organisation.name}
        )
    if session.date < today or (session.registration_deadline and today > session.registration_deadline):
        raise ValidationError(_("De inschrijvingen voor deze sessie zijn afgesloten."))
    if not name.strip():
        raise ValidationError(_("Geef de naam van de deelnemer op."))
    organisation_name = organisation.name if organisation else organisation_name.strip()
    if not organisation_name:
        raise ValidationError(_("Geef de organisatie van de deelnemer op."))
    active = session.registrations.exclude(status=Registration.Status.CANCELLED)
    if active.filter(normalised_name=Registration.normalise(name), organisation_name=organisation_name).exists():
        raise ValidationError(_("%(name)s is al ingeschreven voor deze sessie.") % {"name": name.strip()})
    return organisation_name


@transaction.atomic
def register(
    *,
    session: TrainingSession,
    name: str,
    function: str = "",
    organisation: Organisation | None = None,
    organisation_name: str = "",
    participant_email: str = "",
    registered_by,
    today: date | None = None,
) -> Registration:
    """Register a person; when the session is full they go on the waiting list. With the participant's
    address, the reminder and a freed place are e-mailed to them rather than to whoever registered them."""
    session = _locked(session)
    organisation_name = check_registration(
        session=session,
        name=name,
        organisation=organisation,
        organisation_name=organisation_name,
        registered_by=registered_by,
        participant_email=participant_email,
        today=today,
    )
    active = session.registrations.exclude(status=Registration.Status.CANCELLED)
    full = session.capacity is not None and active.filter(status=Registration.Status.CONFIRMED).count() >= session.capacity
    return Registration.objects.create(
        session=session,
        name=name.strip(),
        normalised_name=Registration.normalise(name),
        function=function.strip(),
        participant_email=participant_address(participant_email),
        organisation=organisation,
        organisation_name=organisation_name,
        status=Registration.Status.WAITING if full else Registration.Status.CONFIRMED,
        registered_by=registered_by,
    )


@transaction.atomic
def cancel_registration(*, registration: Registration, by, today: date | None = None) -> Registration | None:
    """Cancel; a freed place goes to the first person on the waiting list, who is returned (and e-mailed,
    or their registering colleague when no address of theirs is known).

    Partners cancel only before the session; staff may correct the records afterwards.
    """
    session = _locked(registration.session)
    registration = session.registrations.get(pk=registration.pk)
    if not _may_register_for(by, registration.organisation):
        raise ValidationError(_("U kunt alleen inschrijvingen van uw eigen organisatie annuleren."))
    if not by.is_staff and session.date < (today or timezone.localdate()):
        raise ValidationError(_("Een inschrijving voor een voorbije sessie kan niet meer geannuleerd worden."))
    if registration.status == Registration.Status.CANCELLED:
        raise ValidationError(_("Deze inschrijving is al geannuleerd."))
    freed_a_place = registration.status == Registration.Status.CONFIRMED
    registration.status = Registration.Status.CANCELLED
    registration.save(update_fields=["status"])
    if not freed_a_place:
        return None
    promoted = session.registrations.filter(status=Registration.Status.WAITING).order_by("registered_at", "pk").first()
    if promoted:
        promoted.status = Registration.Status.CONFIRMED
        promoted.save(update_fields=["status"])
        notifications.promoted(promoted)
    return promoted


@transaction.atomic
def mark_attendance(*, session: TrainingSession, attended_ids: set[int], by, today: date | None = None) -> int:
    """After the session, staff mark who came: the confirmed registrations in `attended_ids` attended, the others not."""
    if not by.is_staff:
        raise ValidationError(_("Alleen Dyzo-medewerkers registreren de aanwezigheid."))
    if session.date > (today or timezone.localdate()):
        raise ValidationError(_("De aanwezigheid kan pas na de sessie geregistreerd worden."))
    confirmed = session.registrations.filter(status=Registration.Status.CONFIRMED)
    unknown = set(attended_ids) - set(confirmed.values_list("pk", flat=True))
    if unknown:
        raise ValidationError(_("Alleen bevestigde inschrijvingen van deze sessie kunnen aanwezig zijn."))
    for registration in confirmed:
        registration.attended = registration.pk in attended_ids
        registration.save(update_fields=["attended"])
    return len(attended_ids)
