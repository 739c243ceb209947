"""The portal's own middleware: language choice, idle sessions and two-factor sign-in."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse
from django.utils import translation
from django.utils.translation import check_for_language
from django.utils.translation import gettext as _

from core.freshness import USER_APPS, cached
from core.security import requires_two_factor

LAST_SEEN_KEY = "last_seen"


class ChosenLanguageMiddleware:
    """Dutch for everyone unless they chose English: the browser's Accept-Language is not asked."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen and check_for_language(chosen) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class IdleSessionMiddleware:
    """Sign a person out after SESSION_IDLE_SECONDS without a request.

    The last-seen time is rewritten at most once a minute, so ordinary page views do
    not each cost a session write; the cookie's age follows the same idle time.
    """

    REFRESH_SECONDS = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN_KEY, now)
            if now - last_seen > settings.SESSION_IDLE_SECONDS:
                logout(request)
                messages.info(request, _("Uw sessie is verlopen omdat u een tijd niet actief was. Meld u opnieuw aan."))
                return redirect_to_login(request.get_full_path())
            if LAST_SEEN_KEY not in request.session or now - last_seen >= self.REFRESH_SECONDS:
                request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)


class TwoFactorMiddleware:
    """Send a signed-in person who must use two-factor sign-in to that step first.

    Staff and superusers always, partners once they set it up. Only the pages that
    belong to the step itself, signing out and the language choice stay reachable.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not user.is_verified() and self.requires_two_factor(request):
            step = reverse("two_factor")
            if request.path not in (step, reverse("logout"), reverse("set_language")):
                return redirect_to_login(request.get_full_path(), login_url=step)
        return self.get_response(request)

    @staticmethod
    def requires_two_factor(request) -> bool:
        """Asked on every request of an unverified user, so the answer is cached until a user or device changes."""
        return cached(
            request,
            "requires-two-factor",
            request.user.pk,
            apps=USER_APPS | {"otp_totp"},
            compute=lambda: requires_two_factor(request.user),
        )
