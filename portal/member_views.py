"""Colleagues in the partner portal: admins invite and deactivate them; an invited colleague sets a password."""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.notification_settings import preferences_page
from core.throttle import allow
from partnerships import accounts
from partnerships.models import Membership, Organisation
from portal.forms import InvitationForm
from portal.views import partner_required


def partner_admin_required(view):
    @partner_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not accounts.is_partner_admin(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


@partner_required
def members(request):
    memberships = (
        Membership.objects.visible_to(request.user)
        .select_related("user", "organisation")
        .order_by("organisation__name", "user__last_name", "user__first_name", "user__email")
    )
    managed = set(Membership.objects.managed_by(request.user).values_list("pk", flat=True))
    return render(request, "portal/members.html", {"memberships": memberships, "managed": managed, "is_admin": bool(managed)})


@partner_admin_required
def invite(request):
    organisation = Organisation.objects.administered_by(request.user).first()
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not allow(scope="invitation", keys=[(str(request.user.pk), settings.INVITATIONS_PER_HOUR)]):
            form.add_error(
                None,
                _("U hebt het voorbije uur al %(limit)s collega's uitgenodigd. Probeer het over een uur opnieuw.")
                % {"limit": settings.INVITATIONS_PER_HOUR},
            )
            return render(request, "portal/invite.html", {"form": form, "organisation": organisation}, status=429)
        try:
            accounts.invite_member(
                organisation=organisation, invited_by=request.user, site_url=request.build_absolute_uri("/"), **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error("email", error)
        else:
            messages.success(
                request,
                _("%(email)s krijgt een e-mail met een link om een wachtwoord te kiezen.")
                % {"email": form.cleaned_data["email"]},
            )
            return redirect("portal:members")
    return render(request, "portal/invite.html", {"form": form, "organisation": organisation})


@partner_admin_required
@require_POST
def deactivate(request, membership_id: int):
    membership = get_object_or_404(
        Membership.objects.managed_by(request.user).select_related("user", "organisation"), pk=membership_id
    )
    try:
        accounts.deactivate_member(membership=membership, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        name = membership.user.get_full_name() or membership.user.get_username()
        messages.success(request, _("%(name)s is gedeactiveerd en kan niet meer aanmelden.") % {"name": name})
    return redirect("portal:members")


def accept_invitation(request, uidb64: str, token: str):
    """The invitation link: choose a password, then you are signed in; afterwards the link is dead."""
    user = accounts.invited_user(uidb64=uidb64, token=token)
    form = SetPasswordForm(user, request.POST or None) if user else None
    if form is not None and request.method == "POST" and form.is_valid():
        form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welkom! Uw wachtwoord is ingesteld."))
        return redirect("portal:dashboard")
    return render(request, "portal/accept_invitation.html", {"form": form})


@partner_required
def notification_settings(request):
    """The partner's "Meldingen": the same choices as under /account/, within the portal."""
    return preferences_page(request, template="portal/notifications.html")
