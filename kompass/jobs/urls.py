from django.urls import path

from kompass.jobs import views

app_name = "jobs"
urlpatterns = [
    path("<int:job_id>/", views.job_page, name="job"),
    path("<int:job_id>/status/", views.job_status, name="status"),
    path("<int:job_id>/fil/", views.job_file, name="file"),
    path("rapporter/", views.published_reports, name="published_reports"),
]
