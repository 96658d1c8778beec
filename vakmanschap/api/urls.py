from django.urls import path

from . import views

app_name = "api"

urlpatterns = [
    path("auth/token", views.TokenView.as_view(), name="token"),
    path("me", views.MeView.as_view(), name="me"),
    path("schema/", views.SchemaView.as_view(), name="schema"),
]
