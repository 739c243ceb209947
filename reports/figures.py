"""The figures parliament asks for: the only place report numbers come from.

Each figure is a query registered with `@figure`, which keeps its title, description,
columns and answer sentence next to it. A query takes the report parameters (a
reference date, a range of years) and returns rows of codes and numbers, computed by
the database in a constant number of queries. Totals are computed from the rows, never
typed; what a code or a total is called is said only when the figure is rendered.
"""

from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.db.models import Count, F, Min, Q, Sum
from django.db.models.functions import ExtractYear
from django.utils.formats import date_format, number_format
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.models import Case, PayerLine
from cases.selectors import referrals_per_year_and_province, suppressed
from partnerships.models import Agreement, Outreach, Province
from partnerships.selectors import NO_COOPERATION, cooperation_by_province, cooperation_statuses
from reports.models import Funding
from reports.params import Params, ParamsError
from reports.registry import FIGURES, TOTAL, Column, Figure, Kind, Period, Row, Table, compute, figure
from trainings import selectors as trainings

__all__ = ["FIGURES", "Figure", "Params", "ParamsError", "compute"]

GRAND_TOTAL = gettext_lazy("Eindtotaal")
PROVINCE = Column("province", gettext_lazy("Provincie"), Kind.TEXT)


def _day(figure: Figure) -> str:
    return date_format(figure.params.on, "SHORT_DATE_FORMAT")


def _form_label(code: str) -> str:
    return str(dict(Agreement.Form.choices).get(code, code))


def _with_total(rows: list[Row], keys: list[str]) -> list[Row]:
    return [*rows, {**{key: sum(row[key] for row in rows) for key in keys}, TOTAL: True}]


def _cooperation_sentence(figure: Figure) -> str:
    total = figure.total
    return _(
        "Op %(day)s werken %(total)s Vlaamse gemeenten samen met Dyzo: %(agreement)s met een overeenkomst, "
        "%(per_case)s met betaling per case en %(remote)s telefonisch of per mail."
    ) % {
        "day": _day(figure),
        "total": total["total"],
        "agreement": total["agreement"],
        "per_case": total["per_case"],
        "remote": total["remote_advice"],
    }


@figure(
    "cooperation-by-province",
    title=gettext_lazy("Samenwerking per provincie"),
    description=gettext_lazy("Gemeenten per provincie naar de vorm van hun samenwerking op de peildatum."),
    columns=[
        PROVINCE,
        Column("agreement", gettext_lazy("Overeenkomst")),
        Column("per_case", gettext_lazy("Betaling per case")),
        Column("remote_advice", gettext_lazy("Telefonisch / mail")),
        Column("total", gettext_lazy("Totaal")),
        Column("none", gettext_lazy("Geen samenwerking")),
    ],
    period=Period.ON,
    sentence=_cooperation_sentence,
    total_label=GRAND_TOTAL,
)
def cooperation_by_province_figure(params: Params) -> list[Row]:
    return cooperation_by_province(on=params.on)


def _parties_sentence(figure: Figure) -> str:
    total = figure.total
    return _(
        "Van de %(total)s overeenkomsten zijn er %(gemeente)s met de gemeente, %(ocmw)s met het OCMW en %(both)s met beide."
    ) % {"total": total["total"], "gemeente": total["gemeente"], "ocmw": total["ocmw"], "both": total["both"]}


@figure(
    "agreement-parties",
    title=gettext_lazy("Met wie Dyzo een overeenkomst heeft"),
    description=gettext_lazy("Jaarovereenkomsten per provincie naar wie ze sloot: de gemeente, het OCMW of beide."),
    columns=[
        PROVINCE,
        Column("gemeente", gettext_lazy("Gemeente")),
        Column("ocmw", gettext_lazy("OCMW")),
        Column("both", gettext_lazy("Beide")),
        Column("total", gettext_lazy("Totaal")),
    ],
    period=Period.ON,
    sentence=_parties_sentence,
    total_label=GRAND_TOTAL,
)
def agreement_parties(params: Params) -> list[Row]:
    return [{**row, "total": row["gemeente"] + row["ocmw"] + row["both"]} for row in cooperation_by_province(on=params.on)]


OUTREACH_FIGURE = {
    None: "no_offer",
    Outreach.Status.NO_ANSWER: "no_answer",
    Outreach.Status.NEGOTIATING: "negotiating",
    Outreach.Status.ACCEPTED: "negotiating",
    Outreach.Status.DECLINED: "declined",
}


def _non_cooperating_sentence(figure: Figure) -> str:
    return _("Op %(day)s werken %(total)s Vlaamse gemeenten niet samen met Dyzo.") % {
        "day": _day(figure),
        "total": figure.total["total"],
    }


@figure(
    "non-cooperating-by-province",
    title=gettext_lazy("Gemeenten zonder samenwerking per provincie"),
    description=gettext_lazy("Gemeenten zonder samenwerking per provincie, naar waar Dyzo's laatste aanbod stond."),
    columns=[
        PROVINCE,
        Column("no_offer", gettext_lazy("Geen aanbod")),
        Column("no_answer", gettext_lazy("Geen antwoord")),
        Column("negotiating", gettext_lazy("In onderhandeling")),
        Column("declined", gettext_lazy("Geweigerd")),
        Column("total", gettext_lazy("Geen overeenkomst")),
    ],
    period=Period.ON,
    sentence=_non_cooperating_sentence,
    total_label=GRAND_TOTAL,
)
def non_cooperating_by_province(params: Params) -> list[Row]:
    """Municipalities without cooperation, by where Dyzo's latest offer stood: one query, counted per province."""
    keys = ["no_offer", "no_answer", "negotiating", "declined", "total"]
    rows: dict[str, Row] = {
        province: {"province": province, **dict.fromkeys(keys, 0)}
        for province in Province.objects.values_list("name_nl", flat=True)
    }
    statuses = (
        cooperation_statuses(on=params.on).filter(status_form=NO_COOPERATION).values_list("province__name_nl", "outreach_status")
    )
    for province, outreach_status in statuses:
        rows[province][OUTREACH_FIGURE[outreach_status]] += 1
        rows[province]["total"] += 1
    return _with_total([rows[province] for province in sorted(rows)], keys)


def _reasons_sentence(figure: Figure) -> str:
    reasons = [row["reason"].lower() for row in figure.rows[:3]]
    return _("De meest gehoorde redenen zijn: %(reasons)s.") % {"reasons": "; ".join(reasons) or _("geen")}


@figure(
    "decline-reasons",
    title=gettext_lazy("Redenen om niet samen te werken"),
    description=gettext_lazy("Waarom gemeenten die weigerden niet samenwerken, de meest gehoorde reden eerst."),
    columns=[
        Column("rank", gettext_lazy("Rang"), Kind.RANK),
        Column("reason", gettext_lazy("Reden"), Kind.TEXT),
        Column("count", gettext_lazy("Gemeenten")),
    ],
    period=Period.ON,
    sentence=_reasons_sentence,
)
def decline_reasons(params: Params) -> list[Row]:
    """Reasons given by the municipalities that declined and do not cooperate on the date, most heard first.

    A reason is the managed list's own text (DeclineReason.label): data, like a municipality's name."""
    declined = (
        cooperation_statuses(on=params.on)
        .filter(status_form=NO_COOPERATION, outreach_status=Outreach.Status.DECLINED)
        .values_list("pk", flat=True)
    )
    counts = (
        Outreach.objects.filter(
            status=Outreach.Status.DECLINED, sent_on__lte=params.on, organisation__municipality__descendants__in=declined
        )
        .values(reason=F("decline_reason__label"))
        .annotate(count=Count("organisation__municipality", distinct=True))
        .order_by("-count", "reason")
    )
    return [{"rank": rank, "reason": row["reason"], "count": row["count"]} for rank, row in enumerate(counts, start=1)]


def _agreements_sentence(figure: Figure) -> str:
    with_day = sum(1 for row in figure.rows if row["agreement"] == Agreement.Form.SUBSCRIPTION_WITH_CONSULTATION_DAY)
    return _(
        "Op %(day)s heeft Dyzo met %(count)s lokale besturen een globaal samenwerkingsakkoord, waarvan %(with_day)s met zitdag."
    ) % {"day": _day(figure), "count": len(figure.rows), "with_day": with_day}


@figure(
    "agreements-list",
    title=gettext_lazy("Gemeenten met een globaal samenwerkingsakkoord"),
    description=gettext_lazy("De gemeenten met een jaarovereenkomst op de peildatum, met of zonder zitdag."),
    columns=[
        Column("municipality", gettext_lazy("Gemeente/stad"), Kind.TEXT),
        Column("agreement", gettext_lazy("Overeenkomst"), Kind.TEXT, label_of=_form_label),
    ],
    period=Period.ON,
    sentence=_agreements_sentence,
)
def agreements_list(params: Params) -> list[Row]:
    subscriptions = (
        cooperation_statuses(on=params.on)
        .filter(status_form__in=Agreement.SUBSCRIPTION_FORMS)
        .order_by("name_nl")
        .values_list("name_nl", "status_form")
    )
    return [{"municipality": name, "agreement": form} for name, form in subscriptions]


def _first_use_sentence(figure: Figure) -> str:
    names = get_text_list([row["municipality"] for row in figure.rows], _("en"))
    return _(
        "In %(year)s deden %(count)s OCMW's voor het eerst een beroep op Dyzo via een vergoeding per dossier: %(names)s."
    ) % {"year": figure.params.end_year, "count": len(figure.rows), "names": names}


@figure(
    "per-case-first-use",
    title=gettext_lazy("Voor het eerst per dossier"),
    description=gettext_lazy("De gemeenten wier eerste overeenkomst per dossier in de gekozen jaren begon."),
    columns=[
        Column("municipality", gettext_lazy("Gemeente"), Kind.TEXT),
        Column("first", gettext_lazy("Eerste overeenkomst per dossier"), Kind.DATE),
    ],
    period=Period.YEARS,
    sentence=_first_use_sentence,
)
def per_case_first_use(params: Params) -> list[Row]:
    first_use = (
        Agreement.objects.filter(form=Agreement.Form.PER_CASE)
        .values(municipality_name=F("municipality__name_nl"))
        .annotate(first=Min("start_date"))
        .filter(first__year__gte=params.start_year, first__year__lte=params.end_year)
        .order_by("municipality_name")
    )
    return [{"municipality": row["municipality_name"], "first": row["first"]} for row in first_use]


def _trainings_sentence(figure: Figure) -> str:
    return _("In %(from)s–%(to)s gaf Dyzo %(sessions)s opleidingen voor in totaal %(participants)s deelnemers.") % {
        "from": figure.params.start_year,
        "to": figure.params.end_year,
        "sessions": len(figure.detail_rows),
        "participants": number_format(figure.total["participants"], force_grouping=True),
    }


@figure(
    "trainings",
    title=gettext_lazy("Opleidingen"),
    description=gettext_lazy("Elke opleidingssessie van de gekozen jaren met haar inrichter en deelnemers."),
    columns=[
        Column("date", gettext_lazy("Datum"), Kind.DATE),
        Column("organiser", gettext_lazy("Inrichter"), Kind.TEXT),
        Column("target_group", gettext_lazy("Doelgroep"), Kind.TEXT),
        Column("participants", gettext_lazy("Aantal deelnemers")),
    ],
    period=Period.YEARS,
    sentence=_trainings_sentence,
    total_label=gettext_lazy("Totaal"),
)
def trainings_figure(params: Params) -> list[Row]:
    start, end = date(params.start_year, 1, 1), date(params.end_year, 12, 31)
    rows: list[Row] = [
        {
            "date": row["date"],
            "organiser": row["organiser_label"],
            "target_group": row["target_group"],
            "participants": row["participants"],
        }
        for row in trainings.session_rows_of_period(start=start, end=end)
    ]
    total = trainings.period_total(start=start, end=end)
    return [*rows, {"participants": total["participants"], TOTAL: True}]


@figure(
    "module-ranking",
    title=gettext_lazy("Opleidingsmodules in volgorde van belangrijkheid"),
    description=gettext_lazy("Per jaar de opleidingsmodules, gerangschikt naar sessies en dan deelnemers."),
    columns=[
        Column("year", gettext_lazy("Jaar"), Kind.YEAR),
        Column("rank", gettext_lazy("Rang"), Kind.RANK),
        Column("name", gettext_lazy("Module"), Kind.TEXT),
        Column("sessions", gettext_lazy("Sessies")),
        Column("participants", gettext_lazy("Deelnemers")),
    ],
    period=Period.YEARS,
    sentence=lambda figure: _("De modules staan per jaar in volgorde van het aantal sessies en deelnemers."),
)
def module_ranking(params: Params) -> list[Row]:
    return trainings.module_ranking_per_year(start_year=params.start_year, end_year=params.end_year)


def _referrals_sentence(figure: Figure) -> str:
    return _("In %(from)s–%(to)s werden %(count)s dossiers doorverwezen naar het OCMW.") % {
        "from": figure.params.start_year,
        "to": figure.params.end_year,
        "count": sum(row["total"] for row in figure.rows),
    }


YEAR = Column("year", gettext_lazy("Jaar"), Kind.YEAR)
TOTAL_COLUMN = Column("total", gettext_lazy("Totaal"))


@figure(
    "referrals",
    title=gettext_lazy("Doorverwijzingen naar het OCMW"),
    description=gettext_lazy("Per jaar de dossiers die naar een OCMW werden doorverwezen, per provincie van dat OCMW."),
    columns=[YEAR, TOTAL_COLUMN],
    period=Period.YEARS,
    sentence=_referrals_sentence,
)
def referrals(params: Params) -> Table:
    """One column per province, named by the province (a proper noun), between the year and the total."""
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for row in referrals_per_year_and_province(start_year=params.start_year, end_year=params.end_year):
        counts[row["year"]][row["ocmw__municipality__province__name_nl"]] = row["referrals"]
    provinces = list(Province.objects.values_list("name_nl", flat=True))
    rows = [
        {"year": year, **{province: counts[year].get(province, 0) for province in provinces}, "total": sum(counts[year].values())}
        for year in range(params.start_year, params.end_year + 1)
    ]
    return Table(rows, [YEAR, *[Column(province, province) for province in provinces], TOTAL_COLUMN])


def _funding_sentence(figure: Figure) -> str:
    amounts = [
        _("%(amount)s euro in %(year)s")
        % {"amount": number_format(row["amount"], decimal_pos=0, force_grouping=True), "year": row["year"]}
        for row in figure.rows
    ]
    return _("Dyzo ontving %(amounts)s.") % {"amounts": get_text_list(amounts, _("en")) or _("geen steun")}


@figure(
    "funding",
    title=gettext_lazy("Ontvangen financiering"),
    description=gettext_lazy("De subsidies en andere financiering die Dyzo per jaar ontving."),
    columns=[
        Column("year", gettext_lazy("Jaar"), Kind.YEAR),
        Column("funder", gettext_lazy("Financier"), Kind.TEXT),
        Column("amount", gettext_lazy("Bedrag (EUR)"), Kind.AMOUNT),
        Column("note", gettext_lazy("Notitie"), Kind.TEXT),
    ],
    period=Period.YEARS,
    sentence=_funding_sentence,
)
def funding(params: Params) -> list[Row]:
    fundings = Funding.objects.filter(year__gte=params.start_year, year__lte=params.end_year).order_by("year", "funder")
    return [{"year": f.year, "funder": f.funder, "amount": f.amount, "note": f.note} for f in fundings]


def _coverage_sentence(figure: Figure) -> str:
    row = figure.rows[0]
    return _("%(count)s lokale besturen (%(percentage)s%% van het totaal) werken samen met Dyzo.") % {
        "count": row["cooperating"],
        "percentage": number_format(row["percentage"], decimal_pos=1),
    }


@figure(
    "coverage",
    title=gettext_lazy("Bereik"),
    description=gettext_lazy("Hoeveel van alle Vlaamse gemeenten op de peildatum met Dyzo samenwerken."),
    columns=[
        Column("cooperating", gettext_lazy("Samenwerkende gemeenten")),
        Column("municipalities", gettext_lazy("Gemeenten")),
        Column("percentage", gettext_lazy("Percentage"), Kind.PERCENT),
    ],
    period=Period.ON,
    sentence=_coverage_sentence,
)
def coverage(params: Params) -> list[Row]:
    total = cooperation_by_province(on=params.on)[-1]
    municipalities = total["total"] + total["none"]
    percentage = (Decimal(100 * total["total"]) / municipalities).quantize(Decimal("0.1")) if municipalities else Decimal(0)
    return [{"cooperating": total["total"], "municipalities": municipalities, "percentage": percentage}]


@figure(
    "revenue",
    title=gettext_lazy("Inkomsten uit lokale besturen"),
    description=gettext_lazy(
        "Per jaar en provincie de jaarbedragen in voege, naar rato van de dagen, en de betalingen per dossier."
    ),
    columns=[
        Column("year", gettext_lazy("Jaar"), Kind.YEAR),
        PROVINCE,
        Column("subscriptions", gettext_lazy("Abonnementen"), Kind.AMOUNT),
        Column("per_case", gettext_lazy("Per dossier"), Kind.AMOUNT),
        Column("total", gettext_lazy("Totaal"), Kind.AMOUNT),
    ],
    period=Period.YEARS,
)
def revenue(params: Params) -> list[Row]:
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
        fees: dict[str, Decimal] = defaultdict(Decimal)
        for agreement in subscriptions:
            start, end = max(agreement["start_date"], first), min(agreement["end_date"] or last, last)
            if start <= end:
                fees[agreement["province"]] += Decimal(agreement["annual_fee"] or 0) * ((end - start).days + 1) / days
        for province in provinces:
            fee = fees[province].quantize(Decimal("0.01"))
            paid = payments.get((year, province), Decimal(0))
            rows.append({"year": year, "province": province, "subscriptions": fee, "per_case": paid, "total": fee + paid})
    return rows


@figure(
    "cases-by-municipality",
    title=gettext_lazy("Dossiers per gemeente"),
    description=gettext_lazy("Per gemeente de dossiers die in de gekozen jaren werden geopend."),
    columns=[PROVINCE, Column("municipality", gettext_lazy("Gemeente"), Kind.TEXT), Column("cases", gettext_lazy("Dossiers"))],
    period=Period.YEARS,
    notes=[gettext_lazy("Aantallen onder 5 worden als '<5' getoond.")],
)
def cases_by_municipality(params: Params) -> list[Row]:
    """Case-based, per municipality: numbers under 5 are shown as "<5" so no one can be recognised."""
    counts = (
        Case.objects.filter(
            opened_on__year__gte=params.start_year, opened_on__year__lte=params.end_year, municipality__isnull=False
        )
        .values(municipality_name=F("municipality__name_nl"), province=F("municipality__province__name_nl"))
        .annotate(cases=Count("pk"))
        .order_by("province", "municipality_name")
    )
    return [
        {"province": row["province"], "municipality": row["municipality_name"], "cases": suppressed(row["cases"])}
        for row in counts
    ]
