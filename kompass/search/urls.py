from django.urls import path

from kompass.search import views

app_name = "search"
urlpatterns = [
    path("", views.search_page, name="search"),
    path("forebilder/<slug:key>/", views.role_models_page, name="role_models"),
]
