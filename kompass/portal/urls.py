from django.urls import path

from kompass.portal import embed, views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("utvarderingar/", views.evaluations, name="evaluations"),
    path("utvarderingar/<slug:key>/", views.evaluation, name="evaluation"),
    path("kommuner/<slug:code>/", views.municipality, name="municipality"),
    path("jamfor/", views.compare, name="compare"),
    path("genomsnitt/", views.averages, name="averages"),
    path("rangordning/", views.rankings, name="rankings"),
    path("jamfor/excel/", views.compare_excel, name="compare_excel"),
    path("oppna-data/", views.open_data, name="open_data"),
    path("oppna-data/kommunkompassen-resultat-excel.csv", views.open_data_excel_csv, name="open_data_excel_csv"),
    path(
        "oppna-data/kommunkompassen-resultat-<slug:version>-excel.csv",
        views.open_data_excel_csv,
        name="open_data_excel_csv",
    ),
    path("oppna-data/kommunkompassen-resultat.csv", views.open_data_csv, name="open_data_csv"),
    path("oppna-data/kommunkompassen-resultat.json", views.open_data_json, name="open_data_json"),
    path("oppna-data/kommunkompassen-resultat-<slug:version>.csv", views.open_data_csv, name="open_data_csv"),
    path("oppna-data/kommunkompassen-resultat-<slug:version>.json", views.open_data_json, name="open_data_json"),
    path("inbaddning/<slug:code>.svg", embed.chart_svg, name="embed_svg"),
    path("inbaddning/<slug:code>.png", embed.chart_png, name="embed_png"),
]
