from django.urls import path

from . import api

app_name = "scan_api"

urlpatterns = [
    path("scan/questionnaire", api.QuestionnaireView.as_view(), name="questionnaire"),
    path("employers/<int:pk>/scans", api.ScansView.as_view(), name="scans"),
    path("employers/<int:pk>/scan-report", api.ScanReportView.as_view(), name="report"),
]
