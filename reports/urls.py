from django.urls import path

from reports import drilldown_views, views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("kaart/", views.map_page, name="map"),
    path("evolutie/", views.trend_page, name="trend"),
    path("datakwaliteit/", views.quality_page, name="quality"),
    path("antwoord/<slug:slug>/", views.answer_page, name="answer"),
    path("antwoord/<slug:slug>/bevriezen/", views.freeze_answer, name="freeze"),
    path("bevroren/<int:frozen_id>/", views.frozen_answer, name="frozen"),
    path("cijfer/<slug:name>/", views.figure_page, name="figure"),
    path("pdf/<uuid:job_id>/", views.pdf_job_status, name="pdf_job"),
    path("pdf/<uuid:job_id>/download/", views.pdf_job_download, name="pdf_job_download"),
    path("cijfer/<slug:name>/cel/<int:row>/<str:column>/", drilldown_views.cell, name="drilldown"),
    path(
        "bevroren/<int:frozen_id>/cijfer/<slug:name>/cel/<int:row>/<str:column>/",
        drilldown_views.frozen_cell,
        name="frozen_drilldown",
    ),
]
