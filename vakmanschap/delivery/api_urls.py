from django.urls import path

from . import api

urlpatterns = [
    path("cheques/<int:pk>/start", api.StartView.as_view(), name="api-cheque-start"),
    path("cheques/<int:pk>/attendance", api.AttendanceView.as_view(), name="api-cheque-attendance"),
    path("cheques/<int:pk>/complete", api.CompleteView.as_view(), name="api-cheque-complete"),
    path("cheques/<int:pk>/drop-out", api.DropOutView.as_view(), name="api-cheque-drop-out"),
    path("invoices", api.InvoicesView.as_view(), name="api-invoices"),
    path("invoices/<int:pk>/check", api.CheckInvoiceView.as_view(), name="api-invoice-check"),
    path("invoices/<int:pk>/approve", api.ApproveInvoiceView.as_view(), name="api-invoice-approve"),
]
