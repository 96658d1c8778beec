from django.urls import path

from . import views

app_name = "followup"

urlpatterns = [
    path("", views.open_follow_ups, name="open"),
    path("<int:pk>/phone/", views.record_by_phone, name="phone"),
    path("answer/<str:token>/", views.answer, name="answer"),
]
