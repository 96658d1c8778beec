from django.urls import path

from . import views

app_name = "funding"

urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("new/<int:participant_pk>/", views.plan_new, name="plan_new"),
    path("<int:pk>/", views.plan_detail, name="plan_detail"),
    path("<int:pk>/submit/", views.plan_submit, name="plan_submit"),
    path("<int:pk>/decide/", views.plan_decide, name="plan_decide"),
    path("<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("<int:pk>/delete/", views.plan_delete, name="plan_delete"),
    path("<int:pk>/close/", views.plan_close, name="plan_close"),
    path("cheques/<int:pk>/cancel/", views.cheque_cancel, name="cheque_cancel"),
    path("cheques/<int:pk>/letter.pdf", views.cheque_letter, name="cheque_letter"),
    path("cheques/<int:pk>/new-code/", views.cheque_new_code, name="cheque_new_code"),
    path("budget/", views.budget, name="budget"),
    path("budget/<int:pk>/allocate/", views.allocate, name="allocate"),
]
