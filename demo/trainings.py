"""Demo trainings: the 43 historic sessions of seed 002, then seeded synthetic sessions from 2017 to the year of
loading and one in each of the three months after the day of loading.

Whenever the demo is loaded there is a session partners can still register for.
"""

import csv
import random
from datetime import date, time, timedelta

from django.conf import settings

from partnerships.models import Organisation
from trainings.models import Module, Registration, TrainingSession

HISTORIC_NOTE = (
    "Bron: schriftelijke vraag (seed 002), opleidingen 2014-2016. Opgeschoond: in de bron zijn datums over twee "
    "regels gebroken ('13/01/201' + '4') en is tekst aan elkaar geschreven ('OCMWKontich'). Modules niet geregistreerd."
)
SYNTHETIC_NOTE = "Synthetische demogegevens, geen echte sessie."
MODULE_WEIGHTS = [5, 3, 2, 1]
TARGET_GROUPS = ["Medewerkers regionale OCMW's", "Maatschappelijk werkers", "CAW-schuldbemiddelaars", "Medewerkers sociaal huis"]
FUNCTIONS = ["maatschappelijk werker", "teamverantwoordelijke", "schuldbemiddelaar", "sociaal assistent"]


def build(*, rng: random.Random, today: date) -> dict:
    historic = _historic_sessions()
    synthetic = _synthetic_sessions(rng, today=today)
    return {"sessions": historic + synthetic}


def ensure_open_session(*, today: date) -> None:
    """The fixed upcoming sessions age; add one six weeks ahead when none takes registrations any more."""
    if TrainingSession.objects.filter(date__gte=today, registration_deadline__gte=today).exists():
        return
    session = TrainingSession.objects.create(
        date=today + timedelta(weeks=6),
        start_time=time(9, 30),
        organiser_name="Dyzo",
        target_group="Maatschappelijk werkers",
        location="Dyzo, Brussel",
        capacity=25,
        registration_deadline=today + timedelta(weeks=5),
        notes=SYNTHETIC_NOTE,
        is_synthetic=True,
    )
    session.modules.set(Module.objects.filter(is_active=True).order_by("position")[:1])


def _historic_sessions() -> int:
    ocmws = {
        org.municipality.nis_code: org
        for org in Organisation.objects.filter(kind=Organisation.Kind.OCMW, municipality__valid_from__isnull=True).select_related(
            "municipality"
        )
    }
    path = settings.FIXTURES_DIR / "demo" / "trainings_2014_2016.csv"
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    TrainingSession.objects.bulk_create(
        TrainingSession(
            date=date.fromisoformat(row["date"]),
            organiser=ocmws.get(row["organiser_nis"]),
            organiser_name="" if row["organiser_nis"] else row["organiser"],
            target_group=row["target_group"],
            historic_participants=int(row["participants"]),
            notes=f"{HISTORIC_NOTE} {row['note']}".strip(),
        )
        for row in rows
    )
    return len(rows)


def _synthetic_sessions(rng: random.Random, *, today: date) -> int:
    modules = list(Module.objects.order_by("position"))
    ocmws = list(Organisation.objects.filter(kind=Organisation.Kind.OCMW).select_related("municipality").order_by("pk"))
    days = [
        date(year, 1, 15) + timedelta(days=rng.randint(0, 320))
        for year in range(2017, today.year + 1)
        for _ in range(rng.randint(10, 16))
    ]
    days += [date(today.year + (today.month + ahead - 1) // 12, (today.month + ahead - 1) % 12 + 1, 10) for ahead in (1, 2, 3)]
    sessions, chosen_modules, registrations = [], [], []
    for day in sorted(days):
        existing = [org for org in ocmws if org.municipality.exists_on(day)]
        host = rng.choice(existing) if rng.random() < 0.6 else None
        sessions.append(
            TrainingSession(
                date=day,
                start_time=time(rng.choice([9, 13]), 30),
                organiser=host,
                organiser_name="" if host else "Dyzo",
                target_group=rng.choice(TARGET_GROUPS),
                location=f"Sociaal Huis {host.municipality.name_nl}" if host else "Dyzo, Brussel",
                capacity=25,
                registration_deadline=day - timedelta(days=7),
                notes=SYNTHETIC_NOTE,
                is_synthetic=True,
            )
        )
        chosen_modules.append(set(rng.choices(modules, weights=MODULE_WEIGHTS, k=rng.randint(1, 3))))
    TrainingSession.objects.bulk_create(sessions)
    through = TrainingSession.modules.through
    through.objects.bulk_create(
        through(trainingsession_id=session.pk, module_id=module.pk)
        for session, session_modules in zip(sessions, chosen_modules, strict=True)
        for module in session_modules
    )
    for session in sessions:
        invited = rng.sample([org for org in ocmws if org.municipality.exists_on(session.date)], 3)
        past = session.date < today
        for number in range(rng.randint(6, 24)):
            organisation = rng.choice(invited)
            name = f"Deelnemer {session.pk}-{number + 1}"
            registrations.append(
                Registration(
                    session=session,
                    name=name,
                    normalised_name=Registration.normalise(name),
                    function=rng.choice(FUNCTIONS),
                    organisation=organisation,
                    organisation_name=organisation.name,
                    attended=rng.random() < 0.85 if past else None,
                )
            )
    Registration.objects.bulk_create(registrations)
    return len(sessions)
