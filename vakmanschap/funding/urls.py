from django.urls import path

from . import views

app_name = "funding"

urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("new/<int:participant_pk>/", views.plan_new, name="plan_new"),
    path("<int:pk>/", views.plan_detail, name="plan_detail"),
    path("<int:pk>/submit/", views.plan_submit, name="plan_submit"),
    path("<int:pk>/decide/", views.plan_decide, name="plan_decide"),
    path("cheques/<int:pk>/letter.pdf", views.cheque_letter, name="cheque_letter"),
    path("cheques/<int:pk>/new-code/", views.cheque_new_code, name="cheque_new_code"),
    path("budget/", views.budget, name="budget"),
    path("budget/<int:pk>/allocate/", views.allocate, name="allocate"),
]
