"""Report pages for Dyzo staff and policy staff: figures, the map and parliamentary answers, in every format."""

from datetime import date
from pathlib import Path
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from core.freshness import REPORT_APPS, cached, cached_document, generations_of
from core.pdf import pdf_response
from partnerships.models import Province
from reports import answers, drilldown, pdf_queue
from reports.access import reports_access
from reports.answer_docx import answer_docx
from reports.data_span import DataSpan, data_span
from reports.figures import FIGURES, Params, ParamsError, check_period, compute
from reports.landing import figure_groups
from reports.maps import drawn_map, small_maps
from reports.models import FrozenAnswer, PdfJob, QuestionSet
from reports.params import FIRST_YEAR, LAST_YEAR
from reports.quality import data_quality, provenance
from reports.registry import Period
from reports.renderers import ANSWER, CONTENT_TYPES, FORMATS, MAP, render_report
from reports.sources import SOURCE_NOTES
from reports.trend_report import trend_charts
from reports.trends import FIRST_DAY

YEARS = {"min": FIRST_YEAR, "max": LAST_YEAR}


def province_choices() -> list[tuple[str, str]]:
    """Asked only when the form is shown, so a cached download reads no provinces."""
    return [("", str(_("Alle provincies")))] + [(name, name) for name in Province.objects.values_list("name_nl", flat=True)]


ON_FIELDS = ("op", "provincie")
YEAR_FIELDS = ("van", "tot", "provincie")
ALL_FIELDS = ("op", "van", "tot", "provincie")


class ReportFilter(forms.Form):
    """The filter fields a page uses, showing the values its figures were computed with;
    `Params.from_query` alone reads and checks them. Below them: the span of the data and
    a warning when the chosen date or years lie outside it."""

    op = forms.CharField(label=_("Peildatum"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    van = forms.CharField(label=_("Van jaar"), required=False, widget=forms.NumberInput(attrs=YEARS))
    tot = forms.CharField(label=_("Tot en met jaar"), required=False, widget=forms.NumberInput(attrs=YEARS))
    provincie = forms.CharField(label=_("Provincie"), required=False, widget=forms.Select)

    def __init__(self, *args, fields=ALL_FIELDS, error: ParamsError | None = None, span: DataSpan | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in set(self.fields) - set(fields):
            del self.fields[name]
        if "provincie" in self.fields:
            self.fields["provincie"].widget.choices = province_choices
        self.error = error
        self.note = span.note() if span else ""
        self.warnings: list[str] = []
        if error:
            self.add_error(error.field if error.field in self.fields else None, error.message)


def question_set_choices() -> list[tuple[str, str]]:
    """Asked only when the form is shown, so a cached download reads no question sets."""
    return list(QuestionSet.objects.values_list("slug", "title"))


class AnswerFilter(forms.Form):
    """An answer takes only its reference date and its question set: each question's period comes from the set."""

    op = forms.CharField(label=_("Peildatum"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    reeks = forms.CharField(label=_("Vragenreeks"), required=False, widget=forms.Select)

    def __init__(self, data, *, slug: str, error: ParamsError | None = None):
        super().__init__(data, initial={"reeks": slug})
        self.fields["reeks"].widget.choices = question_set_choices
        self.error = error
        if error:
            self.add_error(error.field, error.message)


def _answer_params(request, slug: str) -> tuple[Params | None, AnswerFilter]:
    """The reference date alone; years and a province in the query are not the answer's to use."""
    query = {"op": request.GET.get("op", ""), "reeks": request.GET.get("reeks") or slug}
    try:
        params = Params.from_query({"op": query["op"]}, today=timezone.localdate())
    except ParamsError as error:
        return None, AnswerFilter(query, slug=slug, error=error)
    return params, AnswerFilter(query, slug=slug)


def _shown(params: Params) -> dict[str, str]:
    """The values the figures use, defaults included, as the fields show them."""
    return {
        "op": params.on.isoformat(),
        "van": str(params.start_year),
        "tot": str(params.end_year),
        "provincie": params.province or "",
    }


def _params(request, fields=ALL_FIELDS) -> tuple[Params | None, ReportFilter]:
    """The parameters of the query and the filter form showing them, with the Dutch error when they are unusable."""
    span = cached(request, "data-span", apps=REPORT_APPS, compute=data_span)
    try:
        params = Params.from_query(request.GET, today=timezone.localdate())
    except ParamsError as error:
        return None, ReportFilter(request.GET, fields=fields, error=error, span=span)
    form = ReportFilter(_shown(params), fields=fields, span=span)
    form.warnings = span.warnings(params, on="op" in fields, years="tot" in fields)
    return params, form


def _figure_fields(name: str) -> tuple[str, ...]:
    spec = FIGURES[name]
    fields = ON_FIELDS if spec.period == Period.ON else YEAR_FIELDS
    return fields if spec.column("province") else tuple(field for field in fields if field != "provincie")


def _download(content: bytes, fmt: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    if fmt != "html":
        response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def _refused(request, form: ReportFilter | AnswerFilter, template: str, context: dict) -> HttpResponse:
    """Unusable parameters: a download says why as text, a page shows its filters with the error."""
    if request.GET.get("formaat") and form.error:
        return HttpResponseBadRequest(form.error.message, content_type="text/plain; charset=utf-8")
    return render(request, template, {**context, "form": form}, status=400)


@reports_access
def index(request):
    params, form = _params(request)
    return render(
        request,
        "reports/index.html",
        {
            "form": form,
            "groups": figure_groups(),
            "question_sets": QuestionSet.objects.all(),
            "query": request.GET.urlencode() if params else "",
        },
        status=200 if params else 400,
    )


@reports_access
def figure_page(request, name: str):
    """The figure as a page, or as a download in `formaat`. The page's content is cached per
    query and data generation: policy staff open the same figures over and over."""
    if name not in FIGURES:
        raise Http404
    params, form = _params(request, _figure_fields(name))
    if params is not None:
        try:
            check_period(name, params)
        except ParamsError as error:
            params, form = None, ReportFilter(request.GET, fields=_figure_fields(name), error=error)
    if params is None:
        title = FIGURES[name].title
        return _refused(request, form, "reports/figure.html", {"title": title, "content": _error_content(form, title)})
    fmt = request.GET.get("formaat", "")
    if fmt in FORMATS and fmt != "html":
        if fmt == "pdf":
            document = {"cijfer": name, **_shown(params)}
            return _pdf_document(request, kind=PdfJob.Kind.FIGURE, params=document, apps=REPORT_APPS, filename=f"{name}.pdf")
        return _download(render_report(name, params, fmt), fmt, name)
    title, content = cached(
        request,
        "figure-page",
        name,
        request.GET.urlencode(),
        apps=REPORT_APPS,
        compute=lambda: _figure_content(request, name, params, form),
    )
    return render(request, "reports/figure.html", {"title": title, "content": content})


def _figure_content(request, name: str, params: Params, form: ReportFilter) -> tuple[str, str]:
    figure = compute(name, params)
    query = request.GET.copy()
    query.pop("formaat", None)
    context = {
        "form": form,
        "title": figure.title,
        "figure": figure,
        "formats": FORMATS[1:],
        "query": query.urlencode(),
        "cell_link": drilldown.live_links,
        "page_notes": answers.page_notes(figure),
    }
    return figure.title, render_to_string("reports/_figure_content.html", context, request=request)


def _error_content(form: ReportFilter, title) -> str:
    return render_to_string("reports/_figure_content.html", {"form": form, "title": title})


@reports_access
def map_page(request):
    params, form = _params(request, ON_FIELDS)
    if params is None:
        return _refused(request, form, "reports/map.html", {})
    on, province = params.on, params.province
    fmt = request.GET.get("formaat", "")
    name = f"kaart-{on.isoformat()}" + (f"-{slugify(province)}" if province else "")
    if fmt == "svg":
        return _download(render_report(MAP, params, fmt), "svg", name)
    if fmt == "pdf":
        document = {"op": on.isoformat(), "provincie": province or ""}
        return _pdf_document(request, kind=PdfJob.Kind.MAP, params=document, apps={"partnerships"}, filename=f"{name}.pdf")
    drawn = cached(
        request,
        "map-page",
        on,
        province,
        apps={"partnerships"},
        compute=lambda: drawn_map(on=on, province=province, legend_in_svg=False),
    )
    year_maps = cached(
        request,
        "year-maps",
        province,
        apps={"partnerships"},
        compute=lambda: small_maps(days=_year_ends(), province=province),
    )
    context = {
        "form": form,
        "map": drawn,
        "on": on,
        "province": province,
        "year_maps": year_maps,
        "query": request.GET.urlencode(),
    }
    return render(request, "reports/map.html", context)


def _year_ends() -> list[date]:
    """The last day of each year since 2016 (today for this year): the row of small maps under the map."""
    today = timezone.localdate()
    return [min(date(year, 12, 31), today) for year in range(FIRST_DAY.year, today.year + 1)]


@reports_access
def trend_page(request):
    """Cooperation from 2016 to today as charts with their tables; the province filter narrows it to one province."""
    params, form = _params(request, ("provincie",))
    if params is None:
        return _refused(request, form, "reports/trend.html", {})
    today = timezone.localdate()
    context = {"province": params.province, "today": today, "first_day": FIRST_DAY}
    if request.GET.get("formaat") == "pdf":
        document = {"provincie": params.province or ""}
        filename = f"samenwerking-{today.isoformat()}.pdf"
        return _pdf_document(request, kind=PdfJob.Kind.TREND, params=document, apps={"partnerships"}, filename=filename)
    charts = cached(
        request,
        "trend",
        params.province,
        apps={"partnerships"},
        compute=lambda: trend_charts(today=today, province=params.province),
    )
    return render(request, "reports/trend.html", {**context, "form": form, "charts": charts, "query": request.GET.urlencode()})


@reports_access
def answer_page(request, slug: str):
    chosen = request.GET.get("reeks")
    if chosen and chosen != slug and QuestionSet.objects.filter(slug=chosen).exists():
        query = request.GET.copy()
        query.pop("reeks")
        return redirect(f"{reverse('reports:answer', args=[chosen])}?{query.urlencode()}")
    params, form = _answer_params(request, slug)
    if params is None:
        question_set = get_object_or_404(QuestionSet, slug=slug)
        return _refused(request, form, "reports/answer.html", {"question_set": question_set})
    on = params.on
    if request.GET.get("formaat") == "pdf":
        if not cached(request, "question-set", slug, apps=REPORT_APPS, compute=QuestionSet.objects.filter(slug=slug).exists):
            raise Http404
        document = {"reeks": slug, "op": on.isoformat()}
        filename = f"antwoord-{slug}-{on.isoformat()}.pdf"
        return _pdf_document(request, kind=PdfJob.Kind.ANSWER, params=document, apps=REPORT_APPS, filename=filename)
    if request.GET.get("formaat") == "docx":
        docx = cached_document(
            request,
            "answer-docx",
            slug,
            on,
            apps=REPORT_APPS,
            render=lambda: render_report(ANSWER, params, "docx", question_set=get_object_or_404(QuestionSet, slug=slug)),
        )
        return _download(docx, "docx", f"antwoord-{slug}-{on.isoformat()}")
    question_set = get_object_or_404(QuestionSet, slug=slug)
    context = answers.answer_context(question_set=question_set, on=on)
    frozen = question_set.frozen_answers.all()
    query = urlencode({"op": on.isoformat()})
    return render(
        request,
        "reports/answer.html",
        {**context, "form": form, "frozen": frozen, "query": query, "cell_link": drilldown.live_links},
    )


@login_required
@permission_required("reports.add_frozenanswer", raise_exception=True)
@require_POST
def freeze_answer(request, slug: str):
    question_set = get_object_or_404(QuestionSet, slug=slug)
    try:
        params = Params.from_query({"op": request.POST.get("op", "")}, today=timezone.localdate())
    except ParamsError as error:
        messages.error(request, error.message)
        return redirect("reports:answer", slug=slug)
    frozen = answers.freeze(question_set=question_set, on=params.on, by=request.user)
    messages.success(request, _("Het antwoord is bevroren en bewaard."))
    return redirect("reports:frozen", frozen_id=frozen.pk)


@reports_access
def frozen_answer(request, frozen_id: int):
    """The frozen answer read from its stored values, in the reader's language (as a page or in Word), and which
    figures changed since; its PDF as published."""
    frozen = get_object_or_404(FrozenAnswer.objects.select_related("question_set"), pk=frozen_id)
    if request.GET.get("formaat") == "pdf":
        if not frozen.pdf:
            return _pdf_job_response(request, answers.frozen_pdf_job(frozen, user=request.user))
        response = HttpResponse(frozen.pdf.open("rb").read(), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{Path(frozen.pdf.name).name}"'
        return response
    if request.GET.get("formaat") == "docx":
        name = f"antwoord-{frozen.question_set.slug}-{frozen.reference_date.isoformat()}-bevroren"
        return _download(answer_docx(answers.frozen_context(frozen)), "docx", name)
    changed = [FIGURES[name].title if name in FIGURES else name for name in answers.changed_since_frozen(frozen)]
    context = {
        "frozen": frozen,
        "pdf_job": None if frozen.pdf else answers.frozen_pdf_job(frozen, user=request.user),
        "changed": changed,
        "cell_link": drilldown.frozen_links(frozen),
        **answers.frozen_context(frozen),
    }
    return render(request, "reports/frozen.html", context)


def _pdf_document(request, *, kind: str, params: dict, apps, filename: str) -> HttpResponse:
    """A PDF that takes seconds is made by a background task (reports.pdf_queue)."""
    generations = generations_of(request)
    job = pdf_queue.start(kind=kind, params=params, apps=apps, filename=filename, user=request.user, generations=generations)
    return _pdf_job_response(request, job)


def _pdf_job_response(request, job: PdfJob) -> HttpResponse:
    """The PDF at once when made already (the cache), else a page that shows how far it is and offers it the
    moment it is ready (static/js/pdf_job.js)."""
    if job.state == PdfJob.State.DONE:
        return pdf_response(bytes(job.pdf), job.filename)
    return render(request, "reports/pdf_job.html", {"job": job}, status=202)


@reports_access
def pdf_job_status(request, job_id):
    """How far a PDF is, as JSON for the page that waits for it: state, its label, percent, and the download once made."""
    job = get_object_or_404(PdfJob.objects.defer("pdf"), pk=job_id)
    done = job.state == PdfJob.State.DONE
    return JsonResponse(
        {
            "state": job.state,
            "label": job.get_state_display(),
            "progress": job.progress,
            "download": reverse("reports:pdf_job_download", args=[job.pk]) if done else None,
        }
    )


@reports_access
def pdf_job_download(request, job_id):
    job = get_object_or_404(PdfJob, pk=job_id, state=PdfJob.State.DONE)
    response = pdf_response(bytes(job.pdf), job.filename)
    response["Content-Disposition"] = f'attachment; filename="{job.filename}"'
    return response


@reports_access
def quality_page(request):
    """Policy staff see it too: how far the figures can be trusted, from the records, the sources' own
    inconsistencies and the synthetic demo data. It names agreements, municipalities, sessions and case
    numbers, never an entrepreneur."""
    context = {"checks": data_quality(), "source_notes": SOURCE_NOTES, "provenance": provenance()}
    return render(request, "reports/quality.html", context)
