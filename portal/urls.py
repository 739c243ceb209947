from django.urls import path

from portal import member_views, training_views, views

app_name = "portal"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("dossiers/", views.case_list, name="cases"),
    path("dossiers/nieuw/", views.new_referral, name="referral"),
    path("dossiers/<int:case_id>/", views.case_detail, name="case"),
    path("dossiers/<int:case_id>/rapport/<int:version>/", views.case_report, name="case_report"),
    path("akkoorden/<int:case_id>/", views.approve, name="approve"),
    path("jaaroverzicht/", views.yearly_summary, name="summary"),
    path("opleidingen/", training_views.trainings, name="trainings"),
    path("opleidingen/<int:session_id>/inschrijven/", training_views.register, name="training_register"),
    path("opleidingen/inschrijvingen/<int:registration_id>/annuleren/", training_views.cancel, name="training_cancel"),
    path("opleidingen/gevolgd/", training_views.history, name="training_history"),
    path("collegas/", member_views.members, name="members"),
    path("collegas/uitnodigen/", member_views.invite, name="invite"),
    path("collegas/<int:membership_id>/deactiveren/", member_views.deactivate, name="deactivate"),
    path("uitnodiging/<uidb64>/<token>/", member_views.accept_invitation, name="accept_invitation"),
    path("meldingen/", member_views.notification_settings, name="notifications"),
]
