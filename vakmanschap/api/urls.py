from django.urls import include, path

from . import routes, views

app_name = "api"

urlpatterns = [
    path("auth/token", views.TokenView.as_view(), name="token"),
    path("me", views.MeView.as_view(), name="me"),
    path("schema/", views.SchemaView.as_view(), name="schema"),
    *routes.urlpatterns(),  # endpoints the apps above registered in their ready()
    path("", include("vakmanschap.funding.api_urls")),
    path("", include("vakmanschap.delivery.api_urls")),
]
