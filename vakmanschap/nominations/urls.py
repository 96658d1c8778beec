"""Nomination pages, under `/network/` in the `network` URL namespace (see `vakmanschap/urls.py`)."""

from django.urls import path

from . import views

urlpatterns = [
    path("employers/<int:pk>/nominations/", views.nomination_list, name="nominations"),
    path("employers/<int:pk>/nominations/new/", views.nominate, name="nominate"),
    path("nominations/<int:pk>/outcome/", views.nomination_outcome, name="nomination_outcome"),
    path("nomination/<str:token>/", views.nomination_respond, name="nomination_respond"),
]
