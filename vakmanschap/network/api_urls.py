from django.urls import path

from . import api

app_name = "network_api"

urlpatterns = [
    path("employers/<int:pk>", api.EmployerView.as_view(), name="employer"),
]
