from django.urls import path

from cases import views

app_name = "cases"

urlpatterns = [
    path("hulp/", views.help_request, name="help_request"),
    path("hulp/bedankt/", views.help_thanks, name="help_thanks"),
    path("dossiers/", views.case_list, name="list"),
    path("dossiers/<int:case_id>/", views.case_detail, name="detail"),
    path("dossiers/<int:case_id>/status/", views.case_transition, name="transition"),
    path("dossiers/<int:case_id>/doorgeven/", views.case_refer_to_local_authority, name="refer_to_local_authority"),
    path("dossiers/<int:case_id>/rapport/", views.case_report_generate, name="report_generate"),
    path("dossiers/<int:case_id>/rapport/<int:version>/", views.case_report_download, name="report_download"),
]
