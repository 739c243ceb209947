"""The documents a background task makes (reports.pdf_queue): each kind from the parameters its page asked with."""

from django.utils import timezone

from core.pdf import render_pdf
from reports.answers import frozen_pdf
from reports.figures import Params
from reports.models import FrozenAnswer, PdfJob, QuestionSet
from reports.pdf_queue import renderer
from reports.renderers import ANSWER, MAP, render_report
from reports.trend_report import trend_charts
from reports.trends import FIRST_DAY


def _params(params: dict) -> Params:
    return Params.from_query(params, today=timezone.localdate())


@renderer(PdfJob.Kind.ANSWER)
def answer(params: dict) -> bytes:
    return render_report(ANSWER, _params(params), "pdf", question_set=QuestionSet.objects.get(slug=params["reeks"]))


@renderer(PdfJob.Kind.FIGURE)
def figure(params: dict) -> bytes:
    return render_report(params["cijfer"], _params(params), "pdf")


@renderer(PdfJob.Kind.MAP)
def map_pdf(params: dict) -> bytes:
    return render_report(MAP, _params(params), "pdf")


@renderer(PdfJob.Kind.TREND)
def trend(params: dict) -> bytes:
    today, province = timezone.localdate(), params["provincie"] or None
    charts = trend_charts(today=today, province=province)
    return render_pdf("reports/trend_pdf.html", {"province": province, "today": today, "first_day": FIRST_DAY, "charts": charts})


@renderer(PdfJob.Kind.FROZEN)
def frozen(params: dict) -> bytes:
    return frozen_pdf(FrozenAnswer.objects.select_related("question_set").get(pk=params["frozen"]))
