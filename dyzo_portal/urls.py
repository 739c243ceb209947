from django.contrib import admin
from django.contrib.auth.views import LoginView
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from core.account_views import PasswordResetView, api_tokens_page, backup_codes_page, revoke_api_token
from core.notification_settings import notification_settings
from core.security import SignInForm
from core.two_factor import replace_authenticator, two_factor
from portal.views import home
from reports.search_views import search_page

urlpatterns = [
    path("", home, name="home"),
    # Browsers ask for /favicon.ico on pages without a <link rel="icon"> (PDFs, the API's JSON). Lazy: the static
    # file's hashed name is known only once the storage is configured; not permanent, as the hash changes.
    path("favicon.ico", RedirectView.as_view(url=lazy(static, str)("favicon.ico")), name="favicon"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("account/2fa/", two_factor, name="two_factor"),
    path("account/meldingen/", notification_settings, name="notifications"),
    path("account/2fa/reservecodes/", backup_codes_page, name="backup_codes"),
    path("account/2fa/nieuwe-app/", replace_authenticator, name="replace_authenticator"),
    path("account/api-sleutels/", api_tokens_page, name="api_tokens"),
    path("account/api-sleutels/intrekken/", revoke_api_token, name="api_token_revoke"),
    path("account/password_reset/", PasswordResetView.as_view(), name="password_reset"),
    path("account/login/", LoginView.as_view(authentication_form=SignInForm), name="login"),
    path("account/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("zoeken/", search_page, name="staff_search"),
    path("rapporten/", include("reports.urls")),
    path("partner/", include("portal.urls")),
    path("api/v1/", include("dyzo_portal.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
    path("", include("cases.urls")),
]
