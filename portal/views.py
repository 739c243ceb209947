"""The front door (`home`), and the partner portal: OCMW and gemeente staff see and do what
concerns their own organisation.

Every page starts from a scoped queryset (`visible_to`), so another organisation's
record is a 404, never data.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import services as case_services
from cases.models import Case
from core.forms import show_errors
from core.freshness import cached
from core.pdf import pdf_response, render_pdf
from core.roles import can_view_reports
from partnerships.accounts import is_partner
from partnerships.models import Agreement, ConsultationDay, Organisation
from partnerships.selectors import NO_COOPERATION, cooperation_form
from portal.forms import ApprovalForm, ReferralForm, SummaryYearForm
from portal.selectors import organisation_year
from trainings import selectors as training_selectors


def home(request):
    """The front door: each role lands on its own pages."""
    if not request.user.is_authenticated:
        return redirect("login")
    if request.user.is_staff:
        return redirect("admin:index")
    if is_partner(request.user):
        return redirect("portal:dashboard")
    if can_view_reports(request.user):
        return redirect("reports:index")
    raise PermissionDenied


def partner_organisations(user):
    return Organisation.objects.of_partner(user).select_related("municipality", "dyzo_contact")


def partner_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not cached(
            request,
            "partner",
            request.user.pk,
            apps={"partnerships", "core"},
            compute=lambda: is_partner(request.user),
        ):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _pending_approvals(user):
    """Per-case cases in the partner's municipalities that wait for the local authority's decision."""
    return (
        Case.objects.visible_to(user)
        .filter(funding_basis=Case.FundingBasis.PER_CASE, approval__isnull=True)
        .filter(municipality__in=partner_organisations(user).values("municipality"))
        .exclude(status=Case.Status.CLOSED)
    )


def _status_label(form: str) -> str:
    return _("geen overeenkomst") if form == NO_COOPERATION else str(Agreement.Form(form).label)


@partner_required
def dashboard(request):
    """The partner's overview. Its content is cached per user and data generations: it is the
    page partners open most, and it reads a dozen tables."""
    today = timezone.localdate()
    content = cached(request, "partner-dashboard", request.user.pk, compute=lambda: _dashboard_content(request, today))
    return render(request, "portal/dashboard.html", {"content": content})


def _dashboard_content(request, today) -> str:
    organisations = list(partner_organisations(request.user))
    statuses = [
        (organisation, _status_label(cooperation_form(municipality=organisation.municipality, on=today)))
        for organisation in organisations
        if organisation.municipality.exists_on(today)
    ]
    agreements = Agreement.objects.visible_to(request.user).in_force_on(today).select_related("municipality")
    consultation_days = (
        ConsultationDay.objects.visible_to(request.user).filter(date__gte=today).select_related("agreement__municipality")
    )
    context = {
        "statuses": statuses,
        "agreements": agreements,
        "consultation_days": consultation_days[:5],
        "pending": _pending_approvals(request.user).select_related("entrepreneur")[:20],
        "upcoming": training_selectors.open_sessions(today=today)[:5],
        "registered": training_selectors.upcoming_registrations(user=request.user, today=today).count(),
    }
    return render_to_string("portal/_dashboard_content.html", context, request=request)


@partner_required
def case_list(request):
    cases = Case.objects.visible_to(request.user).select_related("municipality").prefetch_related("activities")
    return render(request, "portal/case_list.html", {"cases": cases[:200]})


@partner_required
def case_detail(request, case_id: int):
    case = get_object_or_404(Case.objects.visible_to(request.user).select_related("entrepreneur", "municipality"), pk=case_id)
    case_services.log_access(user=request.user, case=case, action="dossier bekeken (partner)", path=request.path)
    last_activity = case.activities.order_by("-date").values_list("date", flat=True).first()
    return render(request, "portal/case_detail.html", {"case": case, "last_activity": last_activity})


@partner_required
def case_report(request, case_id: int, version: int):
    case = get_object_or_404(Case.objects.visible_to(request.user), pk=case_id)
    report = get_object_or_404(case.reports, version=version)
    case_services.log_access(user=request.user, case=case, action=f"rapport v{version} gedownload (partner)", path=request.path)
    return FileResponse(
        report.file.open("rb"), as_attachment=True, content_type="application/pdf", filename=f"dossier-{case.pk}-v{version}.pdf"
    )


@partner_required
def new_referral(request):
    organisation = partner_organisations(request.user).first()
    form = ReferralForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            case = case_services.refer_case(
                organisation=organisation, by=request.user, on=timezone.localdate(), **form.cleaned_data
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("Het dossier is aangemaakt; Dyzo neemt contact op."))
            return redirect("portal:case", case_id=case.pk)
    return render(request, "portal/referral.html", {"form": form, "organisation": organisation})


@partner_required
def approve(request, case_id: int):
    case = get_object_or_404(_pending_approvals(request.user), pk=case_id)
    organisation = partner_organisations(request.user).filter(municipality=case.municipality).first()
    form = ApprovalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            case_services.decide_approval(
                case=case,
                organisation=organisation,
                decision=form.cleaned_data["decision"],
                decided_by_name=form.cleaned_data["decided_by_name"],
                decided_on=timezone.localdate(),
                amount=form.cleaned_data["amount"],
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("De beslissing is bewaard."))
            return redirect("portal:dashboard")
    return render(request, "portal/approval.html", {"form": form, "case": case})


@partner_required
def yearly_summary(request):
    """The organisation's year: cases, referrals, trainings attended and fees; small case numbers suppressed."""
    today = timezone.localdate()
    chosen = SummaryYearForm(request.GET)
    year = chosen.cleaned_data["jaar"] if chosen.is_valid() and chosen.cleaned_data["jaar"] else today.year
    if "jaar" in chosen.errors:
        messages.error(request, chosen.errors["jaar"][0])
    summary = organisation_year(user=request.user, year=year)
    context = {"summary": summary, "year": year, "years": range(today.year, 2015, -1)}
    if request.GET.get("formaat") == "pdf":
        return pdf_response(render_pdf("portal/summary_pdf.html", context), f"jaaroverzicht-{year}.pdf")
    return render(request, "portal/summary.html", context)
