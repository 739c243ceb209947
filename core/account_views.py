"""A person's own account pages: API tokens, backup codes for the second step, and the
password-reset form with its rate limits."""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core import api_tokens, backup_codes
from core.security import requires_two_factor
from core.throttle import address_key, allow


def second_step_passed(view):
    """Only for a person signed in with both steps, where their rules ask for two (`requires_two_factor`);
    the two-factor middleware sends them there already, this says so where secrets are made."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if requires_two_factor(request.user) and not request.user.is_verified():
            return redirect_to_login(request.get_full_path(), login_url=reverse("two_factor"))
        return view(request, *args, **kwargs)

    return wrapper


@never_cache
@second_step_passed
def api_tokens_page(request):
    """The owner's API tokens; a new one is shown once, on the answer to the post that made it."""
    new_token = None
    if request.method == "POST":
        if api_tokens.tokens_of(request.user).count() >= settings.API_TOKENS_PER_USER:
            messages.error(
                request,
                _("U hebt al %(limit)s geldige API-sleutels. Trek er eerst een in.") % {"limit": settings.API_TOKENS_PER_USER},
            )
        else:
            _instance, new_token = api_tokens.issue_token(user=request.user)
    context = {"tokens": api_tokens.tokens_of(request.user), "new_token": new_token, "days": settings.API_TOKEN_DAYS}
    return render(request, "registration/api_tokens.html", context)


@second_step_passed
@require_POST
def revoke_api_token(request):
    if api_tokens.revoke_token(user=request.user, digest=request.POST.get("digest", "")):
        messages.success(request, _("De API-sleutel is ingetrokken."))
    else:
        messages.error(request, _("Deze API-sleutel bestaat niet (meer)."))
    return redirect("api_tokens")


@never_cache
@login_required
def backup_codes_page(request):
    """Only after the second step itself: backup codes stand in for the app, so only its owner makes them."""
    if not request.user.is_verified():
        return redirect_to_login(request.get_full_path(), login_url=reverse("two_factor"))
    codes = backup_codes.make_backup_codes(user=request.user) if request.method == "POST" else None
    context = {"codes": codes, "left": backup_codes.codes_left(request.user)}
    return render(request, "registration/backup_codes.html", context)


class PasswordResetView(auth_views.PasswordResetView):
    """Django's form, with at most PASSWORD_RESETS_PER_ADDRESS requests an hour from one client address
    and PASSWORD_RESETS_PER_EMAIL for one e-mail address (known or not: the answer must not tell)."""

    def form_valid(self, form):
        keys = [
            (address_key(self.request), settings.PASSWORD_RESETS_PER_ADDRESS),
            (form.cleaned_data["email"].strip().lower(), settings.PASSWORD_RESETS_PER_EMAIL),
        ]
        if not allow(scope="password-reset", keys=keys):
            return render(self.request, "registration/password_reset_throttled.html", status=429)
        return super().form_valid(form)
