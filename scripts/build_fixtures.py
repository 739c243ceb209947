"""Build the project's reference-data fixtures from the curated Flemish data set.

A one-off step, run again only when the curated data changes: the project reads
fixtures/ at run time and never the shared folder. The curated set holds three
snapshots of the municipality list (2018, 2019-2024, 2025) and the two merger
rounds between them; this script turns them into one record per municipality
*period*, the shape `load_reference_data` loads.

Usage: python scripts/build_fixtures.py [SOURCE_DIR]   (default: ../shared/data)
"""

import argparse
import csv
import shutil
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent.parent
FIXTURES_DIR = REPO_DIR / "fixtures"
DEFAULT_SOURCE_DIR = REPO_DIR.parent / "shared" / "data"

PROVINCES = {
    "1": ("10000", "Antwerpen", "Anvers"),
    "2": ("20001", "Vlaams-Brabant", "Brabant flamand"),
    "3": ("30000", "West-Vlaanderen", "Flandre occidentale"),
    "4": ("40000", "Oost-Vlaanderen", "Flandre orientale"),
    "7": ("70000", "Limburg", "Limbourg"),
}

MERGER_2019 = date(2019, 1, 1)
MERGER_2025 = date(2025, 1, 1)

# (first day, municipality list, mergers taking effect that day); None: unchanged since 1988.
SNAPSHOTS = [
    (None, "vl_gemeenten_2018.csv", None),
    (MERGER_2019, "vl_gemeenten_2019_2024.csv", "vl_fusies_2019.csv"),
    (MERGER_2025, "vl_gemeenten_2025.csv", "vl_fusies_2025.csv"),
]

MAPS = {
    "vl_gemeenten_2018.simplified.topojson": "gemeenten_2018.topojson",
    "vl_gemeenten_2019_2024.simplified.topojson": "gemeenten_2019_2024.topojson",
    "vl_gemeenten_2025.simplified.topojson": "gemeenten_2025.topojson",
}

PROVINCE_ORDER = ("Antwerpen", "Limburg", "Oost-Vlaanderen", "Vlaams-Brabant", "West-Vlaanderen")
EXPECTED_COUNTS = {
    date(2018, 12, 31): dict(zip(PROVINCE_ORDER, (70, 44, 65, 65, 64), strict=True)),
    date(2019, 1, 1): dict(zip(PROVINCE_ORDER, (69, 42, 60, 65, 64), strict=True)),
    date(2025, 1, 1): dict(zip(PROVINCE_ORDER, (67, 38, 55, 63, 62), strict=True)),
}

DERIVED_POPULATION_YEAR = 2020
DERIVED_SOURCE = f"afgeleid: som van de voorgangers ({DERIVED_POPULATION_YEAR})"


@dataclass
class Period:
    nis_code: str
    name_nl: str
    name_fr: str
    arrondissement: str
    valid_from: date | None
    valid_to: date | None = None
    successor: "Period | None" = None
    populations: dict[int, tuple[int, str]] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, date | None]:
        return self.nis_code, self.valid_from

    @property
    def province(self) -> tuple[str, str, str]:
        return PROVINCES[self.nis_code[0]]

    def exists_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def build_periods(source: Path) -> list[Period]:
    """Walk the snapshots in order: a merger closes the old periods, a code not open yet starts one."""
    periods: list[Period] = []
    open_periods: dict[str, Period] = {}
    for first_day, list_file, merger_file in SNAPSHOTS:
        rows = {row["nis"]: row for row in read_csv(source / list_file)}
        merged_into: list[tuple[Period, str]] = []
        if merger_file:
            mergers = read_csv(source / merger_file)
            assert {row["datum"] for row in mergers} == {first_day.isoformat()}, merger_file
            for row in mergers:
                ending = open_periods.pop(row["oud_nis"])
                ending.valid_to = first_day - timedelta(days=1)
                merged_into.append((ending, row["nieuw_nis"]))
            continuing = set(open_periods)
            vanished = continuing - rows.keys()
            assert not vanished, f"{list_file}: codes vanished without a merger: {vanished}"
            new_codes = {new_code for _, new_code in merged_into}
            assert rows.keys() - continuing == new_codes, f"{list_file}: new codes differ from {merger_file}"
        for nis_code, row in rows.items():
            assert PROVINCES[nis_code[0]][0] == row["provincie_nis"], f"{nis_code}: province is not its first digit"
            period = open_periods.get(nis_code)
            if period is None:
                period = open_periods[nis_code] = Period(nis_code, "", "", "", first_day)
                periods.append(period)
            # A period spanning several snapshots takes the latest spelling of its names.
            period.name_nl, period.name_fr = row["naam_nl"], row["naam_fr"]
            period.arrondissement = row["arrondissement_nl"]
        for ending, new_code in merged_into:
            ending.successor = open_periods[new_code]
    return sorted(periods, key=lambda p: (p.nis_code, p.valid_from or date.min))


def add_populations(periods: list[Period], source: Path) -> None:
    """Attach each Statbel count to the period existing on its reference day; derive the merged 2025 ones."""
    for row in read_csv(source / "vl_bevolking_2018_2020.csv"):
        day = date.fromisoformat(row["peildatum"])
        (period,) = [p for p in periods if p.nis_code == row["nis"] and p.exists_on(day)]
        assert day.year not in period.populations, (row["nis"], day)
        period.populations[day.year] = (int(row["inwoners"]), f"Statbel, via {row['bron']}")
    predecessors = defaultdict(list)
    for period in periods:
        if period.successor:
            predecessors[period.successor.key].append(period)
    for period in periods:
        if not period.populations:
            assert period.valid_from == MERGER_2025, f"{period.key} has no population"
            period.populations[DERIVED_POPULATION_YEAR] = (
                sum(p.populations[DERIVED_POPULATION_YEAR][0] for p in predecessors[period.key]),
                DERIVED_SOURCE,
            )


def check_counts(periods: list[Period]) -> None:
    for day, expected in EXPECTED_COUNTS.items():
        counted = Counter(p.province[1] for p in periods if p.exists_on(day))
        assert counted == expected, f"{day}: {dict(counted)} != {expected}"


def iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def write_csv(path: Path, header: list[str], rows: list[list]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def write_fixtures(periods: list[Period], source: Path) -> None:
    FIXTURES_DIR.mkdir(exist_ok=True)
    write_csv(FIXTURES_DIR / "provinces.csv", ["nis_code", "name_nl", "name_fr"], sorted(PROVINCES.values()))
    write_csv(
        FIXTURES_DIR / "municipalities.csv",
        [
            "nis_code",
            "name_nl",
            "name_fr",
            "province_nis",
            "arrondissement",
            "valid_from",
            "valid_to",
            "successor_nis",
            "successor_valid_from",
        ],
        [
            [
                p.nis_code,
                p.name_nl,
                p.name_fr,
                p.province[0],
                p.arrondissement,
                iso(p.valid_from),
                iso(p.valid_to),
                p.successor.nis_code if p.successor else "",
                iso(p.successor.valid_from) if p.successor else "",
            ]
            for p in periods
        ],
    )
    write_csv(
        FIXTURES_DIR / "populations.csv",
        ["nis_code", "municipality_valid_from", "year", "inhabitants", "source"],
        [
            [p.nis_code, iso(p.valid_from), year, inhabitants, text]
            for p in periods
            for year, (inhabitants, text) in sorted(p.populations.items())
        ],
    )
    maps_dir = FIXTURES_DIR / "maps"
    maps_dir.mkdir(exist_ok=True)
    for source_name, target_name in MAPS.items():
        shutil.copyfile(source / source_name, maps_dir / target_name)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE_DIR, help="the curated data folder")
    source = parser.parse_args(argv).source
    periods = build_periods(source)
    check_counts(periods)
    add_populations(periods, source)
    write_fixtures(periods, source)
    populations = sum(len(p.populations) for p in periods)
    print(f"{len(periods)} municipality periods and {populations} population counts written to {FIXTURES_DIR}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
