from django.urls import path

from kompass.api import views
from kompass.api.api import api

app_name = "api"
urlpatterns = [
    path("docs/", views.docs, name="docs"),
    *api.urls[0],
]
