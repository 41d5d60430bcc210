from django.urls import path

from kompass.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("utvarderingar/", views.home, name="evaluations"),
    path("utvarderingar/<slug:key>/", views.evaluation, name="evaluation"),
]
