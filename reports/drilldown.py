"""The records behind a figure's numbers: the municipalities, agreements, sessions, funding rows or cases of a cell.

Which records make up a cell is said by the figure itself (`@figure(records=...)`), from the
same query as its counts; here they are listed, each kind in a constant number of queries.
Staff see the records. Policy staff see the same lists down to municipality level: where the
records are about persons (cases, referrals, payments for a case), only how many per
municipality. A frozen answer keeps the keys of each cell's records, so its lists stay as frozen.
"""

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any
from urllib.parse import quote, urlencode

from django.db.models import F
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.models import Case, PayerLine, Referral
from cases.selectors import suppressed
from core.years import short_date
from partnerships.models import Agreement, Municipality
from partnerships.selectors import NO_COOPERATION, annotate_cooperation_status
from reports import figures
from reports.models import FrozenAnswer, Funding
from reports.registry import Column, Drill, Figure, Kind, Row
from trainings.models import TrainingSession

LINKED_KINDS = {Kind.NUMBER, Kind.AMOUNT}
Keys = list[Any]


def _choice(choices) -> Callable[[Any], str]:
    labels = dict(choices)
    return lambda code: str(labels.get(code, code))


def _form_label(code: str) -> str:
    return _("Geen samenwerking") if code == NO_COOPERATION else str(dict(Agreement.Form.choices).get(code, code))


def _day(day: date | None) -> str:
    return short_date(day) if day else "…"


NIS = Column("nis_code", gettext_lazy("NIS-code"), Kind.TEXT)
MUNICIPALITY = Column("municipality", gettext_lazy("Gemeente"), Kind.TEXT)
PROVINCE = Column("province", gettext_lazy("Provincie"), Kind.TEXT)
CASE_NUMBER = Column("case", gettext_lazy("Dossier"), Kind.TEXT)
AMOUNT = Column("amount", gettext_lazy("Bedrag (EUR)"), Kind.AMOUNT)
COUNT = Column("count", gettext_lazy("Aantal"))


@dataclass(frozen=True)
class Listing:
    """One kind of record: its heading, its columns, and its rows for a cell's keys; `per_municipality`
    lists records about persons as counts per municipality, which is all policy staff see of them."""

    title: str | Promise
    columns: Sequence[Column]
    rows: Callable[[Keys, date], list[Row]]
    per_municipality: Callable[[Keys], list[Row]] | None = None
    municipality_columns: Sequence[Column] = ()


@dataclass
class Listed:
    title: str
    columns: Sequence[Column]
    rows: list[Row]


def municipalities(keys: Keys, on: date) -> list[Row]:
    """The municipalities with their form of cooperation on the date and the agreements that count for them then."""
    found = (
        annotate_cooperation_status(Municipality.objects.filter(pk__in=keys), on=on)
        .order_by("province__name_nl", "name_nl", "pk")
        .values("pk", "nis_code", "status_form", "status_party", "province__name_nl", municipality=F("name_nl"))
    )
    in_force = (
        Agreement.objects.in_force_on(on)
        .filter(municipality__descendants__in=keys)
        .order_by("start_date", "pk")
        .values("form", "party", "start_date", "end_date", counted_for=F("municipality__descendants"))
    )
    party = _choice(Agreement.Party.choices)
    agreements = defaultdict(list)
    for agreement in in_force:
        agreements[agreement["counted_for"]].append(
            f"{_form_label(agreement['form'])} ({party(agreement['party'])}), "
            f"{_day(agreement['start_date'])} – {_day(agreement['end_date'])}"
        )
    return [{**row, "province": row["province__name_nl"], "agreements": "; ".join(agreements[row["pk"]])} for row in found]


def sessions(keys: Keys, on: date) -> list[Row]:
    found = (
        TrainingSession.objects.filter(pk__in=keys)
        .with_participants()
        .select_related("organiser")
        .prefetch_related("modules")
        .order_by("date", "start_time", "pk")
    )
    return [
        {
            "date": session.date,
            "organiser": session.organiser_label,
            "target_group": session.target_group,
            "modules": ", ".join(module.name for module in session.modules.all()),
            "participants": session.participants,
        }
        for session in found
    ]


def fundings(keys: Keys, on: date) -> list[Row]:
    kind = _choice(Funding.Kind.choices)
    return [
        {"year": row.year, "funder": row.funder, "kind": kind(row.kind), "amount": row.amount, "note": row.note}
        for row in Funding.objects.filter(pk__in=keys).order_by("year", "funder", "pk")
    ]


def subscriptions(keys: Keys, on: date) -> list[Row]:
    """Each agreement with the part of its annual fee for the year of its key ([agreement, year])."""
    found = {
        row["pk"]: row
        for row in Agreement.objects.filter(pk__in=[pk for pk, _year in keys]).values(
            "pk",
            "form",
            "party",
            "start_date",
            "end_date",
            "annual_fee",
            nis_code=F("municipality__nis_code"),
            municipality_name=F("municipality__name_nl"),
        )
    }
    rows = []
    for pk, year in keys:
        if agreement := found.get(pk):
            share = figures.fee_share(agreement, year)
            rows.append(
                {
                    "nis_code": agreement["nis_code"],
                    "municipality": agreement["municipality_name"],
                    "form": _form_label(agreement["form"]),
                    "party": _choice(Agreement.Party.choices)(agreement["party"]),
                    "start_date": agreement["start_date"],
                    "end_date": agreement["end_date"],
                    "annual_fee": agreement["annual_fee"],
                    "amount": share if share is not None else Decimal(0),
                }
            )
    return rows


def _per_municipality(queryset, municipality: str, *, amount: str | None = None, hide_small: bool = False) -> list[Row]:
    """Records about persons as counts per municipality (and their amounts): the level policy staff see."""
    totals: dict[tuple[str, str], Row] = {}
    for nis_code, name, value in queryset.values_list(f"{municipality}__nis_code", f"{municipality}__name_nl", amount or "pk"):
        row = totals.setdefault((name or "", nis_code or ""), {"nis_code": nis_code, "municipality": name, "count": 0})
        row["count"] += 1
        if amount:
            row["amount"] = row.get("amount", Decimal(0)) + value
    rows = [totals[key] for key in sorted(totals)]
    if hide_small:
        for row in rows:
            row["count"] = suppressed(row["count"])
    return rows


def payments(keys: Keys, on: date) -> list[Row]:
    found = PayerLine.objects.filter(pk__in=keys).select_related("case__municipality").order_by("paid_on", "pk")
    return [
        {
            "paid_on": line.paid_on,
            "case": str(line.case_id),
            "municipality": line.case.municipality.name_nl if line.case.municipality else "",
            "amount": line.amount,
        }
        for line in found
    ]


def referrals(keys: Keys, on: date) -> list[Row]:
    outcome = _choice(Referral.Outcome.choices)
    found = Referral.objects.filter(pk__in=keys).select_related("ocmw__municipality").order_by("referred_on", "pk")
    return [
        {
            "referred_on": referral.referred_on,
            "case": str(referral.case_id),
            "ocmw": referral.ocmw.name,
            "municipality": referral.ocmw.municipality.name_nl,
            "outcome": outcome(referral.outcome),
        }
        for referral in found
    ]


def cases(keys: Keys, on: date) -> list[Row]:
    status = _choice(Case.Status.choices)
    found = (
        Case.objects.filter(pk__in=keys).order_by("opened_on", "pk").values("pk", "opened_on", "status", "municipality__name_nl")
    )
    return [
        {
            "case": str(row["pk"]),
            "opened_on": row["opened_on"],
            "municipality": row["municipality__name_nl"],
            "status": status(row["status"]),
        }
        for row in found
    ]


PER_MUNICIPALITY = [NIS, MUNICIPALITY, COUNT]
LISTINGS: dict[str, Listing] = {
    figures.MUNICIPALITIES: Listing(
        gettext_lazy("Gemeenten"),
        [
            NIS,
            MUNICIPALITY,
            PROVINCE,
            Column("status_form", gettext_lazy("Samenwerking op de peildatum"), Kind.TEXT, label_of=_form_label),
            Column("status_party", gettext_lazy("Partij"), Kind.TEXT, label_of=_choice(Agreement.Party.choices)),
            Column("agreements", gettext_lazy("Overeenkomsten in voege"), Kind.TEXT),
        ],
        municipalities,
    ),
    figures.SESSIONS: Listing(
        gettext_lazy("Opleidingssessies"),
        [
            Column("date", gettext_lazy("Datum"), Kind.DATE),
            Column("organiser", gettext_lazy("Inrichter"), Kind.TEXT),
            Column("target_group", gettext_lazy("Doelgroep"), Kind.TEXT),
            Column("modules", gettext_lazy("Modules"), Kind.TEXT),
            Column("participants", gettext_lazy("Aantal deelnemers")),
        ],
        sessions,
    ),
    figures.FUNDING: Listing(
        gettext_lazy("Financiering"),
        [
            Column("year", gettext_lazy("Jaar"), Kind.YEAR),
            Column("funder", gettext_lazy("Financier"), Kind.TEXT),
            Column("kind", gettext_lazy("Soort"), Kind.TEXT),
            AMOUNT,
            Column("note", gettext_lazy("Notitie"), Kind.TEXT),
        ],
        fundings,
    ),
    figures.SUBSCRIPTIONS: Listing(
        gettext_lazy("Jaarovereenkomsten"),
        [
            NIS,
            MUNICIPALITY,
            Column("form", gettext_lazy("Vorm"), Kind.TEXT),
            Column("party", gettext_lazy("Partij"), Kind.TEXT),
            Column("start_date", gettext_lazy("Begindatum"), Kind.DATE),
            Column("end_date", gettext_lazy("Einddatum"), Kind.DATE),
            Column("annual_fee", gettext_lazy("Jaarbedrag (EUR)"), Kind.AMOUNT),
            Column("amount", gettext_lazy("Deel in het jaar (EUR)"), Kind.AMOUNT),
        ],
        subscriptions,
    ),
    figures.PAYMENTS: Listing(
        gettext_lazy("Betalingen per dossier"),
        [Column("paid_on", gettext_lazy("Datum"), Kind.DATE), CASE_NUMBER, MUNICIPALITY, AMOUNT],
        payments,
        lambda keys: _per_municipality(PayerLine.objects.filter(pk__in=keys), "case__municipality", amount="amount"),
        [*PER_MUNICIPALITY, AMOUNT],
    ),
    figures.REFERRALS: Listing(
        gettext_lazy("Doorverwijzingen"),
        [
            Column("referred_on", gettext_lazy("Doorverwezen op"), Kind.DATE),
            CASE_NUMBER,
            Column("ocmw", gettext_lazy("OCMW"), Kind.TEXT),
            MUNICIPALITY,
            Column("outcome", gettext_lazy("Uitkomst"), Kind.TEXT),
        ],
        referrals,
        lambda keys: _per_municipality(Referral.objects.filter(pk__in=keys), "ocmw__municipality"),
        PER_MUNICIPALITY,
    ),
    figures.CASES: Listing(
        gettext_lazy("Dossiers"),
        [
            CASE_NUMBER,
            Column("opened_on", gettext_lazy("Geopend op"), Kind.DATE),
            MUNICIPALITY,
            Column("status", gettext_lazy("Status"), Kind.TEXT),
        ],
        cases,
        lambda keys: _per_municipality(Case.objects.filter(pk__in=keys), "municipality", hide_small=True),
        PER_MUNICIPALITY,
    ),
}


def listed(drill: Drill, *, on: date, staff: bool) -> list[Listed]:
    """The cell's records, one table per kind; for policy staff, records about persons per municipality."""
    tables = []
    for name, keys in drill.records.items():
        listing = LISTINGS[name]
        if staff or listing.per_municipality is None:
            tables.append(Listed(str(listing.title), listing.columns, listing.rows(keys, on)))
        else:
            tables.append(Listed(str(listing.title), listing.municipality_columns, listing.per_municipality(keys)))
    return tables


def measured(drill: Drill, tables: list[Listed]) -> Any:
    """What the listed records add up to: their number, or the sum of the drill's measure."""
    if drill.measure is None:
        return sum(len(table.rows) for table in tables)
    return sum((row[drill.measure] for table in tables for row in table.rows), Decimal(0) if drill.measure == "amount" else 0)


def linkable(figure: Figure, row: Row, column: Column) -> bool:
    """A number the figure can trace: a count or an amount, not zero, of a figure that registered its records."""
    return figure.spec.records is not None and column.kind in LINKED_KINDS and row.get(column.code) not in (None, 0, "")


def params_query(figure: Figure) -> str:
    params = figure.params
    query: dict[str, Any] = {"op": params.on.isoformat(), "van": params.start_year, "tot": params.end_year}
    if params.province:
        query["provincie"] = params.province
    return urlencode(query)


CellUrl = Callable[[int, str], str | None]


def live_links(figure: Figure) -> CellUrl:
    """The drill-down of each cell, for the figure's own parameters."""
    base, query = reverse("reports:figure", args=[figure.name]), params_query(figure)
    return lambda index, code: f"{base}cel/{index}/{quote(code, safe='')}/?{query}"


def frozen_links(frozen: FrozenAnswer) -> Callable[[Figure], CellUrl | None]:
    """The drill-downs as frozen with the answer; none for a figure frozen before drill-downs were kept."""

    def links(figure: Figure) -> CellUrl | None:
        cells = frozen.drilldown.get(figure.name, {}).get("cells", {})
        base = reverse("reports:frozen", args=[frozen.pk])
        return lambda index, code: (
            f"{base}cijfer/{figure.name}/cel/{index}/{quote(code, safe='')}/" if f"{index}:{code}" in cells else None
        )

    return links


def frozen_cells(figure: Figure) -> dict[str, Any]:
    """What a frozen answer keeps of a figure's drill-downs: its parameters and per cell the keys of its records."""
    if figure.spec.records is None:
        return {}
    params = figure.params
    return {
        "params": {
            "on": params.on.isoformat(),
            "start_year": params.start_year,
            "end_year": params.end_year,
            "province": params.province,
        },
        "cells": {
            f"{index}:{code}": {"records": drill.records, "measure": drill.measure}
            for (index, code), drill in figure.spec.records(params, figure.rows).items()
            if any(drill.records.values())
        },
    }
