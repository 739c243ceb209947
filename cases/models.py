"""Entrepreneurs in difficulty and their cases: sensitive data, kept to what the work needs.

No national register number is ever stored. Anonymisation blanks the personal
fields and keeps what the reports count.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import F, Q, Sum
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from cases.kbo import format_kbo, validate_kbo
from core.history import History
from core.validators import LONG_TEXT, text_limit, validate_phone
from core.versioning import Versioned
from core.years import sane_date
from partnerships.models import Municipality, Organisation


class Entrepreneur(models.Model):
    class LegalForm(models.TextChoices):
        SOLE_TRADER = "eenmanszaak", _("Eenmanszaak")
        COMPANY = "vennootschap", _("Vennootschap")

    class Language(models.TextChoices):
        DUTCH = "nl", _("Nederlands")
        FRENCH = "fr", _("Frans")
        ENGLISH = "en", _("Engels")
        OTHER = "other", _("Andere")

    name = models.CharField(_("naam"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefoon"), max_length=50, blank=True, validators=[validate_phone])
    address = models.TextField(_("adres"), blank=True, max_length=1000, validators=[text_limit(1000)])
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("woonplaats"))
    enterprise_number = models.CharField(_("ondernemingsnummer"), max_length=10, blank=True, validators=[validate_kbo])
    legal_form = models.CharField(_("rechtsvorm"), max_length=12, choices=LegalForm.choices, blank=True)
    sector = models.CharField(_("sector"), max_length=100, blank=True)
    language = models.CharField(_("taal"), max_length=5, choices=Language.choices, default=Language.DUTCH)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("aangemaakt op"))
    anonymised_at = models.DateTimeField(_("geanonimiseerd op"), null=True, blank=True)
    is_synthetic = models.BooleanField(_("synthetisch"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("ondernemer")
        verbose_name_plural = _("ondernemers")
        # The admin list's order (its ordering, then -pk), read from the index instead of sorting every row.
        indexes = [models.Index(fields=["name", "-id"], name="entrepreneur_list_order")]

    def __str__(self):
        return self.name

    @property
    def enterprise_number_display(self) -> str:
        return format_kbo(self.enterprise_number)


class CaseQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The one scoping rule: staff see all; a partner sees what concerns their organisation; others nothing.

        A partner's organisation referred the case, or the case was opened in its
        municipality under a subscription or per case (which the local authority approves) and
        is not a help request Dyzo still holds back (`shared_with_local_authority`).
        """
        if not user.is_authenticated:
            return self.none()
        if user.is_staff:
            return self
        # Plain id lists, not subqueries: the database can then use the indexes on both sides of the OR.
        organisations = list(Organisation.objects.of_partner(user).values_list("pk", "kind", "municipality_id"))
        return self.filter(
            Q(referring_organisation__in=[pk for pk, _, _ in organisations])
            | Q(
                municipality__in=[municipality for _, kind, municipality in organisations if kind == Organisation.Kind.OCMW],
                funding_basis__in=[Case.FundingBasis.SUBSCRIPTION, Case.FundingBasis.PER_CASE],
                shared_with_local_authority=True,
            )
        )


class Case(Versioned):
    class Status(models.TextChoices):
        REGISTERED = "aangemeld", _("Aangemeld")
        INTAKE = "intake", _("Intake")
        ONGOING = "lopend", _("Lopend")
        CLOSED = "afgesloten", _("Afgesloten")

    class Phase(models.TextChoices):
        RESCUE = "redding", _("Redding van de onderneming")
        BANKRUPTCY = "faillissement", _("Leefbaar faillissement")
        FRESH_START = "herstart", _("Nieuwe start na faillissement")

    class Outcome(models.TextChoices):
        SAVED = "gered", _("Onderneming gered")
        ORDERLY_BANKRUPTCY = "faillissement", _("Ordelijk faillissement")
        FRESH_START = "herstart", _("Nieuwe start")
        STOPPED = "gestopt", _("Gestopt door de ondernemer")
        REFERRED = "doorverwezen", _("Doorverwezen")

    class Channel(models.TextChoices):
        OCMW = "ocmw", _("OCMW")
        GEMEENTE = "gemeente", _("Gemeente")
        SELF = "zelf", _("Zelf")
        PROFESSIONAL_ORGANISATION = "beroepsorganisatie", _("UNIZO of andere beroepsorganisatie")
        ACCOUNTANT = "boekhouder", _("Boekhouder")
        COURT = "rechtbank", _("Rechtbank")
        OTHER = "andere", _("Andere")

    class FundingBasis(models.TextChoices):
        SUBSCRIPTION = "abonnement", _("Jaarovereenkomst van het lokale bestuur")
        PER_CASE = "per_dossier", _("Per dossier, na akkoord van het lokale bestuur")
        REMOTE_ADVICE = "advies_op_afstand", _("Advies op afstand")
        OWN_COST = "eigen_kosten", _("Op kosten van Dyzo (geen samenwerking)")

    entrepreneur = models.ForeignKey(Entrepreneur, on_delete=models.PROTECT, related_name="cases", verbose_name=_("ondernemer"))
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, related_name="cases", verbose_name=_("gemeente")
    )
    opened_on = models.DateField(_("geopend op"), validators=[sane_date])
    channel = models.CharField(_("aanmelder"), max_length=20, choices=Channel.choices)
    referring_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referred_cases",
        verbose_name=_("verwijzende organisatie"),
    )
    case_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("dossierbeheerder")
    )
    phase = models.CharField(_("fase"), max_length=15, choices=Phase.choices)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.REGISTERED)
    outcome = models.CharField(_("resultaat"), max_length=15, choices=Outcome.choices, blank=True)
    closed_on = models.DateField(_("afgesloten op"), null=True, blank=True, validators=[sane_date])
    funding_basis = models.CharField(_("financiering"), max_length=20, choices=FundingBasis.choices)
    business_scan = models.BooleanField(_("ondernemingsscan"), default=False)
    multidisciplinary_advice = models.BooleanField(_("multidisciplinair advies"), default=False)
    social_investigation = models.BooleanField(_("sociaal vooronderzoek"), default=False)
    situation = models.TextField(_("situatie"), blank=True, max_length=LONG_TEXT, validators=[text_limit()])
    findings = models.TextField(_("bevindingen"), blank=True, max_length=LONG_TEXT, validators=[text_limit()])
    advice = models.TextField(_("advies over OCMW-steun"), blank=True, max_length=LONG_TEXT, validators=[text_limit()])
    confidential_notes = models.TextField(
        _("vertrouwelijke notities"),
        blank=True,
        help_text=_("Alleen voor Dyzo."),
        max_length=LONG_TEXT,
        validators=[text_limit()],
    )
    consent_given_at = models.DateTimeField(_("toestemming gegeven op"), null=True, blank=True)
    shared_with_local_authority = models.BooleanField(
        _("gedeeld met het lokale bestuur"),
        default=True,
        help_text=_(
            "Een hulpvraag van de ondernemer zelf blijft bij Dyzo tot een medewerker ze trieert en doorgeeft aan het OCMW."
        ),
    )
    anonymised_at = models.DateTimeField(_("geanonimiseerd op"), null=True, blank=True)
    is_synthetic = models.BooleanField(_("synthetisch"), default=False)
    history = History(excluded_fields=["confidential_notes", "situation", "findings", "advice"])

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_on", "-pk"]
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=F("opened_on")), name="case_closed_after_opened"
            ),
            models.CheckConstraint(
                condition=(Q(status="afgesloten", closed_on__isnull=False) & ~Q(outcome=""))
                | (~Q(status="afgesloten") & Q(outcome="")),
                name="case_closed_with_an_outcome",
            ),
        ]
        indexes = [models.Index(fields=["opened_on"]), models.Index(fields=["status"])]

    def __str__(self):
        return _("Dossier %(number)s") % {"number": self.pk}

    @property
    def needs_approval(self) -> bool:
        return self.funding_basis == self.FundingBasis.PER_CASE

    @property
    def decision(self) -> "Approval | None":
        """The local authority's decision on the one-time payment, or None while there is none."""
        try:
            return self.approval
        except Approval.DoesNotExist:
            return None


class TeamMember(models.Model):
    class Role(models.TextChoices):
        LAWYER = "jurist", _("Jurist")
        ACCOUNTANT = "boekhouder", _("Boekhouder")
        VOLUNTEER = "ondernemer", _("Ondernemer-vrijwilliger")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="team", verbose_name=_("dossier"))
    role = models.CharField(_("rol"), max_length=12, choices=Role.choices)
    name = models.CharField(_("naam"), max_length=200)

    class Meta:
        verbose_name = _("teamlid")
        verbose_name_plural = _("multidisciplinair team")

    def __str__(self):
        return f"{self.name} ({self.get_role_display()})"


class StatusChange(models.Model):
    """Who moved a case to which status, and when: the workflow's own record."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="status_changes", verbose_name=_("dossier"))
    from_status = models.CharField(_("van"), max_length=12, choices=Case.Status.choices, blank=True)
    to_status = models.CharField(_("naar"), max_length=12, choices=Case.Status.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("gewijzigd door")
    )
    changed_at = models.DateTimeField(_("op"), auto_now_add=True)

    class Meta:
        ordering = ["changed_at", "pk"]
        verbose_name = _("statuswijziging")
        verbose_name_plural = _("statuswijzigingen")

    def __str__(self):
        return f"{self.get_to_status_display()} ({date_format(self.changed_at, 'SHORT_DATE_FORMAT')})"


class Activity(models.Model):
    class Kind(models.TextChoices):
        CONTACT = "contact", _("Contact")
        MEETING = "gesprek", _("Gesprek")
        CONSULTATION_DAY = "zitdag", _("Zitdagconsult")
        NOTE = "notitie", _("Notitie")
        APPROVAL_REMINDER = "herinnerd", _("Herinnering aan het lokale bestuur")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="activities", verbose_name=_("dossier"))
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices)
    date = models.DateField(_("datum"), validators=[sane_date])
    description = models.TextField(_("omschrijving"), blank=True, max_length=LONG_TEXT, validators=[text_limit()])
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("ingevoerd door")
    )

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("activiteit")
        verbose_name_plural = _("activiteiten")

    def __str__(self):
        return f"{self.get_kind_display()} ({date_format(self.date, 'SHORT_DATE_FORMAT')})"


class Referral(models.Model):
    """Dyzo's case worker judged an OCMW intervention appropriate (seed 002 question 4)."""

    class Outcome(models.TextChoices):
        PENDING = "in_behandeling", _("In behandeling")
        GRANTED = "toegekend", _("Toegekend")
        REFUSED = "geweigerd", _("Geweigerd")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals", verbose_name=_("dossier"))
    referred_on = models.DateField(_("doorverwezen op"), validators=[sane_date])
    ocmw = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="case_referrals",
        limit_choices_to={"kind": Organisation.Kind.OCMW},
        verbose_name=_("OCMW"),
    )
    reason = models.TextField(_("reden"), max_length=LONG_TEXT, validators=[text_limit()])
    outcome = models.CharField(_("uitkomst"), max_length=15, choices=Outcome.choices, default=Outcome.PENDING)
    history = History()

    class Meta:
        ordering = ["-referred_on"]
        verbose_name = _("doorverwijzing naar het OCMW")
        verbose_name_plural = _("doorverwijzingen naar het OCMW")

    def __str__(self):
        return _("Doorverwijzing van dossier %(case)s naar %(ocmw)s") % {"case": self.case_id, "ocmw": self.ocmw}

    def clean(self):
        if self.ocmw_id and self.ocmw.kind != Organisation.Kind.OCMW:
            raise ValidationError({"ocmw": _("Een doorverwijzing gaat naar een OCMW.")})


REASON_MAX_LENGTH = 2000


class Approval(Versioned):
    """The local authority's prior decision on the one-time payment of a per-case case."""

    class Decision(models.TextChoices):
        APPROVED = "goedgekeurd", _("Goedgekeurd")
        DECLINED = "geweigerd", _("Geweigerd")

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="approval", verbose_name=_("dossier"))
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, verbose_name=_("lokaal bestuur"))
    decision = models.CharField(_("beslissing"), max_length=12, choices=Decision.choices)
    decided_by_name = models.CharField(_("beslist door"), max_length=200)
    decided_on = models.DateField(_("beslist op"), validators=[sane_date])
    amount = models.DecimalField(_("bedrag (EUR)"), max_digits=10, decimal_places=2, null=True, blank=True)
    reason = models.TextField(
        _("reden"),
        blank=True,
        max_length=REASON_MAX_LENGTH,
        validators=[MaxLengthValidator(REASON_MAX_LENGTH)],
        help_text=_("Verplicht bij een weigering."),
    )
    history = History()

    class Meta:
        verbose_name = _("akkoord per dossier")
        verbose_name_plural = _("akkoorden per dossier")
        constraints = [
            models.CheckConstraint(condition=Q(decision="geweigerd") | Q(amount__isnull=False), name="approval_has_an_amount"),
        ]

    def __str__(self):
        return _("Akkoord van %(organisation)s voor dossier %(case)s") % {"organisation": self.organisation, "case": self.case_id}

    def clean(self):
        """Only a per-case case needs the decision, and only its own municipality's gemeente or OCMW takes it."""
        if self.case_id and not self.case.needs_approval:
            raise ValidationError(_("Alleen een dossier per dossier heeft een akkoord van het lokale bestuur nodig."))
        if self.case_id and self.organisation_id and self.organisation.municipality_id != self.case.municipality_id:
            raise ValidationError({"organisation": _("Alleen het lokale bestuur van de gemeente van het dossier kan beslissen.")})
        if self.decision == self.Decision.APPROVED and self.amount is None:
            raise ValidationError({"amount": _("Geef het goedgekeurde bedrag op.")})
        if self.decision == self.Decision.DECLINED and not self.reason.strip():
            raise ValidationError({"reason": _("Geef de reden van de weigering op.")})


class PayerLine(models.Model):
    """Who pays what for a trajectory: the municipality, the participant (capped), Dyzo/subsidy."""

    class Payer(models.TextChoices):
        MUNICIPALITY = "gemeente", _("Gemeente/OCMW")
        PARTICIPANT = "deelnemer", _("Deelnemer")
        DYZO = "dyzo", _("Dyzo/subsidie")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="payer_lines", verbose_name=_("dossier"))
    payer = models.CharField(_("betaler"), max_length=10, choices=Payer.choices)
    amount = models.DecimalField(_("bedrag (EUR)"), max_digits=10, decimal_places=2)
    paid_on = models.DateField(_("datum"), validators=[sane_date])
    history = History()

    class Meta:
        ordering = ["paid_on", "pk"]
        verbose_name = _("betaallijn")
        verbose_name_plural = _("kostendeling")
        constraints = [models.CheckConstraint(condition=Q(amount__gte=0), name="payer_line_not_negative")]

    def __str__(self):
        return _("Betaling voor dossier %(case)s (%(payer)s)") % {"case": self.case_id, "payer": self.get_payer_display()}

    def clean(self):
        """The participant never pays more than the cap per trajectory, over all their lines of the case."""
        if self.payer != self.Payer.PARTICIPANT or self.case_id is None or self.amount is None:
            return
        others = PayerLine.objects.filter(case_id=self.case_id, payer=self.payer).exclude(pk=self.pk)
        paid = others.aggregate(total=Sum("amount", default=Decimal(0)))["total"]
        cap = Decimal(settings.PARTICIPANT_CONTRIBUTION_CAP)
        if paid + self.amount > cap:
            message = _("De deelnemer betaalt maximaal %(cap)s euro per traject (al betaald: %(paid)s).")
            raise ValidationError({"amount": message % {"cap": cap, "paid": paid}})


class CaseReport(models.Model):
    """The written report of the social pre-investigation; regenerating adds a version."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reports", verbose_name=_("dossier"))
    version = models.PositiveIntegerField(_("versie"))
    file = models.FileField(_("bestand"), upload_to="case-reports/")
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("gemaakt op"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("gemaakt door")
    )

    class Meta:
        ordering = ["-version"]
        verbose_name = _("rapport")
        verbose_name_plural = _("rapporten")
        constraints = [models.UniqueConstraint(fields=["case", "version"], name="one_report_per_version")]

    def __str__(self):
        return _("Rapport versie %(version)s") % {"version": self.version}


class AccessLog(models.Model):
    """Every time a user views a case page or report: who, when, what."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("gebruiker")
    )
    case = models.ForeignKey(Case, on_delete=models.SET_NULL, null=True, related_name="access_log", verbose_name=_("dossier"))
    action = models.CharField(_("actie"), max_length=50)
    path = models.CharField(_("pad"), max_length=300)
    at = models.DateTimeField(_("op"), auto_now_add=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("inzage")
        verbose_name_plural = _("inzagelog")

    def __str__(self):
        return f"{self.action} {self.path}"
