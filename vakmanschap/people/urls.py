from django.urls import path

from . import views

app_name = "people"

# The resident's own page (`mine/`) is composed in from ui (it reads plans and cheques).

urlpatterns = [
    path("sign-up/", views.sign_up, name="sign_up"),
    path("sign-up/sent/", views.sign_up_sent, name="sign_up_sent"),
    path("people/", views.caseload, name="caseload"),
    path("people/new/", views.register, name="register"),
    path("people/<int:pk>/", views.detail, name="detail"),
    path("people/<int:pk>/triage/", views.triage, name="triage"),
    path("people/<int:pk>/transfer/", views.transfer, name="transfer"),
    path("people/transfers/", views.transfers, name="transfers"),
    path("people/duplicates/<int:pk>/", views.decide_duplicate, name="decide_duplicate"),
]
