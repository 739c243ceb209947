"""The reports landing: the figures grouped as parliament's questions are, each with its title and description."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from reports.registry import FIGURES, FigureSpec

GROUPS: dict[str, tuple[str | Promise, tuple[str, ...]]] = {
    "cooperation": (
        _("Samenwerking met gemeenten"),
        (
            "cooperation-by-province",
            "coverage",
            "agreement-parties",
            "agreements-list",
            "non-cooperating-by-province",
            "decline-reasons",
            "per-case-first-use",
        ),
    ),
    "cases": (_("Dossiers"), ("referrals", "cases-by-municipality")),
    "trainings": (_("Opleidingen"), ("trainings", "module-ranking", "modules")),
    "money": (_("Geld"), ("funding", "revenue")),
}


@dataclass(frozen=True)
class Group:
    code: str
    title: str | Promise
    figures: list[FigureSpec]


def figure_groups() -> list[Group]:
    """The groups in the order of the questions; a figure no group names is listed last, so none is hidden."""
    named = {name for _title, names in GROUPS.values() for name in names}
    groups = [Group(code, title, [FIGURES[name] for name in names if name in FIGURES]) for code, (title, names) in GROUPS.items()]
    others = [spec for name, spec in FIGURES.items() if name not in named]
    return groups + ([Group("other", _("Andere cijfers"), others)] if others else [])
