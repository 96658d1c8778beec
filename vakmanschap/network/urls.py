"""The employers' pages. Mounted with the nomination and vacancy pages under `/network/` and one
URL namespace, `network` (see `vakmanschap/urls.py`)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.network_public, name="public"),
    path("employers/", views.employer_list, name="employer_list"),
    path("employers/register/", views.employer_register, name="register"),
    path("employers/<int:pk>/", views.employer_detail, name="employer_detail"),
    path("employers/<int:pk>/edit/", views.employer_edit, name="employer_edit"),
    path("employers/<int:pk>/invite/", views.staff_invite, name="invite"),
    path("employers/<int:pk>/pledge/", views.membership_edit, name="membership"),
    path(
        "employers/<int:pk>/eherkenning/<int:link_pk>/confirm/",
        views.confirm_eherkenning,
        name="confirm_eherkenning",
    ),
    path("employers/<int:pk>/approve/", views.approve_registration, name="approve_registration"),
    path("invitation/<str:token>/", views.accept_invitation, name="accept_invitation"),
]
