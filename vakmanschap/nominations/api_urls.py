from django.urls import path

from . import api

app_name = "nominations_api"

urlpatterns = [
    path("employers/<int:pk>/nominations", api.NominationListView.as_view(), name="nominations"),
]
