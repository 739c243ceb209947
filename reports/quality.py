"""What the figures cannot trust: records that break the rules the reports assume."""

from dataclasses import dataclass
from datetime import date

from django.db.models import DateField, Exists, F, OuterRef, Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.models import Case
from partnerships.models import Agreement, Municipality, Population
from trainings.models import TrainingSession

FAR_FUTURE = date(9999, 12, 31)


@dataclass
class Check:
    title: str
    items: list
    count: int


def overlapping_agreements():
    """Agreements sharing a day with another agreement of the same organisation (a joint one binds both)."""
    others = (
        Agreement.objects.filter(municipality=OuterRef("municipality"))
        .exclude(pk=OuterRef("pk"))
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=OuterRef("start_date")), start_date__lte=OuterRef("last_day"))
    )
    same_party = others.filter(Q(party=OuterRef("party")) | Q(party=Agreement.Party.BOTH))
    return Agreement.objects.annotate(last_day=Coalesce("end_date", Value(FAR_FUTURE), output_field=DateField())).filter(
        Exists(same_party) | (Q(party=Agreement.Party.BOTH) & Exists(others))
    )


def _checks() -> dict:
    today = timezone.localdate()
    return {
        _("Overeenkomsten op een gemeente die niet bestond op de begindatum"): Agreement.objects.filter(
            Q(municipality__valid_from__gt=F("start_date")) | Q(municipality__valid_to__lt=F("start_date"))
        ),
        _("Overlappende overeenkomsten van dezelfde organisatie"): overlapping_agreements(),
        _("Jaarovereenkomsten zonder jaarbedrag"): Agreement.objects.filter(
            form__in=Agreement.SUBSCRIPTION_FORMS, annual_fee__isnull=True
        ),
        _("Gemeenten zonder bevolkingscijfer voor het tarief"): Municipality.objects.existing_on(today).filter(
            ~Exists(Population.objects.filter(municipality=OuterRef("pk")))
        ),
        _("Dossiers zonder gemeente"): Case.objects.filter(municipality__isnull=True),
        _("Opleidingen zonder deelnemers"): TrainingSession.objects.with_participants().filter(participants=0, date__lt=today),
    }


def data_quality(limit: int = 50) -> list[Check]:
    return [Check(str(title), list(queryset[:limit]), queryset.count()) for title, queryset in _checks().items()]


def open_findings() -> int:
    """The number of records the data-quality page lists, one count per check."""
    return sum(queryset.count() for queryset in _checks().values())
