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
from django.utils.translation import gettext_lazy

from cases.models import Case, PayerLine
from cases.selectors import referrals_of_years, referrals_per_year_and_province, suppressed
from partnerships.models import Agreement, Outreach, Province
from partnerships.selectors import NO_COOPERATION, cooperation_by_province, cooperation_members, cooperation_statuses
from reports import provenance, sentences
from reports.models import Funding
from reports.params import Params, ParamsError
from reports.registry import (
    FIGURES,
    TOTAL,
    CellRecords,
    Column,
    Drill,
    Figure,
    Kind,
    Period,
    Row,
    Table,
    check_period,
    compute,
    figure,
)
from trainings import selectors as trainings
from trainings.models import Module

__all__ = ["FIGURES", "Figure", "Params", "ParamsError", "check_period", "compute"]

GRAND_TOTAL = gettext_lazy("Eindtotaal")

# What a cell's records are, each listed by reports.drilldown.
MUNICIPALITIES, SESSIONS, FUNDING, SUBSCRIPTIONS, PAYMENTS, REFERRALS, CASES = (
    "municipalities",
    "sessions",
    "funding",
    "subscriptions",
    "payments",
    "referrals",
    "cases",
)
Members = dict[str, dict[str, list[int]]]
PROVINCE = Column("province", gettext_lazy("Provincie"), Kind.TEXT)


def _form_label(code: str) -> str:
    return str(dict(Agreement.Form.choices).get(code, code))


def _with_total(rows: list[Row], keys: list[str]) -> list[Row]:
    return [*rows, {**{key: sum(row[key] for row in rows) for key in keys}, TOTAL: True}]


def _per_province(rows: list[Row], members: Members, columns: list[str]) -> CellRecords:
    """The municipalities behind each cell of a per-province figure; on the total row, those of every province."""
    drills = {}
    for index, row in enumerate(rows):
        provinces = sorted(members) if row.get(TOTAL) else [row["province"]]
        for column in columns:
            keys = [pk for province in provinces for pk in members.get(province, {}).get(column, [])]
            drills[(index, column)] = Drill({MUNICIPALITIES: keys})
    return drills


def _cooperation_records(params: Params, rows: list[Row]) -> CellRecords:
    return _per_province(rows, cooperation_members(on=params.on), ["agreement", "per_case", "remote_advice", "total", "none"])


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
    sentence=sentences.cooperation,
    recorded_since=provenance.first_agreement,
    synthetic=provenance.synthetic_agreements_on,
    total_label=GRAND_TOTAL,
    records=_cooperation_records,
)
def cooperation_by_province_figure(params: Params) -> list[Row]:
    return cooperation_by_province(on=params.on)


def _parties_records(params: Params, rows: list[Row]) -> CellRecords:
    """The agreements' total is the gemeente's, the OCMW's and the joint ones together, as in `agreement_parties`."""
    members = {
        province: {**figures, "total": figures["gemeente"] + figures["ocmw"] + figures["both"]}
        for province, figures in cooperation_members(on=params.on).items()
    }
    return _per_province(rows, members, ["gemeente", "ocmw", "both", "total"])


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
    sentence=sentences.parties,
    recorded_since=provenance.first_agreement,
    synthetic=provenance.synthetic_subscriptions_on,
    total_label=GRAND_TOTAL,
    records=_parties_records,
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


NON_COOPERATING = ["no_offer", "no_answer", "negotiating", "declined", "total"]


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
    sentence=sentences.non_cooperating,
    recorded_since=provenance.first_agreement,
    synthetic=provenance.synthetic_status_on,
    total_label=GRAND_TOTAL,
    records=lambda params, rows: _per_province(rows, _non_cooperating_members(params), NON_COOPERATING),
)
def non_cooperating_by_province(params: Params) -> list[Row]:
    """Municipalities without cooperation, by where Dyzo's latest offer stood: one query, counted per province."""
    members = _non_cooperating_members(params)
    rows = [
        {"province": province, **{key: len(members[province][key]) for key in NON_COOPERATING}} for province in sorted(members)
    ]
    return _with_total(rows, NON_COOPERATING)


def _non_cooperating_members(params: Params) -> Members:
    members: Members = {
        province: {key: [] for key in NON_COOPERATING} for province in Province.objects.values_list("name_nl", flat=True)
    }
    statuses = (
        cooperation_statuses(on=params.on)
        .filter(status_form=NO_COOPERATION)
        .values_list("pk", "province__name_nl", "outreach_status")
        .order_by("name_nl", "pk")
    )
    for pk, province, outreach_status in statuses:
        members[province][OUTREACH_FIGURE[outreach_status]].append(pk)
        members[province]["total"].append(pk)
    return members


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
    sentence=sentences.decline_reasons,
    recorded_since=provenance.first_outreach,
    synthetic=provenance.synthetic_outreach_on,
    records=lambda params, rows: _decline_records(params, rows),
)
def decline_reasons(params: Params) -> list[Row]:
    """Reasons given by the municipalities that declined and do not cooperate on the date, most heard first.

    A reason is the managed list's own text (DeclineReason.label): data, like a municipality's name."""
    counts = (
        _declined_outreach(params)
        .values(reason=F("decline_reason__label"))
        .annotate(count=Count("organisation__municipality", distinct=True))
        .order_by("-count", "reason")
    )
    return [{"rank": rank, "reason": row["reason"], "count": row["count"]} for rank, row in enumerate(counts, start=1)]


def _declined_outreach(params: Params):
    """The declined offers of the municipalities that declined and do not cooperate on the date."""
    declined = (
        cooperation_statuses(on=params.on)
        .filter(status_form=NO_COOPERATION, outreach_status=Outreach.Status.DECLINED)
        .values_list("pk", flat=True)
    )
    return Outreach.objects.filter(
        status=Outreach.Status.DECLINED, sent_on__lte=params.on, organisation__municipality__descendants__in=declined
    )


def _decline_records(params: Params, rows: list[Row]) -> CellRecords:
    """Per reason the municipalities whose organisations gave it, as `decline_reasons` counts them."""
    members: dict[str | None, set[int]] = defaultdict(set)
    for reason, municipality in _declined_outreach(params).values_list("decline_reason__label", "organisation__municipality"):
        members[reason].add(municipality)
    return {(index, "count"): Drill({MUNICIPALITIES: sorted(members[row["reason"]])}) for index, row in enumerate(rows)}


@figure(
    "agreements-list",
    title=gettext_lazy("Gemeenten met een globaal samenwerkingsakkoord"),
    description=gettext_lazy("De gemeenten met een jaarovereenkomst op de peildatum, met of zonder zitdag."),
    columns=[
        Column("municipality", gettext_lazy("Gemeente/stad"), Kind.TEXT),
        Column("agreement", gettext_lazy("Overeenkomst"), Kind.TEXT, label_of=_form_label),
    ],
    period=Period.ON,
    sentence=sentences.agreements,
    recorded_since=provenance.first_agreement,
    synthetic=provenance.synthetic_subscriptions_on,
)
def agreements_list(params: Params) -> list[Row]:
    subscriptions = (
        cooperation_statuses(on=params.on)
        .filter(status_form__in=Agreement.SUBSCRIPTION_FORMS)
        .order_by("name_nl")
        .values_list("name_nl", "status_form")
    )
    return [{"municipality": name, "agreement": form} for name, form in subscriptions]


@figure(
    "per-case-first-use",
    title=gettext_lazy("OCMW's voor het eerst per dossier"),
    description=gettext_lazy("De OCMW's wier eerste overeenkomst per dossier in de gekozen jaren begon."),
    columns=[
        Column("municipality", gettext_lazy("OCMW van"), Kind.TEXT),
        Column("first", gettext_lazy("Eerste overeenkomst per dossier"), Kind.DATE),
    ],
    period=Period.YEARS,
    sentence=sentences.first_use,
    recorded_since=provenance.first_ocmw_per_case,
    synthetic=provenance.synthetic_first_use,
)
def per_case_first_use(params: Params) -> list[Row]:
    """OCMWs only (an agreement with the OCMW, alone or with its gemeente): the sentence speaks of OCMWs."""
    first_use = (
        Agreement.objects.filter(form=Agreement.Form.PER_CASE, party__in=provenance.OCMW_PARTIES)
        .values(municipality_name=F("municipality__name_nl"))
        .annotate(first=Min("start_date"))
        .filter(first__year__gte=params.start_year, first__year__lte=params.end_year)
        .order_by("municipality_name")
    )
    return [{"municipality": row["municipality_name"], "first": row["first"]} for row in first_use]


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
    sentence=sentences.trainings,
    recorded_since=provenance.first_session,
    synthetic=provenance.synthetic_sessions,
    total_label=gettext_lazy("Totaal"),
    records=lambda params, rows: _trainings_records(params),
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


def _trainings_records(params: Params) -> CellRecords:
    """Each row's session, in the figure's order, and on the total row all of them."""
    start, end = date(params.start_year, 1, 1), date(params.end_year, 12, 31)
    sessions = list(trainings.sessions_of_period(start=start, end=end).values_list("pk", flat=True))
    drills = {(index, "participants"): Drill({SESSIONS: [pk]}, "participants") for index, pk in enumerate(sessions)}
    return {**drills, (len(sessions), "participants"): Drill({SESSIONS: sessions}, "participants")}


def _module_records(params: Params, rows: list[Row]) -> CellRecords:
    """Per year and module the sessions that covered it: the ranking counts them and sums their participants."""
    sessions: dict[tuple[int, str], list[int]] = defaultdict(list)
    covered = trainings.modules_covered(start_year=params.start_year, end_year=params.end_year)
    for year, name, session in covered.values_list("year", "name", "trainingsession").order_by("trainingsession__date", "pk"):
        sessions[(year, name)].append(session)
    return {
        (index, column): Drill({SESSIONS: sessions[(row["year"], row["name"])]}, measure)
        for index, row in enumerate(rows)
        for column, measure in (("sessions", None), ("participants", "participants"))
    }


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
    sentence=sentences.module_ranking,
    recorded_since=provenance.first_session_with_modules,
    synthetic=provenance.synthetic_sessions,
    records=_module_records,
)
def module_ranking(params: Params) -> list[Row]:
    return trainings.module_ranking_per_year(start_year=params.start_year, end_year=params.end_year)


@figure(
    "modules",
    title=gettext_lazy("Opleidingsmodules in het aanbod"),
    description=gettext_lazy("De opleidingsmodules die Dyzo aanbiedt, in hun volgorde."),
    columns=[Column("position", gettext_lazy("Volgorde"), Kind.RANK), Column("name", gettext_lazy("Module"), Kind.TEXT)],
    period=Period.CATALOGUE,
    sentence=sentences.modules,
)
def modules(params: Params) -> list[Row]:
    """The active modules: seed 002 answers question 3 with them, as themes were not recorded per session."""
    return [
        {"position": position, "name": name}
        for position, name in enumerate(Module.objects.filter(is_active=True).values_list("name", flat=True), start=1)
    ]


YEAR = Column("year", gettext_lazy("Jaar"), Kind.YEAR)
TOTAL_COLUMN = Column("total", gettext_lazy("Totaal"))


@figure(
    "referrals",
    title=gettext_lazy("Doorverwijzingen naar het OCMW"),
    description=gettext_lazy("Per jaar de dossiers die naar een OCMW werden doorverwezen, per provincie van dat OCMW."),
    columns=[YEAR, TOTAL_COLUMN],
    period=Period.YEARS,
    sentence=sentences.referrals,
    recorded_since=provenance.first_referral,
    synthetic=provenance.synthetic_referrals,
    records=lambda params, rows: _referral_records(params, rows),
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


def _referral_records(params: Params, rows: list[Row]) -> CellRecords:
    """Per year the referrals to the OCMWs of each province, and in the total column those of every province."""
    keys: dict[tuple[int, str | None], list[int]] = defaultdict(list)
    referred = referrals_of_years(start_year=params.start_year, end_year=params.end_year)
    for year, province, pk in referred.values_list("year", "ocmw__municipality__province__name_nl", "pk").order_by(
        "referred_on", "pk"
    ):
        keys[(year, province)].append(pk)
        keys[(year, None)].append(pk)
    return {
        (index, code): Drill({REFERRALS: keys[(row["year"], None if code == "total" else code)]})
        for index, row in enumerate(rows)
        for code in row
        if code not in ("year", TOTAL)
    }


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
    sentence=sentences.funding,
    recorded_since=provenance.first_funding,
    synthetic=provenance.synthetic_funding,
    records=lambda params, rows: {
        (index, "amount"): Drill({FUNDING: [pk]}, "amount")
        for index, pk in enumerate(_fundings(params).values_list("pk", flat=True))
    },
)
def funding(params: Params) -> list[Row]:
    return [{"year": f.year, "funder": f.funder, "amount": f.amount, "note": f.note} for f in _fundings(params)]


def _fundings(params: Params):
    return Funding.objects.filter(year__gte=params.start_year, year__lte=params.end_year).order_by("year", "funder", "pk")


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
    sentence=sentences.coverage,
    recorded_since=provenance.first_agreement,
    synthetic=provenance.synthetic_agreements_on,
    records=lambda params, rows: _coverage_records(params),
)
def coverage(params: Params) -> list[Row]:
    total = cooperation_by_province(on=params.on)[-1]
    municipalities = total["total"] + total["none"]
    percentage = (Decimal(100 * total["total"]) / municipalities).quantize(Decimal("0.1")) if municipalities else Decimal(0)
    return [{"cooperating": total["total"], "municipalities": municipalities, "percentage": percentage}]


def _coverage_records(params: Params) -> CellRecords:
    members = cooperation_members(on=params.on)
    cooperating = [pk for province in sorted(members) for pk in members[province]["total"]]
    others = [pk for province in sorted(members) for pk in members[province]["none"]]
    return {
        (0, "cooperating"): Drill({MUNICIPALITIES: cooperating}),
        (0, "municipalities"): Drill({MUNICIPALITIES: cooperating + others}),
    }


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
    synthetic=provenance.synthetic_revenue,
    records=lambda params, rows: _revenue_records(params, rows),
)
def revenue(params: Params) -> list[Row]:
    """Subscription fees in force, prorated by days, plus per-case payments by local authorities, per province."""
    provinces = list(Province.objects.values_list("name_nl", flat=True))
    rows = []
    subscriptions = list(_subscriptions(params))
    payments = {
        (row["year"], row["province"]): row["amount"]
        for row in _municipal_payments(params).values("year", "province").annotate(amount=Sum("amount"))
    }
    for year in range(params.start_year, params.end_year + 1):
        fees: dict[str, Decimal] = defaultdict(Decimal)
        for agreement in subscriptions:
            share = fee_share(agreement, year)
            if share is not None:
                fees[agreement["province"]] += share
        for province in provinces:
            fee = fees[province].quantize(Decimal("0.01"))
            paid = payments.get((year, province), Decimal(0))
            rows.append({"year": year, "province": province, "subscriptions": fee, "per_case": paid, "total": fee + paid})
    return rows


def _subscriptions(params: Params):
    """The subscriptions with a fee in force during the years, as rows with their province."""
    return (
        Agreement.objects.filter(
            form__in=Agreement.SUBSCRIPTION_FORMS,
            annual_fee__isnull=False,
            start_date__lte=date(params.end_year, 12, 31),
        )
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=date(params.start_year, 1, 1)))
        .values("pk", "start_date", "end_date", "annual_fee", province=F("municipality__province__name_nl"))
        .order_by("start_date", "pk")
    )


def fee_share(agreement: Row, year: int) -> Decimal | None:
    """The part of the annual fee for the agreement's days in force in the year; None when it was not in force."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    start, end = max(agreement["start_date"], first), min(agreement["end_date"] or last, last)
    if start > end:
        return None
    return Decimal(agreement["annual_fee"] or 0) * ((end - start).days + 1) / ((last - first).days + 1)


def _municipal_payments(params: Params):
    """The per-case payments by local authorities in the years, with `year` and `province`."""
    return (
        PayerLine.objects.filter(
            payer=PayerLine.Payer.MUNICIPALITY, paid_on__year__gte=params.start_year, paid_on__year__lte=params.end_year
        )
        .annotate(year=ExtractYear("paid_on"), province=F("case__municipality__province__name_nl"))
        .order_by()
    )


def _revenue_records(params: Params, rows: list[Row]) -> CellRecords:
    """Per year and province the subscriptions (with the year, for their share) and the payments; the total both."""
    subscriptions = list(_subscriptions(params))
    payments: dict[tuple[int, str], list[int]] = defaultdict(list)
    for year, province, pk in _municipal_payments(params).values_list("year", "province", "pk").order_by("paid_on", "pk"):
        payments[(year, province)].append(pk)
    drills = {}
    for index, row in enumerate(rows):
        year = row["year"]
        fees = [
            [agreement["pk"], year]
            for agreement in subscriptions
            if agreement["province"] == row["province"] and fee_share(agreement, year) is not None
        ]
        paid = payments[(year, row["province"])]
        drills[(index, "subscriptions")] = Drill({SUBSCRIPTIONS: fees}, "amount")
        drills[(index, "per_case")] = Drill({PAYMENTS: paid}, "amount")
        drills[(index, "total")] = Drill({SUBSCRIPTIONS: fees, PAYMENTS: paid}, "amount")
    return drills


@figure(
    "cases-by-municipality",
    title=gettext_lazy("Dossiers per gemeente"),
    description=gettext_lazy("Per gemeente de dossiers die in een kalenderjaar werden geopend."),
    columns=[PROVINCE, Column("municipality", gettext_lazy("Gemeente"), Kind.TEXT), Column("cases", gettext_lazy("Dossiers"))],
    period=Period.CALENDAR_YEAR,
    notes=[gettext_lazy("Aantallen onder 5 worden als '<5' getoond; het cijfer bestaat alleen per kalenderjaar.")],
    recorded_since=provenance.first_case,
    synthetic=provenance.synthetic_cases,
    records=lambda params, rows: _case_records(params, rows),
)
def cases_by_municipality(params: Params) -> list[Row]:
    """Case-based, per municipality: numbers under 5 are shown as "<5" so no one can be recognised.

    Only per calendar year (Period.CALENDAR_YEAR) and without a total row: with free ranges,
    count(a..b) − count(a..y−1) − count(y+1..b) gave back every hidden count."""
    counts = (
        _opened_cases(params)
        .values(municipality_name=F("municipality__name_nl"), province=F("municipality__province__name_nl"))
        .annotate(cases=Count("pk"))
        .order_by("province", "municipality_name")
    )
    return [
        {"province": row["province"], "municipality": row["municipality_name"], "cases": suppressed(row["cases"])}
        for row in counts
    ]


def _opened_cases(params: Params):
    return Case.objects.filter(
        opened_on__year__gte=params.start_year, opened_on__year__lte=params.end_year, municipality__isnull=False
    )


def _case_records(params: Params, rows: list[Row]) -> CellRecords:
    keys: dict[tuple[str, str], list[int]] = defaultdict(list)
    opened = _opened_cases(params).values_list("municipality__province__name_nl", "municipality__name_nl", "pk")
    for province, name, pk in opened.order_by("opened_on", "pk"):
        keys[(province, name)].append(pk)
    return {(index, "cases"): Drill({CASES: keys[(row["province"], row["municipality"])]}) for index, row in enumerate(rows)}
