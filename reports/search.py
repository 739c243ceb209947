"""The staff search: one box that finds municipalities, organisations, agreements and cases.

Each kind is searched only for those who may open its admin page, and through the kind's own
scoping (`visible_to`), so a search never shows more than the admin would. A case is found by its
number, its entrepreneur's name or enterprise number in any notation (`0403.170.701`,
`BE 0403 170 701`). One query per kind, whatever the data.
"""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from cases.kbo import kbo_search_term
from cases.models import Case
from partnerships.models import Agreement, Municipality, Organisation

MIN_LENGTH = 2
LIMIT = 20


@dataclass(frozen=True)
class Group:
    kind: str
    title: str
    results: list
    more_url: str | None

    def links(self):
        """Each result with the admin page it opens."""
        return [
            (reverse(f"admin:{item._meta.app_label}_{item._meta.model_name}_change", args=[item.pk]), item)
            for item in self.results
        ]


def _municipalities(user, term: str) -> QuerySet:
    return Municipality.objects.filter(Q(name_nl__icontains=term) | Q(name_fr__icontains=term) | Q(nis_code=term)).select_related(
        "province"
    )


def _organisations(user, term: str) -> QuerySet:
    found = Q(name__icontains=term) | Q(municipality__name_nl__icontains=term) | Q(municipality__nis_code=term)
    return Organisation.objects.visible_to(user).filter(found).select_related("municipality")


def _agreements(user, term: str) -> QuerySet:
    found = Q(municipality__name_nl__icontains=term) | Q(municipality__nis_code=term)
    return Agreement.objects.visible_to(user).filter(found).select_related("municipality").order_by("-start_date", "pk")


def _cases(user, term: str) -> QuerySet:
    number = kbo_search_term(term)
    found = Q(entrepreneur__name__icontains=term)
    if number.isdigit():
        found |= Q(entrepreneur__enterprise_number__contains=number)
    if term.isdigit() and len(term) <= 9:
        found |= Q(pk=int(term))
    return (
        Case.objects.visible_to(user).filter(found).select_related("entrepreneur", "municipality").order_by("-opened_on", "-pk")
    )


KINDS = [
    (Municipality, _("Gemeenten"), _municipalities),
    (Organisation, _("Organisaties"), _organisations),
    (Agreement, _("Overeenkomsten"), _agreements),
    (Case, _("Dossiers"), _cases),
]


def staff_search(*, user, term: str) -> list[Group]:
    """The groups `user` may see for `term`, each with at most LIMIT results; none for a term too short."""
    term = term.strip()
    if len(term) < MIN_LENGTH:
        return []
    groups = []
    for model, title, search in KINDS:
        if not user.has_perm(f"{model._meta.app_label}.view_{model._meta.model_name}"):
            continue
        found = list(search(user, term)[: LIMIT + 1])
        changelist = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        more_url = f"{changelist}?{urlencode({'q': term})}" if len(found) > LIMIT else None
        groups.append(Group(str(model._meta.model_name), str(title), found[:LIMIT], more_url))
    return groups
