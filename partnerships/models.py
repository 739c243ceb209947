"""Flemish local government over time, and Dyzo's cooperation with it.

Municipalities are keyed on NIS code plus period: some merged municipalities
kept their name (and Antwerpen its code) while their territory changed.
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.history import History
from core.validators import LONG_TEXT, text_limit, validate_phone
from core.versioning import Versioned
from core.years import FIRST_YEAR, LAST_YEAR, YEAR_ERROR, sane_date

nis_code_validator = RegexValidator(r"^\d{5}$", _("Een NIS-code bestaat uit 5 cijfers."))


class Province(models.Model):
    nis_code = models.CharField(_("NIS-code"), max_length=5, unique=True, validators=[nis_code_validator])
    name_nl = models.CharField(_("naam"), max_length=100)
    name_fr = models.CharField(_("Franse naam"), max_length=100, blank=True)

    class Meta:
        ordering = ["name_nl"]
        verbose_name = _("provincie")
        verbose_name_plural = _("provincies")

    def __str__(self):
        return self.name_nl


class MunicipalityQuerySet(models.QuerySet):
    def existing_on(self, day: date):
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_to__isnull=True) | Q(valid_to__gte=day),
        )


class Municipality(models.Model):
    """A municipality with the territory it had from `valid_from` to `valid_to`.

    An empty `valid_from` means "unchanged since before 2016" (the Flemish list did
    not change between 1988 and 2019), so records from any earlier year fit it.
    """

    nis_code = models.CharField(_("NIS-code"), max_length=5, validators=[nis_code_validator])
    name_nl = models.CharField(_("naam"), max_length=100)
    name_fr = models.CharField(_("Franse naam"), max_length=100, blank=True)
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="municipalities", verbose_name=_("provincie"))
    arrondissement = models.CharField(_("arrondissement"), max_length=100, blank=True)
    valid_from = models.DateField(_("geldig vanaf"), null=True, blank=True)
    valid_to = models.DateField(_("geldig tot en met"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="predecessors",
        verbose_name=_("opvolger na fusie"),
    )
    descendants = models.ManyToManyField(
        "self",
        symmetrical=False,
        related_name="ancestors",
        blank=True,
        help_text=_("Deze gemeente zelf en elke gemeente waarin ze later opging."),
        verbose_name=_("gemeente zelf en opvolgers"),
    )

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        ordering = ["name_nl", "valid_from"]
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        constraints = [
            models.UniqueConstraint(fields=["nis_code", "valid_from"], name="municipality_nis_period_unique"),
            models.UniqueConstraint(
                fields=["nis_code"],
                condition=Q(valid_from__isnull=True),
                name="municipality_nis_unique_without_start",
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_from__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="municipality_period_ordered",
            ),
        ]

    def __str__(self):
        return f"{self.name_nl} ({self.nis_code})"

    def exists_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)

    def as_of(self, day: date) -> "Municipality | None":
        """This municipality on `day`, or the one it merged into: records of a merged municipality go to its successor."""
        if self.exists_on(day):
            return self
        return self.descendants.existing_on(day).first()

    @property
    def period_label(self) -> str:
        start = date_format(self.valid_from, "SHORT_DATE_FORMAT") if self.valid_from else None
        end = date_format(self.valid_to, "SHORT_DATE_FORMAT") if self.valid_to else None
        if start and end:
            return f"{start} – {end}"
        if end:
            return gettext("tot en met %(end)s") % {"end": end}
        if start:
            return gettext("vanaf %(start)s") % {"start": start}
        return gettext("ongewijzigd sinds 1988")


class Population(models.Model):
    """Legal population on 1 January of `year` (Statbel)."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="populations", verbose_name=_("gemeente")
    )
    year = models.PositiveSmallIntegerField(
        _("jaar"), validators=[MinValueValidator(FIRST_YEAR, YEAR_ERROR), MaxValueValidator(LAST_YEAR, YEAR_ERROR)]
    )
    inhabitants = models.PositiveIntegerField(_("inwoners"))
    source = models.CharField(_("bron"), max_length=200, blank=True)

    class Meta:
        ordering = ["municipality", "year"]
        verbose_name = _("bevolking")
        verbose_name_plural = _("bevolking")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "year"], name="population_once_per_year"),
        ]

    def __str__(self):
        return f"{self.municipality.name_nl} {self.year}: {self.inhabitants}"


class OrganisationQuerySet(models.QuerySet):
    def of_partner(self, user):
        """The organisations `user` is a partner of (`Membership.objects.of_partner`, the one rule)."""
        return self.filter(pk__in=Membership.objects.of_partner(user).values("organisation"))

    def visible_to(self, user):
        """Staff see every organisation; a partner only their own."""
        if not user.is_authenticated:
            return self.none()
        return self if user.is_staff else self.of_partner(user)

    def administered_by(self, user):
        """The organisations where `user` is a partner admin."""
        return self.filter(pk__in=Membership.objects.of_partner(user).filter(role=Membership.Role.ADMIN).values("organisation"))


class Organisation(Versioned):
    """A gemeente or an OCMW: each municipality has one of each."""

    class Kind(models.TextChoices):
        GEMEENTE = "gemeente", _("Gemeente")
        OCMW = "ocmw", _("OCMW")

    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="organisations", verbose_name=_("gemeente")
    )
    name = models.CharField(_("naam"), max_length=200)
    contact_person = models.CharField(_("contactpersoon"), max_length=200, blank=True)
    dyzo_contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        limit_choices_to={"is_staff": True},
        related_name="contact_for",
        verbose_name=_("contactpersoon bij Dyzo"),
        help_text=_("De Dyzo-medewerker die de partner op zijn overzicht ziet."),
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=50, blank=True, validators=[validate_phone])
    address = models.TextField(_("adres"), blank=True, max_length=1000, validators=[text_limit(1000)])
    notes = models.TextField(_("notities"), blank=True, max_length=LONG_TEXT, validators=[text_limit()])

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["municipality__name_nl", "kind"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        constraints = [
            models.UniqueConstraint(fields=["kind", "municipality"], name="one_organisation_per_kind"),
        ]

    def __str__(self):
        return self.name

    @staticmethod
    def default_name(kind: str, municipality: Municipality) -> str:
        prefix = "OCMW" if kind == Organisation.Kind.OCMW else "Gemeente"
        return f"{prefix} {municipality.name_nl}"


class MembershipQuerySet(models.QuerySet):
    def of_partner(self, user):
        """The one place that says whether `user` is a partner, and of which organisations: the
        memberships that count. An anonymous visitor has none, and neither has a deactivated account,
        whose memberships stay only so that its organisation sees who it was."""
        if not (user.is_authenticated and user.is_active):
            return self.none()
        return self.filter(user=user)

    def visible_to(self, user):
        """Staff see every membership; a partner those of their own organisations."""
        if not user.is_authenticated:
            return self.none()
        return self if user.is_staff else self.filter(organisation__in=Organisation.objects.of_partner(user))

    def managed_by(self, user):
        """The memberships of the organisations where `user` is a partner admin."""
        return self.filter(organisation__in=Organisation.objects.administered_by(user))


class Membership(models.Model):
    """Ties a partner user to the organisation whose data they may see."""

    class Role(models.TextChoices):
        MEMBER = "member", _("Partnermedewerker")
        ADMIN = "admin", _("Partnerbeheerder")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("gebruiker")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("organisatie")
    )
    role = models.CharField(_("rol"), max_length=10, choices=Role.choices, default=Role.MEMBER)

    objects = MembershipQuerySet.as_manager()
    history = History()  # who gave whom access to an organisation's data, and when

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="one_membership_per_organisation"),
        ]

    def __str__(self):
        return f"{self.user} – {self.organisation}"


class AgreementQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The one scoping rule: staff see all; a partner sees the agreements that bind their organisations."""
        if not user.is_authenticated:
            return self.none()
        if user.is_staff:
            return self
        memberships = Membership.objects.of_partner(user).filter(organisation__municipality=OuterRef("municipality"))
        return self.filter(
            Exists(memberships.filter(organisation__kind=OuterRef("party")))
            | (Q(party=Agreement.Party.BOTH) & Exists(memberships))
        )

    def in_force_on(self, day: date):
        return self.filter(Q(end_date__isnull=True) | Q(end_date__gte=day), start_date__lte=day)

    def overlapping(self, *, start: date, end: date | None):
        """Agreements whose period shares at least one day with [start, end]."""
        qs = self.filter(Q(end_date__isnull=True) | Q(end_date__gte=start))
        return qs if end is None else qs.filter(start_date__lte=end)

    def of_party(self, party: str):
        """Agreements that bind the given organisation kind (a joint agreement binds both)."""
        if party == Agreement.Party.BOTH:
            return self
        return self.filter(party__in=[party, Agreement.Party.BOTH])


class Agreement(Versioned):
    """A cooperation agreement with the gemeente, the OCMW, or both jointly."""

    class Party(models.TextChoices):
        GEMEENTE = "gemeente", _("Gemeente")
        OCMW = "ocmw", _("OCMW")
        BOTH = "beide", _("Gemeente en OCMW")

    class Form(models.TextChoices):
        """Ordered from strongest to weakest: the status rule relies on this order."""

        SUBSCRIPTION_WITH_CONSULTATION_DAY = "overeenkomst_met_zitdag", _("Overeenkomst met zitdag")
        SUBSCRIPTION = "overeenkomst_zonder_zitdag", _("Overeenkomst zonder zitdag")
        PER_CASE = "per_dossier", _("Per dossier")
        REMOTE_ADVICE = "advies_op_afstand", _("Advies op afstand")

    SUBSCRIPTION_FORMS = (Form.SUBSCRIPTION_WITH_CONSULTATION_DAY, Form.SUBSCRIPTION)

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="agreements", verbose_name=_("gemeente")
    )
    party = models.CharField(_("partij"), max_length=10, choices=Party.choices)
    form = models.CharField(_("vorm"), max_length=30, choices=Form.choices)
    start_date = models.DateField(_("begindatum"), validators=[sane_date])
    end_date = models.DateField(_("einddatum"), null=True, blank=True, validators=[sane_date])
    signed_on = models.DateField(_("ondertekend op"), null=True, blank=True, validators=[sane_date])
    annual_fee = models.DecimalField(
        _("jaarbedrag (EUR)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Alleen voor een jaarovereenkomst."),
    )
    consultation_schedule = models.CharField(
        _("zitdag"), max_length=200, blank=True, help_text=_("Bv. 'eerste dinsdag van de maand, 9-12 uur'.")
    )
    consultation_place = models.CharField(_("plaats van de zitdag"), max_length=200, blank=True)
    notes = models.TextField(_("notities"), blank=True, max_length=LONG_TEXT, validators=[text_limit()])
    is_synthetic = models.BooleanField(
        _("synthetisch"), default=False, help_text=_("Gegenereerde demogegevens, geen echt record.")
    )
    history = History()

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "municipality__name_nl"]
        verbose_name = _("overeenkomst")
        verbose_name_plural = _("overeenkomsten")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="agreement_end_not_before_start",
            ),
            models.CheckConstraint(
                condition=Q(annual_fee__isnull=True) | Q(form__in=["overeenkomst_met_zitdag", "overeenkomst_zonder_zitdag"]),
                name="agreement_fee_only_for_subscriptions",
            ),
            models.CheckConstraint(
                condition=(Q(consultation_schedule="") & Q(consultation_place="")) | Q(form="overeenkomst_met_zitdag"),
                name="agreement_consultation_day_only_with_zitdag",
            ),
        ]
        indexes = [models.Index(fields=["start_date", "end_date"])]

    def __str__(self):
        return f"{self.municipality.name_nl}: {self.get_form_display()} ({self.get_party_display()})"

    @property
    def is_subscription(self) -> bool:
        return self.form in self.SUBSCRIPTION_FORMS

    def is_in_force_on(self, day: date) -> bool:
        """The instance form of AgreementQuerySet.in_force_on."""
        return self.start_date <= day and (self.end_date is None or day <= self.end_date)

    def clean(self):
        errors = {}
        if self.end_date and self.start_date and self.end_date < self.start_date:
            errors["end_date"] = _("De einddatum ligt voor de begindatum.")
        if self.annual_fee is not None and not self.is_subscription:
            errors["annual_fee"] = _("Alleen een jaarovereenkomst heeft een jaarbedrag.")
        if (self.consultation_schedule or self.consultation_place) and (
            self.form != self.Form.SUBSCRIPTION_WITH_CONSULTATION_DAY
        ):
            errors["consultation_schedule"] = _("Alleen een overeenkomst met zitdag heeft een zitdag.")
        if errors:
            raise ValidationError(errors)
        if self.municipality_id and self.start_date:
            if not self.municipality.exists_on(self.start_date):
                raise ValidationError(
                    {"start_date": _("%(gemeente)s bestond niet op de begindatum.") % {"gemeente": self.municipality}}
                )
            clash = self.overlapping_agreements().first()
            if clash:
                raise ValidationError(
                    _("Deze organisatie heeft al een overeenkomst in die periode: %(clash)s vanaf %(start)s.")
                    % {"clash": clash, "start": date_format(clash.start_date, "SHORT_DATE_FORMAT")}
                )

    def overlapping_agreements(self):
        """Other agreements of the same organisation(s) whose period overlaps this one."""
        return (
            Agreement.objects.filter(municipality_id=self.municipality_id)
            .of_party(self.party)
            .overlapping(start=self.start_date, end=self.end_date)
            .exclude(pk=self.pk)
        )


class TariffBand(models.Model):
    """The annual subscription fee for a population band, valid from a date on."""

    valid_from = models.DateField(_("geldig vanaf"), validators=[sane_date])
    min_population = models.PositiveIntegerField(_("vanaf inwoners"))
    max_population = models.PositiveIntegerField(_("tot en met inwoners"), null=True, blank=True)
    annual_fee = models.DecimalField(_("jaarbedrag (EUR)"), max_digits=10, decimal_places=2)
    per_case_fee = models.DecimalField(
        _("bedrag per dossier (EUR)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("De eenmalige betaling die Dyzo voorstelt voor een dossier per dossier; leeg als er geen is."),
    )
    is_illustrative = models.BooleanField(
        _("illustratief"), default=False, help_text=_("Voorbeeldbedrag voor de demo, geen echt tarief.")
    )

    class Meta:
        ordering = ["-valid_from", "min_population"]
        verbose_name = _("tariefschijf")
        verbose_name_plural = _("tariefschijven")
        constraints = [
            models.UniqueConstraint(fields=["valid_from", "min_population"], name="tariff_band_unique_start"),
            models.CheckConstraint(
                condition=Q(max_population__isnull=True) | Q(max_population__gte=F("min_population")),
                name="tariff_band_ordered",
            ),
        ]

    def __str__(self):
        upper = f"{self.max_population}" if self.max_population is not None else "…"
        return f"{self.min_population}–{upper} inwoners vanaf {date_format(self.valid_from, 'SHORT_DATE_FORMAT')}"


class DeclineReason(models.Model):
    """Why a local authority declined Dyzo's offer: a managed list."""

    label = models.CharField(_("reden"), max_length=200, unique=True)
    needs_explanation = models.BooleanField(
        _("toelichting verplicht"), default=False, help_text=_("Voor 'andere': de reden moet uitgeschreven worden.")
    )
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    is_active = models.BooleanField(_("actief"), default=True)

    class Meta:
        ordering = ["position", "label"]
        verbose_name = _("reden van weigering")
        verbose_name_plural = _("redenen van weigering")

    def __str__(self):
        return self.label


class ConsultationDayQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Staff see every zitdag; a partner those in its organisations' municipalities, because a
        zitdag serves the gemeente and the OCMW alike, whichever of them signed."""
        if not user.is_authenticated:
            return self.none()
        if user.is_staff:
            return self
        return self.filter(agreement__municipality__in=Organisation.objects.of_partner(user).values("municipality"))


class ConsultationDay(models.Model):
    """A planned zitdag of an agreement with zitdag: partners see the next ones on their dashboard."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="consultation_days", verbose_name=_("overeenkomst")
    )
    date = models.DateField(_("datum"), validators=[sane_date])
    hours = models.CharField(_("uren"), max_length=50, blank=True, help_text=_("Bv. '9-12 uur'."))

    objects = ConsultationDayQuerySet.as_manager()

    class Meta:
        ordering = ["date"]
        verbose_name = _("zitdag")
        verbose_name_plural = _("zitdagen")
        constraints = [models.UniqueConstraint(fields=["agreement", "date"], name="one_consultation_day_per_agreement_and_date")]

    def __str__(self):
        return f"{self.agreement.municipality.name_nl}: {date_format(self.date, 'SHORT_DATE_FORMAT')}"

    def clean(self):
        agreement = self.agreement
        if agreement.form != Agreement.Form.SUBSCRIPTION_WITH_CONSULTATION_DAY:
            raise ValidationError(_("Alleen een overeenkomst met zitdag heeft zitdagen."))
        if self.date and not agreement.is_in_force_on(self.date):
            raise ValidationError({"date": _("De zitdag valt buiten de looptijd van de overeenkomst.")})


class Outreach(Versioned):
    """A cooperation offer Dyzo sent, and where it stands.

    `status_date` is the day the current status took effect; before it the offer
    counts as unanswered, which lets reports ask "where did it stand on day X".
    """

    class Status(models.TextChoices):
        NO_ANSWER = "geen_antwoord", _("Nog geen antwoord")
        NEGOTIATING = "in_onderhandeling", _("In onderhandeling")
        DECLINED = "geweigerd", _("Geweigerd")
        ACCEPTED = "aanvaard", _("Aanvaard")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="outreach", verbose_name=_("organisatie")
    )
    sent_on = models.DateField(_("verstuurd op"), validators=[sane_date])
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NO_ANSWER)
    status_date = models.DateField(_("status sinds"), null=True, blank=True, validators=[sane_date])
    decline_reason = models.ForeignKey(
        DeclineReason, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("reden van weigering")
    )
    decline_explanation = models.CharField(_("toelichting bij de weigering"), max_length=500, blank=True)
    follow_up_on = models.DateField(_("opvolgen op"), null=True, blank=True, validators=[sane_date])
    notes = models.TextField(_("notities"), blank=True, max_length=LONG_TEXT, validators=[text_limit()])
    is_synthetic = models.BooleanField(_("synthetisch"), default=False)
    history = History()

    class Meta:
        ordering = ["-sent_on"]
        verbose_name = _("aanbod")
        verbose_name_plural = _("aanbiedingen")
        indexes = [models.Index(fields=["sent_on", "id"], name="outreach_list_order")]  # the admin list's order, read backwards
        constraints = [
            models.CheckConstraint(
                condition=Q(decline_reason__isnull=True) | Q(status="geweigerd"),
                name="outreach_reason_only_when_declined",
            ),
            models.CheckConstraint(
                condition=Q(status_date__isnull=True) | Q(status_date__gte=F("sent_on")),
                name="outreach_status_not_before_sending",
            ),
        ]

    def __str__(self):
        return f"{self.organisation} ({date_format(self.sent_on, 'SHORT_DATE_FORMAT')}): {self.get_status_display()}"

    def clean(self):
        errors = {}
        if self.status == self.Status.DECLINED and not self.decline_reason_id:
            errors["decline_reason"] = _("Geef de reden van de weigering op.")
        if self.decline_reason_id and self.status != self.Status.DECLINED:
            errors["decline_reason"] = _("Een reden hoort alleen bij een geweigerd aanbod.")
        if self.decline_reason and self.decline_reason.needs_explanation and not self.decline_explanation:
            errors["decline_explanation"] = _("Licht de reden 'andere' toe.")
        if self.status_date and self.sent_on and self.status_date < self.sent_on:
            errors["status_date"] = _("De status kan niet ingaan voor het aanbod verstuurd werd.")
        if errors:
            raise ValidationError(errors)
