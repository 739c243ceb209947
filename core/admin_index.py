"""The admin index ordered by task: the project's apps first, the sign-in machinery last."""

TASK_APPS = ["partnerships", "cases", "trainings", "reports"]
TECHNICAL_APPS = ["core", "auth", "axes", "otp_totp", "otp_static"]  # API tokens are under core (core.models.ApiToken)


def task_order(app: dict) -> tuple[int, int, str]:
    label = app["app_label"]
    if label in TASK_APPS:
        return (0, TASK_APPS.index(label), "")
    if label in TECHNICAL_APPS:
        return (2, TECHNICAL_APPS.index(label), "")
    return (1, 0, str(app["name"]))


def order_by_task(site) -> None:
    """Wrap `site.get_app_list`, keeping the site (and its URLs) Django's own."""
    django_order = site.get_app_list

    def get_app_list(request, app_label=None):
        return sorted(django_order(request, app_label), key=task_order)

    site.get_app_list = get_app_list
