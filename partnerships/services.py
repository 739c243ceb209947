"""Business actions on cooperation records. Every write goes through here."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from partnerships.models import Agreement, Municipality, Organisation, Outreach

PARTY_KINDS: dict[str, list[str]] = {
    Agreement.Party.GEMEENTE: [Organisation.Kind.GEMEENTE],
    Agreement.Party.OCMW: [Organisation.Kind.OCMW],
    Agreement.Party.BOTH: [Organisation.Kind.GEMEENTE, Organisation.Kind.OCMW],
}


def ensure_organisations(*, municipality: Municipality, party: str) -> list[Organisation]:
    """The organisations an agreement with `party` binds, created when missing."""
    return [
        Organisation.objects.get_or_create(
            kind=kind,
            municipality=municipality,
            defaults={"name": Organisation.default_name(kind, municipality)},
        )[0]
        for kind in PARTY_KINDS[party]
    ]


def create_agreement(
    *,
    municipality: Municipality,
    party: str,
    form: str,
    start_date: date,
    end_date: date | None = None,
    signed_on: date | None = None,
    annual_fee: Decimal | None = None,
    consultation_schedule: str = "",
    consultation_place: str = "",
    notes: str = "",
    is_synthetic: bool = False,
) -> Agreement:
    """Validate and store a new agreement; raises ValidationError on overlap or bad values."""
    return store_agreement(
        agreement=Agreement(
            municipality=municipality,
            party=party,
            form=form,
            start_date=start_date,
            end_date=end_date,
            signed_on=signed_on,
            annual_fee=annual_fee,
            consultation_schedule=consultation_schedule,
            consultation_place=consultation_place,
            notes=notes,
            is_synthetic=is_synthetic,
        )
    )


@transaction.atomic
def store_agreement(*, agreement: Agreement) -> Agreement:
    """Validate and save a new or changed agreement, creating the organisations it binds.

    The municipality row is locked so two concurrent writers cannot both pass the
    overlap check.
    """
    Municipality.objects.select_for_update().filter(pk=agreement.municipality_id).first()
    ensure_organisations(municipality=agreement.municipality, party=agreement.party)
    agreement.full_clean(validate_constraints=False)  # clean() checks them with Dutch messages; the database too
    agreement.save()
    return agreement


def extend_agreement(*, agreement: Agreement, until: date) -> Agreement:
    """Move an agreement's last day later; the overlap check still holds against its successors."""
    if agreement.end_date is None:
        raise ValidationError(_("Deze overeenkomst heeft geen einddatum en loopt dus al door."))
    if until <= agreement.end_date:
        raise ValidationError(
            _("Een verlenging eindigt na de huidige einddatum (%(end)s).")
            % {"end": date_format(agreement.end_date, "SHORT_DATE_FORMAT")}
        )
    agreement.end_date = until
    return store_agreement(agreement=agreement)


def end_agreement(*, agreement: Agreement, on: date) -> Agreement:
    """End an agreement with `on` as its last day in force: never before it began, never later than agreed."""
    if on < agreement.start_date:
        raise ValidationError(
            _("Een overeenkomst kan niet eindigen voor ze begint (%(start)s).")
            % {"start": date_format(agreement.start_date, "SHORT_DATE_FORMAT")}
        )
    if agreement.end_date is not None and on > agreement.end_date:
        raise ValidationError(_("Die datum ligt na de einddatum: verleng de overeenkomst in de plaats."))
    agreement.end_date = on
    return store_agreement(agreement=agreement)


def record_answer(
    *,
    outreach: Outreach,
    status: str,
    on: date,
    follow_up_on: date | None,
    decline_reason=None,
    decline_explanation: str = "",
) -> Outreach:
    """The organisation's answer to an offer, from `on`, and when to ask again (none once the matter is settled)."""
    if follow_up_on is not None and follow_up_on <= on:
        raise ValidationError({"follow_up_on": _("De volgende opvolgdatum ligt na de datum van het antwoord.")})
    outreach.status = status
    outreach.status_date = on
    outreach.follow_up_on = follow_up_on
    outreach.decline_reason = decline_reason if status == Outreach.Status.DECLINED else None
    outreach.decline_explanation = decline_explanation if status == Outreach.Status.DECLINED else ""
    return store_outreach(outreach=outreach)


@transaction.atomic
def record_outreach(
    *,
    organisation: Organisation,
    sent_on: date,
    status: str = Outreach.Status.NO_ANSWER,
    status_date: date | None = None,
    decline_reason=None,
    decline_explanation: str = "",
    follow_up_on: date | None = None,
    notes: str = "",
    is_synthetic: bool = False,
) -> Outreach:
    outreach = Outreach(
        organisation=organisation,
        sent_on=sent_on,
        status=status,
        status_date=status_date,
        decline_reason=decline_reason,
        decline_explanation=decline_explanation,
        follow_up_on=follow_up_on,
        notes=notes,
        is_synthetic=is_synthetic,
    )
    return store_outreach(outreach=outreach)


@transaction.atomic
def store_outreach(*, outreach: Outreach) -> Outreach:
    """Validate and save a new or changed offer: a refusal needs its reason, whoever writes it."""
    outreach.full_clean(validate_constraints=False)  # clean() checks them with Dutch messages; the database too
    outreach.save()
    return outreach


@transaction.atomic
def store_organisation(*, organisation: Organisation) -> Organisation:
    """Validate and save an organisation's details (one gemeente and one OCMW per municipality)."""
    organisation.full_clean()
    organisation.save()
    return organisation
