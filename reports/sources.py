"""What the published sources themselves get wrong or leave open, and what the portal does about it.

The data-quality page lists these next to its checks on the records, so that whoever answers
parliament knows which published number the portal cannot reproduce as printed, and why. The
quotes are the sources' own words, in Dutch as published; the rest is said in the reader's language.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class SourceNote:
    document: str | Promise
    part: str | Promise
    quote: str
    finding: str | Promise
    handling: str | Promise


SEED_000 = _("Webpagina 'Dyzo werkt samen met Vlaamse lokale besturen' (seed 000), stand van zaken 1/1/2017")
SEED_001 = _("Schriftelijke vraag 'Samenwerking met lokale besturen' (seed 001)")
SEED_002 = _("Schriftelijke vraag 'OCMW's – Samenwerking met Dyzo' (seed 002)")

SOURCE_NOTES = [
    SourceNote(
        document=SEED_002,
        part=_("antwoord 1"),
        quote=(
            "In 2016 besloten 19 OCMW’s voor de eerste keer één of meerdere keren een beroep op Dyzo via een vergoeding "
            "per dossier: Antwerpen, Beerse, Buggenhout, Denderleeuw, Erpe-Mere, Grimbergen, Herentals, Herzele, "
            "Kraainem, Lanaken, Linkebeek, Merksplas, Rijkevorsel, Rumst, Sint-Pieters-Leeuw, Tielt, Wichelen, en Zottegem."
        ),
        finding=_("De tekst spreekt van 19 OCMW's maar noemt er 18."),
        handling=_(
            "Het portaal neemt de 18 genoemde OCMW's op, per dossier vanaf 01/01/2016 (de begindatum staat niet in de "
            "bron), en zegt dat in de notitie van elke overeenkomst."
        ),
    ),
    SourceNote(
        document=SEED_002,
        part=_("antwoord 5"),
        quote=("Voor 2015 en 2016 werd een werkingssubsidie van 470.000 euro toegekend. Voor 2017 gaat het om 525.00 euro."),
        finding=_(
            "'525.00 euro' mist een nul: bedoeld is 525.000 euro. '470.000 euro voor 2015 en 2016' is gelezen als "
            "470.000 euro per jaar."
        ),
        handling=_(
            "De financiering bewaart 470.000,00 euro voor 2015, 470.000,00 voor 2016 en 525.000,00 voor 2017; de "
            "notitie van 2017 citeert de bron."
        ),
    ),
    SourceNote(
        document=SEED_000,
        part=_("tegenover seed 002, antwoord 1"),
        quote=(
            "123 lokale besturen (40% van het totaal) sloten al een akkoord af. — Daarnaast kozen de stad Antwerpen en "
            "nog 22 andere gemeenten voor samenwerking per case. — Daarnaast heeft Dyzo met 89 lokale besturen een "
            "globaal samenwerkingsakkoord."
        ),
        finding=_(
            "89 globale akkoorden en 23 per dossier maken 112 besturen, geen 123: de bronnen zeggen niet wie de andere 11 zijn."
        ),
        handling=_(
            "In de demogegevens vullen synthetische overeenkomsten (per dossier vóór 2016 en advies op afstand) het "
            "verschil aan, zodat 1/1/2017 123 besturen toont; ze zijn als synthetisch gemarkeerd en geen echte records."
        ),
    ),
    SourceNote(
        document=SEED_002,
        part=_("antwoord 1"),
        quote="Een overzicht van het aantal Vlaamse lokale besturen waar Dyzo op 31/12/2016 een globaal samenwerkingsakkoord mee heeft vindt u in onderstaande tabel.",
        finding=_("De lijst van de 89 akkoorden geeft geen begindatum en niet of het OCMW of de gemeente tekende."),
        handling=_("Het portaal neemt 01/01/2015 als begindatum en het OCMW als partij aan, en zegt dat in elke notitie."),
    ),
    SourceNote(
        document=SEED_002,
        part=_("antwoord 2"),
        quote="13/01/201\n4 RWO arr Oudenaarde Medewerkers regionale OCMW's 21 … 7/11/2016 Dyzo OCMWKontich 10 … Totaal   863",
        finding=_("De tabel breekt datums over twee regels en schrijft woorden aan elkaar."),
        handling=_(
            "De 43 opleidingen zijn opgeschoond overgenomen (863 deelnemers); de notitie van elke opleiding zegt wat "
            "er veranderd is."
        ),
    ),
    SourceNote(
        document=SEED_002,
        part=_("antwoord 3"),
        quote=(
            "Dyzo registreert niet systematisch het thema van de opleiding omdat het vaak opleidingen op maat betreffen. "
            "Maar de volgende vier modules worden vaak opgenomen in een opleiding: …"
        ),
        finding=_("De bron noemt vier modules maar niet welke opleiding welke module had, dus geen rangorde per jaar."),
        handling=_("De vier modules staan in de catalogus; de opleidingen van 2014–2016 hebben geen modules."),
    ),
    SourceNote(
        document=SEED_002,
        part=_("antwoord 4"),
        quote=(
            "De medewerker van Dyzo oordeelt tijdens de begeleidingen of een tussenkomst van het OCMW aangewezen is. "
            "Dit wordt niet systematisch geregistreerd."
        ),
        finding=_("De bron geeft geen aantal doorverwijzingen naar het OCMW."),
        handling=_(
            "Het portaal telt de geregistreerde doorverwijzingen; in de demogegevens zijn alle dossiers en "
            "doorverwijzingen synthetisch (zie hieronder)."
        ),
    ),
    SourceNote(
        document=SEED_001,
        part=_("vraag en antwoord 1"),
        quote="1. Hoeveel gemeenten in Vlaanderen werken samen met Dyzo in 2018? … Vlaams-Brabant 18 8  26 / West-Vlaanderen 54 1  55",
        finding=_(
            "De vraag zegt 'in 2018' zonder peildatum, en de tabel laat de cellen 'Telefonisch / mail' van "
            "Vlaams-Brabant en West-Vlaanderen leeg."
        ),
        handling=_("Het portaal antwoordt op 31/12/2018 en leest de lege cellen als 0 (het eindtotaal 3 klopt zo)."),
    ),
]
