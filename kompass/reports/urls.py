from django.urls import path

from kompass.reports import views

app_name = "reports"
urlpatterns = [
    path("<slug:key>/", views.report_page, name="report"),
    path("<slug:key>/kortfakta/", views.key_facts, name="key_facts"),
    path("<slug:key>/ladda-ner/<str:fmt>/", views.download, name="download"),
]
