"""The front door (`home`), and the partner portal: OCMW and gemeente staff see and do what
concerns their own organisation.

Every page starts from a scoped queryset (`visible_to`), so another organisation's
record is a 404, never data.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce, Greatest, TruncDate
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import selectors as case_selectors
from cases import services as case_services
from cases.models import Activity, Approval, Case, StatusChange
from core.forms import show_errors
from core.freshness import cached
from core.pdf import pdf_response, render_pdf
from core.roles import can_view_reports
from partnerships.accounts import is_partner
from partnerships.models import Agreement, ConsultationDay, Organisation
from partnerships.selectors import NO_COOPERATION, cooperation_form
from portal.forms import ApprovalForm, CaseFilter, ReferralForm, SummaryYearForm
from portal.selectors import agreements_worked_under, organisation_year
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


def _decided_here(user):
    """Per-case cases of the partner's own municipalities: the ones their local authority decides on."""
    return (
        Case.objects.visible_to(user)
        .filter(funding_basis=Case.FundingBasis.PER_CASE)
        .filter(municipality__in=partner_organisations(user).values("municipality"))
    )


def _pending_approvals(user):
    """The cases that wait for the local authority's decision."""
    return case_selectors.awaiting_approval(_decided_here(user))


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
    agreements = agreements_worked_under(request.user).in_force_on(today)
    consultation_days = (
        ConsultationDay.objects.visible_to(request.user).filter(date__gte=today).select_related("agreement__municipality")
    )
    context = {
        "statuses": statuses,
        "agreements": agreements,
        "consultation_days": consultation_days[:5],
        "pending": _pending_approvals(request.user).select_related("entrepreneur")[:20],
        "decided": Approval.objects.filter(case__in=_decided_here(request.user))
        .select_related("case__entrepreneur")
        .order_by("-decided_on", "-pk")[:10],
        "upcoming": training_selectors.open_sessions(today=today, for_organisations=organisations)[:5],
        "registered": training_selectors.upcoming_registrations(user=request.user, today=today).count(),
    }
    return render_to_string("portal/_dashboard_content.html", context, request=request)


@partner_required
def case_list(request):
    """The organisation's cases with who, when and where they stand, in a fixed number of queries.

    The last activity is the latest entry of the case's timeline: an activity, a status change or the decision.
    """
    activity = Subquery(Activity.objects.filter(case=OuterRef("pk")).order_by("-date").values("date")[:1])
    status_change = Subquery(
        StatusChange.objects.filter(case=OuterRef("pk")).order_by("-changed_at").values(day=TruncDate("changed_at"))[:1]
    )
    days = [activity, status_change, F("approval__decided_on")]
    cases = (
        Case.objects.visible_to(request.user)
        .select_related("entrepreneur", "municipality", "case_worker", "approval")
        .annotate(last_activity=Greatest(*(Coalesce(*days[i:], *days[:i]) for i in range(len(days)))))
    )
    case_filter = CaseFilter(request.GET, queryset=cases)
    page = Paginator(case_filter.qs, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"filter": case_filter, "page": page, "cases": page.object_list, "query": query.urlencode()}
    return render(request, "portal/case_list.html", context)


@partner_required
def case_detail(request, case_id: int):
    case = get_object_or_404(
        Case.objects.visible_to(request.user).select_related(
            "entrepreneur", "municipality", "referring_organisation", "case_worker", "approval__organisation"
        ),
        pk=case_id,
    )
    case_services.log_access(user=request.user, case=case, action="dossier bekeken (partner)", path=request.path)
    context = {
        "case": case,
        "timeline": case_selectors.timeline(case, for_staff=False),
        "awaits_decision": _pending_approvals(request.user).filter(pk=case.pk).exists(),
    }
    return render(request, "portal/case_detail.html", context)


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
    """The decision on a case's one-time payment, taken with the case in view; once taken, it is shown, not asked again."""
    case = get_object_or_404(
        _decided_here(request.user).select_related("entrepreneur", "municipality", "referring_organisation"), pk=case_id
    )
    if case.decision is not None:
        return render(request, "portal/approval.html", {"case": case, "decision": case.decision})
    if case.status == Case.Status.CLOSED:
        raise Http404
    fee = case_selectors.proposed_fee(case)
    initial = {"amount": fee.per_case_fee if fee else None, "decided_by_name": request.user.get_full_name()}
    form = ApprovalForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        organisation = partner_organisations(request.user).filter(municipality=case.municipality).first()
        try:
            case_services.decide_approval(
                case=case,
                organisation=organisation,
                decided_on=timezone.localdate(),
                **form.cleaned_data,
            )
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("De beslissing is bewaard."))
            return redirect("portal:case", case_id=case.pk)
    return render(request, "portal/approval.html", {"form": form, "case": case, "fee": fee})


@partner_required
def yearly_summary(request):
    """The organisation's year: cases, referrals, trainings attended and fees; small case numbers suppressed.
    It opens on the last complete year: the current one is still filling up."""
    today = timezone.localdate()
    chosen = SummaryYearForm(request.GET)
    year = chosen.cleaned_data["jaar"] if chosen.is_valid() and chosen.cleaned_data["jaar"] else today.year - 1
    if "jaar" in chosen.errors:
        messages.error(request, chosen.errors["jaar"][0])
    summary = organisation_year(user=request.user, year=year)
    context = {"summary": summary, "year": year, "years": range(today.year, 2015, -1)}
    if request.GET.get("formaat") == "pdf":
        return pdf_response(render_pdf("portal/summary_pdf.html", context), f"jaaroverzicht-{year}.pdf")
    return render(request, "portal/summary.html", context)
