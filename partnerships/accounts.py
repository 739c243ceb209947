"""Partner accounts: a partner admin invites colleagues of their organisation and deactivates them.

An invited colleague gets a user without a usable password and a link to set one. The link
carries a token of Django's password-reset kind under its own salt: it expires after
`PASSWORD_RESET_TIMEOUT` and dies once used, because it hashes the password it replaces.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _

from partnerships.models import Membership, Organisation


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "partnerships.accounts.InvitationTokenGenerator"


invitation_tokens = InvitationTokenGenerator()


def is_partner(user) -> bool:
    """Whether `user` gets the partner portal: a member of at least one organisation."""
    return Membership.objects.of_partner(user).exists()


def is_partner_admin(user, organisation: Organisation | None = None) -> bool:
    organisations = Organisation.objects.administered_by(user)
    return (organisations.filter(pk=organisation.pk) if organisation else organisations).exists()


def invitation_path(user) -> str:
    return reverse(
        "portal:accept_invitation",
        kwargs={"uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": invitation_tokens.make_token(user)},
    )


@transaction.atomic
def invite_member(
    *, organisation: Organisation, first_name: str, last_name: str, email: str, role: str, invited_by, site_url: str
) -> Membership:
    """Create the colleague's account and membership and e-mail them the link; all or nothing.

    The e-mail address is what they sign in with. Inviting someone whose invitation is
    still open sends a new link and kills the old one.
    """
    if not is_partner_admin(invited_by, organisation):
        raise PermissionDenied
    email = email.strip().lower()
    user = get_user_model().objects.filter(email__iexact=email).first()
    if user is not None and not _invited_to(user, organisation):
        raise ValidationError(
            _("Er bestaat al een account met dit e-mailadres. Vraag Dyzo om het aan uw organisatie te koppelen.")
        )
    user = user or get_user_model()(email=email)
    user.first_name, user.last_name = first_name.strip(), last_name.strip()
    user.set_unusable_password()
    user.save()
    membership = Membership.objects.update_or_create(user=user, organisation=organisation, defaults={"role": role})[0]
    context = {
        "user": user,
        "organisation": organisation,
        "invited_by": invited_by,
        "link": site_url.rstrip("/") + invitation_path(user),
        "valid_days": settings.PASSWORD_RESET_TIMEOUT // (24 * 3600),
    }
    send_mail(
        subject=_("Uitnodiging voor het Dyzo-portaal van %(organisation)s") % {"organisation": organisation.name},
        message=render_to_string("portal/invitation_email.txt", context),
        from_email=None,
        recipient_list=[email],
    )
    return membership


def _invited_to(user, organisation: Organisation) -> bool:
    """Invited to this organisation and not yet signed up."""
    return not user.has_usable_password() and Organisation.objects.of_partner(user).filter(pk=organisation.pk).exists()


def invited_user(*, uidb64: str, token: str):
    """The active partner user the link was made for, or None when it is unknown, expired or used."""
    try:
        pk = int(urlsafe_base64_decode(uidb64).decode())
        user = get_user_model().objects.filter(pk=pk).first()
    except (ValueError, TypeError, OverflowError):
        return None
    return user if user and is_partner(user) and invitation_tokens.check_token(user, token) else None


@transaction.atomic
def deactivate_member(*, membership: Membership, by) -> None:
    """The colleague can no longer sign in; the membership stays so the organisation sees who it was."""
    if not is_partner_admin(by, membership.organisation):
        raise PermissionDenied
    user = membership.user
    if user == by:
        raise ValidationError(_("U kunt uw eigen account niet deactiveren."))
    if user.is_staff or Organisation.objects.of_partner(user).exclude(pk=membership.organisation_id).exists():
        raise ValidationError(
            _("Deze account hoort ook bij Dyzo of bij een andere organisatie; vraag Dyzo om hem te deactiveren.")
        )
    if not user.is_active:
        raise ValidationError(_("Deze account is al gedeactiveerd."))
    user.is_active = False
    user.save(update_fields=["is_active"])
