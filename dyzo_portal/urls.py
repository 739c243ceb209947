from django.contrib import admin
from django.urls import include, path

from dyzo_portal.views import home

urlpatterns = [
    path("", home, name="home"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("account/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("rapporten/", include("reports.urls")),
    path("partner/", include("partnerships.portal_urls")),
    path("", include("cases.urls")),
]
