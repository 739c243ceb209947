"""The staff search page, in the admin's look (the box sits in the admin's header)."""

from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.shortcuts import render
from django.utils.translation import gettext as _

from reports.search import MIN_LENGTH, staff_search

TERM_MAX_LENGTH = 200


@staff_member_required
def search_page(request):
    term = request.GET.get("q", "").strip()[:TERM_MAX_LENGTH]
    context = {
        **admin.site.each_context(request),
        "title": _("Zoeken"),
        "term": term,
        "groups": staff_search(user=request.user, term=term),
        "too_short": 0 < len(term) < MIN_LENGTH,
    }
    return render(request, "admin/staff_search.html", context)
