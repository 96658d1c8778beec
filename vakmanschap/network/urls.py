from django.urls import path

from . import views, work_views

app_name = "network"

urlpatterns = [
    path("", views.network_public, name="public"),
    path("employers/", views.employer_list, name="employer_list"),
    path("employers/register/", views.employer_register, name="register"),
    path("employers/<int:pk>/", views.employer_detail, name="employer_detail"),
    path("employers/<int:pk>/edit/", views.employer_edit, name="employer_edit"),
    path("employers/<int:pk>/invite/", views.staff_invite, name="invite"),
    path("employers/<int:pk>/pledge/", views.membership_edit, name="membership"),
    path("invitation/<str:token>/", views.accept_invitation, name="accept_invitation"),
    # Employer-backed training, vacancies and the lines under a participant's routes.
    path("employers/<int:pk>/nominations/", work_views.nomination_list, name="nominations"),
    path("employers/<int:pk>/nominations/new/", work_views.nominate, name="nominate"),
    path("nomination/<str:token>/", work_views.nomination_respond, name="nomination_respond"),
    path("employers/<int:pk>/vacancies/", work_views.vacancy_list, name="vacancies"),
    path("employers/<int:pk>/vacancies/new/", work_views.vacancy_new, name="vacancy_new"),
    path("vacancies/<int:pk>/", work_views.vacancy_detail, name="vacancy_detail"),
    path("vacancies/<int:pk>/edit/", work_views.vacancy_edit, name="vacancy_edit"),
    path("vacancies/<int:pk>/delete/", work_views.vacancy_delete, name="vacancy_delete"),
    path("vacancy-matches/<int:pk>/done/", work_views.match_done, name="match_done"),
    path("participants/<int:pk>/route-extras/", work_views.route_extras, name="route_extras"),
    path("participants/<int:pk>/language/", work_views.language_profile, name="language_profile"),
    path("me/preferences/", work_views.my_preferences, name="my_preferences"),
]
