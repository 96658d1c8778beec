from django.urls import include, path

from vakmanschap.catalogue.api import CoursesView
from vakmanschap.people.api import ParticipantsView

from . import views

app_name = "api"

urlpatterns = [
    path("auth/token", views.TokenView.as_view(), name="token"),
    path("me", views.MeView.as_view(), name="me"),
    path("schema/", views.SchemaView.as_view(), name="schema"),
    path("courses", CoursesView.as_view(), name="courses"),
    path("participants", ParticipantsView.as_view(), name="participants"),
    path("", include("vakmanschap.funding.api_urls")),
    path("", include("vakmanschap.delivery.api_urls")),
]
