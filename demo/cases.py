"""Demo cases from 2016 up to the day of loading: seeded, synthetic, spread over municipalities by their
cooperation form on opening. Nothing lies after that day: the current year has its share so far."""

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from cases.models import Approval, Case, Entrepreneur, PayerLine, Referral, StatusChange
from cases.services import FUNDING_BY_FORM
from partnerships.models import Organisation
from partnerships.selectors import cooperation_statuses

FIRST_NAMES = [
    "An",
    "Bart",
    "Chris",
    "Dirk",
    "Els",
    "Fien",
    "Geert",
    "Hilde",
    "Ilse",
    "Jan",
    "Karel",
    "Lies",
    "Marc",
    "Nele",
    "Olivier",
    "Petra",
    "Rik",
    "Sofie",
    "Tom",
    "Veerle",
]
LAST_NAMES = [
    "Peeters",
    "Janssens",
    "Maes",
    "Jacobs",
    "Mertens",
    "Willems",
    "Claes",
    "Goossens",
    "Wouters",
    "De Smet",
    "Dubois",
    "Lambert",
    "Dupont",
    "Martens",
    "Vermeulen",
]
SECTORS = ["horeca", "bouw", "detailhandel", "transport", "landbouw", "kapsalon", "IT-diensten", "schoonmaak"]
CASES_PER_YEAR = (140, 220)
WEIGHT_BY_BASIS: dict[str, float] = {
    Case.FundingBasis.SUBSCRIPTION: 6,
    Case.FundingBasis.PER_CASE: 3,
    Case.FundingBasis.REMOTE_ADVICE: 1,
    Case.FundingBasis.OWN_COST: 0.4,
}
OUTCOMES = list(Case.Outcome.values)
NOTE = "Synthetische demogegevens."
REFERRALS_RECORDED_FROM = date(2017, 1, 1)
"""Seed 002 (answer 4, early 2017): referrals to the OCMW were not recorded systematically until then.
The draws stay the same for earlier cases, so the rest of the demo does not change."""


def _kbo(rng: random.Random) -> str:
    base = rng.randint(2_000_000, 9_999_999)
    return f"0{base}{97 - base % 97:02d}"


def build(*, rng: random.Random, today: date) -> dict:
    ocmws = {o.municipality_id: o for o in Organisation.objects.filter(kind=Organisation.Kind.OCMW)}
    plans = []
    for year in range(2016, today.year + 1):
        first, last = date(year, 1, 1), min(date(year, 12, 31), today)
        municipalities = list(cooperation_statuses(on=min(date(year, 7, 1), today)))
        bases = [FUNDING_BY_FORM.get(m.status_form, Case.FundingBasis.OWN_COST) for m in municipalities]
        weights = [WEIGHT_BY_BASIS[basis] for basis in bases]
        count = rng.randint(*CASES_PER_YEAR)
        if last < date(year, 12, 31):  # the current year: its share so far
            count = round(count * ((last - first).days + 1) / 365)
        for index in rng.choices(range(len(municipalities)), weights=weights, k=count):
            opened = first + timedelta(days=rng.randint(0, min(364, (last - first).days)))
            plans.append((municipalities[index], bases[index], opened))
    entrepreneurs = Entrepreneur.objects.bulk_create(
        Entrepreneur(
            name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
            email="",
            municipality=municipality,
            enterprise_number=_kbo(rng),
            legal_form=rng.choice(list(Entrepreneur.LegalForm.values)),
            sector=rng.choice(SECTORS),
            is_synthetic=True,
        )
        for municipality, _basis, _opened in plans
    )
    cases = []
    for entrepreneur, (municipality, basis, opened) in zip(entrepreneurs, plans, strict=True):
        age_days = (today - opened).days
        closed = rng.random() < min(0.95, age_days / 700)
        status = Case.Status.CLOSED if closed else rng.choice([Case.Status.REGISTERED, Case.Status.INTAKE, Case.Status.ONGOING])
        if basis == Case.FundingBasis.PER_CASE and status == Case.Status.REGISTERED:
            status = Case.Status.INTAKE
        referred_by_ocmw = rng.random() < 0.55
        cases.append(
            Case(
                entrepreneur=entrepreneur,
                municipality=municipality,
                opened_on=opened,
                channel=Case.Channel.OCMW if referred_by_ocmw else rng.choice(list(Case.Channel.values)),
                referring_organisation=ocmws.get(municipality.pk) if referred_by_ocmw else None,
                phase=rng.choices(list(Case.Phase.values), weights=[5, 3, 2])[0],
                status=status,
                outcome=rng.choice(OUTCOMES) if closed else "",
                closed_on=min(opened + timedelta(days=rng.randint(20, 400)), today) if closed else None,
                funding_basis=basis,
                business_scan=rng.random() < 0.6,
                multidisciplinary_advice=rng.random() < 0.4,
                social_investigation=rng.random() < 0.35,
                situation=NOTE,
                is_synthetic=True,
            )
        )
    Case.objects.bulk_create(cases)
    _status_history(cases, today=today)
    _follow_up(rng, cases, ocmws, today=today)
    return {"cases": len(cases)}


def _status_history(cases: list[Case], *, today: date) -> None:
    """Registered on the opening day, then the present status a week later (or on the closing day), so that
    a case's timeline and last activity tell its own time, not the moment the demo was loaded."""
    changes = []
    for case in cases:
        changes.append((StatusChange(case=case, to_status=Case.Status.REGISTERED), case.opened_on))
        if case.status != Case.Status.REGISTERED:
            day = case.closed_on or min(case.opened_on + timedelta(days=7), today)
            changes.append((StatusChange(case=case, from_status=Case.Status.REGISTERED, to_status=case.status), day))
    StatusChange.objects.bulk_create(change for change, _day in changes)
    for change, day in changes:  # auto_now_add stamps the load; bulk_update leaves the day as set
        change.changed_at = timezone.make_aware(datetime.combine(day, time(12)))
    StatusChange.objects.bulk_update([change for change, _day in changes], ["changed_at"], batch_size=500)


def _follow_up(rng: random.Random, cases: list[Case], ocmws: dict, *, today: date) -> None:
    """Approvals for per-case cases past intake, OCMW referrals after a social pre-investigation (from 2017), payer lines;
    what would fall after `today` happens today."""
    approvals, referrals, lines = [], [], []

    def after(case: Case, days: int) -> date:
        return min(case.opened_on + timedelta(days=days), today)

    for case in cases:
        ocmw = ocmws.get(case.municipality_id)
        if case.funding_basis == Case.FundingBasis.PER_CASE and case.status != Case.Status.INTAKE and ocmw:
            approvals.append(
                Approval(
                    case=case,
                    organisation=ocmw,
                    decision=Approval.Decision.APPROVED,
                    decided_by_name="Secretaris OCMW",
                    decided_on=after(case, 7),
                    amount=Decimal(350),
                )
            )
            lines.append(
                PayerLine(
                    case=case,
                    payer=PayerLine.Payer.MUNICIPALITY,
                    amount=Decimal(350),
                    paid_on=after(case, 30),
                )
            )
        if case.social_investigation and ocmw and rng.random() < 0.6:
            referral = Referral(
                case=case,
                ocmw=ocmw,
                referred_on=after(case, rng.randint(10, 90)),
                reason="Tussenkomst in levensonderhoud aangewezen.",
                outcome=rng.choice(list(Referral.Outcome.values)),
            )
            if referral.referred_on >= REFERRALS_RECORDED_FROM:
                referrals.append(referral)
        if case.status != Case.Status.REGISTERED and rng.random() < 0.3:
            lines.append(
                PayerLine(
                    case=case,
                    payer=PayerLine.Payer.PARTICIPANT,
                    amount=Decimal(rng.choice([50, 100, 200])),
                    paid_on=after(case, 45),
                )
            )
            lines.append(
                PayerLine(
                    case=case,
                    payer=PayerLine.Payer.DYZO,
                    amount=Decimal(rng.choice([400, 650, 900])),
                    paid_on=after(case, 60),
                )
            )
    Approval.objects.bulk_create(approvals)
    Referral.objects.bulk_create(referrals)
    PayerLine.objects.bulk_create(lines)
