"""Vacancy pages and the lines under the routes, under `/network/` in the `network` URL namespace
(see `vakmanschap/urls.py`)."""

from django.urls import path

from . import views

urlpatterns = [
    path("employers/<int:pk>/vacancies/", views.vacancy_list, name="vacancies"),
    path("employers/<int:pk>/vacancies/new/", views.vacancy_new, name="vacancy_new"),
    path("vacancies/<int:pk>/", views.vacancy_detail, name="vacancy_detail"),
    path("vacancies/<int:pk>/edit/", views.vacancy_edit, name="vacancy_edit"),
    path("vacancies/<int:pk>/delete/", views.vacancy_delete, name="vacancy_delete"),
    path("vacancy-matches/<int:pk>/done/", views.match_done, name="match_done"),
    path("participants/<int:pk>/route-extras/", views.route_extras, name="route_extras"),
    path("participants/<int:pk>/language/", views.language_profile, name="language_profile"),
    path("me/preferences/", views.my_preferences, name="my_preferences"),
]
