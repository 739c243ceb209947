"""The front door: each role lands on its own pages."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect

from core.roles import can_view_reports


def home(request):
    if not request.user.is_authenticated:
        return redirect("login")
    if request.user.is_staff:
        return redirect("admin:index")
    if request.user.memberships.exists():
        return redirect("portal:dashboard")
    if can_view_reports(request.user):
        return redirect("reports:index")
    raise PermissionDenied
