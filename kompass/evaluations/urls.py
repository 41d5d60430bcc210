from django.urls import path

from kompass.evaluations.views import evidence, questionnaire, visit, workspace

app_name = "evaluations"
urlpatterns = [
    path("", workspace.mine, name="mine"),
    path("ny/", workspace.create, name="create"),
    path("<slug:key>/", workspace.workspace, name="workspace"),
    path("<slug:key>/status/", workspace.move, name="move"),
    path("<slug:key>/fragor/", questionnaire.questionnaire, name="questionnaire"),
    path("<slug:key>/fragor/omrade/<int:number>/", questionnaire.questionnaire_area, name="questionnaire_area"),
    path("<slug:key>/fragor/dokument/", questionnaire.upload_document, name="upload_document"),
    path("<slug:key>/fragor/dokument/<int:pk>/", questionnaire.download_document, name="download_document"),
    path("<slug:key>/fragor/dokument/<int:pk>/ta-bort/", questionnaire.delete_document, name="delete_document"),
    path("<slug:key>/fragor/forslag/", questionnaire.propose, name="propose"),
    path("<slug:key>/fragor/forslag/<int:pk>/ta-bort/", questionnaire.withdraw_proposal, name="withdraw_proposal"),
    path("<slug:key>/fragor/skicka-in/", questionnaire.submit_questionnaire, name="submit_questionnaire"),
    path("<slug:key>/fragor/oppna-igen/", questionnaire.reopen_questionnaire, name="reopen_questionnaire"),
    path("<slug:key>/besok/", visit.visit, name="visit"),
    path("<slug:key>/besok/pm/", visit.visit_memo, name="visit_memo"),
    path("<slug:key>/besok/grupp/<int:pk>/", visit.visit_group, name="visit_group"),
    path("<slug:key>/besok/grupp/<int:pk>/ta-bort/", visit.delete_group, name="delete_group"),
    path("<slug:key>/besok/grupp/<int:pk>/deltagare/", visit.add_participant, name="add_participant"),
    path("<slug:key>/besok/deltagare/<int:pk>/ta-bort/", visit.remove_participant, name="remove_participant"),
    path("<slug:key>/besok/forslag/<int:pk>/lagg-till/", visit.accept_proposal, name="accept_proposal"),
    path("<slug:key>/underlag/", evidence.evidence, name="evidence"),
    path("<slug:key>/underlag/tackning/", evidence.coverage, name="coverage"),
    path("<slug:key>/personuppgifter/", workspace.personal_data, name="personal_data"),
    path("<slug:key>/personuppgifter/ta-bort/", workspace.erase_personal_data, name="erase_personal_data"),
    path("<slug:key>/underlag/<slug:source>/", evidence.add_evidence, name="add_evidence"),
    path("<slug:key>/underlag/<slug:source>/<int:pk>/", evidence.edit_evidence, name="edit_evidence"),
    path("<slug:key>/underlag/<slug:source>/<int:pk>/ta-bort/", evidence.delete_evidence, name="delete_evidence"),
]
