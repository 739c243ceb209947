"""The answer's sentences: each says what its figure counts, for the period it counts, in the reader's language.

A sentence names the figure's own period (its parameters are the question's period), agrees
in number with its count ("1 gemeente", "2 gemeenten"), reads as a sentence when there is
nothing to count, and quotes names as the records write them.
"""

from collections import defaultdict
from datetime import date

from django.utils.formats import number_format
from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.years import short_date
from partnerships.models import Agreement
from reports.registry import Figure, Period


def _years(figure: Figure) -> str:
    """One year, or a range of years with an en dash."""
    start, end = figure.params.start_year, figure.params.end_year
    return str(start) if start == end else f"{start}–{end}"


def _number(value: int) -> str:
    return number_format(value, force_grouping=True)


def _list(items: list[str]) -> str:
    return get_text_list(items, _("en"))


def cooperation(figure: Figure) -> str:
    total = figure.total
    values = {
        "day": short_date(figure.params.on),
        "total": total["total"],
        "agreement": total["agreement"],
        "per_case": total["per_case"],
        "remote": total["remote_advice"],
    }
    if not total["total"]:
        return _("Op %(day)s werkt geen enkele Vlaamse gemeente samen met Dyzo.") % values
    return (
        ngettext(
            "Op %(day)s werkt %(total)s Vlaamse gemeente samen met Dyzo: %(agreement)s met een overeenkomst, "
            "%(per_case)s met betaling per case en %(remote)s telefonisch of per mail.",
            "Op %(day)s werken %(total)s Vlaamse gemeenten samen met Dyzo: %(agreement)s met een overeenkomst, "
            "%(per_case)s met betaling per case en %(remote)s telefonisch of per mail.",
            total["total"],
        )
        % values
    )


def parties(figure: Figure) -> str:
    total = figure.total
    values = {
        "day": short_date(figure.params.on),
        "total": total["total"],
        "gemeente": total["gemeente"],
        "ocmw": total["ocmw"],
        "both": total["both"],
    }
    if not total["total"]:
        return _("Op %(day)s heeft Dyzo in geen enkele gemeente een jaarovereenkomst.") % values
    return (
        ngettext(
            "Op %(day)s heeft Dyzo een jaarovereenkomst in %(total)s gemeente: in %(gemeente)s met de gemeente, "
            "in %(ocmw)s met het OCMW en in %(both)s met beide.",
            "Op %(day)s heeft Dyzo een jaarovereenkomst in %(total)s gemeenten: in %(gemeente)s met de gemeente, "
            "in %(ocmw)s met het OCMW en in %(both)s met beide.",
            total["total"],
        )
        % values
    )


def non_cooperating(figure: Figure) -> str:
    count = figure.total["total"]
    values = {"day": short_date(figure.params.on), "total": count}
    if not count:
        return _("Op %(day)s werken alle Vlaamse gemeenten samen met Dyzo.") % values
    return (
        ngettext(
            "Op %(day)s werkt %(total)s Vlaamse gemeente niet samen met Dyzo.",
            "Op %(day)s werken %(total)s Vlaamse gemeenten niet samen met Dyzo.",
            count,
        )
        % values
    )


def decline_reasons(figure: Figure) -> str:
    """The three reasons heard most, as the managed list writes them (its case kept)."""
    reasons = [row["reason"] for row in figure.rows[:3]]
    if not reasons:
        return _("Op %(day)s gaf geen enkele gemeente die het aanbod weigerde een reden op.") % {
            "day": short_date(figure.params.on)
        }
    if len(reasons) == 1:
        return _("De meest gehoorde reden is: %(reason)s.") % {"reason": reasons[0]}
    listed = "; ".join(f"{rank}) {reason}" for rank, reason in enumerate(reasons, start=1))
    return _("De %(count)s meest gehoorde redenen zijn: %(reasons)s.") % {"count": len(reasons), "reasons": listed}


def agreements(figure: Figure) -> str:
    count = len(figure.rows)
    with_day = sum(row["agreement"] == Agreement.Form.SUBSCRIPTION_WITH_CONSULTATION_DAY for row in figure.rows)
    values = {"day": short_date(figure.params.on), "count": count, "with_day": with_day}
    if not count:
        return _("Op %(day)s heeft Dyzo met geen enkel lokaal bestuur een globaal samenwerkingsakkoord.") % values
    return (
        ngettext(
            "Op %(day)s heeft Dyzo met %(count)s lokaal bestuur een globaal samenwerkingsakkoord, "
            "waarvan %(with_day)s met zitdag.",
            "Op %(day)s heeft Dyzo met %(count)s lokale besturen een globaal samenwerkingsakkoord, "
            "waarvan %(with_day)s met zitdag.",
            count,
        )
        % values
    )


def first_use(figure: Figure) -> str:
    count = len(figure.rows)
    values = {"period": _years(figure), "count": count, "names": _list([row["municipality"] for row in figure.rows])}
    if not count:
        return _("In %(period)s deed geen enkel OCMW voor het eerst een beroep op Dyzo via een vergoeding per dossier.") % values
    return (
        ngettext(
            "In %(period)s deed %(count)s OCMW voor het eerst een beroep op Dyzo via een vergoeding per dossier: %(names)s.",
            "In %(period)s deden %(count)s OCMW's voor het eerst een beroep op Dyzo via een vergoeding per dossier: %(names)s.",
            count,
        )
        % values
    )


def trainings(figure: Figure) -> str:
    """The sessions and participants of the period, and the participants of each year when it has more than one."""
    sessions = figure.detail_rows
    if not sessions:
        return _("In %(period)s gaf Dyzo geen opleidingen.") % {"period": _years(figure)}
    participants = figure.total["participants"]
    values = {
        "period": _years(figure),
        "sessions": ngettext("%(count)s opleiding", "%(count)s opleidingen", len(sessions)) % {"count": len(sessions)},
        "participants": ngettext("%(count)s deelnemer", "%(count)s deelnemers", participants) % {"count": _number(participants)},
    }
    if figure.params.start_year == figure.params.end_year:
        return _("In %(period)s gaf Dyzo %(sessions)s voor in totaal %(participants)s.") % values
    per_year: dict[int, int] = defaultdict(int)
    for row in sessions:
        per_year[row["date"].year] += row["participants"] or 0
    values["per_year"] = _list(
        [_("%(count)s in %(year)s") % {"count": _number(per_year[year]), "year": year} for year in sorted(per_year)]
    )
    return _("In %(period)s gaf Dyzo %(sessions)s voor in totaal %(participants)s: %(per_year)s.") % values


def module_ranking(figure: Figure) -> str:
    """The module followed most in each year."""
    first_of_year = [row for row in figure.rows if row["rank"] == 1]
    if not first_of_year:
        return _("In %(period)s werd bij geen enkele opleiding een module geregistreerd.") % {"period": _years(figure)}
    modules = [_("%(name)s (%(year)s)") % {"name": row["name"], "year": row["year"]} for row in first_of_year]
    return _("De meest gevolgde module per jaar: %(modules)s.") % {"modules": _list(modules)}


def modules(figure: Figure) -> str:
    count = len(figure.rows)
    if not count:
        return _("Dyzo biedt geen opleidingsmodules aan.")
    return ngettext(
        "De volgende module wordt vaak opgenomen in een opleiding: %(names)s.",
        "De volgende %(count)s modules worden vaak opgenomen in een opleiding: %(names)s.",
        count,
    ) % {"count": count, "names": _list([row["name"] for row in figure.rows])}


def referrals(figure: Figure) -> str:
    count = sum(row["total"] for row in figure.rows)
    values = {"period": _years(figure), "count": _number(count)}
    if not count:
        return _("In %(period)s werd geen enkel dossier doorverwezen naar het OCMW.") % values
    return (
        ngettext(
            "In %(period)s werd %(count)s dossier doorverwezen naar het OCMW.",
            "In %(period)s werden %(count)s dossiers doorverwezen naar het OCMW.",
            count,
        )
        % values
    )


def funding(figure: Figure) -> str:
    amounts = [
        _("%(amount)s euro in %(year)s")
        % {"amount": number_format(row["amount"], decimal_pos=0, force_grouping=True), "year": row["year"]}
        for row in figure.rows
    ]
    if not amounts:
        return _("Dyzo ontving in %(period)s geen financiering.") % {"period": _years(figure)}
    return _("Dyzo ontving %(amounts)s.") % {"amounts": _list(amounts)}


def coverage(figure: Figure) -> str:
    row = figure.rows[0]
    values = {
        "day": short_date(figure.params.on),
        "count": row["cooperating"],
        "percentage": number_format(row["percentage"], decimal_pos=1),
    }
    if not row["cooperating"]:
        return _("Op %(day)s werkt geen enkel lokaal bestuur samen met Dyzo.") % values
    return (
        ngettext(
            "Op %(day)s werkt %(count)s lokaal bestuur (%(percentage)s%% van het totaal) samen met Dyzo.",
            "Op %(day)s werken %(count)s lokale besturen (%(percentage)s%% van het totaal) samen met Dyzo.",
            row["cooperating"],
        )
        % values
    )


def not_recorded(figure: Figure, since: date | None) -> str:
    """Instead of a zero: the period lies before the first record of what the figure counts."""
    if since is None:
        return _("%(title)s: niet geregistreerd.") % {"title": figure.title}
    values = {"title": figure.title, "day": short_date(since), "period": _years(figure), "on": short_date(figure.params.on)}
    if figure.spec.period == Period.ON:
        return _("%(title)s: niet geregistreerd vóór %(day)s, dus niet beschikbaar op %(on)s.") % values
    return _("%(title)s: niet geregistreerd vóór %(day)s, dus niet beschikbaar voor %(period)s.") % values


def nothing_recorded(figure: Figure) -> str:
    """An empty table that is not before the first record: nothing happened, or nothing was entered yet."""
    return _("%(title)s: geen records voor %(period)s. Kies een andere periode, of voer de gegevens in als ze ontbreken.") % {
        "title": figure.title,
        "period": figure.scope,
    }


def partly_recorded(figure: Figure, since: date) -> str:
    return _("%(title)s: niet geregistreerd vóór %(day)s; de cijfers tellen vanaf die dag.") % {
        "title": figure.title,
        "day": short_date(since),
    }


def synthetic(figure: Figure) -> str:
    return _("%(title)s: telt synthetische demogegevens, geen echte records; deze cijfers zijn geen feiten.") % {
        "title": figure.title
    }
