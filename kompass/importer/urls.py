from django.urls import path

from kompass.importer import views

app_name = "importer"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("<uuid:pk>/", views.preview, name="preview"),
    path("<uuid:pk>/bekrafta/", views.confirm, name="confirm"),
]
