"""The one status rule: how each municipality cooperates with Dyzo on a date.

Every page and report asks these selectors, so the rule lives here only:

- form: the strongest form in force among the agreements of the municipality's
  gemeente and OCMW, including those of municipalities that merged into it;
- party: who holds a subscription (gemeente, OCMW or both), for subscriptions only;
- outreach status: where the latest offer stood on that date, for "no cooperation".

All of it is one SQL query, whatever the number of municipalities or agreements.
"""

from datetime import date

from django.db.models import Case, CharField, Exists, F, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce

from partnerships.models import Agreement, Municipality, Outreach

NO_COOPERATION = "geen"
FORMS_BY_STRENGTH = list(Agreement.Form.values)
SUBSCRIPTION_FORMS = [str(form) for form in Agreement.SUBSCRIPTION_FORMS]

COUNTED_FIGURES = ("agreement", "per_case", "remote_advice", "total", "none", "gemeente", "ocmw", "both")
FIGURE_OF_FORM = {
    Agreement.Form.SUBSCRIPTION_WITH_CONSULTATION_DAY: "agreement",
    Agreement.Form.SUBSCRIPTION: "agreement",
    Agreement.Form.PER_CASE: "per_case",
    Agreement.Form.REMOTE_ADVICE: "remote_advice",
    NO_COOPERATION: "none",
}
FIGURE_OF_PARTY = {Agreement.Party.GEMEENTE: "gemeente", Agreement.Party.OCMW: "ocmw", Agreement.Party.BOTH: "both"}


def _form_strength():
    return Case(
        *[When(form=form, then=Value(rank)) for rank, form in enumerate(FORMS_BY_STRENGTH)],
        output_field=IntegerField(),
    )


def _outreach_status_on(day: date):
    """An answer only counts from the day it was given; before that the offer is unanswered."""
    return Case(
        When(Q(status_date__isnull=True) | Q(status_date__lte=day), then=F("status")),
        default=Value(Outreach.Status.NO_ANSWER.value),
        output_field=CharField(),
    )


def _covering(municipality, lookup: str = "exact") -> Q:
    """The agreements that count for a municipality: those of its gemeente and its OCMW, whichever
    party signed, and those of the municipalities that merged into it."""
    return Q(**{f"municipality__descendants__{lookup}": municipality})


def agreements_covering(*, municipalities):
    """The agreements the status rule counts for these municipalities (a queryset), whoever holds
    them: an OCMW works under its gemeente's agreement, and the other way round."""
    return Agreement.objects.filter(pk__in=Agreement.objects.filter(_covering(municipalities, "in")).values("pk"))


def annotate_cooperation_status(municipalities, *, on: date):
    """Annotate status_form, status_party and outreach_status on `on` to any municipality queryset.

    A municipality that has merged away by `on` has no status of its own: its
    agreements count for its successor.
    """
    counted = Agreement.objects.in_force_on(on).filter(_covering(OuterRef("pk")))
    subscriptions = counted.filter(form__in=SUBSCRIPTION_FORMS)
    latest_outreach = Outreach.objects.filter(organisation__municipality__descendants=OuterRef("pk"), sent_on__lte=on).order_by(
        "-sent_on", "-pk"
    )
    strongest_form = counted.annotate(rank=_form_strength()).order_by("rank").values("form")[:1]
    gemeente = Exists(subscriptions.filter(party__in=[Agreement.Party.GEMEENTE, Agreement.Party.BOTH]))
    ocmw = Exists(subscriptions.filter(party__in=[Agreement.Party.OCMW, Agreement.Party.BOTH]))
    return municipalities.annotate(
        status_form=Coalesce(Subquery(strongest_form), Value(NO_COOPERATION), output_field=CharField()),
        status_party=Case(
            When(
                gemeente,
                then=Case(When(ocmw, then=Value(Agreement.Party.BOTH.value)), default=Value(Agreement.Party.GEMEENTE.value)),
            ),
            When(ocmw, then=Value(Agreement.Party.OCMW.value)),
            default=None,
            output_field=CharField(),
        ),
        outreach_status=Subquery(latest_outreach.annotate(as_of=_outreach_status_on(on)).values("as_of")[:1]),
    )


def cooperation_statuses(*, on: date):
    """The municipalities existing on `on`, annotated with status_form, status_party and outreach_status."""
    return annotate_cooperation_status(Municipality.objects.existing_on(on), on=on).select_related("province")


def cooperation_status(*, municipality: Municipality, on: date) -> Municipality:
    """One municipality with the status annotations of `cooperation_statuses`."""
    return cooperation_statuses(on=on).get(pk=municipality.pk)


def cooperation_form(*, municipality: Municipality, on: date) -> str:
    """Only the cooperation form of one municipality existing on `on`: the same rule, without the
    party and outreach columns, which PostgreSQL plans several times faster (dashboards, new cases)."""
    existing = Municipality.objects.existing_on(on).filter(pk=municipality.pk)
    return annotate_cooperation_status(existing, on=on).values_list("status_form", flat=True).get()


def cooperation_members(*, on: date) -> dict[str, dict[str, list[int]]]:
    """Per province, the municipalities (their keys) counted in each of COUNTED_FIGURES on `on`.

    What `cooperation_by_province` counts, so a count and the list behind it are one query's result.
    """
    members: dict[str, dict[str, list[int]]] = {}
    statuses = cooperation_statuses(on=on).values_list("pk", "province__name_nl", "status_form", "status_party")
    for pk, province, form, party in statuses.order_by("name_nl", "pk"):
        figures = members.setdefault(province, {figure: [] for figure in COUNTED_FIGURES})
        figures[FIGURE_OF_FORM[form]].append(pk)
        if party:
            figures[FIGURE_OF_PARTY[party]].append(pk)
    for figures in members.values():
        figures["total"] = figures["agreement"] + figures["per_case"] + figures["remote_advice"]
    return members


def cooperation_by_province(*, on: date) -> list[dict]:
    """Per province (alphabetical) and a total row: the counts of seed 001's tables.

    The total row has no province and `is_total` set: what it is called is for whoever shows it.
    The database computes every municipality's status in one query; counting the
    few hundred rows per province here is cheaper than re-evaluating the status
    subqueries inside grouped aggregates.
    """
    members = cooperation_members(on=on)
    rows: list[dict] = [
        {"province": province, **{figure: len(members[province][figure]) for figure in COUNTED_FIGURES}}
        for province in sorted(members)
    ]
    total = {figure: sum(row[figure] for row in rows) for figure in COUNTED_FIGURES}
    return [*rows, {"province": None, **total, "is_total": True}]
