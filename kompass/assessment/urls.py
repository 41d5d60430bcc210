from django.urls import path

from kompass.assessment import views

app_name = "assessment"
urlpatterns = [
    path("<slug:key>/poang/", views.scoring_overview, name="scoring"),
    path("<slug:key>/poang/summor/", views.running_sums, name="running_sums"),
    path("<slug:key>/poang/<int:number>/", views.scoring_area, name="scoring_area"),
    path("<slug:key>/poang/<int:number>/lamna-in/", views.submit_area, name="submit_area"),
    path("<slug:key>/poang/<int:number>/gemensam/", views.consensus, name="consensus"),
    path("<slug:key>/text/", views.writing_overview, name="writing"),
    path("<slug:key>/text/<int:number>/", views.writing_area, name="writing_area"),
    path("<slug:key>/text/<int:number>/allmant/", views.save_general, name="save_general"),
    path("<slug:key>/text/<int:number>/delomrade/<int:subarea>/", views.save_subarea, name="save_subarea"),
    path("<slug:key>/text/<int:number>/punkter/ny/", views.add_finding, name="add_finding"),
    path("<slug:key>/text/<int:number>/punkter/<int:pk>/", views.edit_finding, name="edit_finding"),
    path("<slug:key>/text/<int:number>/punkter/<int:pk>/ta-bort/", views.delete_finding, name="delete_finding"),
    path("<slug:key>/text/<int:number>/punkter/<int:pk>/flytta/", views.move_finding, name="move_finding"),
    path("<slug:key>/text/<int:number>/kommuner/ny/", views.add_reference, name="add_reference"),
    path("<slug:key>/text/<int:number>/kommuner/<int:pk>/ta-bort/", views.delete_reference, name="delete_reference"),
    path("<slug:key>/historik/", views.history, name="history"),
]
