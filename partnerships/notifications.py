"""The e-mail about agreements: one to the coordinators when an agreement's last day is 60 days away or less."""

from datetime import date

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.notifications import Kind, deliver, register, reminder
from core.roles import coordinators, is_coordinator
from partnerships.selectors.worklists import ending_soon

AGREEMENT_ENDING = register(Kind("overeenkomst_loopt_af", _("Een overeenkomst die binnen 60 dagen afloopt"), is_coordinator))


@reminder
def agreements_ending(*, today: date) -> int:
    """Once per agreement and last day: an agreement extended and again near its end is announced again."""
    return sum(
        deliver(
            AGREEMENT_ENDING,
            recipients=coordinators(),
            about=agreement,
            key=f"{agreement.pk}:{agreement.end_date.isoformat()}",
            path=reverse("admin:partnerships_agreement_change", args=[agreement.pk]),
            context={"agreement": agreement, "days": (agreement.end_date - today).days},
        )
        for agreement in ending_soon(today=today).select_related("municipality").order_by("end_date", "pk")
        if agreement.end_date is not None
    )
