from django.urls import path

from . import api

app_name = "monitor_api"

urlpatterns = [
    path("monitor/summary", api.MonitorSummaryView.as_view(), name="summary"),
    path("open-data/summary", api.OpenDataSummaryView.as_view(), name="open_data"),
]
