"""PDFs are slow to render and change only when the data does: cache them by report, parameters and data version."""

import hashlib

from django.core.cache import cache
from django.db.models import Count, Max
from django.utils import translation

from cases.models import Case, PayerLine, Referral
from partnerships.models import Agreement, Municipality, Outreach
from reports.models import Funding, Question
from trainings.models import Registration, TrainingSession

TRACKED = [Agreement, Outreach, TrainingSession, Registration, Case, Referral, PayerLine, Funding, Question]


def data_version() -> str:
    """Changes whenever a record the reports read is added, changed or deleted (their history tables say so)."""
    parts = [Municipality.objects.aggregate(count=Count("pk"), last=Max("pk"))]
    parts += [model.history.aggregate(count=Count("pk"), last=Max("history_id")) for model in TRACKED]
    parts += [model.objects.aggregate(count=Count("pk"), last=Max("pk")) for model in TRACKED]
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


def cached_pdf(*key_parts, render) -> bytes:
    described = ":".join(str(part) for part in (*key_parts, translation.get_language(), data_version()))
    key = "pdf:" + hashlib.sha256(described.encode()).hexdigest()
    pdf = cache.get(key)
    if pdf is None:
        pdf = render()
        cache.set(key, pdf, timeout=None)
    return pdf
