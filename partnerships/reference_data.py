"""Load the Flemish reference data (provinces, municipality periods, populations) from fixtures/.

The fixtures are the project's own copy (see fixtures/README.md), so a fresh
database gets the real municipalities without network access. Loading is
idempotent: records are matched on their natural keys and only changed fields
are written, so it can run on every deploy. Every file is read and checked
before anything is written, and the writes share one transaction.
"""

import csv
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from core.freshness import data_changed
from partnerships.models import Municipality, Organisation, Population, Province

MunicipalityKey = tuple[str, date | None]

NIS_CODE = re.compile(r"^\d{5}$")
PROVINCE_COLUMNS = ["nis_code", "name_nl", "name_fr"]
MUNICIPALITY_COLUMNS = [
    "nis_code",
    "name_nl",
    "name_fr",
    "province_nis",
    "arrondissement",
    "valid_from",
    "valid_to",
    "successor_nis",
    "successor_valid_from",
]
POPULATION_COLUMNS = ["nis_code", "municipality_valid_from", "year", "inhabitants", "source"]
MUNICIPALITY_FIELDS = ["name_nl", "name_fr", "province_id", "arrondissement", "valid_to"]


class ReferenceDataError(Exception):
    """A fixture file is missing or malformed; nothing was loaded."""


@dataclass(frozen=True)
class MunicipalityRow:
    nis_code: str
    name_nl: str
    name_fr: str
    province_nis: str
    arrondissement: str
    valid_from: date | None
    valid_to: date | None
    successor: MunicipalityKey | None

    @property
    def key(self) -> MunicipalityKey:
        return self.nis_code, self.valid_from


@dataclass(frozen=True)
class PopulationRow:
    municipality: MunicipalityKey
    year: int
    inhabitants: int
    source: str


@dataclass(frozen=True)
class ReferenceData:
    provinces: dict[str, dict[str, str]]
    municipalities: dict[MunicipalityKey, MunicipalityRow]
    populations: list[PopulationRow]


def load_reference_data(*, fixtures_dir: Path | None = None) -> dict[str, int]:
    """Create or update the reference data; returns how many records were created, updated or removed."""
    data = read_reference_data(Path(fixtures_dir or settings.FIXTURES_DIR))
    with transaction.atomic():
        counts = sync_provinces(data.provinces)
        municipality_counts, municipalities = sync_municipalities(data.municipalities)
        counts |= municipality_counts
        counts |= sync_descendants(data.municipalities, municipalities)
        counts |= sync_populations(data.populations, municipalities)
        counts["organisations_created"] = create_missing_organisations(municipalities.values())
        data_changed("partnerships")  # bulk writes send no signals
    return counts


# Reading and checking the fixtures


def read_reference_data(fixtures_dir: Path) -> ReferenceData:
    provinces = {
        row["nis_code"]: {"name_nl": row["name_nl"], "name_fr": row["name_fr"]}
        for row in read_rows(fixtures_dir / "provinces.csv", PROVINCE_COLUMNS, check_province)
    }
    municipalities: dict[MunicipalityKey, MunicipalityRow] = {}
    for row in read_rows(fixtures_dir / "municipalities.csv", MUNICIPALITY_COLUMNS, parse_municipality):
        if row.key in municipalities:
            raise ReferenceDataError(
                _("Gemeente %(nis)s staat twee keer met dezelfde begindatum in de fixtures.") % {"nis": row.nis_code}
            )
        municipalities[row.key] = row
    check_references(provinces, municipalities)
    populations = list(read_rows(fixtures_dir / "populations.csv", POPULATION_COLUMNS, parse_population))
    unknown = {row.municipality for row in populations} - municipalities.keys()
    if unknown:
        raise ReferenceDataError(_("Bevolkingscijfers voor onbekende gemeenten: %(keys)s.") % {"keys": describe(unknown)})
    counted = Counter((row.municipality, row.year) for row in populations)
    repeated = {key for (key, _year), times in counted.items() if times > 1}
    if repeated:
        raise ReferenceDataError(
            _("Bevolkingscijfers staan meer dan eens per jaar in de fixtures voor: %(keys)s.") % {"keys": describe(repeated)}
        )
    return ReferenceData(provinces, municipalities, populations)


def read_rows(path: Path, columns: list[str], parse) -> Iterable:
    if not path.is_file():
        raise ReferenceDataError(_("Het bestand met referentiegegevens %(path)s ontbreekt.") % {"path": path})
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [column for column in columns if column not in (reader.fieldnames or [])]
        if missing:
            raise ReferenceDataError(
                _("In %(path)s ontbreken de kolommen %(columns)s.") % {"path": path, "columns": ", ".join(missing)}
            )
        for row in reader:
            try:
                if None in row or None in row.values():
                    raise ValueError(_("het aantal velden klopt niet."))
                yield parse(row)
            except ValueError as error:
                raise ReferenceDataError(
                    _("Regel %(line)d van %(path)s is ongeldig: %(error)s")
                    % {"line": reader.line_num, "path": path, "error": error}
                ) from error


def check_province(row: dict[str, str]) -> dict[str, str]:
    nis_code(row["nis_code"])
    required(row["name_nl"])
    return row


def parse_municipality(row: dict[str, str]) -> MunicipalityRow:
    successor_nis = row["successor_nis"]
    return MunicipalityRow(
        nis_code=nis_code(row["nis_code"]),
        name_nl=required(row["name_nl"]),
        name_fr=row["name_fr"],
        province_nis=nis_code(row["province_nis"]),
        arrondissement=row["arrondissement"],
        valid_from=optional_date(row["valid_from"]),
        valid_to=optional_date(row["valid_to"]),
        successor=(nis_code(successor_nis), optional_date(row["successor_valid_from"])) if successor_nis else None,
    )


def parse_population(row: dict[str, str]) -> PopulationRow:
    return PopulationRow(
        municipality=(nis_code(row["nis_code"]), optional_date(row["municipality_valid_from"])),
        year=whole_number(row["year"]),
        inhabitants=whole_number(row["inhabitants"]),
        source=row["source"],
    )


def check_references(provinces: dict, municipalities: dict[MunicipalityKey, MunicipalityRow]) -> None:
    """Every province must be known and every merger must lead to a period starting the day after."""
    for row in municipalities.values():
        if row.province_nis not in provinces:
            raise ReferenceDataError(
                _("Gemeente %(nis)s hoort bij een onbekende provincie %(province)s.")
                % {"nis": row.nis_code, "province": row.province_nis}
            )
        if row.valid_from and row.valid_to and row.valid_to < row.valid_from:
            raise ReferenceDataError(_("Gemeente %(nis)s eindigt voor ze begint.") % {"nis": row.nis_code})
        if row.successor is None:
            continue
        successor = municipalities.get(row.successor)
        if successor is None or row.valid_to is None or successor.valid_from != row.valid_to + timedelta(days=1):
            raise ReferenceDataError(
                _("De opvolger van gemeente %(nis)s begint niet de dag na haar einddatum.") % {"nis": row.nis_code}
            )


def nis_code(value: str) -> str:
    if not NIS_CODE.match(value):
        raise ValueError(_("'%(value)s' is geen NIS-code van 5 cijfers.") % {"value": value})
    return value


def required(value: str) -> str:
    if not value.strip():
        raise ValueError(_("een verplicht veld is leeg."))
    return value


def optional_date(value: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(_("'%(value)s' is geen datum (JJJJ-MM-DD).") % {"value": value}) from None


def whole_number(value: str) -> int:
    if not value.isdigit():
        raise ValueError(_("'%(value)s' is geen positief geheel getal.") % {"value": value})
    return int(value)


def describe(keys: Iterable[MunicipalityKey]) -> str:
    return ", ".join(sorted(f"{nis} ({start or '…'})" for nis, start in keys))


# Writing


def sync_provinces(provinces: dict[str, dict[str, str]]) -> dict[str, int]:
    existing = {province.nis_code: province for province in Province.objects.all()}
    new, changed = [], []
    for code, names in provinces.items():
        province = existing.get(code)
        if province is None:
            new.append(Province(nis_code=code, **names))
        elif update_fields(province, names):
            changed.append(province)
    Province.objects.bulk_create(new)
    Province.objects.bulk_update(changed, ["name_nl", "name_fr"])
    return {"provinces_created": len(new), "provinces_updated": len(changed)}


def sync_municipalities(
    rows: dict[MunicipalityKey, MunicipalityRow],
) -> tuple[dict[str, int], dict[MunicipalityKey, Municipality]]:
    """Create or update the periods, then link successors once every period has a primary key."""
    province_ids = dict(Province.objects.values_list("nis_code", "id"))
    existing = {(m.nis_code, m.valid_from): m for m in Municipality.objects.all()}
    new, changed, renamed = [], {}, {}
    for key, row in rows.items():
        values = {
            "name_nl": row.name_nl,
            "name_fr": row.name_fr,
            "province_id": province_ids[row.province_nis],
            "arrondissement": row.arrondissement,
            "valid_to": row.valid_to,
        }
        municipality = existing.get(key)
        if municipality is None:
            new.append(Municipality(nis_code=row.nis_code, valid_from=row.valid_from, **values))
            continue
        old_name = municipality.name_nl
        if update_fields(municipality, values):
            changed[key] = municipality
            if municipality.name_nl != old_name:
                renamed[municipality.pk] = old_name
    Municipality.objects.bulk_create(new)
    Municipality.objects.bulk_update(changed.values(), MUNICIPALITY_FIELDS)

    municipalities = {(m.nis_code, m.valid_from): m for m in Municipality.objects.all()}
    relinked = []
    for key, row in rows.items():
        municipality = municipalities[key]
        successor_id = municipalities[row.successor].pk if row.successor else None
        if municipality.successor_id != successor_id:
            municipality.successor_id = successor_id
            relinked.append(municipality)
            changed[key] = municipality
    Municipality.objects.bulk_update(relinked, ["successor"])
    counts = {
        "municipalities_created": len(new),
        "municipalities_updated": len(set(changed) & existing.keys()),
        "organisations_renamed": rename_default_organisations(renamed, municipalities.values()),
    }
    return counts, {key: municipalities[key] for key in rows}


def rename_default_organisations(old_names: dict[int, str], municipalities: Iterable[Municipality]) -> int:
    """Follow a municipality's new name, unless staff gave the organisation a name of their own."""
    by_id = {m.pk: m for m in municipalities}
    renamed = []
    for organisation in Organisation.objects.filter(municipality_id__in=old_names):
        old_municipality = Municipality(name_nl=old_names[organisation.municipality_id])
        if organisation.name == Organisation.default_name(organisation.kind, old_municipality):
            organisation.name = Organisation.default_name(organisation.kind, by_id[organisation.municipality_id])
            renamed.append(organisation)
    Organisation.objects.bulk_update(renamed, ["name"])
    return len(renamed)


def sync_descendants(
    rows: dict[MunicipalityKey, MunicipalityRow], municipalities: dict[MunicipalityKey, Municipality]
) -> dict[str, int]:
    """Store, for each period, itself and every period it merged into later, transitively."""
    wanted = set()
    for key in rows:
        descendant: MunicipalityKey | None = key
        while descendant is not None:
            wanted.add((municipalities[key].pk, municipalities[descendant].pk))
            descendant = rows[descendant].successor
    through = Municipality.descendants.through
    stored = {
        (from_id, to_id): link_id
        for link_id, from_id, to_id in through.objects.filter(
            from_municipality_id__in=[m.pk for m in municipalities.values()]
        ).values_list("id", "from_municipality_id", "to_municipality_id")
    }
    through.objects.bulk_create(
        through(from_municipality_id=from_id, to_municipality_id=to_id) for from_id, to_id in wanted - stored.keys()
    )
    stale = [link_id for pair, link_id in stored.items() if pair not in wanted]
    through.objects.filter(id__in=stale).delete()
    return {"descendant_links_created": len(wanted - stored.keys()), "descendant_links_removed": len(stale)}


def sync_populations(rows: list[PopulationRow], municipalities: dict[MunicipalityKey, Municipality]) -> dict[str, int]:
    existing = {
        (population.municipality_id, population.year): population
        for population in Population.objects.filter(municipality_id__in=[m.pk for m in municipalities.values()])
    }
    new, changed = [], []
    for row in rows:
        municipality_id = municipalities[row.municipality].pk
        values = {"inhabitants": row.inhabitants, "source": row.source}
        population = existing.get((municipality_id, row.year))
        if population is None:
            new.append(Population(municipality_id=municipality_id, year=row.year, **values))
        elif update_fields(population, values):
            changed.append(population)
    Population.objects.bulk_create(new)
    Population.objects.bulk_update(changed, ["inhabitants", "source"])
    return {"populations_created": len(new), "populations_updated": len(changed)}


def create_missing_organisations(municipalities: Iterable[Municipality]) -> int:
    """A gemeente and an OCMW per period; existing ones keep the contact data staff entered."""
    municipalities = list(municipalities)
    existing = set(Organisation.objects.filter(municipality__in=municipalities).values_list("kind", "municipality_id"))
    new = [
        Organisation(kind=kind, municipality=municipality, name=Organisation.default_name(kind, municipality))
        for municipality in municipalities
        for kind in Organisation.Kind.values
        if (kind, municipality.pk) not in existing
    ]
    Organisation.objects.bulk_create(new)
    return len(new)


def update_fields(instance, values: dict) -> bool:
    """Set the values that differ; True when anything changed."""
    changed = False
    for name, value in values.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed = True
    return changed
