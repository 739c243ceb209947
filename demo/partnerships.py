"""Demo cooperation records: the real records of seed 002, then a seeded synthetic continuation up to this year.

The continuation is generated, not typed: it starts from the real state of
31/12/2016 and draws changes per province until the status rule gives seed 001's
published 2018 tables (and seed 000's 123 cooperating municipalities on
1/1/2017). After 2018 it keeps evolving on the borders of each period, year by year up to the
year of loading; the draws of a year come after those of the years before, so a later load only adds.
"""

import csv
import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings

from partnerships import services
from partnerships.models import Agreement, ConsultationDay, DeclineReason, Municipality, Organisation, Outreach, TariffBand
from partnerships.selectors.municipalities import population_on

Form = Agreement.Form
Party = Agreement.Party
Status = Outreach.Status

SYNTHETIC_NOTE = "Synthetische demogegevens, geen echt record."
SUBSCRIPTION_NOTE = (
    "Bron: schriftelijke vraag (seed 002), globaal samenwerkingsakkoord van kracht op 31/12/2016. "
    "Begindatum onbekend: 01/01/2015 aangenomen."
)
PER_CASE_NOTE = (
    "Bron: schriftelijke vraag (seed 002), antwoord 1: in 2016 voor het eerst per dossier. De tekst spreekt "
    "van 19 OCMW's maar noemt er 18; de 18 genoemde zijn opgenomen. Begindatum onbekend: 01/01/2016 aangenomen."
)
SYNTHETIC_END_NOTE = " Einddatum: synthetisch demovervolg."

REAL_SUBSCRIPTION_START = date(2015, 1, 1)
REAL_PER_CASE_START = date(2016, 1, 1)
PUBLISHED_DAY = date(2018, 12, 31)


@dataclass(frozen=True)
class ProvinceTarget:
    """Seed 001's tables for one province on 31/12/2018."""

    agreement: int
    per_case: int
    remote_advice: int
    gemeente: int


PUBLISHED_2018 = {
    "Antwerpen": ProvinceTarget(agreement=18, per_case=11, remote_advice=1, gemeente=0),
    "Limburg": ProvinceTarget(agreement=4, per_case=6, remote_advice=1, gemeente=1),
    "Oost-Vlaanderen": ProvinceTarget(agreement=17, per_case=9, remote_advice=1, gemeente=4),
    "Vlaams-Brabant": ProvinceTarget(agreement=18, per_case=8, remote_advice=0, gemeente=1),
    "West-Vlaanderen": ProvinceTarget(agreement=54, per_case=1, remote_advice=0, gemeente=1),
}
COOPERATING_ON_2017 = 123  # seed 000: "123 lokale besturen (40% van het totaal)" on 1/1/2017
PER_CASE_ON_2017 = 23  # seed 000: "de stad Antwerpen en nog 22 andere gemeenten"
DECLINE_SHARES = [0.45, 0.28, 0.17, 0.10]  # seed 001 lists the reasons most heard first; the last is "Andere"
ILLUSTRATIVE_TARIFF = [  # inhabitants from, to, annual fee, one-time payment per case (seed 003: 350 euro per trajectory)
    (0, 10_000, 1250, 350),
    (10_001, 20_000, 2000, 350),
    (20_001, 50_000, 3250, 350),
    (50_001, 100_000, 5000, 350),
    (100_001, None, 8500, 350),
]
SCHEDULES = [
    "eerste dinsdag van de maand",
    "tweede donderdag van de maand",
    "elke derde woensdag, 9-12 uur",
    "laatste vrijdag van de maand",
]
OTHER_REASONS = [
    "Eerst interne evaluatie van de sociale dienstverlening",
    "Samenwerking via de regionale welzijnsvereniging",
    "Budget voor volgend jaar nog niet goedgekeurd",
]


@dataclass
class Planned:
    municipality: Municipality
    party: str
    form: str
    start: date
    end: date | None = None
    note: str = SYNTHETIC_NOTE
    synthetic: bool = True

    def in_force(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)


@dataclass
class Plan:
    rng: random.Random
    descendants: dict[int, set[int]]
    agreements: list[Planned] = field(default_factory=list)
    offers: list[dict] = field(default_factory=list)
    counting_for: dict[int, list[Planned]] = field(default_factory=lambda: defaultdict(list))

    def add(self, **fields) -> Planned:
        planned = Planned(**fields)
        self.agreements.append(planned)
        for descendant in self.descendants[planned.municipality.pk]:
            self.counting_for[descendant].append(planned)
        return planned

    def running(self, municipality: Municipality, day: date) -> list[Planned]:
        """Agreements in force on `day` that count for `municipality` (its own and its predecessors')."""
        return [planned for planned in self.counting_for[municipality.pk] if planned.in_force(day)]

    def is_free(self, municipality: Municipality, party: str, start: date) -> bool:
        """No agreement of the same organisation runs on or after `start`."""
        return not any(
            planned.municipality.pk == municipality.pk
            and (planned.party == party or Party.BOTH in (planned.party, party))
            and (planned.end is None or planned.end >= start)
            for planned in self.counting_for[municipality.pk]
        )

    def day_between(self, first: date, last: date) -> date:
        return first + timedelta(days=self.rng.randint(0, (last - first).days))


def build(*, rng: random.Random, today: date) -> dict:
    municipalities = {(m.nis_code, m.valid_from): m for m in Municipality.objects.select_related("province")}
    old_map = {nis: m for (nis, valid_from), m in municipalities.items() if valid_from is None}
    descendants = defaultdict(set)
    for link in Municipality.descendants.through.objects.all():
        descendants[link.from_municipality_id].add(link.to_municipality_id)
    plan = Plan(rng=rng, descendants=descendants)
    geography_2018 = [m for m in municipalities.values() if m.exists_on(PUBLISHED_DAY)]

    state_2016 = _real_records(plan, old_map)
    _synthetic_before_2017(plan, geography_2018, state_2016)
    _reach_published_2018(plan, geography_2018, state_2016)
    _continue_after_2018(plan, list(municipalities.values()), last_year=today.year)
    _create_tariff()
    return _store(plan)


def _real_records(plan: Plan, old_map: dict[str, Municipality]) -> dict[int, str]:
    """The 89 agreements and 18 per-case OCMWs of seed 002; returns each municipality's form at the end of 2016."""
    state = {}
    path = settings.FIXTURES_DIR / "demo" / "agreements_2016.csv"
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            municipality = old_map[row["nis_code"]]
            per_case = row["form"] == Form.PER_CASE
            plan.add(
                municipality=municipality,
                party=Party.OCMW,
                form=row["form"],
                start=REAL_PER_CASE_START if per_case else REAL_SUBSCRIPTION_START,
                note=PER_CASE_NOTE if per_case else SUBSCRIPTION_NOTE,
                synthetic=False,
            )
            state[municipality.pk] = row["form"]
    return state


def _synthetic_before_2017(plan: Plan, geography: list[Municipality], state: dict[int, str]) -> None:
    """Per-case users from before 2016 and remote-advice users, so that 1/1/2017 shows seed 000's figures."""
    province_of = {m.pk: m.province.name_nl for m in geography}
    room = {name: target.per_case for name, target in PUBLISHED_2018.items()}
    for pk, form in state.items():
        if form == Form.PER_CASE:
            room[province_of[pk]] -= 1
    free = [m for m in geography if m.pk not in state]
    plan.rng.shuffle(free)
    per_case_needed = PER_CASE_ON_2017 - sum(form == Form.PER_CASE for form in state.values())
    for municipality in free:
        if per_case_needed == 0:
            break
        if room[municipality.province.name_nl] == 0:
            continue
        room[municipality.province.name_nl] -= 1
        _start(plan, municipality, Form.PER_CASE, Party.OCMW, plan.day_between(date(2015, 1, 1), date(2015, 12, 31)), state)
        per_case_needed -= 1
    remote_needed = COOPERATING_ON_2017 - len(state)
    for municipality in [m for m in free if m.pk not in state][:remote_needed]:
        _start(plan, municipality, Form.REMOTE_ADVICE, Party.OCMW, plan.day_between(date(2015, 1, 1), date(2016, 12, 31)), state)


def _start(plan: Plan, municipality, form, party, start, state=None) -> Planned:
    if state is not None:
        state[municipality.pk] = form
    return plan.add(municipality=municipality, party=party, form=form, start=start)


def _end(planned: Planned, end: date) -> None:
    planned.end = end
    if not planned.synthetic:
        planned.note += SYNTHETIC_END_NOTE


def _reach_published_2018(plan: Plan, geography: list[Municipality], state_2016: dict[int, str]) -> None:
    """Draw the changes of 2017-2018 per province so that 31/12/2018 matches seed 001."""
    rng = plan.rng
    for province, target in PUBLISHED_2018.items():
        members = sorted((m for m in geography if m.province.name_nl == province), key=lambda m: m.nis_code)
        by_form = defaultdict(list)
        for municipality in members:
            by_form[state_2016.get(municipality.pk, "geen")].append(municipality)
        subscriptions = by_form[Form.SUBSCRIPTION] + by_form[Form.SUBSCRIPTION_WITH_CONSULTATION_DAY]
        per_case, remote, none = by_form[Form.PER_CASE], by_form[Form.REMOTE_ADVICE], by_form["geen"]
        for group in (per_case, remote, none):
            rng.shuffle(group)

        new_subscriptions = target.agreement - len(subscriptions)
        switches = max(0, target.gemeente - new_subscriptions)
        upgrades = min(new_subscriptions, len(per_case + remote) // 3)
        upgraded = (per_case + remote)[:upgrades]
        joining = upgraded + none[: new_subscriptions - upgrades]
        none = none[new_subscriptions - upgrades :]
        gemeente_parties = set(m.pk for m in rng.sample(joining, target.gemeente - switches))
        for municipality in joining:
            party = Party.GEMEENTE if municipality.pk in gemeente_parties else Party.OCMW
            _join(plan, municipality, _subscription_form(rng), party, _in_2017_or_2018(plan))
        for municipality in rng.sample(subscriptions, switches):
            _hand_over_to_gemeente(plan, municipality, _in_2017_or_2018(plan))

        still_per_case = [m for m in per_case if m not in upgraded]
        still_remote = [m for m in remote if m not in upgraded]
        _adjust(plan, still_per_case, target.per_case, Form.PER_CASE, from_pool=[still_remote, none])
        _adjust(plan, still_remote, target.remote_advice, Form.REMOTE_ADVICE, from_pool=[none])
        without = [m for m in members if not plan.running(m, PUBLISHED_DAY)]
        _offers_to_the_rest(plan, without, first=date(2015, 3, 1), last=date(2018, 9, 30))


def _subscription_form(rng: random.Random) -> str:
    return Form.SUBSCRIPTION_WITH_CONSULTATION_DAY if rng.random() < 0.3 else Form.SUBSCRIPTION


def _in_2017_or_2018(plan: Plan) -> date:
    return plan.day_between(date(2017, 1, 2), date(2018, 12, 1))


def _join(plan: Plan, municipality, form, party, start) -> Planned:
    """A municipality takes up `form` on `start`: its own weaker agreement ends the day before; an offer preceded it."""
    for running in plan.running(municipality, start):
        if running.municipality.pk == municipality.pk and running.end is None:
            _end(running, start - timedelta(days=1))
    sent = max(start - timedelta(days=plan.rng.randint(30, 200)), municipality.valid_from or date.min)
    accepted = max(start - timedelta(days=plan.rng.randint(1, 20)), sent)
    plan.offers.append({"municipality": municipality, "sent_on": sent, "status": Status.ACCEPTED, "status_date": accepted})
    return _start(plan, municipality, form, party, start)


def _hand_over_to_gemeente(plan: Plan, municipality, day: date) -> None:
    """The OCMW's subscription passes to the gemeente (e.g. through the sociaal huis)."""
    running = next(p for p in plan.running(municipality, day) if p.party == Party.OCMW)
    _end(running, day - timedelta(days=1))
    _start(plan, municipality, running.form, Party.GEMEENTE, day)


def _adjust(plan: Plan, running_group: list, target: int, form: str, *, from_pool: list[list]) -> None:
    """End surplus agreements of `form`, or add new ones from the pools, to reach `target` municipalities."""
    for municipality in running_group[target:]:
        for planned in plan.running(municipality, PUBLISHED_DAY):
            if planned.form == form and planned.end is None:
                _end(planned, _in_2017_or_2018(plan) if planned.start < date(2017, 1, 2) else planned.start + timedelta(days=90))
    missing = target - len(running_group)
    for pool in from_pool:
        while missing > 0 and pool:
            _join(plan, pool.pop(), form, Party.OCMW, _in_2017_or_2018(plan))
            missing -= 1


def _offers_to_the_rest(plan: Plan, municipalities: list[Municipality], *, first: date, last: date) -> None:
    """Offers sent between `first` and `last` to municipalities without cooperation; declines rank as in seed 001."""
    rng = plan.rng
    declined = round(len(municipalities) * 0.4)
    negotiating = round(len(municipalities) * 0.15)
    reasons = _spread(declined, DECLINE_SHARES)
    for index, municipality in enumerate(municipalities):
        sent = plan.day_between(max(first, municipality.valid_from or first), last)
        offer = {"municipality": municipality, "sent_on": sent, "follow_up_on": date(last.year + 1, rng.randint(1, 12), 1)}
        if index < declined:
            offer |= {
                "status": Status.DECLINED,
                "status_date": sent + timedelta(days=rng.randint(10, 80)),
                "reason": reasons[index],
            }
        elif index < declined + negotiating:
            offer |= {"status": Status.NEGOTIATING, "status_date": sent + timedelta(days=rng.randint(10, 60))}
        else:
            offer |= {"status": Status.NO_ANSWER}
        plan.offers.append(offer)


def _spread(total: int, shares: list[float]) -> list[int]:
    """Reason positions (0-based) for `total` declines, in the proportions of `shares` (largest remainder)."""
    exact = [total * share for share in shares]
    counts = [int(value) for value in exact]
    for index in sorted(range(len(shares)), key=lambda i: exact[i] - counts[i], reverse=True)[: total - sum(counts)]:
        counts[index] += 1
    return [position for position, count in enumerate(counts) for _ in range(count)]


def _continue_after_2018(plan: Plan, municipalities: list[Municipality], *, last_year: int) -> None:
    """Mergers and a few new and ended agreements each year, on the borders of each period."""
    rng = plan.rng
    for merger_day in (date(2019, 1, 1), date(2025, 1, 1)):
        _carry_over_merger(plan, municipalities, merger_day)
    forms = [Form.SUBSCRIPTION, Form.SUBSCRIPTION_WITH_CONSULTATION_DAY, Form.PER_CASE, Form.REMOTE_ADVICE]
    for year in range(2019, last_year + 1):
        first, last = date(year, 1, 2), date(year, 11, 30)
        existing = sorted((m for m in municipalities if m.exists_on(last)), key=lambda m: m.nis_code)
        without = [m for m in existing if not plan.running(m, first)]
        for municipality in rng.sample(without, min(len(without), rng.randint(4, 8))):
            party = rng.choices([Party.OCMW, Party.GEMEENTE, Party.BOTH], weights=[6, 2, 1])[0]
            if plan.is_free(municipality, party, first):
                _join(plan, municipality, rng.choices(forms, weights=[4, 2, 3, 2])[0], party, plan.day_between(first, last))
        running = [
            p for p in plan.agreements if p.synthetic and p.end is None and p.start < first and p.municipality.exists_on(last)
        ]
        for planned in rng.sample(running, min(len(running), rng.randint(2, 4))):
            _end(planned, plan.day_between(first, last))
        _first_per_case_use(plan, existing, first=first, last=last)
        without = [m for m in existing if not plan.running(m, last)]
        _offers_to_the_rest(plan, rng.sample(without, min(len(without), 12)), first=first, last=last)


def _first_per_case_use(plan: Plan, existing: list[Municipality], *, first: date, last: date) -> None:
    """An OCMW pays per case for the first time in the year, unless one already did: so the figure of first
    use (seed 002, answer 1) names someone in every year, as it did in 2016. A municipality counts by its name,
    as in that figure, so a merged one that keeps its name is no newcomer."""
    ocmw_per_case = [p for p in plan.agreements if p.form == Form.PER_CASE and p.party in (Party.OCMW, Party.BOTH)]
    first_use: dict[str, date] = {}
    for planned in ocmw_per_case:
        name = planned.municipality.name_nl
        first_use[name] = min(first_use.get(name, planned.start), planned.start)
    if any(first <= day <= last for day in first_use.values()):
        return
    start = plan.day_between(first, last)
    candidates = [
        m
        for m in existing
        if m.name_nl not in first_use and m.exists_on(start) and not plan.running(m, start) and plan.is_free(m, Party.OCMW, start)
    ]
    if candidates:
        _join(plan, plan.rng.choice(candidates), Form.PER_CASE, Party.OCMW, start)


def _carry_over_merger(plan: Plan, municipalities: list[Municipality], merger_day: date) -> None:
    """Half of the agreements of merging municipalities end on the eve; the successor then signs its own."""
    eve = merger_day - timedelta(days=1)
    for planned in list(plan.agreements):
        successor = planned.municipality.successor
        if successor is None or planned.municipality.valid_to != eve or not planned.in_force(eve) or planned.end:
            continue
        if plan.rng.random() < 0.5:
            _end(planned, eve)
            if plan.is_free(successor, planned.party, merger_day):
                _start(plan, successor, planned.form, planned.party, merger_day)


def _create_tariff() -> None:
    for low, high, fee, per_case_fee in ILLUSTRATIVE_TARIFF:
        TariffBand.objects.get_or_create(
            valid_from=date(2015, 1, 1),
            min_population=low,
            defaults={
                "max_population": high,
                "annual_fee": Decimal(fee),
                "per_case_fee": Decimal(per_case_fee),
                "is_illustrative": True,
            },
        )


def _fee(planned: Planned) -> Decimal | None:
    if not planned.synthetic or planned.form not in Agreement.SUBSCRIPTION_FORMS:
        return None
    population = population_on(municipality=planned.municipality, on=planned.start)
    if population is None:
        return None
    band = next((low, fee) for low, _high, fee, _per_case in reversed(ILLUSTRATIVE_TARIFF) if population.inhabitants >= low)
    return Decimal(band[1])


def _store(plan: Plan) -> dict:
    rng = plan.rng
    for planned in plan.agreements:
        with_day = planned.form == Form.SUBSCRIPTION_WITH_CONSULTATION_DAY and planned.synthetic
        services.create_agreement(
            municipality=planned.municipality,
            party=planned.party,
            form=planned.form,
            start_date=planned.start,
            end_date=planned.end,
            signed_on=planned.start - timedelta(days=rng.randint(5, 40)) if planned.synthetic else None,
            annual_fee=_fee(planned),
            consultation_schedule=rng.choice(SCHEDULES) if with_day else "",
            consultation_place=f"Sociaal Huis {planned.municipality.name_nl}" if with_day else "",
            notes=planned.note,
            is_synthetic=planned.synthetic,
        )
    organisations = {(o.municipality_id, o.kind): o for o in Organisation.objects.all()}
    reasons = list(DeclineReason.objects.order_by("position"))
    for offer in plan.offers:
        reason = reasons[offer["reason"]] if "reason" in offer else None
        services.record_outreach(
            organisation=organisations[(offer["municipality"].pk, Organisation.Kind.OCMW)],
            sent_on=offer["sent_on"],
            status=offer["status"],
            status_date=offer.get("status_date"),
            decline_reason=reason,
            decline_explanation=rng.choice(OTHER_REASONS) if reason and reason.needs_explanation else "",
            follow_up_on=offer.get("follow_up_on"),
            notes=SYNTHETIC_NOTE,
            is_synthetic=True,
        )
    _contact_details(organisations, {planned.municipality.pk for planned in plan.agreements})
    return {"agreements": len(plan.agreements), "outreach": len(plan.offers)}


def _contact_details(organisations: dict, municipality_ids: set[int]) -> None:
    touched = []
    for (municipality_id, kind), organisation in organisations.items():
        if municipality_id in municipality_ids and not organisation.email:
            slug = organisation.municipality.name_nl.lower().replace(" ", "-").replace("'", "")
            organisation.email = f"{kind}@{slug}.example"
            organisation.phone = "09 000 00 00"
            touched.append(organisation)
    Organisation.objects.bulk_update(touched, ["email", "phone"])


def ensure_upcoming_consultation_days(*, today: date) -> None:
    """Every agreement with zitdag in force gets the first Tuesday of the next three months
    when nothing is planned any more, so partners always see upcoming zitdagen."""
    running = Agreement.objects.in_force_on(today).filter(form=Agreement.Form.SUBSCRIPTION_WITH_CONSULTATION_DAY)
    idle = running.exclude(consultation_days__date__gte=today)
    days = [
        _first_tuesday(today.year + (today.month + offset - 1) // 12, (today.month + offset - 1) % 12 + 1) for offset in (1, 2, 3)
    ]
    ConsultationDay.objects.bulk_create(
        ConsultationDay(agreement=agreement, date=day, hours="9-12 uur")
        for agreement in idle
        for day in days
        if agreement.is_in_force_on(day)
    )


def _first_tuesday(year: int, month: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(1 - first.weekday()) % 7)
