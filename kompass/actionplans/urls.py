from django.urls import path

from kompass.actionplans import views

app_name = "actionplans"
urlpatterns = [
    path("<slug:key>/", views.plan_page, name="plan"),
    path("<slug:key>/skapa/", views.create_plan, name="create"),
    path("<slug:key>/publicera/", views.set_public, name="publish"),
    path("<slug:key>/punkt/<int:finding_id>/atgard/", views.add_action, name="add_action"),
    path("<slug:key>/punkt/<int:finding_id>/prioritet/", views.set_priority, name="priority"),
    path("<slug:key>/atgard/<int:action_id>/", views.edit_action, name="edit_action"),
    path("<slug:key>/atgard/<int:action_id>/anteckning/", views.add_note, name="add_note"),
    path("<slug:key>/oversikt/", views.overview, name="overview"),
    path("<slug:key>/uppfoljning/", views.followup, name="followup"),
    path("<slug:key>/export.<str:fmt>", views.export, name="export"),
]
