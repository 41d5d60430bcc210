from django.contrib import admin
from django.urls import include, path

from kompass.core.views import health_check

admin.site.site_header = "kompass – administration"
admin.site.site_title = "kompass"
admin.site.index_title = "Administration"

# One prefix per app, so a newcomer finds a page's code from its address.
urlpatterns = [
    path("admin/", admin.site.urls),
    path("konto/", include("kompass.accounts.urls")),
    path("arbete/", include("kompass.evaluations.urls")),  # the team's and the municipality's work
    path("bedomning/", include("kompass.assessment.urls")),  # scoring, consensus, writing, history
    path("rapporter/", include("kompass.reports.urls")),
    path("import/", include("kompass.importer.urls")),
    path("goda-exempel/", include("kompass.search.urls")),
    path("handlingsplaner/", include("kompass.actionplans.urls")),
    path("api/", include("kompass.api.urls")),
    path("jobb/", include("kompass.jobs.urls")),  # background jobs a person follows
    path("halsa/", health_check, name="health"),  # for the proxy and monitoring (docs/deployment.md)
    path("", include("kompass.portal.urls")),  # public pages
]

# Swedish error pages in the site's layout (kompass/core/errors.py).
handler400 = "kompass.core.errors.bad_request"
handler403 = "kompass.core.errors.permission_denied"
handler404 = "kompass.core.errors.page_not_found"
handler500 = "kompass.core.errors.server_error"
