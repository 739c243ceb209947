"""The portal's role groups: membership of a group gives a person that role and its permissions.

Dyzo staff (`is_staff`) are case workers or coordinators. Case workers follow cases and read
everything else; coordinators also manage agreements, outreach, trainings, funding and the
parliamentary answers, can unlock sign-ins and read the log of sent e-mails. Both see the background tasks that failed.
Other people's authenticator apps and API tokens
are secrets of their owners: only superusers manage them. Policy staff read reports only. The groups' permissions are set after every migrate, so they follow new models.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models import Q

CASE_WORKER_GROUP = "Dyzo-dossierbegeleiders"
COORDINATOR_GROUP = "Dyzo-coördinatoren"
POLICY_GROUP = "Beleidsmedewerkers"

PROJECT_APPS = ["partnerships", "cases", "trainings", "reports"]
ACCOUNT_SECURITY_APPS = ["axes"]
SENT_MAIL_LOG = Q(content_type__app_label="core", codename="view_sentnotification")
BACKGROUND_TASK_FAILURES = Q(content_type__app_label="core", codename="view_taskfailure")  # every staff member sees them


def role_permissions() -> dict[str, Q]:
    in_project = Q(content_type__app_label__in=PROJECT_APPS)
    return {
        CASE_WORKER_GROUP: (Q(content_type__app_label="cases") & ~Q(codename__startswith="delete_"))
        | (in_project & Q(codename__startswith="view_"))
        | BACKGROUND_TASK_FAILURES,
        COORDINATOR_GROUP: in_project
        | Q(content_type__app_label__in=ACCOUNT_SECURITY_APPS)
        | SENT_MAIL_LOG
        | BACKGROUND_TASK_FAILURES,
        POLICY_GROUP: Q(pk__in=[]),
    }


def sync_role_groups(**kwargs) -> None:
    """Create the role groups and give each exactly its permissions (a post_migrate receiver)."""
    for name, permissions in role_permissions().items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(Permission.objects.filter(permissions))


def can_view_reports(user) -> bool:
    """Dyzo staff and policy staff read the reports."""
    return user.is_authenticated and (user.is_staff or user.groups.filter(name=POLICY_GROUP).exists())


def coordinators():
    """The active Dyzo coordinators, whom the portal tells about new work and agreements running out."""
    return get_user_model().objects.filter(is_staff=True, is_active=True, groups__name=COORDINATOR_GROUP)


def is_coordinator(user) -> bool:
    return user.is_staff and user.groups.filter(name=COORDINATOR_GROUP).exists()
