from django.urls import path

from . import views

app_name = "delivery"

urlpatterns = [
    # Provider portal
    path("", views.portal, name="portal"),
    path("redeem/", views.redeem_cheque, name="redeem"),
    path("cheques/<int:pk>/", views.cheque_detail, name="cheque"),
    path("cheques/<int:pk>/invoice/", views.invoice_new, name="invoice_new"),
    path("cheques/<int:pk>/<slug:action>/", views.cheque_action, name="cheque_action"),
    path("cheques/<int:pk>/certificate.pdf", views.certificate, name="certificate"),
    # Invoices (provider, fund officer, finance officer)
    path("invoices/<int:pk>/", views.invoice_detail, name="invoice"),
    path("invoices/<int:pk>/check/", views.invoice_check, name="invoice_check"),
    path("invoices/<int:pk>/approve/", views.invoice_approve, name="invoice_approve"),
    path("invoices/<int:pk>/reject/", views.invoice_reject, name="invoice_reject"),
    # Fund officer
    path("fund/invoices/", views.check_list, name="check_list"),
    path("fund/needs-action/", views.needs_action, name="needs_action"),
    # Finance officer
    path("finance/invoices/", views.approve_list, name="approve_list"),
    path("finance/batches/", views.batches, name="batches"),
    path("finance/batches/<int:pk>/", views.batch_detail, name="batch"),
    path("finance/batches/<int:pk>/pain001.xml", views.batch_xml, name="batch_xml"),
    path("finance/batches/<int:pk>/paid/", views.batch_paid, name="batch_paid"),
    path(
        "finance/recoveries/<int:pk>/received/", views.recovery_received, name="recovery_received"
    ),
    path("finance/providers/<int:pk>/iban/", views.provider_iban, name="provider_iban"),
    path(
        "finance/iban-changes/<int:pk>/decide/",
        views.decide_iban_change,
        name="decide_iban_change",
    ),
]
