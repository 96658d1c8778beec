from django.urls import path

from . import api

app_name = "vacancies_api"

urlpatterns = [
    path("employers/<int:pk>/vacancies", api.VacancyListView.as_view(), name="vacancies"),
]
