from typing import ClassVar

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from knox.models import AuthToken


class DataGeneration(models.Model):
    """A number per app label that goes up after every committed change to that app's records.

    Cached pages are keyed by the generations of the apps they read (`core.freshness`), so a
    change makes them stale at once, for every worker and machine, whatever the cache backend,
    while pages that read other apps stay cached.
    """

    app_label = models.CharField(max_length=100, unique=True, verbose_name=_("app"))
    value = models.PositiveBigIntegerField(default=0, verbose_name=_("generatie"))

    class Meta:
        verbose_name = _("gegevensgeneratie")
        verbose_name_plural = _("gegevensgeneraties")

    def __str__(self):
        return f"{self.app_label}: {self.value}"


class UserManager(BaseUserManager):
    """Users are known by their e-mail address, in whatever case it is typed."""

    use_in_migrations = True

    def get_by_natural_key(self, email):
        """Sign-in looks the address up case-insensitively: "Jan@Gent.be" signs in as jan@gent.be."""
        return self.get(email__iexact=email.strip())

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        if not (extra_fields["is_staff"] and extra_fields["is_superuser"]):
            raise ValueError("A superuser must have is_staff and is_superuser set.")
        return self._create_user(email, password, **extra_fields)

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("A user needs an e-mail address.")
        user = self.model(email=self.normalize_email(email.strip()), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in: Dyzo staff, a partner's staff or policy staff, known by their e-mail address.

    The address is unique whatever its case, in the database itself (`Lower("email")`), so two
    accounts can never share a sign-in. Whether someone is a partner, and of which organisations,
    follows from their memberships: `partnerships.models.MembershipQuerySet.of_partner`.
    """

    email = models.EmailField(
        _("e-mailadres"),
        max_length=254,
        unique=True,
        error_messages={"unique": _("Er bestaat al een account met dit e-mailadres.")},
    )
    first_name = models.CharField(_("voornaam"), max_length=150, blank=True)
    last_name = models.CharField(_("familienaam"), max_length=150, blank=True)
    is_staff = models.BooleanField(
        _("Dyzo-medewerker"), default=False, help_text=_("Meldt zich aan in twee stappen en mag in het beheer.")
    )
    is_active = models.BooleanField(
        _("actief"), default=True, help_text=_("Vink dit uit in plaats van de account te verwijderen.")
    )
    date_joined = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    language = models.CharField(
        _("taal van de e-mails"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        ordering = ["email"]
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="user_email_unique_in_any_case",
                violation_error_message=_("Er bestaat al een account met dit e-mailadres."),
            )
        ]

    def __str__(self):
        return self.email

    def clean(self):
        super().clean()
        self.email = type(self).objects.normalize_email(self.email.strip())

    def get_full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self) -> str:
        return self.first_name


class NotificationPreference(models.Model):
    """A person's choice for one kind of e-mail (`core.notifications`); without a row, the e-mail is sent."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notification_preferences", verbose_name=_("persoon"))
    kind = models.CharField(_("soort melding"), max_length=50)
    enabled = models.BooleanField(_("ontvangen"), default=True)

    class Meta:
        verbose_name = _("meldingsvoorkeur")
        verbose_name_plural = _("meldingsvoorkeuren")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")]

    def __str__(self):
        return f"{self.user}: {self.kind}"


class SentNotification(models.Model):
    """Every e-mail the notifications sent: a message (its key) reaches an address at most once, in the database.
    `about` is the record the message was about (a case, an agreement, a session, a registration)."""

    kind = models.CharField(_("soort melding"), max_length=50)
    key = models.CharField(_("bericht"), max_length=200)
    email = models.EmailField(_("e-mailadres"), max_length=254)
    user = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("persoon"))
    about_type = models.ForeignKey(
        ContentType, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("soort onderwerp")
    )
    about_id = models.PositiveBigIntegerField(_("nummer van het onderwerp"), null=True, blank=True)
    about = GenericForeignKey("about_type", "about_id")
    about.verbose_name = _("onderwerp")  # type: ignore[attr-defined]  # GenericForeignKey takes no verbose_name argument
    sent_at = models.DateTimeField(_("verstuurd op"), auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("verstuurde melding")
        verbose_name_plural = _("verstuurde meldingen")
        constraints = [models.UniqueConstraint(fields=["key", "email"], name="one_message_per_address")]

    def __str__(self):
        return f"{self.key} → {self.email}"


class CountedRequest(models.Model):
    """One counted request for a rate limit (a public form, a password reset, an invitation), kept
    in the database so that every worker and server counts the same requests (`core.throttle`);
    rows older than the window are deleted as new ones come."""

    scope = models.CharField(_("soort"), max_length=50)
    key = models.CharField(_("sleutel"), max_length=254)
    at = models.DateTimeField(_("op"), auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["scope", "key", "at"]), models.Index(fields=["scope", "at"])]
        verbose_name = _("getelde aanvraag")
        verbose_name_plural = _("getelde aanvragen")

    def __str__(self):
        return f"{self.scope} {self.key}"


class TaskFailure(models.Model):
    """A background task's attempt that raised: staff see it in the admin, with the error, whichever queue ran it
    (the database's or Redis'). `final` marks the last attempt: nothing retries it any more."""

    task = models.CharField(_("taak"), max_length=200)
    arguments = models.JSONField(_("argumenten"), default=dict, blank=True)
    attempt = models.PositiveSmallIntegerField(_("poging"))
    final = models.BooleanField(_("laatste poging"), default=False)
    error = models.TextField(_("fout"))
    failed_at = models.DateTimeField(_("mislukt op"), auto_now_add=True)

    class Meta:
        ordering = ["-failed_at"]
        verbose_name = _("mislukte achtergrondtaak")
        verbose_name_plural = _("mislukte achtergrondtaken")

    def __str__(self):
        return f"{self.task} ({self.attempt})"


class DailyRun(models.Model):
    """A scheduled task enqueued for a day: the unique pair makes `enqueue_daily_tasks` enqueue each once a day,
    however often cron calls it."""

    task = models.CharField(_("taak"), max_length=200)
    day = models.DateField(_("dag"))
    enqueued_at = models.DateTimeField(_("in de wachtrij gezet op"), auto_now_add=True)

    class Meta:
        ordering = ["-day", "task"]
        verbose_name = _("dagelijkse taak")
        verbose_name_plural = _("dagelijkse taken")
        constraints = [models.UniqueConstraint(fields=["task", "day"], name="daily_run_once_a_day")]

    def __str__(self):
        return f"{self.task} ({self.day})"


class ApiToken(AuthToken):
    """django-rest-knox's token under a Dutch name, for the admin: knox's model has no name of its own to translate."""

    class Meta:
        proxy = True
        verbose_name = _("API-sleutel")
        verbose_name_plural = _("API-sleutels")
