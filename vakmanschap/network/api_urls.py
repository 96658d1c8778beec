from django.urls import path

from . import api

app_name = "network_api"

urlpatterns = [
    path("employers/<int:pk>", api.EmployerView.as_view(), name="employer"),
    path("employers/<int:pk>/vacancies", api.VacancyListView.as_view(), name="vacancies"),
    path("employers/<int:pk>/nominations", api.NominationListView.as_view(), name="nominations"),
]
