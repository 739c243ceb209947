"""Trainings Dyzo gives to OCMW staff and others: modules, sessions, registrations and attendance."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, Count, Exists, F, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core.history import History
from core.validators import LONG_TEXT, text_limit
from core.versioning import Versioned
from core.years import sane_date
from partnerships.models import Organisation

MAX_PARTICIPANTS = 10_000
"""More people than any session or room Dyzo ever had: a larger number is a typo."""


class Module(models.Model):
    name = models.CharField(_("naam"), max_length=200, unique=True)
    description = models.TextField(_("omschrijving"), blank=True, max_length=LONG_TEXT, validators=[text_limit()])
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    is_active = models.BooleanField(
        _("actief"), default=True, help_text=_("Een oude module uitschakelen in plaats van te wissen.")
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("module")
        verbose_name_plural = _("modules")

    def __str__(self):
        return self.name


class TrainingSessionQuerySet(models.QuerySet):
    def open_to(self, organisations):
        """The sessions these organisations may register for: a session that invites no one is open
        to all, a session with invited organisations only to those."""
        invitations = TrainingSession.invited_organisations.through.objects.filter(trainingsession=OuterRef("pk"))
        return self.filter(~Exists(invitations) | Exists(invitations.filter(organisation__in=organisations)))

    def with_registration_counts(self):
        """`registered`: confirmed registrations; `attendees`: who came, None until attendance is marked,
        and the number entered for a historic session without registrations."""
        registrations = Registration.objects.filter(session=OuterRef("pk"))

        def count(**conditions):
            counted = registrations.filter(**conditions).values("session").annotate(count=Count("pk")).values("count")
            return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))

        return self.annotate(
            registered=count(status=Registration.Status.CONFIRMED),
            attendees=Case(
                When(Exists(registrations.filter(attended__isnull=False)), then=count(attended=True)),
                When(~Exists(registrations), then=F("historic_participants")),
                default=None,
                output_field=IntegerField(),
            ),
        )

    def with_participants(self):
        """`participants`: attendance when registrations exist, else the number entered for a historic session."""
        attended = (
            Registration.objects.filter(session=OuterRef("pk"), attended=True)
            .values("session")
            .annotate(count=Count("pk"))
            .values("count")
        )
        return self.annotate(
            participants=Case(
                When(
                    Exists(Registration.objects.filter(session=OuterRef("pk"))),
                    then=Coalesce(Subquery(attended, output_field=IntegerField()), Value(0)),
                ),
                default=Coalesce(F("historic_participants"), Value(0)),
                output_field=IntegerField(),
            )
        )


class TrainingSession(Versioned):
    class Language(models.TextChoices):
        DUTCH = "nl", _("Nederlands")
        FRENCH = "fr", _("Frans")
        ENGLISH = "en", _("Engels")

    date = models.DateField(_("datum"), validators=[sane_date])
    start_time = models.TimeField(_("beginuur"), null=True, blank=True)
    organiser = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organised_trainings",
        verbose_name=_("inrichter (organisatie)"),
    )
    organiser_name = models.CharField(
        _("inrichter"), max_length=200, blank=True, help_text=_("Als de inrichter geen organisatie in het portaal is.")
    )
    target_group = models.CharField(_("doelgroep"), max_length=200)
    location = models.CharField(_("plaats"), max_length=200, blank=True)
    modules = models.ManyToManyField(Module, blank=True, related_name="sessions", verbose_name=_("modules"))
    invited_organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="training_invitations", verbose_name=_("uitgenodigde organisaties")
    )
    capacity = models.PositiveIntegerField(
        _("plaatsen"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(MAX_PARTICIPANTS)]
    )
    language = models.CharField(_("taal"), max_length=2, choices=Language.choices, default=Language.DUTCH)
    registration_deadline = models.DateField(_("inschrijven tot en met"), null=True, blank=True, validators=[sane_date])
    historic_participants = models.PositiveIntegerField(
        _("aantal deelnemers (historisch)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_PARTICIPANTS)],
        help_text=_("Alleen voor sessies zonder inschrijvingen in het portaal."),
    )
    notes = models.TextField(_("notities"), blank=True, max_length=LONG_TEXT, validators=[text_limit()])
    is_synthetic = models.BooleanField(_("synthetisch"), default=False)
    history = History()

    objects = TrainingSessionQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "start_time"]
        verbose_name = _("opleidingssessie")
        verbose_name_plural = _("opleidingssessies")
        indexes = [models.Index(fields=["-date", "start_time", "-id"], name="session_list_order")]  # the admin list's order
        constraints = [
            models.CheckConstraint(
                condition=Q(organiser__isnull=False) | ~Q(organiser_name=""), name="training_has_an_organiser"
            ),
            models.CheckConstraint(
                condition=Q(registration_deadline__isnull=True) | Q(registration_deadline__lte=F("date")),
                name="training_deadline_not_after_session",
            ),
        ]

    def __str__(self):
        return f"{date_format(self.date, 'SHORT_DATE_FORMAT')} {self.organiser_label}: {self.target_group}"

    @property
    def organiser_label(self) -> str:
        organiser = self.organiser
        return organiser.name if organiser else self.organiser_name


class RegistrationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Staff see every registration; a partner those of their own organisations."""
        if not user.is_authenticated:
            return self.none()
        return self if user.is_staff else self.filter(organisation__in=Organisation.objects.of_partner(user))


class Registration(Versioned):
    class Status(models.TextChoices):
        CONFIRMED = "bevestigd", _("Bevestigd")
        WAITING = "wachtlijst", _("Wachtlijst")
        CANCELLED = "geannuleerd", _("Geannuleerd")

    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("sessie"))
    name = models.CharField(_("naam"), max_length=200)
    normalised_name = models.CharField(max_length=200, editable=False, verbose_name=_("naam voor vergelijking"))
    function = models.CharField(_("functie"), max_length=200, blank=True)
    participant_email = models.EmailField(
        _("e-mailadres van de deelnemer"),
        blank=True,
        help_text=_("De deelnemer krijgt hierop de herinnering; zonder adres gaat die naar wie inschreef."),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="training_registrations",
        verbose_name=_("organisatie"),
    )
    organisation_name = models.CharField(
        _("organisatie"), max_length=200, blank=True, help_text=_("Ingevuld uit de organisatie als die gekozen is.")
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.CONFIRMED)
    registered_at = models.DateTimeField(_("ingeschreven op"), auto_now_add=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("ingeschreven door")
    )
    attended = models.BooleanField(_("aanwezig"), null=True, blank=True)
    history = History()

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["session", "registered_at", "pk"]
        verbose_name = _("inschrijving")
        verbose_name_plural = _("inschrijvingen")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "normalised_name", "organisation_name"],
                condition=~Q(status="geannuleerd"),
                name="one_active_registration_per_person",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.organisation_name})"

    @staticmethod
    def normalise(name: str) -> str:
        return " ".join(name.split()).casefold()
