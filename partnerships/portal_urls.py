from django.urls import path

from partnerships import portal_views as views

app_name = "portal"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("dossiers/", views.case_list, name="cases"),
    path("dossiers/nieuw/", views.new_referral, name="referral"),
    path("dossiers/<int:case_id>/", views.case_detail, name="case"),
    path("dossiers/<int:case_id>/rapport/<int:version>/", views.case_report, name="case_report"),
    path("akkoorden/<int:case_id>/", views.approve, name="approve"),
    path("jaaroverzicht/", views.yearly_summary, name="summary"),
]
