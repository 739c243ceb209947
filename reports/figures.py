"""The figures parliament asks for: the only place report numbers come from.

Each figure takes the report parameters (a reference date, a range of years) and
returns rows with named columns, computed by the database in a constant number
of queries. Totals are computed from the rows, never typed.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, F, Min, Q, Sum
from django.db.models.functions import ExtractYear
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cases.models import Case, PayerLine
from cases.selectors import referrals_per_year_and_province, suppressed
from partnerships.models import Agreement, Outreach, Province
from partnerships.selectors import NO_COOPERATION, PROVINCE_TOTAL_LABEL, cooperation_by_province, cooperation_statuses
from reports.models import Funding
from trainings import selectors as trainings


@dataclass(frozen=True)
class Params:
    on: date
    start_year: int
    end_year: int


@dataclass
class Figure:
    name: str
    title: str
    columns: list[tuple[str, str]]
    rows: list[dict]
    scope: str
    notes: list[str] = field(default_factory=list)

    def for_province(self, province: str | None) -> "Figure":
        """Only the rows of one province, where the figure has a province column."""
        if not province or "province" not in dict(self.columns):
            return self
        rows = [row for row in self.rows if row.get("province") == province]
        return Figure(self.name, self.title, self.columns, rows, f"{self.scope}, {province}", self.notes)

    def as_json(self) -> list[dict]:
        return [{key: _plain(row.get(key)) for key, _label in self.columns} for row in self.rows]


def _plain(value):
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _on(params: Params) -> str:
    return _("op %(day)s") % {"day": date_format(params.on, "SHORT_DATE_FORMAT")}


def _years(params: Params) -> str:
    if params.start_year == params.end_year:
        return str(params.start_year)
    return f"{params.start_year}–{params.end_year}"


def _with_total(rows: list[dict], label_key: str, keys: list[str]) -> list[dict]:
    total = {label_key: _(PROVINCE_TOTAL_LABEL), **{key: sum(row[key] for row in rows) for key in keys}}
    return [*rows, total]


def cooperation_by_province_figure(params: Params) -> Figure:
    rows = cooperation_by_province(on=params.on)
    return Figure(
        "cooperation-by-province",
        _("Samenwerking per provincie"),
        [
            ("province", _("Provincie")),
            ("agreement", _("Overeenkomst")),
            ("per_case", _("Betaling per case")),
            ("remote_advice", _("Telefonisch / mail")),
            ("total", _("Totaal")),
            ("none", _("Geen samenwerking")),
        ],
        rows,
        _on(params),
    )


def agreement_parties(params: Params) -> Figure:
    rows = [{**row, "total": row["gemeente"] + row["ocmw"] + row["both"]} for row in cooperation_by_province(on=params.on)]
    return Figure(
        "agreement-parties",
        _("Met wie Dyzo een overeenkomst heeft"),
        [
            ("province", _("Provincie")),
            ("gemeente", _("Gemeente")),
            ("ocmw", _("OCMW")),
            ("both", _("Beide")),
            ("total", _("Totaal")),
        ],
        rows,
        _on(params),
    )


OUTREACH_FIGURE = {
    None: "no_offer",
    Outreach.Status.NO_ANSWER: "no_answer",
    Outreach.Status.NEGOTIATING: "negotiating",
    Outreach.Status.ACCEPTED: "negotiating",
    Outreach.Status.DECLINED: "declined",
}


def non_cooperating_by_province(params: Params) -> Figure:
    """Municipalities without cooperation, by where Dyzo's latest offer stood: one query, counted per province."""
    keys = ["no_offer", "no_answer", "negotiating", "declined", "total"]
    rows = {
        province: {"province": province, **dict.fromkeys(keys, 0)}
        for province in Province.objects.values_list("name_nl", flat=True)
    }
    statuses = (
        cooperation_statuses(on=params.on).filter(status_form=NO_COOPERATION).values_list("province__name_nl", "outreach_status")
    )
    for province, outreach_status in statuses:
        rows[province][OUTREACH_FIGURE[outreach_status]] += 1
        rows[province]["total"] += 1
    return Figure(
        "non-cooperating-by-province",
        _("Gemeenten zonder samenwerking per provincie"),
        [
            ("province", _("Provincie")),
            ("no_offer", _("Geen aanbod")),
            ("no_answer", _("Geen antwoord")),
            ("negotiating", _("In onderhandeling")),
            ("declined", _("Geweigerd")),
            ("total", _("Geen overeenkomst")),
        ],
        _with_total([rows[province] for province in sorted(rows)], "province", keys),
        _on(params),
    )


def decline_reasons(params: Params) -> Figure:
    """Reasons given by the municipalities that declined and do not cooperate on the date, most heard first."""
    declined = (
        cooperation_statuses(on=params.on)
        .filter(status_form=NO_COOPERATION, outreach_status=Outreach.Status.DECLINED)
        .values_list("pk", flat=True)
    )
    rows = list(
        Outreach.objects.filter(
            status=Outreach.Status.DECLINED, sent_on__lte=params.on, organisation__municipality__descendants__in=declined
        )
        .values(reason=F("decline_reason__label"))
        .annotate(count=Count("organisation__municipality", distinct=True))
        .order_by("-count", "reason")
    )
    for rank, row in enumerate(rows, start=1):
        row["rank"] = rank
    return Figure(
        "decline-reasons",
        _("Redenen om niet samen te werken"),
        [("rank", _("Rang")), ("reason", _("Reden")), ("count", _("Gemeenten"))],
        rows,
        _on(params),
    )


def agreements_list(params: Params) -> Figure:
    subscriptions = (
        cooperation_statuses(on=params.on)
        .filter(status_form__in=Agreement.SUBSCRIPTION_FORMS)
        .order_by("name_nl")
        .values("name_nl", "status_form")
    )
    rows = [{"municipality": row["name_nl"], "agreement": str(Agreement.Form(row["status_form"]).label)} for row in subscriptions]
    return Figure(
        "agreements-list",
        _("Gemeenten met een globaal samenwerkingsakkoord"),
        [("municipality", _("Gemeente/stad")), ("agreement", _("Overeenkomst"))],
        rows,
        _on(params),
    )


def per_case_first_use(params: Params) -> Figure:
    first_use = (
        Agreement.objects.filter(form=Agreement.Form.PER_CASE)
        .values(municipality_name=F("municipality__name_nl"))
        .annotate(first=Min("start_date"))
        .filter(first__year__gte=params.start_year, first__year__lte=params.end_year)
        .order_by("municipality_name")
    )
    rows = [{"municipality": row["municipality_name"], "first": row["first"]} for row in first_use]
    return Figure(
        "per-case-first-use",
        _("Voor het eerst per dossier"),
        [("municipality", _("Gemeente")), ("first", _("Eerste overeenkomst per dossier"))],
        rows,
        _years(params),
    )


def trainings_figure(params: Params) -> Figure:
    start, end = date(params.start_year, 1, 1), date(params.end_year, 12, 31)
    rows = [{**row, "organiser": row["organiser_label"]} for row in trainings.session_rows_of_period(start=start, end=end)]
    total = trainings.period_total(start=start, end=end)
    rows.append({"date": None, "organiser": _("Totaal"), "target_group": "", "participants": total["participants"]})
    return Figure(
        "trainings",
        _("Opleidingen"),
        [
            ("date", _("Datum")),
            ("organiser", _("Inrichter")),
            ("target_group", _("Doelgroep")),
            ("participants", _("Aantal deelnemers")),
        ],
        rows,
        _years(params),
    )


def module_ranking(params: Params) -> Figure:
    rows = trainings.module_ranking_per_year(start_year=params.start_year, end_year=params.end_year)
    return Figure(
        "module-ranking",
        _("Opleidingsmodules in volgorde van belangrijkheid"),
        [
            ("year", _("Jaar")),
            ("rank", _("Rang")),
            ("name", _("Module")),
            ("sessions", _("Sessies")),
            ("participants", _("Deelnemers")),
        ],
        rows,
        _years(params),
    )


def referrals(params: Params) -> Figure:
    counts = defaultdict(dict)
    for row in referrals_per_year_and_province(start_year=params.start_year, end_year=params.end_year):
        counts[row["year"]][row["ocmw__municipality__province__name_nl"]] = row["referrals"]
    provinces = list(Province.objects.values_list("name_nl", flat=True))
    rows = [
        {"year": year, **{province: counts[year].get(province, 0) for province in provinces}, "total": sum(counts[year].values())}
        for year in range(params.start_year, params.end_year + 1)
    ]
    return Figure(
        "referrals",
        _("Doorverwijzingen naar het OCMW"),
        [("year", _("Jaar")), *[(province, province) for province in provinces], ("total", _("Totaal"))],
        rows,
        _years(params),
    )


def funding(params: Params) -> Figure:
    rows = list(
        Funding.objects.filter(year__gte=params.start_year, year__lte=params.end_year)
        .order_by("year", "funder")
        .values("year", "funder", "kind", "amount", "note")
    )
    return Figure(
        "funding",
        _("Ontvangen financiering"),
        [("year", _("Jaar")), ("funder", _("Financier")), ("amount", _("Bedrag (EUR)")), ("note", _("Notitie"))],
        rows,
        _years(params),
    )


def coverage(params: Params) -> Figure:
    total = cooperation_by_province(on=params.on)[-1]
    municipalities = total["total"] + total["none"]
    percentage = round(100 * total["total"] / municipalities) if municipalities else 0
    return Figure(
        "coverage",
        _("Bereik"),
        [("cooperating", _("Samenwerkende gemeenten")), ("municipalities", _("Gemeenten")), ("percentage", _("Percentage"))],
        [{"cooperating": total["total"], "municipalities": municipalities, "percentage": percentage}],
        _on(params),
    )


def revenue(params: Params) -> Figure:
    """Subscription fees in force, prorated by days, plus per-case payments by local authorities, per province."""
    provinces = list(Province.objects.values_list("name_nl", flat=True))
    rows = []
    subscriptions = list(
        Agreement.objects.filter(
            form__in=Agreement.SUBSCRIPTION_FORMS,
            annual_fee__isnull=False,
            start_date__lte=date(params.end_year, 12, 31),
        )
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=date(params.start_year, 1, 1)))
        .values("start_date", "end_date", "annual_fee", province=F("municipality__province__name_nl"))
    )
    payments = {
        (row["year"], row["province"]): row["amount"]
        for row in PayerLine.objects.filter(
            payer=PayerLine.Payer.MUNICIPALITY, paid_on__year__gte=params.start_year, paid_on__year__lte=params.end_year
        )
        .annotate(year=ExtractYear("paid_on"))
        .values("year", province=F("case__municipality__province__name_nl"))
        .annotate(amount=Sum("amount"))
    }
    for year in range(params.start_year, params.end_year + 1):
        first, last = date(year, 1, 1), date(year, 12, 31)
        days = (last - first).days + 1
        fees = defaultdict(Decimal)
        for agreement in subscriptions:
            start, end = max(agreement["start_date"], first), min(agreement["end_date"] or last, last)
            if start <= end:
                fees[agreement["province"]] += agreement["annual_fee"] * ((end - start).days + 1) / days
        for province in provinces:
            fee = fees[province].quantize(Decimal("0.01"))
            paid = payments.get((year, province), Decimal(0))
            rows.append({"year": year, "province": province, "subscriptions": fee, "per_case": paid, "total": fee + paid})
    return Figure(
        "revenue",
        _("Inkomsten uit lokale besturen"),
        [
            ("year", _("Jaar")),
            ("province", _("Provincie")),
            ("subscriptions", _("Abonnementen")),
            ("per_case", _("Per dossier")),
            ("total", _("Totaal")),
        ],
        rows,
        _years(params),
    )


def cases_by_municipality(params: Params) -> Figure:
    """Case-based, per municipality: numbers under 5 are shown as "<5" so no one can be recognised."""
    counts = (
        Case.objects.filter(
            opened_on__year__gte=params.start_year, opened_on__year__lte=params.end_year, municipality__isnull=False
        )
        .values(municipality_name=F("municipality__name_nl"), province=F("municipality__province__name_nl"))
        .annotate(cases=Count("pk"))
        .order_by("province", "municipality_name")
    )
    rows = [
        {"province": row["province"], "municipality": row["municipality_name"], "cases": suppressed(row["cases"])}
        for row in counts
    ]
    return Figure(
        "cases-by-municipality",
        _("Dossiers per gemeente"),
        [("province", _("Provincie")), ("municipality", _("Gemeente")), ("cases", _("Dossiers"))],
        rows,
        _years(params),
        notes=[_("Aantallen onder 5 worden als '<5' getoond.")],
    )


FIGURES = {
    "cooperation-by-province": cooperation_by_province_figure,
    "agreement-parties": agreement_parties,
    "non-cooperating-by-province": non_cooperating_by_province,
    "decline-reasons": decline_reasons,
    "agreements-list": agreements_list,
    "per-case-first-use": per_case_first_use,
    "trainings": trainings_figure,
    "module-ranking": module_ranking,
    "referrals": referrals,
    "funding": funding,
    "coverage": coverage,
    "revenue": revenue,
    "cases-by-municipality": cases_by_municipality,
}


def compute(name: str, params: Params) -> Figure:
    return FIGURES[name](params)
