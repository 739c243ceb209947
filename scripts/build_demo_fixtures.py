"""Rebuild fixtures/demo/agreements_2016.csv from seed 002 (a written parliamentary answer).

Usage: python scripts/build_demo_fixtures.py [../shared/seeds]

Seed 002 lists the 89 global agreements in force on 31/12/2016 ("Overeenkomst met/zonder
zitdag") and, in answer 1, the OCMWs that first used Dyzo per case in 2016. Names are
matched to the NIS codes of the 308 municipalities of 2016-2018.
"""

import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PER_CASE_SENTENCE = re.compile(r"via een vergoeding per dossier:(.*?)\.\s*\n\s*\nDaarnaast", re.S)
AGREEMENT_LINE = re.compile(r"^(.+?) Overeenkomst (met|zonder) zitdag$", re.M)


def main(seeds_dir: Path) -> None:
    text = next(seeds_dir.glob("002_*.txt")).read_text(encoding="utf-8")
    table = text.split("onderstaande tabel.", 1)[1].split("2. Als een OCMW", 1)[0]
    table = re.sub(r"Langemark-\n+Poelkapelle\n+", "Langemark-Poelkapelle ", table)
    agreements = AGREEMENT_LINE.findall(table)
    names = PER_CASE_SENTENCE.search(text).group(1)
    per_case = [name.strip() for name in re.split(r",|\ben\b", " ".join(names.split())) if name.strip()]

    with (ROOT / "fixtures" / "municipalities.csv").open(encoding="utf-8") as handle:
        nis_2018 = {row["name_nl"]: row["nis_code"] for row in csv.DictReader(handle) if not row["valid_from"]}

    rows = [
        {"name": name, "nis_code": nis_2018[name], "form": f"overeenkomst_{flag}_zitdag", "source": "seed 002, tabel 31/12/2016"}
        for name, flag in agreements
    ] + [{"name": name, "nis_code": nis_2018[name], "form": "per_dossier", "source": "seed 002, antwoord 1"} for name in per_case]
    assert len(agreements) == 89 and sum(flag == "met" for _name, flag in agreements) == 25, len(agreements)
    assert len(per_case) == 18, per_case

    target = ROOT / "fixtures" / "demo" / "agreements_2016.csv"
    with target.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["name", "nis_code", "form", "source"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"{target}: {len(rows)} rows")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "seeds")
