from django.urls import path

from . import resident, views

app_name = "ui"

urlpatterns = [
    path("", views.home, name="home"),
    path("start/", views.start, name="start"),
    path("about/", views.about, name="about"),
    path("how-it-works/", views.how_it_works, name="how_it_works"),
    path("who-can-apply/", views.who_can_apply, name="who_can_apply"),
    path("contact/", views.contact, name="contact"),
    path("privacy-statement/", views.privacy_statement, name="privacy_statement"),
    path(
        "privacy-statement/<str:version>/",
        views.privacy_statement,
        name="privacy_statement_version",
    ),
    path("accessibility/", views.accessibility_statement, name="accessibility_statement"),
]

# Served in the `people` namespace (people:mine), where the rest of the resident's pages are.
resident_pages = [path("mine/", resident.my_route, name="mine")]
