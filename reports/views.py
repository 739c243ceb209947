"""Report pages for Dyzo staff and policy staff: figures, the map and parliamentary answers, in every format."""

from datetime import date

from django import forms
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from core.freshness import REPORT_APPS, cached, cached_document
from core.pdf import pdf_response, render_pdf
from partnerships.models import Province
from reports import answers, renderers
from reports.access import reports_access
from reports.figures import FIGURES, Params, compute
from reports.maps import map_svg
from reports.models import FrozenAnswer, QuestionSet
from reports.quality import data_quality
from reports.renderers import CONTENT_TYPES, FORMATS


def province_choices() -> list[tuple[str, str]]:
    """Asked only when the form is shown or a province is chosen, so a cached download reads no provinces."""
    return [("", str(_("Alle provincies")))] + [(name, name) for name in Province.objects.values_list("name_nl", flat=True)]


class ReportFilter(forms.Form):
    op = forms.DateField(label=_("Peildatum"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    van = forms.IntegerField(label=_("Van jaar"), required=False, min_value=2000, max_value=2100)
    tot = forms.IntegerField(label=_("Tot en met jaar"), required=False, min_value=2000, max_value=2100)
    provincie = forms.ChoiceField(label=_("Provincie"), required=False, choices=province_choices)

    def params(self) -> Params:
        data = self.cleaned_data if self.is_valid() else {}
        on = data.get("op") or timezone.localdate()
        end_year = data.get("tot") or on.year
        start_year = min(data.get("van") or end_year, end_year)
        return Params(on=on, start_year=start_year, end_year=end_year)


def _download(content: bytes, fmt: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    if fmt != "html":
        response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


@reports_access
def index(request):
    form = ReportFilter(request.GET or None)
    return render(
        request,
        "reports/index.html",
        {"form": form, "figures": FIGURES, "question_sets": QuestionSet.objects.all(), "query": request.GET.urlencode()},
    )


@reports_access
def figure_page(request, name: str):
    """The figure as a page, or as a download in `formaat`. The page's content is cached per
    query and data generation: policy staff open the same figures over and over."""
    if name not in FIGURES:
        raise Http404
    fmt = request.GET.get("formaat", "")
    if fmt in FORMATS and fmt != "html":
        form, province = _filters(request)

        def rendered():
            return renderers.render(compute(name, form.params()).for_province(province), fmt)

        if fmt == "pdf":
            content = cached_document(request, "figure", name, form.params(), province, apps=REPORT_APPS, render=rendered)
        else:
            content = rendered()
        return _download(content, fmt, name)
    title, content = cached(
        request, "figure-page", name, request.GET.urlencode(), apps=REPORT_APPS, compute=lambda: _figure_content(request, name)
    )
    return render(request, "reports/figure.html", {"title": title, "content": content})


def _filters(request) -> tuple[ReportFilter, str | None]:
    """The filter form of the query, and the province it chooses."""
    form = ReportFilter(request.GET or None)
    return form, (form.cleaned_data.get("provincie") if form.is_valid() else None)


def _figure_content(request, name: str) -> tuple[str, str]:
    form, province = _filters(request)
    figure = compute(name, form.params()).for_province(province)
    query = request.GET.copy()
    query.pop("formaat", None)
    context = {"form": form, "figure": figure, "formats": FORMATS[1:], "query": query.urlencode()}
    return str(figure.title), render_to_string("reports/_figure_content.html", context, request=request)


@reports_access
def map_page(request):
    form = ReportFilter(request.GET or None)
    on = form.params().on
    fmt = request.GET.get("formaat", "")
    if fmt == "svg":
        return _download(map_svg(on=on).encode(), "svg", f"kaart-{on.isoformat()}")
    if fmt == "pdf":
        pdf = cached_document(
            request,
            "map",
            on,
            apps={"partnerships"},
            render=lambda: render_pdf("reports/map_pdf.html", {"svg": map_svg(on=on), "on": on}),
        )
        return pdf_response(pdf, f"kaart-{on.isoformat()}.pdf")
    return render(request, "reports/map.html", {"form": form, "svg": map_svg(on=on), "on": on, "query": request.GET.urlencode()})


@reports_access
def answer_page(request, slug: str):
    form = ReportFilter(request.GET or None)
    on = form.params().on
    if request.GET.get("formaat") == "pdf":  # the question set is looked up only to render: a cached PDF reads nothing
        pdf = cached_document(
            request,
            "answer",
            slug,
            on,
            apps=REPORT_APPS,
            render=lambda: answers.answer_pdf(question_set=get_object_or_404(QuestionSet, slug=slug), on=on),
        )
        return pdf_response(pdf, f"antwoord-{slug}-{on.isoformat()}.pdf")
    question_set = get_object_or_404(QuestionSet, slug=slug)
    context = answers.answer_context(question_set=question_set, on=on)
    frozen = question_set.frozen_answers.all()
    return render(request, "reports/answer.html", {**context, "form": form, "frozen": frozen, "query": request.GET.urlencode()})


@login_required
@permission_required("reports.add_frozenanswer", raise_exception=True)
@require_POST
def freeze_answer(request, slug: str):
    question_set = get_object_or_404(QuestionSet, slug=slug)
    try:
        on = date.fromisoformat(request.POST.get("op", ""))
    except ValueError:
        messages.error(request, _("Geef een geldige peildatum op."))
        return redirect("reports:answer", slug=slug)
    frozen = answers.freeze(question_set=question_set, on=on, by=request.user)
    messages.success(request, _("Het antwoord is bevroren en bewaard."))
    return redirect("reports:frozen", frozen_id=frozen.pk)


@reports_access
def frozen_answer(request, frozen_id: int):
    frozen = get_object_or_404(FrozenAnswer.objects.select_related("question_set"), pk=frozen_id)
    if request.GET.get("formaat") == "pdf":
        response = HttpResponse(frozen.pdf.open("rb").read(), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{frozen.pdf.name.rsplit("/", 1)[-1]}"'
        return response
    return render(request, "reports/frozen.html", {"frozen": frozen, "changed": answers.changed_since_frozen(frozen)})


@staff_member_required
def quality_page(request):
    return render(request, "reports/quality.html", {"checks": data_quality()})
