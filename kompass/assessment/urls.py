from django.urls import path

from kompass.assessment import views

app_name = "assessment"
urlpatterns = [
    path("<slug:key>/poang/", views.scoring_overview, name="scoring"),
    path("<slug:key>/poang/summor/", views.running_sums, name="running_sums"),
    path("<slug:key>/poang/<int:number>/", views.scoring_area, name="scoring_area"),
    path("<slug:key>/text/", views.writing_overview, name="writing"),
    path("<slug:key>/text/<int:number>/", views.writing_area, name="writing_area"),
    path("<slug:key>/historik/", views.history, name="history"),
]
