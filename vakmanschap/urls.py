from django.contrib import admin
from django.urls import include, path

from vakmanschap.network.urls import urlpatterns as employer_pages
from vakmanschap.nominations.urls import urlpatterns as nomination_pages
from vakmanschap.people.urls import urlpatterns as participant_pages
from vakmanschap.ui.urls import resident_pages
from vakmanschap.vacancies.urls import urlpatterns as vacancy_pages

# Three apps, one area of the site: their pages share `/network/` and the `network` namespace.
network_pages = (employer_pages + nomination_pages + vacancy_pages, "network")
# The resident's own page lives in ui (it reads plans and cheques) but belongs to `people`.
people_pages = (participant_pages + resident_pages, "people")

urlpatterns = [
    path("", include("vakmanschap.core.urls")),
    path("", include("vakmanschap.ui.urls")),
    path("", include(people_pages)),
    path("conversations/", include("vakmanschap.guidance.urls")),
    path("plans/", include("vakmanschap.funding.urls")),
    path("account/", include("vakmanschap.accounts.urls")),
    path("organisations/", include("vakmanschap.organisations.urls")),
    path("catalogue/", include("vakmanschap.catalogue.urls")),
    path("provider/", include("vakmanschap.delivery.urls")),
    path("esco/", include("vakmanschap.esco.urls")),
    path("skills/", include("vakmanschap.skills.urls")),
    path("audit/", include("vakmanschap.audit.urls")),
    path("network/", include(network_pages)),
    path("scan/", include("vakmanschap.scan.urls")),
    path("follow-up/", include("vakmanschap.followup.urls")),
    path("", include("vakmanschap.monitor.urls")),
    path("api/v1/", include("vakmanschap.api.urls")),
    path("api/v1/", include("vakmanschap.network.api_urls")),
    path("api/v1/", include("vakmanschap.nominations.api_urls")),
    path("api/v1/", include("vakmanschap.vacancies.api_urls")),
    path("api/v1/", include("vakmanschap.scan.api_urls")),
    path("api/v1/", include("vakmanschap.monitor.api_urls")),
    path("privacy/", include("vakmanschap.privacy.urls")),
    path("needs-action/", include("vakmanschap.notifications.urls")),
    path("exports/", include("vakmanschap.exports.urls")),
    path("oversight/", include("vakmanschap.oversight.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "vakmanschap.core.errors.bad_request"
handler403 = "vakmanschap.core.errors.permission_denied"
handler404 = "vakmanschap.core.errors.page_not_found"
handler500 = "vakmanschap.core.errors.server_error"
