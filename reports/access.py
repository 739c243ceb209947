"""Who may see reports: Dyzo staff and policy staff. Written once, used by every report view."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from core.freshness import USER_APPS, cached
from core.roles import can_view_reports


def reports_access(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not cached(
            request, "can-view-reports", request.user.pk, apps=USER_APPS, compute=lambda: can_view_reports(request.user)
        ):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
