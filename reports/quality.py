"""What the figures cannot trust: records that break the rules the reports assume."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, DateField, Exists, F, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cases.models import Case, Entrepreneur, Referral
from partnerships.models import Agreement, Municipality, Outreach, Population, TariffBand
from reports.models import Funding
from trainings.models import Registration, TrainingSession

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


@dataclass
class Provenance:
    """How many records of a kind are real (from the sources or entered) and how many synthetic demo data."""

    label: str | Promise
    real: int
    synthetic: int
    about: str | Promise


def _split(queryset: QuerySet, synthetic: Q) -> dict[str, int]:
    return queryset.aggregate(real=Count("pk", filter=~synthetic), synthetic=Count("pk", filter=synthetic))


def provenance() -> list[Provenance]:
    """Which parts of the data are synthetic: one count per kind of record, so a figure drawn from them is not read as fact."""
    kinds = [
        (
            _("Overeenkomsten"),
            _split(Agreement.objects.all(), Q(is_synthetic=True)),
            _(
                "Echt: de 89 globale akkoorden op 31/12/2016 en de 18 OCMW's per dossier van 2016 (seed 002). "
                "Synthetisch: de aanvulling tot 123 op 1/1/2017 en het vervolg vanaf 2017."
            ),
        ),
        (
            _("Aanbiedingen en weigerredenen"),
            _split(Outreach.objects.all(), Q(is_synthetic=True)),
            _("Synthetisch, zo getrokken dat 31/12/2018 de tabellen en de volgorde van de redenen van seed 001 geeft."),
        ),
        (
            _("Opleidingen"),
            _split(TrainingSession.objects.all(), Q(is_synthetic=True)),
            _("Echt: de 43 opleidingen van 2014–2016 met 863 deelnemers (seed 002). Synthetisch: vanaf 2017, met modules."),
        ),
        (
            _("Inschrijvingen (namen van deelnemers)"),
            _split(Registration.objects.all(), Q(session__is_synthetic=True)),
            _("De inschrijvingen op synthetische opleidingen, met verzonnen namen."),
        ),
        (
            _("Ondernemers (namen, ondernemingsnummers)"),
            _split(Entrepreneur.objects.all(), Q(is_synthetic=True)),
            _("Verzonnen personen."),
        ),
        (
            _("Dossiers, met goedkeuringen en betalers"),
            _split(Case.objects.all(), Q(is_synthetic=True)),
            _("Synthetisch: de bronnen geven geen dossiers."),
        ),
        (
            _("Doorverwijzingen naar het OCMW"),
            _split(Referral.objects.all(), Q(case__is_synthetic=True)),
            _("Synthetisch: seed 002 zegt dat ze niet systematisch geregistreerd worden."),
        ),
        (
            _("Tariefschijven"),
            _split(TariffBand.objects.all(), Q(is_illustrative=True)),
            _("Illustratieve schijven; de offerte zegt het."),
        ),
        (
            _("Financiering"),
            _split(Funding.objects.all(), Q(is_synthetic=True)),
            _("Echt: de subsidies van 2015, 2016 en 2017 (seed 002, antwoord 5). Synthetisch: vanaf 2018."),
        ),
    ]
    return [Provenance(label, counts["real"], counts["synthetic"], about) for label, counts, about in kinds]
