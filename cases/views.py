"""The public help form, and the staff case pages (every view of a case or report is logged)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases import selectors, services
from cases.filters import CaseFilter
from cases.forms import HelpRequestForm
from cases.models import Case
from core.forms import show_errors
from core.freshness import cached
from core.throttle import allow_address


def help_request(request):
    form = HelpRequestForm(request.POST or None)
    if request.method == "POST":
        if not allow_address(request=request, scope="help-request", limit=settings.HELP_REQUESTS_PER_HOUR):
            return render(request, "cases/help_throttled.html", status=429)
        if form.is_valid():
            try:
                if not form.is_spam:
                    data = form.cleaned_data
                    services.submit_help_request(
                        name=data["name"],
                        email=data["email"],
                        phone=data["phone"],
                        municipality=data["municipality"],
                        description=data["description"],
                        consent=data["consent"],
                    )
            except ValidationError as error:
                show_errors(form, error)
            else:
                return redirect("cases:help_thanks")
    return render(request, "cases/help_request.html", {"form": form})


def help_thanks(request):
    return render(request, "cases/help_thanks.html")


def _visible_cases(request):
    return Case.objects.visible_to(request.user)


@staff_member_required
def case_list(request):
    """Filters and one page of results, cached per user, query and data generations: counting
    tens of thousands of cases for the pager is the cost."""
    content = cached(request, "case-list", request.user.pk, request.GET.urlencode(), compute=lambda: _case_list_content(request))
    return render(request, "cases/case_list.html", {"content": content})


def _case_list_content(request) -> str:
    cases = _visible_cases(request).select_related("entrepreneur", "municipality__province", "case_worker")
    case_filter = CaseFilter(request.GET, queryset=cases)
    page = Paginator(case_filter.qs, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render_to_string(
        "cases/_case_list_content.html", {"filter": case_filter, "page": page, "query": query.urlencode()}, request=request
    )


@staff_member_required
def case_detail(request, case_id: int):
    case = get_object_or_404(
        _visible_cases(request).select_related(
            "entrepreneur", "municipality", "referring_organisation", "case_worker", "approval__organisation"
        ),
        pk=case_id,
    )
    services.log_access(user=request.user, case=case, action="dossier bekeken", path=request.path)
    context = {
        "case": case,
        "transitions": [Case.Status(status) for status in Case.Status if status in services.ALLOWED_TRANSITIONS[case.status]],
        "timeline": selectors.timeline(case, for_staff=True),
    }
    return render(request, "cases/case_detail.html", context)


@staff_member_required
@require_POST
def case_report_generate(request, case_id: int):
    case = get_object_or_404(_visible_cases(request), pk=case_id)
    try:
        report = services.generate_report(case=case, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Rapport versie %(version)s gemaakt.") % {"version": report.version})
    return redirect("cases:detail", case_id=case.pk)


@staff_member_required
def case_report_download(request, case_id: int, version: int):
    case = get_object_or_404(_visible_cases(request), pk=case_id)
    report = get_object_or_404(case.reports, version=version)
    services.log_access(user=request.user, case=case, action=f"rapport v{version} gedownload", path=request.path)
    return FileResponse(
        report.file.open("rb"), as_attachment=True, content_type="application/pdf", filename=f"dossier-{case.pk}-v{version}.pdf"
    )


@staff_member_required
@require_POST
def case_refer_to_local_authority(request, case_id: int):
    case = get_object_or_404(_visible_cases(request), pk=case_id)
    try:
        services.refer_to_local_authority(case=case, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Het dossier is doorgegeven aan het OCMW van %(municipality)s.") % {"municipality": case.municipality}
        )
    return redirect("cases:detail", case_id=case.pk)


@staff_member_required
@require_POST
def case_transition(request, case_id: int):
    case = get_object_or_404(_visible_cases(request), pk=case_id)
    to = request.POST.get("to", "")
    if not to:
        messages.error(request, _("Kies de nieuwe status."))
        return redirect("cases:detail", case_id=case.pk)
    try:
        changed = services.change_status(case=case, to=to, outcome=request.POST.get("outcome", ""), by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De status is nu '%(status)s'.") % {"status": changed.get_status_display()})
    return redirect("cases:detail", case_id=case.pk)
