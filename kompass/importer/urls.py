from django.urls import path

from kompass.importer import views

app_name = "importer"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("ko/<uuid:batch>/", views.batch, name="batch"),
    path("ko/<uuid:batch>/status/", views.batch_status, name="batch_status"),
    path("<uuid:pk>/", views.review, name="review"),
    path("<uuid:pk>/ratta/", views.correct, name="correct"),
    path("<uuid:pk>/bekrafta/", views.confirm, name="confirm"),
]
