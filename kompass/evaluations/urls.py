from django.urls import path

from kompass.evaluations import views

app_name = "evaluations"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("ny/", views.create, name="create"),
    path("<slug:key>/", views.workspace, name="workspace"),
    path("<slug:key>/status/", views.move, name="move"),
    path("<slug:key>/fragor/", views.questionnaire, name="questionnaire"),
    path("<slug:key>/fragor/omrade/<int:number>/", views.questionnaire_area, name="questionnaire_area"),
    path("<slug:key>/fragor/dokument/", views.upload_document, name="upload_document"),
    path("<slug:key>/fragor/dokument/<int:pk>/", views.download_document, name="download_document"),
    path("<slug:key>/fragor/dokument/<int:pk>/ta-bort/", views.delete_document, name="delete_document"),
    path("<slug:key>/fragor/forslag/", views.propose, name="propose"),
    path("<slug:key>/fragor/forslag/<int:pk>/ta-bort/", views.withdraw_proposal, name="withdraw_proposal"),
    path("<slug:key>/fragor/skicka-in/", views.submit_questionnaire, name="submit_questionnaire"),
    path("<slug:key>/fragor/oppna-igen/", views.reopen_questionnaire, name="reopen_questionnaire"),
    path("<slug:key>/besok/", views.visit, name="visit"),
    path("<slug:key>/besok/pm/", views.visit_memo, name="visit_memo"),
    path("<slug:key>/besok/grupp/<int:pk>/", views.visit_group, name="visit_group"),
    path("<slug:key>/besok/grupp/<int:pk>/ta-bort/", views.delete_group, name="delete_group"),
    path("<slug:key>/besok/grupp/<int:pk>/deltagare/", views.add_participant, name="add_participant"),
    path("<slug:key>/besok/deltagare/<int:pk>/ta-bort/", views.remove_participant, name="remove_participant"),
    path("<slug:key>/besok/forslag/<int:pk>/lagg-till/", views.accept_proposal, name="accept_proposal"),
    path("<slug:key>/underlag/", views.evidence, name="evidence"),
    path("<slug:key>/underlag/tackning/", views.coverage, name="coverage"),
    path("<slug:key>/personuppgifter/", views.personal_data, name="personal_data"),
    path("<slug:key>/personuppgifter/ta-bort/", views.erase_personal_data, name="erase_personal_data"),
    path("<slug:key>/underlag/<slug:source>/", views.add_evidence, name="add_evidence"),
    path("<slug:key>/underlag/<slug:source>/<int:pk>/", views.edit_evidence, name="edit_evidence"),
    path("<slug:key>/underlag/<slug:source>/<int:pk>/ta-bort/", views.delete_evidence, name="delete_evidence"),
]
