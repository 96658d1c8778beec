from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("vakmanschap.core.urls")),
    path("", include("vakmanschap.people.urls")),
    path("conversations/", include("vakmanschap.guidance.urls")),
    path("plans/", include("vakmanschap.funding.urls")),
    path("account/", include("vakmanschap.accounts.urls")),
    path("organisations/", include("vakmanschap.organisations.urls")),
    path("catalogue/", include("vakmanschap.catalogue.urls")),
    path("provider/", include("vakmanschap.delivery.urls")),
    path("esco/", include("vakmanschap.esco.urls")),
    path("skills/", include("vakmanschap.skills.urls")),
    path("audit/", include("vakmanschap.audit.urls")),
    path("network/", include("vakmanschap.network.urls")),
    path("scan/", include("vakmanschap.scan.urls")),
    path("api/v1/", include("vakmanschap.api.urls")),
    path("api/v1/", include("vakmanschap.network.api_urls")),
    path("api/v1/", include("vakmanschap.scan.api_urls")),
    path("privacy/", include("vakmanschap.privacy.urls")),
    path("needs-action/", include("vakmanschap.notifications.urls")),
    path("exports/", include("vakmanschap.exports.urls")),
    path("oversight/", include("vakmanschap.oversight.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "vakmanschap.core.errors.permission_denied"
handler404 = "vakmanschap.core.errors.page_not_found"
handler500 = "vakmanschap.core.errors.server_error"
